import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ENUM } from '../openapi/api-enums.js';
import { ConnectionType } from '../common/graphql/connection.types.js';
import { ProviderErrorCode } from '../common/graphql/error-code.enum.js';

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
