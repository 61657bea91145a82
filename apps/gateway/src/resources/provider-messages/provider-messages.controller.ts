import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { ProviderMessageModel, ProviderMessagePage } from './provider-message.model.js';
import { ProviderMessagesQuery } from './provider-messages.query.js';
import { ProviderMessagesService } from './provider-messages.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@ApiTags('provider messages')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections/:name/provider-messages')
export class ProviderMessagesController {
  constructor(private readonly messages: ProviderMessagesService) {}

  @Get()
  @ApiOperation({ summary: "List the provider's own record of sent messages" })
  @ApiOkResponse({ type: ProviderMessagePage })
  list(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Query() query: ProviderMessagesQuery,
  ): Promise<PageModel<ProviderMessageModel>> {
    return this.messages.list(tenantId, name, query);
  }
}
