import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TenantId } from '../auth/tenant.decorator.js';
import { MessagesQuery } from './dto/messages.args.js';
import { SendBulkInput } from './dto/send-bulk.input.js';
import { SendMessageInput } from './dto/send-message.input.js';
import { SendStatusStoryInput } from './dto/send-status-story.input.js';
import { MessageListService } from './message-list.service.js';
import { MessageStatusService } from './message-status.service.js';
import { MessagesService } from './messages.service.js';
import { MessageConnectionModel, MessageModel } from './models/message.model.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@ApiTags('messages')
@ApiBearerAuth()
@RequireScopes(ApiScope.SEND)
@Controller('v1/messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly list: MessageListService,
    private readonly status: MessageStatusService,
  ) {}

  @Post()
  @ApiCreatedResponse({
    type: MessageModel,
    description: 'A provider refusal is still 201: the message has status FAILED and `error`',
  })
  async send(@TenantId() tenantId: string, @Body() input: SendMessageInput): Promise<MessageModel> {
    return this.status.describe(await this.messages.send(tenantId, input));
  }

  @Post('bulk')
  @ApiCreatedResponse({ type: [MessageModel] })
  async sendBulk(@TenantId() tenantId: string, @Body() input: SendBulkInput): Promise<MessageModel[]> {
    return this.status.describeMany(await this.messages.sendBulk(tenantId, input));
  }

  @Post('status-story')
  @ApiCreatedResponse({ type: MessageModel })
  async sendStatusStory(
    @TenantId() tenantId: string,
    @Body() input: SendStatusStoryInput,
  ): Promise<MessageModel> {
    return this.status.describe(await this.messages.sendStatusStory(tenantId, input));
  }

  @Get()
  @ApiOkResponse({ type: MessageConnectionModel })
  find(@TenantId() tenantId: string, @Query() query: MessagesQuery): Promise<MessageConnectionModel> {
    const { first, after, ...filter } = query;
    return this.list.list(tenantId, { filter, first, after });
  }

  @Get(':id')
  @ApiOkResponse({ type: MessageModel })
  async get(@TenantId() tenantId: string, @Param('id') id: string): Promise<MessageModel> {
    return this.status.describe(await this.messages.get(tenantId, id));
  }
}
