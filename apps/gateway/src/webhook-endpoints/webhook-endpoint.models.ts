import { PageInfoModel } from '../common/graphql/connection.types.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WebhookEventType } from './webhook-event-type.js';

@ObjectType('WebhookEndpoint', { description: 'An endpoint of your application that receives signed events' })
export class WebhookEndpointModel {
  @Field(() => ID, { description: 'The endpoint id' }) @ApiProperty({ format: 'uuid' }) id!: string;
  @Field({ description: 'Where events are POSTed' })
  @ApiProperty({ example: 'https://app.example.com/hooks/wa' })
  url!: string;
  @Field(() => String, { nullable: true, description: 'Your note about it' })
  @ApiPropertyOptional({ nullable: true, type: String })
  description!: string | null;
  @Field(() => [WebhookEventType], { description: 'The event types delivered here; empty means all' })
  @ApiProperty({ enum: WebhookEventType, enumName: 'WebhookEventType', isArray: true })
  events!: WebhookEventType[];
  @Field({
    description:
      'Whether events are delivered; the gateway disables an endpoint that answers 410 or fails for 5 days',
  })
  @ApiProperty()
  enabled!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Why the gateway disabled it: `gone` (410) or `failing` (no success for 5 days)',
  })
  @ApiPropertyOptional({ nullable: true, enum: ['gone', 'failing'] })
  disabledReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the gateway disabled it' })
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  disabledAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'First failed attempt since the last success; null while healthy',
  })
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  failingSince!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Until when the secret before the last rotation still signs deliveries',
  })
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  previousSecretExpiresAt!: Date | null;
  @Field({ description: 'When it was registered' }) @ApiProperty() createdAt!: Date;
  @Field({ description: 'When it last changed' }) @ApiProperty() updatedAt!: Date;
}

@ObjectType('WebhookEndpointWithSecret', {
  description: 'An endpoint just created or rotated, with its signing secret: shown this once, store it now',
})
export class WebhookEndpointWithSecretModel extends WebhookEndpointModel {
  @Field({ description: 'The signing secret (`whsec_` + base64), for any Standard Webhooks library' })
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;
}

@ObjectType('WebhookDelivery', {
  description: 'One event for one endpoint, retried until it lands or gives up',
})
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'The delivery id (resend it by this id)' })
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @Field(() => ID, { description: 'The endpoint' }) @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @Field({ description: 'The `webhook-id` header: one per event, the same on every retry' })
  @ApiProperty({ example: 'evt_0b7c...' })
  webhookId!: string;
  @Field(() => WebhookEventType, { description: 'The event type' })
  @ApiProperty({ enum: WebhookEventType, enumName: 'WebhookEventType' })
  eventType!: WebhookEventType;
  @Field(() => ID, { description: 'The message, inbound message or verification it is about' })
  @ApiProperty({ format: 'uuid' })
  subjectId!: string;
  @Field({ description: '`pending`, `succeeded` or `failed` (gave up)' })
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status!: string;
  @Field(() => Int, { description: 'Attempts in the current schedule (a resend starts a new one)' })
  @ApiProperty()
  attempts!: number;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due' })
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  nextAttemptAt!: Date | null;
  @Field({ description: 'When the event happened' }) @ApiProperty() createdAt!: Date;
}

@ObjectType('WebhookAttempt', { description: 'One HTTP try of a delivery' })
export class WebhookAttemptModel {
  @Field(() => ID, { description: 'The attempt id' }) @ApiProperty({ format: 'uuid' }) id!: string;
  @Field(() => ID, { description: 'The delivery it belongs to' })
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;
  @Field(() => ID, { description: 'The endpoint' }) @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @Field({ description: 'The `webhook-id` header sent' }) @ApiProperty() webhookId!: string;
  @Field(() => WebhookEventType, { description: 'The event type' })
  @ApiProperty({ enum: WebhookEventType, enumName: 'WebhookEventType' })
  eventType!: WebhookEventType;
  @Field(() => ID, { description: 'The message, inbound message or verification it is about' })
  @ApiProperty({ format: 'uuid' })
  subjectId!: string;
  @Field({ description: 'When it was sent' }) @ApiProperty() at!: Date;
  @Field({ description: 'The URL it was sent to' }) @ApiProperty() url!: string;
  @Field(() => Int, { description: "The receiver's HTTP status; 0 when there was no answer" })
  @ApiProperty({ example: 200 })
  statusCode!: number;
  @Field(() => Int, { description: 'How long the answer took, in milliseconds' })
  @ApiProperty()
  durationMs!: number;
  @Field(() => String, { nullable: true, description: 'The first 1 KB of the answer' })
  @ApiPropertyOptional({ nullable: true, type: String })
  responseBody!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why there was no answer (timeout, connection error, refused address)',
  })
  @ApiPropertyOptional({ nullable: true, type: String })
  error!: string | null;
  @Field({ description: '`scheduled` or `manual` (resend, recover)' })
  @ApiProperty({ enum: ['scheduled', 'manual'] })
  trigger!: string;
}

