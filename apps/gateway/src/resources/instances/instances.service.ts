import { Injectable } from '@nestjs/common';
import { ConnectionsService } from '../../connections/connections.service.js';
import { checkProviderId } from '../common/ids.js';
import {
  toInstanceModel,
  toWorkspaceModel,
  type InstanceModel,
  type WorkspaceModel,
} from './instance.model.js';

/** The provider account's instances and workspaces (capabilities `instances`, `workspaces`). */
@Injectable()
export class InstancesService {
  constructor(private readonly connections: ConnectionsService) {}

  async listInstances(tenantId: string, connection: string): Promise<InstanceModel[]> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return (await adapter.listInstances()).map(toInstanceModel);
  }

  /** By id or name; the live connection state when the provider reports it. */
  async getInstance(tenantId: string, connection: string, id: string): Promise<InstanceModel> {
    checkProviderId('id', id);
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toInstanceModel(await adapter.getInstance(id));
  }

  async listWorkspaces(tenantId: string, connection: string): Promise<WorkspaceModel[]> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return (await adapter.listWorkspaces()).map(toWorkspaceModel);
  }

  async getWorkspace(tenantId: string, connection: string, id: string): Promise<WorkspaceModel> {
    checkProviderId('id', id);
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toWorkspaceModel(await adapter.getWorkspace(id));
  }
}
