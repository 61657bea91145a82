import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GatewayErrorCode } from '../../common/errors/error-codes.js';
import { ErrorCode } from '../../common/graphql/error-code.enum.js';
import { GraphQLJSONObject } from '../../common/graphql/json.scalar.js';
import { API_ENUM } from '../../openapi/api-enums.js';

@ObjectType('MessageBatchItemError', {
  description: 'Why one item of a batch was refused (nothing stored for it)',
})
export class MessageBatchItemErrorModel {
  @Field(() => ErrorCode, { description: 'From the one ErrorCode list (BAD_USER_INPUT, NOT_FOUND, ...)' })
  @ApiProperty({ ...API_ENUM.errorCode, example: 'BAD_USER_INPUT' })
  code!: GatewayErrorCode;
  @Field({ description: 'What is wrong, in words, naming the item' })
  @ApiProperty({ example: 'messages.3.to: "+1" is not a valid E.164 phone number' })
  message!: string;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Field path (`messages.<i>.<field>`) → what is wrong with it',
  })
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { 'messages.3.to': ['"+1" is not a valid E.164 phone number'] },
  })
  fields!: Record<string, string[]> | null;
}

@ObjectType('MessageBatchItem', { description: 'The outcome of one item, in the order given' })
export class MessageBatchItemModel {
  @Field(() => Int, { description: 'Its position in `messages` (from 0)' })
  @ApiProperty({ example: 0 })
  index!: number;
  @Field(() => ID, { nullable: true, description: 'The queued message (null when refused)' })
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  id!: string | null;
  @Field({
    description: 'The id is that of an earlier message with the same idempotency key (nothing new queued)',
  })
  @ApiProperty()
  replayed!: boolean;
  @Field(() => MessageBatchItemErrorModel, {
    nullable: true,
    description: 'Why it was refused (null when accepted)',
  })
  @ApiPropertyOptional({ nullable: true, type: MessageBatchItemErrorModel })
  error!: MessageBatchItemErrorModel | null;
}

@ObjectType('MessageBatchResult', {
  description:
    'A batch answer: the accepted items are QUEUED (their status changes follow as for any message)',
})
export class MessageBatchResultModel {
  @Field(() => Int, { description: 'Items with a message id (new or replayed)' })
  @ApiProperty({ example: 999 })
  accepted!: number;
  @Field(() => Int, { description: 'Items refused, each with its error' })
  @ApiProperty({ example: 1 })
  refused!: number;
  @Field(() => [MessageBatchItemModel], { description: 'One entry per item, in the order given' })
  @ApiProperty({ type: [MessageBatchItemModel] })
  items!: MessageBatchItemModel[];
}
