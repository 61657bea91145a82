import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantId } from '../auth/tenant.decorator.js';
import { MessagesQuery } from './dto/messages.args.js';
import { SendBulkInput } from './dto/send-bulk.input.js';
import { SendMessageInput } from './dto/send-message.input.js';
import { SendStatusStoryInput } from './dto/send-status-story.input.js';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  replayHeader,
  withIdempotencyHeader,
} from './idempotency-header.js';
import { MessageListService } from './message-list.service.js';
import { MessageStatusService } from './message-status.service.js';
import { MessagesService } from './messages.service.js';
import { MessageConnectionModel, MessageModel } from './models/message.model.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

/** How the three sends document the key header and the replay header. */
const IDEMPOTENCY_KEY = ApiHeader({
  name: IDEMPOTENCY_KEY_HEADER,
  required: false,
  description:
    'The same as the body field `idempotencyKey` (either, or both when equal): the same key with the same input answers the first message again (no second send), with a different input 409 IDEMPOTENCY_KEY_REUSED. Kept 24 h.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
});
const REPLAYED = {
  [IDEMPOTENT_REPLAYED_HEADER]: {
    description: '`true` when the answer replays an earlier request with the same idempotency key',
    schema: { type: 'string', enum: ['true'] },
  },
};

type Reply = FastifyReply;
const idempotencyKey = (): ParameterDecorator => Headers(IDEMPOTENCY_KEY_HEADER.toLowerCase());

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
  @ApiOperation({ summary: 'Send a message' })
  @IDEMPOTENCY_KEY
  @ApiCreatedResponse({
    type: MessageModel,
    description: 'A provider refusal is still 201: the message has status FAILED and `error`',
    headers: REPLAYED,
  })
  async send(
    @TenantId() tenantId: string,
    @Body() input: SendMessageInput,
    @idempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<MessageModel> {
    const message = await this.messages.send(tenantId, withIdempotencyHeader(input, key));
    replayHeader(reply, message);
    return this.status.describe(message);
  }

  @Post('bulk')
  @ApiOperation({ summary: 'Send one message to each of many recipients (bulk)' })
  @IDEMPOTENCY_KEY
  @ApiCreatedResponse({ type: [MessageModel], headers: REPLAYED })
  async sendBulk(
    @TenantId() tenantId: string,
    @Body() input: SendBulkInput,
    @idempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<MessageModel[]> {
    const messages = await this.messages.sendBulk(tenantId, withIdempotencyHeader(input, key));
    replayHeader(reply, messages);
    return this.status.describeMany(messages);
  }

  @Post('status-story')
  @ApiOperation({ summary: 'Post a status story' })
  @IDEMPOTENCY_KEY
  @ApiCreatedResponse({ type: MessageModel, headers: REPLAYED })
  async sendStatusStory(
    @TenantId() tenantId: string,
    @Body() input: SendStatusStoryInput,
    @idempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<MessageModel> {
    const message = await this.messages.sendStatusStory(tenantId, withIdempotencyHeader(input, key));
    replayHeader(reply, message);
    return this.status.describe(message);
  }

  @Get()
  @ApiOperation({ summary: 'List messages, newest first (cursor pagination)' })
  @ApiOkResponse({ type: MessageConnectionModel })
  find(@TenantId() tenantId: string, @Query() query: MessagesQuery): Promise<MessageConnectionModel> {
    const { first, after, ...filter } = query;
    return this.list.list(tenantId, { filter, first, after });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a message with its status history' })
  @ApiOkResponse({ type: MessageModel })
  async get(@TenantId() tenantId: string, @Param('id') id: string): Promise<MessageModel> {
    return this.status.describe(await this.messages.get(tenantId, id));
  }
}
