import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../../auth/tenant.decorator.js';
import { InstanceModel, WorkspaceModel } from './instance.model.js';
import { InstancesService } from './instances.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@ApiTags('instances and workspaces')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections/:name')
export class InstancesController {
  constructor(private readonly service: InstancesService) {}

  @Get('instances')
  @ApiOperation({ summary: 'List instances (Wessaal)' })
  @ApiOkResponse({ type: [InstanceModel] })
  listInstances(@TenantId() tenantId: string, @Param('name') name: string): Promise<InstanceModel[]> {
    return this.service.listInstances(tenantId, name);
  }

  @Get('instances/:id')
  @ApiOperation({ summary: 'Get an instance (Wessaal)' })
  @ApiOkResponse({ type: InstanceModel })
  getInstance(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Param('id') id: string,
  ): Promise<InstanceModel> {
    return this.service.getInstance(tenantId, name, id);
  }

  @Get('workspaces')
  @ApiOperation({ summary: 'List workspaces (Wessaal)' })
  @ApiOkResponse({ type: [WorkspaceModel] })
  listWorkspaces(@TenantId() tenantId: string, @Param('name') name: string): Promise<WorkspaceModel[]> {
    return this.service.listWorkspaces(tenantId, name);
  }

  @Get('workspaces/:id')
  @ApiOperation({ summary: 'Get a workspace (Wessaal)' })
  @ApiOkResponse({ type: WorkspaceModel })
  getWorkspace(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Param('id') id: string,
  ): Promise<WorkspaceModel> {
    return this.service.getWorkspace(tenantId, name, id);
  }
}
