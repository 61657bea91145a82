import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ConnectionArgs } from '../../common/graphql/connection.args.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MessageStatus } from '@app/providers';
import { E164, E164_MESSAGE } from './send-message.input.js';
import './message-type.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@InputType('MessageFilter', { description: 'Narrows the message list; every field given must match' })
export class MessageFilterInput {
  @Field({ nullable: true, description: 'Connection name' })
  @ApiPropertyOptional({ example: 'wessaal-demo' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  connection?: string;

  @Field(() => MessageStatus, { nullable: true, description: 'Only messages with this status' })
  @ApiPropertyOptional({ enum: MessageStatus, enumName: 'MessageStatus' })
  @IsOptional()
  @IsEnum(MessageStatus)
  status?: MessageStatus;

  @Field({ nullable: true, description: 'Recipient, E.164' })
  @ApiPropertyOptional({ example: '+966501234567' })
  @IsOptional()
  @Matches(E164, { message: `to ${E164_MESSAGE}` })
  to?: string;

  @Field({ nullable: true, description: 'Created at or after' })
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'createdAfter must be an ISO 8601 date-time' })
  createdAfter?: Date;

  @Field({ nullable: true, description: 'Created strictly before' })
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'createdBefore must be an ISO 8601 date-time' })
  createdBefore?: Date;
}

@ArgsType()
export class MessagesArgs extends ConnectionArgs {
  @Field(() => MessageFilterInput, {
    nullable: true,
    description: 'Only the messages matching every field given',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageFilterInput)
  filter?: MessageFilterInput;
}

/** REST: the same filter and page as flat query parameters. */
export class MessagesQuery extends MessageFilterInput {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @ApiPropertyOptional({ description: 'pageInfo.endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}

/** What the service takes from either API. */
export interface MessagePageRequest {
  filter?: MessageFilterInput;
  first?: number;
  after?: string;
}
