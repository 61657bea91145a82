import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageStatus } from '@app/providers';
import { GraphQLJSON, GraphQLJSONObject } from '../../common/graphql/json.scalar.js';
import { MessageType } from '../dto/message-type.js';
import { API_ENUM } from '../../openapi/api-enums.js';

@ObjectType('StatusChange', { description: 'One step of a message status history' })
export class StatusChangeModel {
  @Field(() => MessageStatus)
  @ApiProperty({ enum: MessageStatus, enumName: 'MessageStatus' })
  status!: MessageStatus;
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String })
  providerStatus!: string | null;
  @Field({ description: 'send (the send answer), poll, webhook, or gateway (the gateway decided)' })
  @ApiProperty({ example: 'poll' })
  source!: string;
  @Field() @ApiProperty() at!: Date;
}

@ObjectType('MessageError', { description: 'The last error of a message, with what the provider answered' })
export class MessageErrorModel {
  @Field({ description: 'A gateway error code (ProviderErrorCode)' })
  @ApiProperty({ ...API_ENUM.errorCode, example: 'INSUFFICIENT_CREDITS' })
  code!: string;
  @Field() @ApiProperty() message!: string;
  @Field(() => Int, { nullable: true, description: "The provider's HTTP status" })
  @ApiPropertyOptional({ nullable: true, type: 'integer' })
  httpStatus!: number | null;
  @Field(() => String, { nullable: true, description: "The provider's own error label" })
  @ApiPropertyOptional({ nullable: true, type: String })
  providerCode!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The body exactly as the provider sent it' })
  @ApiPropertyOptional({
    // OpenAPI 3.0 has no null type: the last branch carries the null.
    oneOf: [
      { type: 'object', additionalProperties: true },
      { type: 'array', items: {} },
      { type: 'string', nullable: true },
    ],
    description: 'The body exactly as the provider sent it: its JSON, or its text when it was not JSON',
  })
  rawBody!: unknown;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "Field → the provider's messages about it" })
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
  })
  fields!: Record<string, string[]> | null;
  @Field({ description: 'True while the gateway will try the send again' })
  @ApiProperty()
  transient!: boolean;
  @Field() @ApiProperty() at!: Date;
}

@ObjectType('Message', { description: 'One outgoing message through one connection' })
export class MessageModel {
  @Field(() => ID) @ApiProperty() id!: string;
  @Field({ description: 'The connection name' })
  @ApiProperty({ example: 'wessaal-demo' })
  connection!: string;
  @Field()
  @ApiProperty({ ...API_ENUM.providerId, example: 'wessaal' })
  provider!: string;
  @Field(() => MessageType)
  @ApiProperty({ enum: MessageType, enumName: 'MessageType' })
  type!: MessageType;
  @Field({ description: 'Recipient, E.164 (status@broadcast for a status story)' })
  @ApiProperty({ example: '+966501234567' })
  to!: string;
  @Field(() => MessageStatus)
  @ApiProperty({ enum: MessageStatus, enumName: 'MessageStatus' })
  status!: MessageStatus;
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String })
  providerMessageId!: string | null;
  @Field(() => String, { nullable: true, description: "The provider's own status word, verbatim" })
  @ApiPropertyOptional({ nullable: true, type: String })
  providerStatus!: string | null;
  @Field(() => [StatusChangeModel], { description: 'Oldest first' })
  @ApiProperty({ type: [StatusChangeModel] })
  statusHistory!: StatusChangeModel[];
  @Field(() => MessageErrorModel, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: MessageErrorModel })
  error!: MessageErrorModel | null;
  @Field(() => Int, { description: 'Send attempts so far' })
  @ApiProperty({ type: 'integer' })
  attempts!: number;
  @Field(() => Date, {
    nullable: true,
    description: 'When the gateway retries the send or polls the status next',
  })
  @ApiPropertyOptional({ nullable: true, type: Date })
  nextActionAt!: Date | null;
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String })
  idempotencyKey!: string | null;
  @Field() @ApiProperty() createdAt!: Date;
  @Field() @ApiProperty() updatedAt!: Date;
}

@ObjectType('MessagePageInfo')
export class MessagePageInfoModel {
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
  @ApiPropertyOptional({ nullable: true, type: String })
  endCursor!: string | null;
  @Field() @ApiProperty() hasNextPage!: boolean;
}

@ObjectType('MessageConnection', { description: 'Newest first: (createdAt desc, id desc)' })
export class MessageConnectionModel {
  @Field(() => [MessageModel]) @ApiProperty({ type: [MessageModel] }) items!: MessageModel[];
  @Field(() => MessagePageInfoModel)
  @ApiProperty({ type: MessagePageInfoModel })
  pageInfo!: MessagePageInfoModel;
}
