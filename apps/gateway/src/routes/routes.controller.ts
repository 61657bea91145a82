import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiScope, RequireScopes } from '../auth/scopes.js';
import { TenantId } from '../auth/tenant.decorator.js';
import { CreateRouteInput, UpdateRouteInput } from './dto/route.inputs.js';
import { RouteModel } from './models/route.model.js';
import { RoutesService } from './routes.service.js';

@ApiTags('routes')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Get()
  @ApiOperation({ summary: 'List your failover routes, by name' })
  @ApiOkResponse({ type: [RouteModel] })
  async list(@TenantId() tenantId: string): Promise<RouteModel[]> {
    return this.routes.toModels(tenantId, await this.routes.list(tenantId));
  }

  @Post()
  @ApiOperation({
    summary: 'Create a route: a named, ordered list of connections a send (`route`) fails over along',
  })
  @ApiCreatedResponse({ type: RouteModel })
  async create(@TenantId() tenantId: string, @Body() input: CreateRouteInput): Promise<RouteModel> {
    return this.routes.toModel(await this.routes.create(tenantId, input));
  }

  @Get(':name')
  @ApiOperation({ summary: 'Get a route' })
  @ApiOkResponse({ type: RouteModel })
  async get(@TenantId() tenantId: string, @Param('name') name: string): Promise<RouteModel> {
    return this.routes.toModel(await this.routes.get(tenantId, name));
  }

  @Patch(':name')
  @ApiOperation({ summary: 'Rename a route or replace its connections' })
  @ApiOkResponse({ type: RouteModel })
  async update(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: UpdateRouteInput,
  ): Promise<RouteModel> {
    return this.routes.toModel(await this.routes.update(tenantId, name, input));
  }

  @Delete(':name')
  @ApiOperation({ summary: 'Delete a route; returns it as it was' })
  @ApiOkResponse({ type: RouteModel })
  async remove(@TenantId() tenantId: string, @Param('name') name: string): Promise<RouteModel> {
    return this.routes.toModel(await this.routes.remove(tenantId, name));
  }
}
