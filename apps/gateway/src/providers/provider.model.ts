import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('Provider')
export class ProviderModel {
  @Field() @ApiProperty({ example: 'wessaal' }) id!: string;
  @Field() @ApiProperty({ example: 'Wessaal' }) name!: string;
  @Field() @ApiProperty() defaultBaseUrl!: string;
  @Field(() => [String], {
    description: 'What this provider can do; anything else is UNSUPPORTED_CAPABILITY',
  })
  @ApiProperty({ type: [String], example: ['text', 'image', 'template'] })
  capabilities!: string[];
}
