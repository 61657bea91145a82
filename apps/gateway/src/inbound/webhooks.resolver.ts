import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { TenantId } from '../auth/tenant.decorator.js';
import { WebhookInfoModel } from './models/webhook-info.model.js';
import { RequestOrigin } from './request-origin.decorator.js';
import { WebhooksService } from './webhooks.service.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => WebhookInfoModel)
export class WebhooksResolver {
  constructor(private readonly webhooks: WebhooksService) {}

  @Mutation(() => WebhookInfoModel, {
    description:
      "Points the connection's provider at the gateway's webhook URL for it: " +
      '`${GATEWAY_PUBLIC_URL or the URL this request used}/v1/webhooks/<provider>/<token>` (WaMessenger)',
  })
  configureWebhook(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @RequestOrigin() origin: string | undefined,
  ): Promise<WebhookInfoModel> {
    return this.webhooks.configure(tenantId, connection, origin);
  }
}
