import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ENUM } from '../openapi/api-enums.js';
import { ConnectionType } from '../common/graphql/connection.types.js';
import { ProviderErrorCode } from '../common/graphql/error-code.enum.js';
import { Availability } from '../dispatch/connection-health.js';
import { RateLimitModel } from './rate-limit.types.js';

@ObjectType('Connection', { description: 'A named account at one provider. Credentials are write-only.' })
export class ConnectionModel {
  @Field(() => ID, { description: 'The gateway id of the connection' })
  @ApiProperty()
  id!: string;
  @Field({ description: 'Unique per tenant; requests name the connection by it' })
  @ApiProperty({ example: 'wessaal-demo' })
  name!: string;
  @Field({ description: 'The provider id (washeej, wutt, watsal, wessaal, wamessenger)' })
  @ApiProperty({ ...API_ENUM.providerId, example: 'wessaal' })
  provider!: string;
  @Field(() => String, { nullable: true, description: "Null means the provider's real base URL" })
  @ApiPropertyOptional({ nullable: true, type: String })
  baseUrl!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Sender number or instance used when a request names none',
  })
  @ApiPropertyOptional({ nullable: true, type: String })
  defaultFrom!: string | null;
  @Field(() => [String], { description: 'Names of the credential fields stored (never their values)' })
  @ApiProperty({ type: [String] })
  credentialFields!: string[];
  @Field({
    description: 'Where the provider should POST webhooks for this connection (relative to the gateway)',
  })
  @ApiProperty({ example: '/v1/webhooks/wamessenger/3f9c...' })
  webhookPath!: string;
  @Field(() => RateLimitModel, { nullable: true, description: 'Sends allowed through it; null = no limit' })
  @ApiPropertyOptional({ nullable: true, type: RateLimitModel })
  rateLimit!: RateLimitModel | null;
  @Field(() => Availability, { description: 'Whether sends through it go now (pause, circuit breaker)' })
  @ApiProperty({ enum: Availability, enumName: 'ConnectionAvailability' })
  availability!: Availability;
  @Field(() => Date, {
    nullable: true,
    description:
      'The provider asked to wait (429/503 with Retry-After) until then; null or past = not paused',
  })
  @ApiPropertyOptional({ nullable: true, type: Date })
  pausedUntil!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last pause happened' })
  @ApiPropertyOptional({ nullable: true, type: String, example: 'washeej answered 429 with Retry-After: 60' })
  pauseReason!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'The circuit breaker keeps sends off it until then; past = the next send probes it',
  })
  @ApiPropertyOptional({ nullable: true, type: Date })
  unavailableUntil!: Date | null;
  @Field(() => Int, {
    description: 'Transient failures in a row (timeouts, 5xx) since the provider last answered',
  })
  @ApiProperty()
  consecutiveFailures!: number;
  @Field({ description: 'When the connection was created' }) @ApiProperty() createdAt!: Date;
  @Field({ description: 'When the connection last changed' }) @ApiProperty() updatedAt!: Date;
}

@ObjectType('ConnectionTestResult', {
  description: 'The answer of testConnection: whether a real call to the provider worked',
})
export class ConnectionTestResultModel {
  @Field({ description: 'True when the provider accepted the call' })
  @ApiProperty()
  ok!: boolean;
  @Field(() => ProviderErrorCode, { nullable: true, description: 'Why the test failed; null when ok' })
  @ApiPropertyOptional({ nullable: true, ...API_ENUM.errorCode })
  code!: ProviderErrorCode | null;
  @Field(() => String, { nullable: true, description: "The provider's refusal in words; null when ok" })
  @ApiPropertyOptional({ nullable: true, type: String })
  message!: string | null;
}

export const ConnectionConnection = ConnectionType(ConnectionModel, {
  name: 'Connection',
  order: 'by name',
  totalCount: true,
});
