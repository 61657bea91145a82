import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { ConnectionModel } from '../../common/graphql/connection.types.js';
import { ProviderListArgs } from '../common/provider-list.args.js';
import { providerListConnection } from '../common/provider-list.connection.js';
import { ContactConnection, ContactModel, DeletedContactModel } from './contact.model.js';
import { ContactInput } from './contact.inputs.js';
import { ContactsService } from './contacts.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ContactModel)
export class ContactsResolver {
  constructor(private readonly service: ContactsService) {}

  @Query(() => ContactConnection, { description: "The provider's contacts (capability `contacts`)" })
  contacts(
    @TenantId() tenantId: string,
    @Args() args: ProviderListArgs,
  ): Promise<ConnectionModel<ContactModel>> {
    return providerListConnection(args, (page) => this.service.list(tenantId, args.connection, page));
  }

  @Mutation(() => ContactModel, {
    description: "Adds a contact to the provider's address book (capability `contacts`)",
  })
  createContact(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('input', { description: 'The contact fields' }) input: ContactInput,
  ): Promise<ContactModel> {
    return this.service.create(tenantId, connection, input);
  }

  @Mutation(() => ContactModel, { description: 'Changes only the fields given' })
  updateContact(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('id', { type: () => ID, description: "The provider's contact id" }) id: string,
    @Args('input', { description: 'The contact fields' }) input: ContactInput,
  ): Promise<ContactModel> {
    return this.service.update(tenantId, connection, id, input);
  }

  @Mutation(() => DeletedContactModel, { description: "Deletes a contact from the provider's address book" })
  deleteContact(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('id', { type: () => ID, description: "The provider's contact id" }) id: string,
  ): Promise<DeletedContactModel> {
    return this.service.remove(tenantId, connection, id);
  }
}
