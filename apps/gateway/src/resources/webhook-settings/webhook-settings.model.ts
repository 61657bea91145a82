import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import type { WebhookInfo } from '@app/providers';
import { NullableString, orNull, RawField } from '../common/fields.js';

@ObjectType('ProviderWebhookInfo', {
  description: "The provider's webhook for this connection (WaMessenger): its URL and undelivered events",
})
export class ProviderWebhookInfoModel {
  @Field({ description: 'Empty when no webhook URL is set' })
  @ApiProperty({ example: '' })
  url!: string;
  @Field(() => Int, { nullable: true, description: 'Events the provider could not deliver yet' })
  @ApiPropertyOptional({ nullable: true, type: 'integer' })
  pending!: number | null;
  @NullableString("The provider's own words") message!: string | null;
  @RawField() raw!: unknown;
}

export const PROVIDER_SETTINGS = ['sendSeen', 'receive'] as const;
export type ProviderSettingName = (typeof PROVIDER_SETTINGS)[number];

@ObjectType('ProviderSetting', {
  description: 'A switch at the provider; WaMessenger applies a change about 30 seconds later',
})
export class ProviderSettingModel {
  @Field(() => String, { description: PROVIDER_SETTINGS.join(', ') })
  @ApiProperty({ enum: PROVIDER_SETTINGS })
  setting!: ProviderSettingName;
  @Field({ description: 'Whether the switch is on' }) @ApiProperty() on!: boolean;
}

/** REST body of PUT .../settings/send-seen and .../settings/receive. */
export class ProviderSettingInput {
  @ApiProperty({ example: true }) @IsBoolean() on!: boolean;
}

export function toWebhookInfoModel(info: WebhookInfo): ProviderWebhookInfoModel {
  return { url: info.url, pending: orNull(info.pending), message: orNull(info.message), raw: info.raw };
}
