import { Injectable } from '@nestjs/common';
import type { ConversationState } from '@app/providers';
import { ConnectionsService } from '../../connections/connections.service.js';
import { checkProviderId } from '../common/ids.js';
import { toPageModel, type PageModel } from '../common/page.model.js';
import { definedFields, unifiedPageQuery } from '../common/query.js';
import { toConversationModel, type ConversationModel } from './conversation.model.js';
import type { ConversationQuery } from './conversation.inputs.js';

/** The provider's inbox (capability `conversations`). */
@Injectable()
export class ConversationsService {
  constructor(private readonly connections: ConnectionsService) {}

  async list(
    tenantId: string,
    connection: string,
    query: ConversationQuery,
  ): Promise<PageModel<ConversationModel>> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    const page = await adapter.listConversations(
      definedFields({ ...unifiedPageQuery(query), state: query.state }),
    );
    return toPageModel(page, toConversationModel);
  }

  async get(tenantId: string, connection: string, id: string): Promise<ConversationModel> {
    checkProviderId('id', id);
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toConversationModel(await adapter.getConversation(id));
  }

  /** Sets the state, then answers the conversation as the provider now has it. */
  async setState(
    tenantId: string,
    connection: string,
    id: string,
    state: ConversationState,
  ): Promise<ConversationModel> {
    checkProviderId('id', id);
    const { adapter } = await this.connections.connect(tenantId, connection);
    await adapter.setConversationState(id, state);
    return toConversationModel(await adapter.getConversation(id));
  }
}
