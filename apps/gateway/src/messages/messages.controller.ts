import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantId } from '../auth/tenant.decorator.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { MessagesQuery } from './dto/messages.args.js';
import { SendBulkInput } from './dto/send-bulk.input.js';
import { MAX_BATCH_ITEMS, SendMessageBatchInput } from './dto/send-message-batch.input.js';
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
import { MessageBatchResultModel } from './models/message-batch.model.js';
import {
  PREFER_HEADER,
  PREFERENCE_APPLIED_HEADER,
  prefersRespondAsync,
  RESPOND_ASYNC,
} from './prefer-header.js';
import { QueuedSendsService } from './queued-sends.service.js';
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

const PREFER = ApiHeader({
  name: PREFER_HEADER,
  required: false,
  description:
    "`respond-async`: answer 202 as soon as the message is stored QUEUED, before any provider call; the scheduler sends it and its status changes follow (GET the `Location`, the `messageStatusChanged` subscription, webhooks). Without it the send is synchronous (201 with the provider's verdict).",
  schema: { type: 'string', example: RESPOND_ASYNC },
});
const ACCEPTED_HEADERS = {
  Location: { description: 'The queued message: `/v1/messages/{id}`', schema: { type: 'string' } },
  [PREFERENCE_APPLIED_HEADER]: {
    description: 'Always `respond-async` on a 202',
    schema: { type: 'string', enum: [RESPOND_ASYNC] },
  },
  ...REPLAYED,
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
    private readonly queued: QueuedSendsService,
  ) {}

  /** Answers itself (no passthrough): its status, 201 or 202, depends on the request's `Prefer` header. */
  @Post()
  @ApiOperation({ summary: 'Send a message (synchronously, or queued with Prefer: respond-async)' })
  @IDEMPOTENCY_KEY
  @PREFER
  @ApiCreatedResponse({
    type: MessageModel,
    description:
      'Sent synchronously. A provider refusal is still 201: the message has status FAILED and `error`',
    headers: REPLAYED,
  })
  @ApiAcceptedResponse({
    type: MessageModel,
    description:
      'With `Prefer: respond-async`: stored QUEUED, not sent yet. Validation, connection and capability were checked as for a synchronous send (4xx otherwise); a later provider refusal ends the message FAILED with `error`',
    headers: ACCEPTED_HEADERS,
  })
  async send(
    @TenantId() tenantId: string,
    @Body() input: SendMessageInput,
    @idempotencyKey() key: string | undefined,
    @Headers(PREFER_HEADER.toLowerCase()) prefer: string | undefined,
    @Res() reply: Reply,
  ): Promise<void> {
    const request = withIdempotencyHeader(input, key);
    if (prefersRespondAsync(prefer)) {
      const { message, replayed } = await this.queued.queue(tenantId, request);
      if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      await reply
        .status(202)
        .header('location', `/v1/messages/${message.id}`)
        .header(PREFERENCE_APPLIED_HEADER, RESPOND_ASYNC)
        .send(message);
      return;
    }
    const message = await this.messages.send(tenantId, request);
    replayHeader(reply, message);
    await reply.status(201).send(await this.status.describe(message));
  }

  @Post('batch')
  @HttpCode(202)
  @ApiOperation({
    summary: `Queue 1 to ${MAX_BATCH_ITEMS} messages of any type to any of your connections`,
    description:
      'Each item is validated on its own and either queued (its message id) or refused (its error, naming `messages.<i>.<field>`); the accepted ones are stored in one statement and sent by the scheduler. Media by url only. Idempotency: an item `idempotencyKey` replays that item; the `Idempotency-Key` header gives each item without one the key `<header>#<index>`, so repeating the request replays it. 400 when no item is accepted or the batch is empty or too large.',
  })
  @IDEMPOTENCY_KEY
  @ApiAcceptedResponse({ type: MessageBatchResultModel, description: 'At least one item was accepted' })
  sendBatch(
    @TenantId() tenantId: string,
    @Body() input: SendMessageBatchInput,
    @idempotencyKey() key: string | undefined,
  ): Promise<MessageBatchResultModel> {
    const headerKey = withIdempotencyHeader<{ idempotencyKey?: string }>({}, key).idempotencyKey;
    return this.queued.queueBatch(tenantId, input, headerKey);
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
    const message = await this.status.findDescribed(tenantId, id);
    if (!message) throw GatewayError.notFound('message', id);
    return message;
  }
}
