import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { API_ENUM } from '../openapi/api-enums.js';

@ObjectType('Provider')
export class ProviderModel {
  @Field()
  @ApiProperty({ ...API_ENUM.providerId, example: 'wessaal' })
  id!: string;
  @Field() @ApiProperty({ example: 'Wessaal' }) name!: string;
  @Field() @ApiProperty() defaultBaseUrl!: string;
  @Field(() => [String], {
    description: 'What this provider can do; anything else is UNSUPPORTED_CAPABILITY',
  })
  @ApiProperty({ ...API_ENUM.capability, isArray: true, example: ['text', 'image', 'template'] })
  capabilities!: string[];
}
