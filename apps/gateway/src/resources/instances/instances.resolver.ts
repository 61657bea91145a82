import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import { InstanceModel, WorkspaceModel } from './instance.model.js';
import { InstancesService } from './instances.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => InstanceModel)
export class InstancesResolver {
  constructor(private readonly service: InstancesService) {}

  @Query(() => [InstanceModel], { description: 'Capability `instances`' })
  instances(@TenantId() tenantId: string, @Args('connection') connection: string): Promise<InstanceModel[]> {
    return this.service.listInstances(tenantId, connection);
  }

  @Query(() => InstanceModel, { description: 'By id or name' })
  instance(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<InstanceModel> {
    return this.service.getInstance(tenantId, connection, id);
  }

  @Query(() => [WorkspaceModel], { description: 'Capability `workspaces`' })
  workspaces(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
  ): Promise<WorkspaceModel[]> {
    return this.service.listWorkspaces(tenantId, connection);
  }

  @Query(() => WorkspaceModel)
  workspace(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<WorkspaceModel> {
    return this.service.getWorkspace(tenantId, connection, id);
  }
}
