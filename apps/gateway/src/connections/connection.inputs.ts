import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { PROVIDERS } from '@app/providers';
import { GraphQLJSONObject } from '../common/graphql/json.scalar.js';
import { API_ENUM } from '../openapi/api-enums.js';

const PROVIDER_IDS = PROVIDERS.map((p) => p.id);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const NAME_MESSAGE =
  'name must be 1–63 letters, digits, dots, dashes or underscores, starting with a letter or digit';

@InputType()
export class CreateConnectionInput {
  @Field()
  @ApiProperty({ example: 'wessaal-main' })
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @Field()
  @ApiProperty({ ...API_ENUM.providerId })
  @IsIn(PROVIDER_IDS)
  provider!: string;

  @Field(() => GraphQLJSONObject, {
    description: "The provider's credentials, e.g. {apiKey} or {clientId, clientSecret}",
  })
  @ApiProperty({ type: 'object', additionalProperties: true, example: { apiKey: 'sk_live_...' } })
  @IsObject()
  credentials!: Record<string, unknown>;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'http://localhost:4010/wessaal/integration/v1' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  @MaxLength(2048)
  baseUrl?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'my-instance' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  defaultFrom?: string;
}

@InputType()
export class UpdateConnectionInput {
  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
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
}
