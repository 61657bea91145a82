import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../auth/tenant.decorator.js';
import { InboundMessagesQuery } from './dto/inbound-messages.args.js';
import { InboundMessagesService } from './inbound-messages.service.js';
import { InboundMessageConnectionModel, InboundMessageModel } from './models/inbound-message.model.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@ApiTags('inbound')
@ApiBearerAuth()
@RequireScopes(ApiScope.READ)
@Controller('v1/inbound-messages')
export class InboundController {
  constructor(private readonly inbound: InboundMessagesService) {}

  @Get()
  @ApiOperation({ summary: 'List inbound messages (what customers wrote), cursor pagination' })
  @ApiOkResponse({ type: InboundMessageConnectionModel, description: 'Newest first' })
  list(
    @TenantId() tenantId: string,
    @Query() { first, after, ...filter }: InboundMessagesQuery,
  ): Promise<InboundMessageConnectionModel> {
    return this.inbound.list(tenantId, { filter, first, after });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an inbound message' })
  @ApiOkResponse({ type: InboundMessageModel })
  get(@TenantId() tenantId: string, @Param('id') id: string): Promise<InboundMessageModel> {
    return this.inbound.get(tenantId, id);
  }
}
