import { Injectable } from '@nestjs/common';
import { GatewayError } from '../../common/errors/gateway-error.js';
import { ConnectionsService } from '../../connections/connections.service.js';
import { checkProviderId } from '../common/ids.js';
import { toPageModel, type PageModel } from '../common/page.model.js';
import type { PageQuery } from '../common/page.query.js';
import { definedFields, unifiedPageQuery } from '../common/query.js';
import { toContactModel, type ContactModel, type DeletedContactModel } from './contact.model.js';
import type { ContactInput } from './contact.inputs.js';

/** The provider's address book, through the connection's adapter (capability `contacts`). */
@Injectable()
export class ContactsService {
  constructor(private readonly connections: ConnectionsService) {}

  async list(tenantId: string, connection: string, query: PageQuery): Promise<PageModel<ContactModel>> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toPageModel(await adapter.listContacts(unifiedPageQuery(query)), toContactModel);
  }

  async create(tenantId: string, connection: string, input: ContactInput): Promise<ContactModel> {
    const fields = definedFields({ ...input });
    if (fields.phone === undefined) throw GatewayError.badInput('phone', 'is required to create a contact');
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toContactModel(await adapter.createContact(fields));
  }

  async update(tenantId: string, connection: string, id: string, input: ContactInput): Promise<ContactModel> {
    checkProviderId('id', id);
    const fields = definedFields({ ...input });
    if (Object.keys(fields).length === 0)
      throw GatewayError.badInput('input', 'give at least one field to change');
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toContactModel(await adapter.updateContact(id, fields));
  }

  async remove(tenantId: string, connection: string, id: string): Promise<DeletedContactModel> {
    checkProviderId('id', id);
    const { adapter } = await this.connections.connect(tenantId, connection);
    await adapter.deleteContact(id);
    return { id, deleted: true };
  }
}
