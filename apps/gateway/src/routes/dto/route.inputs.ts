import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const NAME_MESSAGE =
  'name must be 1–63 letters, digits, dots, dashes or underscores, starting with a letter or digit';
/** More would only lengthen a failing send: each connection is one provider call within the request. */
export const MAX_ROUTE_CONNECTIONS = 10;

@InputType({ description: 'A new route: a name and the connections to try, in order' })
export class CreateRouteInput {
  @Field({ description: 'Unique per tenant: letters, digits, dots, dashes, underscores' })
  @ApiProperty({ example: 'otp' })
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @Field(() => [String], {
    description: `Connection names, tried in this order (1 to ${MAX_ROUTE_CONNECTIONS}, no repeats)`,
  })
  @ApiProperty({ type: [String], example: ['watsal-demo', 'wessaal-demo'], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROUTE_CONNECTIONS)
  @IsString({ each: true })
  connections!: string[];
}

@InputType({ description: 'Changes to a route; absent fields stay as they are' })
export class UpdateRouteInput {
  @Field({ nullable: true, description: 'A new name' })
  @ApiPropertyOptional({ example: 'otp-2' })
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'The new list of connection names, replacing the old',
  })
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROUTE_CONNECTIONS)
  @IsString({ each: true })
  connections?: string[];
}
