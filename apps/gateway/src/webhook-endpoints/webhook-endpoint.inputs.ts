import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WebhookEventType } from './webhook-event-type.js';

export const DEFAULT_WEBHOOK_PAGE = 20;
export const MAX_WEBHOOK_PAGE = 100;

@InputType('CreateWebhookEndpointInput', { description: 'A new webhook endpoint' })
export class CreateWebhookEndpointInput {
  @Field({ description: 'Where to POST events: https (http only outside production), a public address' })
  @ApiProperty({ example: 'https://app.example.com/hooks/wa' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => [WebhookEventType], { nullable: true, description: 'Event types to receive; none means all' })
  @ApiPropertyOptional({ enum: WebhookEventType, enumName: 'WebhookEventType', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @IsEnum(WebhookEventType, { each: true })
  events?: WebhookEventType[];

  @Field({ nullable: true, description: 'Your note about it' })
  @ApiPropertyOptional({ example: 'order service' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  description?: string;
}

@InputType('UpdateWebhookEndpointInput', {
  description: 'Changes to a webhook endpoint; omitted fields stay',
})
export class UpdateWebhookEndpointInput {
  @Field({ nullable: true, description: 'A new URL (checked like a new one)' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @Field(() => [WebhookEventType], { nullable: true, description: 'Event types to receive; empty means all' })
  @ApiPropertyOptional({ enum: WebhookEventType, enumName: 'WebhookEventType', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @IsEnum(WebhookEventType, { each: true })
  events?: WebhookEventType[];

  @Field({ nullable: true, description: 'Your note about it; empty clears it' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  description?: string;

  @Field({
    nullable: true,
    description: 'Pause or resume deliveries (resuming clears a disable by the gateway)',
  })
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

@InputType('RecoverWebhookEndpointInput', { description: 'Which failed deliveries to replay' })
export class RecoverWebhookEndpointInput {
  @Field({ description: 'Replay every failed delivery of events since this time' })
  @ApiProperty({ type: String, format: 'date-time' })
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO 8601 date-time' })
  since!: Date;
}

@ArgsType()
export class WebhookPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1–${MAX_WEBHOOK_PAGE} (default ${DEFAULT_WEBHOOK_PAGE})`,
  })
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_WEBHOOK_PAGE, default: DEFAULT_WEBHOOK_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_WEBHOOK_PAGE)
  first?: number;

  @Field({ nullable: true, description: 'Continue after this cursor (`pageInfo.endCursor`)' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@ArgsType()
export class WebhookAttemptsArgs extends WebhookPageArgs {
  @Field(() => ID, { nullable: true, description: 'Only attempts to this endpoint' })
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  endpointId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only attempts about this message (or inbound message, verification)',
  })
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  messageId?: string;
}

/** REST query of the attempts of one endpoint. */
export class EndpointAttemptsQuery extends WebhookPageArgs {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only attempts about this message' })
  @IsOptional()
  @IsUUID()
  messageId?: string;
}
