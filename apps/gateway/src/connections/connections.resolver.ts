import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../auth/tenant.decorator.js';
import { ConnectionModel, ConnectionTestResultModel } from './connection.model.js';
import { CreateConnectionInput, UpdateConnectionInput } from './connection.inputs.js';
import { ConnectionsService } from './connections.service.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ConnectionModel)
export class ConnectionsResolver {
  constructor(private readonly service: ConnectionsService) {}

  @Query(() => [ConnectionModel])
  async connections(@TenantId() tenantId: string): Promise<ConnectionModel[]> {
    return (await this.service.list(tenantId)).map((c) => this.service.toModel(c));
  }

  @Query(() => ConnectionModel)
  async connection(@TenantId() tenantId: string, @Args('name') name: string): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.get(tenantId, name));
  }

  @Mutation(() => ConnectionModel)
  async createConnection(
    @TenantId() tenantId: string,
    @Args('input') input: CreateConnectionInput,
  ): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.create(tenantId, input));
  }

  @Mutation(() => ConnectionModel)
  async updateConnection(
    @TenantId() tenantId: string,
    @Args('name') name: string,
    @Args('input') input: UpdateConnectionInput,
  ): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.update(tenantId, name, input));
  }

  @Mutation(() => ConnectionModel)
  async deleteConnection(@TenantId() tenantId: string, @Args('name') name: string): Promise<ConnectionModel> {
    return this.service.toModel(await this.service.remove(tenantId, name));
  }

  @Mutation(() => ConnectionTestResultModel, {
    description: 'A cheap, side-effect-free real call to the provider',
  })
  testConnection(
    @TenantId() tenantId: string,
    @Args('name') name: string,
  ): Promise<ConnectionTestResultModel> {
    return this.service.test(tenantId, name);
  }
}
