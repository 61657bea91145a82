import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { ConversationModel, ConversationPage } from './conversation.model.js';
import { ConversationQuery, ConversationStateInput } from './conversation.inputs.js';
import { ConversationsService } from './conversations.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@ApiTags('conversations')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections/:name/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiOperation({ summary: 'List conversations (Washeej/Wutt inbox)' })
  @ApiOkResponse({ type: ConversationPage })
  list(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Query() query: ConversationQuery,
  ): Promise<PageModel<ConversationModel>> {
    return this.conversations.list(tenantId, name, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a conversation' })
  @ApiOkResponse({ type: ConversationModel })
  get(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Param('id') id: string,
  ): Promise<ConversationModel> {
    return this.conversations.get(tenantId, name, id);
  }

  @Put(':id/state')
  @ApiOperation({ summary: "Set a conversation's state" })
  @HttpCode(200)
  @ApiOkResponse({ type: ConversationModel })
  setState(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Param('id') id: string,
    @Body() input: ConversationStateInput,
  ): Promise<ConversationModel> {
    return this.conversations.setState(tenantId, name, id, input.state);
  }
}
