import { Args, ID, Query, Resolver, Subscription } from '@nestjs/graphql';
import { TenantId } from '../auth/tenant.decorator.js';
import { EventsService } from '../events/events.service.js';
import { InboundMessagesArgs } from './dto/inbound-messages.args.js';
import { INBOUND_MESSAGE_RECEIVED, InboundMessagesService } from './inbound-messages.service.js';
import { InboundMessageConnectionModel, InboundMessageModel } from './models/inbound-message.model.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@RequireScopes(ApiScope.READ)
@Resolver(() => InboundMessageModel)
export class InboundResolver {
  constructor(
    private readonly inbound: InboundMessagesService,
    private readonly events: EventsService,
  ) {}

  @Query(() => InboundMessageConnectionModel, { description: 'Messages customers sent, newest first' })
  inboundMessages(
    @TenantId() tenantId: string,
    @Args() args: InboundMessagesArgs,
  ): Promise<InboundMessageConnectionModel> {
    return this.inbound.list(tenantId, args);
  }

  @Query(() => InboundMessageModel, { nullable: true })
  inboundMessage(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<InboundMessageModel | null> {
    return this.inbound.find(tenantId, id);
  }

  @Subscription(() => InboundMessageModel, {
    description: 'Each inbound message the first time the gateway stores it (webhook or polling)',
    resolve: (payload: InboundMessageModel) => payload,
  })
  inboundMessageReceived(
    @TenantId() tenantId: string,
    @Args('connection', { type: () => String, nullable: true }) connection?: string,
  ): AsyncIterator<InboundMessageModel> {
    return this.events.subscribe<InboundMessageModel>(
      INBOUND_MESSAGE_RECEIVED,
      tenantId,
      (message) => !connection || message.connection === connection,
    );
  }
}
