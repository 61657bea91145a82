import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../auth/tenant.decorator.js';
import { ConnectionModel, ConnectionTestResultModel } from './connection.model.js';
import { CreateConnectionInput, UpdateConnectionInput } from './connection.inputs.js';
import { ConnectionsService } from './connections.service.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@ApiTags('connections')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  @ApiOperation({ summary: 'List your connections' })
  @ApiOkResponse({ type: [ConnectionModel] })
  async list(@TenantId() tenantId: string): Promise<ConnectionModel[]> {
    return (await this.connections.list(tenantId)).map((c) => this.connections.toModel(c));
  }

  @Post()
  @ApiOperation({ summary: 'Create a connection (a named account at one provider)' })
  @ApiCreatedResponse({ type: ConnectionModel })
  async create(@TenantId() tenantId: string, @Body() input: CreateConnectionInput): Promise<ConnectionModel> {
    return this.connections.toModel(await this.connections.create(tenantId, input));
  }

  @Get(':name')
  @ApiOperation({ summary: 'Get a connection' })
  @ApiOkResponse({ type: ConnectionModel })
  async get(@TenantId() tenantId: string, @Param('name') name: string): Promise<ConnectionModel> {
    return this.connections.toModel(await this.connections.get(tenantId, name));
  }

  @Patch(':name')
  @ApiOperation({ summary: 'Update a connection' })
  @ApiOkResponse({ type: ConnectionModel })
  async update(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: UpdateConnectionInput,
  ): Promise<ConnectionModel> {
    return this.connections.toModel(await this.connections.update(tenantId, name, input));
  }

  @Delete(':name')
  @ApiOperation({ summary: 'Delete a connection' })
  @ApiOkResponse({ type: ConnectionModel })
  async remove(@TenantId() tenantId: string, @Param('name') name: string): Promise<ConnectionModel> {
    return this.connections.toModel(await this.connections.remove(tenantId, name));
  }

  @Post(':name/test')
  @ApiOperation({ summary: 'Test a connection with a cheap call to its provider' })
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionTestResultModel })
  test(@TenantId() tenantId: string, @Param('name') name: string): Promise<ConnectionTestResultModel> {
    return this.connections.test(tenantId, name);
  }
}
