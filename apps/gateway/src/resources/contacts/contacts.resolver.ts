import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { ConnectionPageArgs } from '../common/page.query.js';
import { ContactModel, ContactPage, DeletedContactModel } from './contact.model.js';
import { ContactInput } from './contact.inputs.js';
import { ContactsService } from './contacts.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => ContactModel)
export class ContactsResolver {
  constructor(private readonly service: ContactsService) {}

  @Query(() => ContactPage, { description: "The provider's contacts (capability `contacts`)" })
  contacts(@TenantId() tenantId: string, @Args() args: ConnectionPageArgs): Promise<PageModel<ContactModel>> {
    return this.service.list(tenantId, args.connection, args);
  }

  @Mutation(() => ContactModel)
  createContact(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
    @Args('input') input: ContactInput,
  ): Promise<ContactModel> {
    return this.service.create(tenantId, connection, input);
  }

  @Mutation(() => ContactModel, { description: 'Changes only the fields given' })
  updateContact(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ContactInput,
  ): Promise<ContactModel> {
    return this.service.update(tenantId, connection, id, input);
  }

  @Mutation(() => DeletedContactModel)
  deleteContact(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<DeletedContactModel> {
    return this.service.remove(tenantId, connection, id);
  }
}
