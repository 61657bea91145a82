import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { API_ENUM } from '../openapi/api-enums.js';

@ObjectType('Provider', { description: 'One supported provider and what it can do' })
export class ProviderModel {
  @Field({ description: 'The provider id connections name' })
  @ApiProperty({ ...API_ENUM.providerId, example: 'wessaal' })
  id!: string;
  @Field({ description: 'The provider name for people' })
  @ApiProperty({ example: 'Wessaal' })
  name!: string;
  @Field({ description: "The provider's real API host, used when a connection sets no base URL" })
  @ApiProperty()
  defaultBaseUrl!: string;
  @Field(() => [String], {
    description: 'What this provider can do; anything else is UNSUPPORTED_CAPABILITY',
  })
  @ApiProperty({ ...API_ENUM.capability, isArray: true, example: ['text', 'image', 'template'] })
  capabilities!: string[];
}
