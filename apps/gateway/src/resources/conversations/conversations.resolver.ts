import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { ConversationModel, ConversationPage } from './conversation.model.js';
import { ConversationsArgs, SetConversationStateArgs } from './conversation.inputs.js';
import { ConversationsService } from './conversations.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ConversationModel)
export class ConversationsResolver {
  constructor(private readonly service: ConversationsService) {}

  @Query(() => ConversationPage, { description: "The provider's inbox (capability `conversations`)" })
  conversations(
    @TenantId() tenantId: string,
    @Args() args: ConversationsArgs,
  ): Promise<PageModel<ConversationModel>> {
    return this.service.list(tenantId, args.connection, args);
  }

  @Query(() => ConversationModel)
  conversation(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
    @Args('id', { type: () => ID }) id: string,
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
