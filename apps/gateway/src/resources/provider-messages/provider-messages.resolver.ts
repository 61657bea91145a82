import { Args, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { ProviderMessageModel, ProviderMessagePage } from './provider-message.model.js';
import { ProviderMessagesArgs } from './provider-messages.query.js';
import { ProviderMessagesService } from './provider-messages.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ProviderMessageModel)
export class ProviderMessagesResolver {
  constructor(private readonly messages: ProviderMessagesService) {}

  @Query(() => ProviderMessagePage, {
    description: "The provider's own message list (capability `message_list`), not the gateway's `messages`",
  })
  providerMessages(
    @TenantId() tenantId: string,
    @Args() args: ProviderMessagesArgs,
  ): Promise<PageModel<ProviderMessageModel>> {
    return this.messages.list(tenantId, args.connection, args);
  }
}
