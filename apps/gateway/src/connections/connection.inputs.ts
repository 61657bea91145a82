import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PROVIDERS } from '@app/providers';
import { GraphQLJSONObject } from '../common/graphql/json.scalar.js';
import { API_ENUM } from '../openapi/api-enums.js';
import { RateLimitInput } from './rate-limit.types.js';

const PROVIDER_IDS = PROVIDERS.map((p) => p.id);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const NAME_MESSAGE =
  'name must be 1–63 letters, digits, dots, dashes or underscores, starting with a letter or digit';

@InputType({ description: 'A new connection: a named provider account' })
export class CreateConnectionInput {
  @Field({ description: 'Unique per tenant: letters, digits, dashes' })
  @ApiProperty({ example: 'wessaal-main' })
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @Field({ description: 'The provider id (washeej, wutt, watsal, wessaal, wamessenger)' })
  @ApiProperty({ ...API_ENUM.providerId })
  @IsIn(PROVIDER_IDS)
  provider!: string;

  @Field(() => GraphQLJSONObject, {
    description: "The provider's credentials, e.g. {apiKey} or {clientId, clientSecret}",
  })
  @ApiProperty({ type: 'object', additionalProperties: true, example: { apiKey: 'sk_live_...' } })
  @IsObject()
  credentials!: Record<string, unknown>;

  @Field({
    nullable: true,
    description:
      "Where the provider's API lives; absent means its real host (set the simulator's URL to test)",
  })
  @ApiPropertyOptional({ example: 'http://localhost:4010/wessaal/integration/v1' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  @MaxLength(2048)
  baseUrl?: string;

  @Field({ nullable: true, description: 'Sender number or Wessaal instance used when a request names none' })
  @ApiPropertyOptional({ example: 'my-instance' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  defaultFrom?: string;

  @Field(() => RateLimitInput, {
    nullable: true,
    description: 'Sends allowed through the connection (absent: no limit)',
  })
  @ApiPropertyOptional({ type: RateLimitInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitInput)
  rateLimit?: RateLimitInput;
}

@InputType({ description: 'Changes to a connection; absent fields stay as they are' })
export class UpdateConnectionInput {
  @Field({ nullable: true, description: 'A new name' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'New credentials, replacing the stored ones whole',
  })
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

  @Field({ nullable: true, description: 'Empty string resets to the provider default' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  baseUrl?: string;

  @Field({ nullable: true, description: 'Empty string clears it' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  defaultFrom?: string;

  @Field(() => RateLimitInput, {
    nullable: true,
    description: 'A new rate limit, replacing the old one whole; null removes the limit',
  })
  @ApiPropertyOptional({ type: RateLimitInput, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitInput)
  rateLimit?: RateLimitInput | null;
}
