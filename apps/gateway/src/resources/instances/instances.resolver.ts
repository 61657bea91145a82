import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import { connectionFromArray } from '../../common/graphql/array-connection.js';
import { connectionWindow } from '../../common/graphql/connection.args.js';
import type { ConnectionModel } from '../../common/graphql/connection.types.js';
import { ConnectionListArgs } from '../common/provider-list.args.js';
import { InstanceConnection, InstanceModel, WorkspaceConnection, WorkspaceModel } from './instance.model.js';
import { InstancesService } from './instances.service.js';
import { lookupOptions } from '../../common/graphql/lookup.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => InstanceModel)
export class InstancesResolver {
  constructor(private readonly service: InstancesService) {}

  @Query(() => InstanceConnection, { description: 'Capability `instances`' })
  async instances(
    @TenantId() tenantId: string,
    @Args() args: ConnectionListArgs,
  ): Promise<ConnectionModel<InstanceModel>> {
    return connectionFromArray(
      await this.service.listInstances(tenantId, args.connection),
      connectionWindow(args),
    );
  }

  @Query(() => InstanceModel, lookupOptions('instance', "One of the provider's instances by id or name"))
  instance(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('id', { type: () => ID, description: "The provider's instance id, or its name" }) id: string,
  ): Promise<InstanceModel> {
    return this.service.getInstance(tenantId, connection, id);
  }

  @Query(() => WorkspaceConnection, { description: 'Capability `workspaces`' })
  async workspaces(
    @TenantId() tenantId: string,
    @Args() args: ConnectionListArgs,
  ): Promise<ConnectionModel<WorkspaceModel>> {
    return connectionFromArray(
      await this.service.listWorkspaces(tenantId, args.connection),
      connectionWindow(args),
    );
  }

  @Query(() => WorkspaceModel, lookupOptions('workspace', "One of the provider's workspaces by id"))
  workspace(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('id', { type: () => ID, description: "The provider's workspace id" }) id: string,
  ): Promise<WorkspaceModel> {
    return this.service.getWorkspace(tenantId, connection, id);
  }
}
