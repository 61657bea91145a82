import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageStatus } from '@app/providers';
import { GraphQLJSON, GraphQLJSONObject } from '../../common/graphql/json.scalar.js';
import { MessageType } from '../dto/message-type.js';
import { API_ENUM } from '../../openapi/api-enums.js';
import type { GatewayErrorCode } from '../../common/errors/error-codes.js';
import { ErrorCode } from '../../common/graphql/error-code.enum.js';
import { MessageAttemptModel } from './message-attempt.model.js';

@ObjectType('StatusChange', { description: 'One step of a message status history' })
export class StatusChangeModel {
  @Field(() => MessageStatus, { description: 'The status the message reached' })
  @ApiProperty({ enum: MessageStatus, enumName: 'MessageStatus' })
  status!: MessageStatus;
  @Field(() => String, { nullable: true, description: "The provider's own status word at that step" })
  @ApiPropertyOptional({ nullable: true, type: String })
  providerStatus!: string | null;
  @Field({ description: 'send (the send answer), poll, webhook, or gateway (the gateway decided)' })
  @ApiProperty({ example: 'poll' })
  source!: string;
  @Field({ description: 'When the status changed' }) @ApiProperty() at!: Date;
}

@ObjectType('MessageError', { description: 'The last error of a message, with what the provider answered' })
export class MessageErrorModel {
  @Field(() => ErrorCode, { description: 'Why it failed, from the one ErrorCode list' })
  @ApiProperty({ ...API_ENUM.errorCode, example: 'INSUFFICIENT_CREDITS' })
  code!: GatewayErrorCode;
  @Field({ description: 'What went wrong, in words' })
  @ApiProperty()
  message!: string;
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
  @Field({ description: 'When the error happened' }) @ApiProperty() at!: Date;
}

@ObjectType('Message', { description: 'One outgoing message through one connection' })
export class MessageModel {
  @Field(() => ID, { description: 'The gateway id of the message' }) @ApiProperty() id!: string;
  @Field({ description: 'The connection name (of the latest attempt, when sent by route)' })
  @ApiProperty({ example: 'wessaal-demo' })
  connection!: string;
  @Field({ description: 'The provider id of its connection' })
  @ApiProperty({ ...API_ENUM.providerId, example: 'wessaal' })
  provider!: string;
  @Field(() => MessageType, { description: 'What the message carries' })
  @ApiProperty({ enum: MessageType, enumName: 'MessageType' })
  type!: MessageType;
  @Field({ description: 'Recipient, E.164 (status@broadcast for a status story)' })
  @ApiProperty({ example: '+966501234567' })
  to!: string;
  @Field(() => MessageStatus, { description: 'Where the message is in its lifecycle' })
  @ApiProperty({ enum: MessageStatus, enumName: 'MessageStatus' })
  status!: MessageStatus;
  @Field(() => String, {
    nullable: true,
    description: "The provider's id of the message, once the provider accepted it",
  })
  @ApiPropertyOptional({ nullable: true, type: String })
  providerMessageId!: string | null;
  @Field(() => String, { nullable: true, description: "The provider's own status word, verbatim" })
  @ApiPropertyOptional({ nullable: true, type: String })
  providerStatus!: string | null;
  @Field(() => [StatusChangeModel], { description: 'Oldest first' })
  @ApiProperty({ type: [StatusChangeModel] })
  statusHistory!: StatusChangeModel[];
  @Field(() => MessageErrorModel, {
    nullable: true,
    description: 'The last error (FAILED, or a transient error the gateway will retry); null when none',
  })
  @ApiPropertyOptional({ nullable: true, type: MessageErrorModel })
  error!: MessageErrorModel | null;
  @Field(() => Int, { description: 'Send attempts so far' })
  @ApiProperty({ type: 'integer' })
  attempts!: number;
  @Field(() => [MessageAttemptModel], {
    description: 'Every send attempt, oldest first: connection, provider, outcome, times',
  })
  @ApiProperty({
    type: [MessageAttemptModel],
    description: 'Every send attempt, oldest first: connection, provider, outcome, times',
  })
  attemptHistory?: MessageAttemptModel[];
  @Field(() => String, {
    nullable: true,
    description:
      'The connection that carried the message (its attempt was accepted or adopted); null until one did. `connection` is the one of the latest attempt',
  })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'The connection that carried the message (its attempt was accepted or adopted); null until one did. `connection` is the one of the latest attempt',
  })
  carriedBy?: string | null;
  @Field(() => String, { nullable: true, description: 'The route it was sent by, if any' })
  @ApiPropertyOptional({ nullable: true, type: String, example: 'otp' })
  route!: string | null;
  @Field({
    description:
      'True when the gateway died mid-send and sent the message again without the provider being able to tell whether the first send arrived: the recipient may have it twice',
  })
  @ApiProperty({
    description:
      'True when the gateway died mid-send and sent the message again without the provider being able to tell whether the first send arrived: the recipient may have it twice',
  })
  possibleDuplicate!: boolean;
  @Field(() => Date, {
    nullable: true,
    description: 'When the gateway retries the send or polls the status next',
  })
  @ApiPropertyOptional({ nullable: true, type: Date })
  nextActionAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The idempotency key it was sent with, if any' })
  @ApiPropertyOptional({ nullable: true, type: String })
  idempotencyKey!: string | null;
  @Field({ description: 'When the gateway accepted the message' }) @ApiProperty() createdAt!: Date;
  @Field({ description: 'When the message last changed' }) @ApiProperty() updatedAt!: Date;
}

/** REST's page info (GraphQL has the Relay PageInfo). */
export class MessagePageInfoModel {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `after` for the next page' })
  endCursor!: string | null;
  @ApiProperty() hasNextPage!: boolean;
}

/** REST's page of messages, newest first: (createdAt desc, id desc). */
export class MessageConnectionModel {
  @ApiProperty({ type: [MessageModel] }) items!: MessageModel[];
  @ApiProperty({ type: MessagePageInfoModel }) pageInfo!: MessagePageInfoModel;
}

/** GraphQL's Relay connection of messages. */
export const MessageConnection = ConnectionType(MessageModel, {
  name: 'Message',
  order: 'newest first: (createdAt desc, id desc)',
});
