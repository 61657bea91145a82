import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import { ProviderSettingModel, ProviderWebhookInfoModel } from './webhook-settings.model.js';
import { WebhookSettingsService } from './webhook-settings.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ProviderWebhookInfoModel)
export class WebhookSettingsResolver {
  constructor(private readonly settings: WebhookSettingsService) {}

  @Query(() => ProviderWebhookInfoModel, {
    description: 'Events the provider holds undelivered (`webhooks`)',
  })
  webhookQueue(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
  ): Promise<ProviderWebhookInfoModel> {
    return this.settings.queue(tenantId, connection);
  }

  @Mutation(() => ProviderWebhookInfoModel, { description: 'Asks the provider to post its queue again' })
  resendWebhookQueue(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
  ): Promise<ProviderWebhookInfoModel> {
    return this.settings.resendQueue(tenantId, connection);
  }

  @Mutation(() => ProviderWebhookInfoModel, { description: "Clears the provider's webhook URL" })
  removeWebhook(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
  ): Promise<ProviderWebhookInfoModel> {
    return this.settings.removeWebhook(tenantId, connection);
  }

  @Mutation(() => ProviderSettingModel, { description: 'Mark received messages as seen (blue ticks)' })
  setSendSeen(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('on', { description: 'True switches it on, false off' }) on: boolean,
  ): Promise<ProviderSettingModel> {
    return this.settings.setSendSeen(tenantId, connection, on);
  }

  @Mutation(() => ProviderSettingModel, { description: 'Receive incoming messages at all' })
  setReceive(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('on', { description: 'True switches it on, false off' }) on: boolean,
  ): Promise<ProviderSettingModel> {
    return this.settings.setReceive(tenantId, connection, on);
  }
}
