import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ConnectionArgs } from '../../common/graphql/connection.args.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const E164 = /^\+\d{6,15}$/;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@InputType('InboundMessageFilter', {
  description: 'Narrows the inbound message list; every field given must match',
})
export class InboundMessageFilterInput {
  @Field({ nullable: true, description: 'Connection name' })
  @ApiPropertyOptional({ example: 'wamessenger-demo' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  connection?: string;

  @Field({ nullable: true, description: 'The customer, E.164' })
  @ApiPropertyOptional({ example: '+989121234567' })
  @IsOptional()
  @Matches(E164, { message: 'from must be E.164: + followed by 6 to 15 digits' })
  from?: string;

  @Field({ nullable: true, description: 'Only messages received at or after this time' })
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO 8601 date-time' })
  since?: Date;
}

@ArgsType()
export class InboundMessagesArgs extends ConnectionArgs {
  @Field(() => InboundMessageFilterInput, {
    nullable: true,
    description: 'Only the messages matching every field given',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => InboundMessageFilterInput)
  filter?: InboundMessageFilterInput;
}

/** REST: the same filter and page as flat query parameters. */
export class InboundMessagesQuery extends InboundMessageFilterInput {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @ApiPropertyOptional({ description: 'A cursor from a previous page (pageInfo.endCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}

/** What the service takes from either API. */
export interface InboundMessagePageRequest {
  filter?: { connection?: string; from?: string; since?: Date };
  first?: number;
  after?: string;
}
