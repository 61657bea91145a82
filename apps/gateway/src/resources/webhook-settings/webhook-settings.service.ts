import { Injectable } from '@nestjs/common';
import { ConnectionsService } from '../../connections/connections.service.js';
import {
  toWebhookInfoModel,
  type ProviderSettingModel,
  type ProviderWebhookInfoModel,
} from './webhook-settings.model.js';

/**
 * The provider-side webhook settings of a connection (capability `webhooks`): remove the URL, inspect and resend
 * the queue of undelivered events, sendSeen and receive. Setting the URL belongs to the inbound feature.
 */
@Injectable()
export class WebhookSettingsService {
  constructor(private readonly connections: ConnectionsService) {}

  async removeWebhook(tenantId: string, connection: string): Promise<ProviderWebhookInfoModel> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toWebhookInfoModel(await adapter.removeWebhook());
  }

  async queue(tenantId: string, connection: string): Promise<ProviderWebhookInfoModel> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toWebhookInfoModel(await adapter.getWebhookQueue());
  }

  async resendQueue(tenantId: string, connection: string): Promise<ProviderWebhookInfoModel> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toWebhookInfoModel(await adapter.resendWebhookQueue());
  }

  async setSendSeen(tenantId: string, connection: string, on: boolean): Promise<ProviderSettingModel> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    await adapter.setSendSeen(on);
    return { setting: 'sendSeen', on };
  }

  async setReceive(tenantId: string, connection: string, on: boolean): Promise<ProviderSettingModel> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    await adapter.setReceive(on);
    return { setting: 'receive', on };
  }
}
