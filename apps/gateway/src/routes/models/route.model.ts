import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('Route', { description: 'A named, ordered list of connections a send can fail over along' })
export class RouteModel {
  @Field(() => ID, { description: 'The gateway id of the route' }) @ApiProperty() id!: string;
  @Field({ description: 'The route name, given as `route` on a send' })
  @ApiProperty({ example: 'otp' })
  name!: string;
  @Field(() => [String], {
    description:
      'Connection names in the order they are tried: the first one that has the capability and is available, then the next after a transient failure',
  })
  @ApiProperty({ type: [String], example: ['watsal-demo', 'wessaal-demo'] })
  connections!: string[];
  @Field({ description: 'When the route was created' }) @ApiProperty() createdAt!: Date;
  @Field({ description: 'When the route last changed' }) @ApiProperty() updatedAt!: Date;
}
