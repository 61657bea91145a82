import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookInfo } from '@app/providers';

/** A provider's webhook setting as it answered (WaMessenger). One GraphQL type for every webhook operation. */
@ObjectType('WebhookInfo', { description: "A provider's webhook setting as it answered" })
export class WebhookInfoModel {
  @Field({ description: 'The URL the provider posts to ("" when none)' })
  @ApiProperty({ example: 'https://gw.example.com/v1/webhooks/wamessenger/3f9c...' })
  url!: string;
  @Field(() => Int, { nullable: true, description: 'Events waiting for a webhook that failed' })
  @ApiPropertyOptional({ nullable: true, type: 'integer' })
  pending!: number | null;
  @Field(() => String, { nullable: true, description: "The provider's own words" })
  @ApiPropertyOptional({ nullable: true, type: String })
  message!: string | null;

  static from(info: WebhookInfo, fallbackUrl = ''): WebhookInfoModel {
    return { url: info.url || fallbackUrl, pending: info.pending ?? null, message: info.message ?? null };
  }
}

/** What the webhook receiver answers the provider. */
export class WebhookReceiptModel {
  @ApiProperty({ type: 'integer', description: 'Events in the body' })
  events!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Inbound messages stored for the first time (duplicates are ignored)',
  })
  stored!: number;
}
