import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection.args.js';

/** GraphQL arguments of a list at one connection's provider: the connection name and the Relay window. */
@ArgsType()
export class ConnectionListArgs extends ConnectionArgs {
  @Field({ description: 'Connection name' }) @IsString() connection!: string;
}

/** The same plus the provider's own search, for the lists a provider searches. */
@ArgsType()
export class ProviderListArgs extends ConnectionListArgs {
  @Field({
    nullable: true,
    description: "The provider's own search (name or phone digits), where it has one",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
