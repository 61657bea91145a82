import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { ConnectionModel } from '../../common/graphql/connection.types.js';
import { providerListConnection } from '../common/provider-list.connection.js';
import { ConversationConnection, ConversationModel } from './conversation.model.js';
import { ConversationsArgs, SetConversationStateArgs } from './conversation.inputs.js';
import { ConversationsService } from './conversations.service.js';
import { lookupOptions } from '../../common/graphql/lookup.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ConversationModel)
export class ConversationsResolver {
  constructor(private readonly service: ConversationsService) {}

  @Query(() => ConversationConnection, { description: "The provider's inbox (capability `conversations`)" })
  conversations(
    @TenantId() tenantId: string,
    @Args() args: ConversationsArgs,
  ): Promise<ConnectionModel<ConversationModel>> {
    return providerListConnection(args, (page) =>
      this.service.list(tenantId, args.connection, { ...page, ...(args.state && { state: args.state }) }),
    );
  }

  @Query(
    () => ConversationModel,
    lookupOptions('conversation', "A conversation of the provider's inbox by id"),
  )
  conversation(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('id', { type: () => ID, description: "The provider's conversation id" }) id: string,
  ): Promise<ConversationModel> {
    return this.service.get(tenantId, connection, id);
  }

  @Mutation(() => ConversationModel, { description: 'Returns the conversation with its new state' })
  setConversationState(
    @TenantId() tenantId: string,
    @Args() args: SetConversationStateArgs,
  ): Promise<ConversationModel> {
    return this.service.setState(tenantId, args.connection, args.id, args.state);
  }
}
