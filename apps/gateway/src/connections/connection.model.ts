import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ENUM } from '../openapi/api-enums.js';

@ObjectType('Connection', { description: 'A named account at one provider. Credentials are write-only.' })
export class ConnectionModel {
  @Field(() => ID) @ApiProperty() id!: string;
  @Field() @ApiProperty({ example: 'wessaal-demo' }) name!: string;
  @Field()
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
  @Field() @ApiProperty() createdAt!: Date;
  @Field() @ApiProperty() updatedAt!: Date;
}

@ObjectType('ConnectionTestResult')
export class ConnectionTestResultModel {
  @Field() @ApiProperty() ok!: boolean;
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, ...API_ENUM.errorCode })
  code!: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) message!:
    string | null;
}
