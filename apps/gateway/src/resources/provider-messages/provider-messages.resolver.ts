import { Args, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { ConnectionModel } from '../../common/graphql/connection.types.js';
import { providerListConnection } from '../common/provider-list.connection.js';
import { ProviderMessageConnection, ProviderMessageModel } from './provider-message.model.js';
import { ProviderMessagesArgs } from './provider-messages.query.js';
import { ProviderMessagesService } from './provider-messages.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ProviderMessageModel)
export class ProviderMessagesResolver {
  constructor(private readonly messages: ProviderMessagesService) {}

  @Query(() => ProviderMessageConnection, {
    description: "The provider's own message list (capability `message_list`), not the gateway's `messages`",
  })
  providerMessages(
    @TenantId() tenantId: string,
    @Args() args: ProviderMessagesArgs,
  ): Promise<ConnectionModel<ProviderMessageModel>> {
    const { pendingOnly, providerStatus, type } = args;
    return providerListConnection(args, (page) =>
      this.messages.list(tenantId, args.connection, { ...page, pendingOnly, providerStatus, type }),
    );
  }
}
