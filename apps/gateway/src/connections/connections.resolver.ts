import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../auth/tenant.decorator.js';
import { connectionFromArray } from '../common/graphql/array-connection.js';
import { ConnectionArgs, connectionWindow } from '../common/graphql/connection.args.js';
import type { ConnectionModel as RelayConnection } from '../common/graphql/connection.types.js';
import { ConnectionConnection, ConnectionModel, ConnectionTestResultModel } from './connection.model.js';
import { CreateConnectionInput, UpdateConnectionInput } from './connection.inputs.js';
import { ConnectionsService } from './connections.service.js';
import { lookupOptions } from '../common/graphql/lookup.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ConnectionModel)
export class ConnectionsResolver {
  constructor(private readonly service: ConnectionsService) {}

  @Query(() => ConnectionConnection, { description: 'Your connections, by name' })
  async connections(
    @TenantId() tenantId: string,
    @Args() args: ConnectionArgs,
  ): Promise<RelayConnection<ConnectionModel>> {
    const all = (await this.service.list(tenantId)).map((c) => this.service.toModel(c));
    return connectionFromArray(all, connectionWindow(args));
  }

  @Query(() => ConnectionModel, lookupOptions('connection', 'One of your connections by name'))
  async connection(
    @TenantId() tenantId: string,
    @Args('name', { description: 'The connection name' }) name: string,
  ): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.get(tenantId, name));
  }

  @Mutation(() => ConnectionModel, {
    description: 'Adds a provider account; its credentials are encrypted at rest',
  })
  async createConnection(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The new connection' }) input: CreateConnectionInput,
  ): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.create(tenantId, input));
  }

  @Mutation(() => ConnectionModel, { description: 'Changes the fields given of a connection' })
  async updateConnection(
    @TenantId() tenantId: string,
    @Args('name', { description: 'The connection name' }) name: string,
    @Args('input', { description: 'The fields to change' }) input: UpdateConnectionInput,
  ): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.update(tenantId, name, input));
  }

  @Mutation(() => ConnectionModel, { description: 'Deletes a connection; returns it as it was' })
  async deleteConnection(
    @TenantId() tenantId: string,
    @Args('name', { description: 'The connection name' }) name: string,
  ): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.remove(tenantId, name));
  }

  @Mutation(() => ConnectionTestResultModel, {
    description: 'A cheap, side-effect-free real call to the provider',
  })
  testConnection(
    @TenantId() tenantId: string,
    @Args('name', { description: 'The connection name' }) name: string,
  ): Promise<ConnectionTestResultModel> {
    return this.service.test(tenantId, name);
  }
}
