import { Args, ID, Query, Resolver, Subscription } from '@nestjs/graphql';
import { TenantId } from '../auth/tenant.decorator.js';
import { connectionWindow } from '../common/graphql/connection.args.js';
import type { ConnectionModel } from '../common/graphql/connection.types.js';
import { EventsService } from '../events/events.service.js';
import { InboundMessagesArgs } from './dto/inbound-messages.args.js';
import { INBOUND_MESSAGE_RECEIVED, InboundMessagesService } from './inbound-messages.service.js';
import { InboundMessageConnection, InboundMessageModel } from './models/inbound-message.model.js';
import { lookupOptions } from '../common/graphql/lookup.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@RequireScopes(ApiScope.READ)
@Resolver(() => InboundMessageModel)
export class InboundResolver {
  constructor(
    private readonly inbound: InboundMessagesService,
    private readonly events: EventsService,
  ) {}

  @Query(() => InboundMessageConnection, { description: 'Messages customers sent, newest first' })
  inboundMessages(
    @TenantId() tenantId: string,
    @Args() args: InboundMessagesArgs,
  ): Promise<ConnectionModel<InboundMessageModel>> {
    return this.inbound.connection(tenantId, args.filter ?? {}, connectionWindow(args));
  }

  @Query(() => InboundMessageModel, lookupOptions('inbound message', 'An inbound message by id'))
  inboundMessage(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID, description: 'The gateway id of the inbound message' }) id: string,
  ): Promise<InboundMessageModel> {
    return this.inbound.get(tenantId, id);
  }

  @Subscription(() => InboundMessageModel, {
    description: 'Each inbound message the first time the gateway stores it (webhook or polling)',
    resolve: (payload: InboundMessageModel) => payload,
  })
  inboundMessageReceived(
    @TenantId() tenantId: string,
    @Args('connection', {
      type: () => String,
      nullable: true,
      description: 'Only messages arriving on this connection',
    })
    connection?: string,
  ): AsyncIterator<InboundMessageModel> {
    return this.events.subscribe<InboundMessageModel>(
      INBOUND_MESSAGE_RECEIVED,
      tenantId,
      (message) => !connection || message.connection === connection,
    );
  }
}