/** REST's pageInfo of webhook lists; GraphQL uses the schema's one PageInfo type (same fields). */
export class WebhookPageInfoModel {
  @Field({ description: 'More items follow `endCursor`' }) @ApiProperty() hasNextPage!: boolean;
  @Field({ description: 'This page was asked for `after` a cursor' })
  @ApiProperty()
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the first item of the page' })
  @ApiPropertyOptional({ nullable: true, type: String })
  startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'The cursor of the last item; pass it as `after`' })
  @ApiPropertyOptional({ nullable: true, type: String })
  endCursor!: string | null;
}

@ObjectType('WebhookEndpointEdge', { description: 'An endpoint and its cursor' })
export class WebhookEndpointEdgeModel {
  @Field({ description: 'Opaque; pass it as `after`' }) @ApiProperty() cursor!: string;
  @Field(() => WebhookEndpointModel, { description: 'The endpoint' })
  @ApiProperty({ type: WebhookEndpointModel })
  node!: WebhookEndpointModel;
}

@ObjectType('WebhookEndpointConnection', { description: 'A page of endpoints, newest first' })
export class WebhookEndpointConnectionModel {
  @Field(() => [WebhookEndpointEdgeModel], { description: 'The endpoints with their cursors' })
  @ApiProperty({ type: [WebhookEndpointEdgeModel] })
  edges!: WebhookEndpointEdgeModel[];
  @Field(() => [WebhookEndpointModel], { description: 'The endpoints' })
  @ApiProperty({ type: [WebhookEndpointModel] })
  nodes!: WebhookEndpointModel[];
  @Field(() => PageInfoModel, { description: 'Where this page sits' })
  @ApiProperty({ type: WebhookPageInfoModel })
  pageInfo!: WebhookPageInfoModel;
}

@ObjectType('WebhookDeliveryEdge', { description: 'A delivery and its cursor' })
export class WebhookDeliveryEdgeModel {
  @Field({ description: 'Opaque; pass it as `after`' }) @ApiProperty() cursor!: string;
  @Field(() => WebhookDeliveryModel, { description: 'The delivery' })
  @ApiProperty({ type: WebhookDeliveryModel })
  node!: WebhookDeliveryModel;
}

@ObjectType('WebhookDeliveryConnection', { description: 'A page of deliveries, newest first' })
export class WebhookDeliveryConnectionModel {
  @Field(() => [WebhookDeliveryEdgeModel], { description: 'The deliveries with their cursors' })
  @ApiProperty({ type: [WebhookDeliveryEdgeModel] })
  edges!: WebhookDeliveryEdgeModel[];
  @Field(() => [WebhookDeliveryModel], { description: 'The deliveries' })
  @ApiProperty({ type: [WebhookDeliveryModel] })
  nodes!: WebhookDeliveryModel[];
  @Field(() => PageInfoModel, { description: 'Where this page sits' })
  @ApiProperty({ type: WebhookPageInfoModel })
  pageInfo!: WebhookPageInfoModel;
}

@ObjectType('WebhookAttemptEdge', { description: 'An attempt and its cursor' })
export class WebhookAttemptEdgeModel {
  @Field({ description: 'Opaque; pass it as `after`' }) @ApiProperty() cursor!: string;
  @Field(() => WebhookAttemptModel, { description: 'The attempt' })
  @ApiProperty({ type: WebhookAttemptModel })
  node!: WebhookAttemptModel;
}

@ObjectType('WebhookAttemptConnection', { description: 'A page of attempts, newest first' })
export class WebhookAttemptConnectionModel {
  @Field(() => [WebhookAttemptEdgeModel], { description: 'The attempts with their cursors' })
  @ApiProperty({ type: [WebhookAttemptEdgeModel] })
  edges!: WebhookAttemptEdgeModel[];
  @Field(() => [WebhookAttemptModel], { description: 'The attempts' })
  @ApiProperty({ type: [WebhookAttemptModel] })
  nodes!: WebhookAttemptModel[];
  @Field(() => PageInfoModel, { description: 'Where this page sits' })
  @ApiProperty({ type: WebhookPageInfoModel })
  pageInfo!: WebhookPageInfoModel;
}

@ObjectType('WebhookRecoverResult', { description: 'What a recover scheduled again' })
export class WebhookRecoverResultModel {
  @Field(() => Int, { description: 'Failed deliveries scheduled again' })
  @ApiProperty()
  scheduled!: number;
}
