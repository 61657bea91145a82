import { Injectable } from '@nestjs/common';
import { ConnectionsService } from '../../connections/connections.service.js';
import { toPageModel, type PageModel } from '../common/page.model.js';
import { definedFields, unifiedPageQuery } from '../common/query.js';
import { toProviderMessageModel, type ProviderMessageModel } from './provider-message.model.js';
import type { ProviderMessagesQuery } from './provider-messages.query.js';

/** The provider's own list of sent messages (capability `message_list`). */
@Injectable()
export class ProviderMessagesService {
  constructor(private readonly connections: ConnectionsService) {}

  async list(
    tenantId: string,
    connection: string,
    query: ProviderMessagesQuery,
  ): Promise<PageModel<ProviderMessageModel>> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    const page = await adapter.listMessages(
      definedFields({
        ...unifiedPageQuery(query),
        pendingOnly: query.pendingOnly,
        providerStatus: query.providerStatus,
        type: query.type,
      }),
    );
    return toPageModel(page, toProviderMessageModel);
  }
}
