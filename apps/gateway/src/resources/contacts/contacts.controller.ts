import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { PageQuery } from '../common/page.query.js';
import { ContactModel, ContactPage, DeletedContactModel } from './contact.model.js';
import { ContactInput } from './contact.inputs.js';
import { ContactsService } from './contacts.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@ApiTags('contacts')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections/:name/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOperation({ summary: "List the provider's contacts" })
  @ApiOkResponse({ type: ContactPage })
  list(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Query() query: PageQuery,
  ): Promise<PageModel<ContactModel>> {
    return this.contacts.list(tenantId, name, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a contact at the provider' })
  @ApiCreatedResponse({ type: ContactModel })
  create(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: ContactInput,
  ): Promise<ContactModel> {
    return this.contacts.create(tenantId, name, input);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a contact at the provider' })
  @ApiOkResponse({ type: ContactModel })
  update(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Param('id') id: string,
    @Body() input: ContactInput,
  ): Promise<ContactModel> {
    return this.contacts.update(tenantId, name, id, input);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a contact at the provider' })
  @ApiOkResponse({ type: DeletedContactModel })
  remove(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Param('id') id: string,
  ): Promise<DeletedContactModel> {
    return this.contacts.remove(tenantId, name, id);
  }
}
