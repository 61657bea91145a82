import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { TenantId } from '../auth/tenant.decorator.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { connectionWindow } from '../common/graphql/connection.args.js';
import type { ConnectionModel } from '../common/graphql/connection.types.js';
import { EventsService } from '../events/events.service.js';
import { MessagesArgs } from './dto/messages.args.js';
import { SendBulkInput } from './dto/send-bulk.input.js';
import { MAX_BATCH_ITEMS, SendMessageBatchInput } from './dto/send-message-batch.input.js';
import { SendMessageInput } from './dto/send-message.input.js';
import { SendStatusStoryInput } from './dto/send-status-story.input.js';
import { MessageListService } from './message-list.service.js';
import { MESSAGE_STATUS_CHANGED, MessageStatusService } from './message-status.service.js';
import { MessagesService } from './messages.service.js';
import { MessageConnection, MessageModel } from './models/message.model.js';
import { MessageBatchResultModel } from './models/message-batch.model.js';
import { QueuedSendsService } from './queued-sends.service.js';
import { lookupOptions } from '../common/graphql/lookup.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@RequireScopes(ApiScope.SEND)
@Resolver(() => MessageModel)
export class MessagesResolver {
  constructor(
    private readonly sending: MessagesService,
    private readonly list: MessageListService,
    private readonly status: MessageStatusService,
    private readonly events: EventsService,
    private readonly queued: QueuedSendsService,
  ) {}

  @Query(() => MessageModel, lookupOptions('message', 'One message by id'))
  async message(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID, description: 'The gateway id of the message' }) id: string,
  ): Promise<MessageModel> {
    const message = await this.status.findDescribed(tenantId, id);
    if (!message) throw GatewayError.notFound('message', id);
    return message;
  }

  @Query(() => MessageConnection, { description: 'Your messages, newest first (Relay connection)' })
  messages(@TenantId() tenantId: string, @Args() args: MessagesArgs): Promise<ConnectionModel<MessageModel>> {
    return this.list.connection(tenantId, args.filter ?? {}, connectionWindow(args));
  }

  @Mutation(() => MessageModel, {
    description: 'Sends one message; a provider refusal comes back as status FAILED with `error`',
  })
  async sendMessage(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The recipient, the connection and the content' }) input: SendMessageInput,
  ): Promise<MessageModel> {
    return this.status.describe(await this.sending.send(tenantId, input));
  }

  @Mutation(() => MessageModel, {
    description:
      'Queues one message (status QUEUED) and answers before any provider call; the scheduler sends it and its status changes follow (messageStatusChanged, webhooks). Checks as sendMessage; REST: POST /v1/messages with Prefer: respond-async',
  })
  async queueMessage(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The recipient, the connection and the content' }) input: SendMessageInput,
  ): Promise<MessageModel> {
    return (await this.queued.queue(tenantId, input)).message;
  }

  @Mutation(() => MessageBatchResultModel, {
    description: `Queues 1 to ${MAX_BATCH_ITEMS} messages of any type to any of your connections, each accepted or refused on its own (media by url only); no item accepted is a BAD_USER_INPUT error naming every item's fields`,
  })
  sendMessageBatch(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The messages' }) input: SendMessageBatchInput,
  ): Promise<MessageBatchResultModel> {
    return this.queued.queueBatch(tenantId, input);
  }

  @Mutation(() => [MessageModel], {
    description: 'One provider call (capability bulk); one message per recipient',
  })
  async sendBulk(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The connection and one entry per recipient' }) input: SendBulkInput,
  ): Promise<MessageModel[]> {
    return this.status.describeMany(await this.sending.sendBulk(tenantId, input));
  }

  @Mutation(() => MessageModel, { description: 'Posts a WhatsApp status (capability status_story)' })
  async sendStatusStory(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The story and its audience' }) input: SendStatusStoryInput,
  ): Promise<MessageModel> {
    return this.status.describe(await this.sending.sendStatusStory(tenantId, input));
  }

  @Subscription(() => MessageModel, {
    description: 'Every change of your messages (or of one message), with the whole message',
    resolve: (payload: MessageModel) => payload,
  })
  async messageStatusChanged(
    @TenantId() tenantId: string,
    @Args('messageId', {
      type: () => ID,
      nullable: true,
      description:
        'Only this message; an unknown or foreign id is a NOT_FOUND error, not a silent subscription',
    })
    messageId?: string,
  ): Promise<AsyncGenerator<MessageModel>> {
    if (messageId != null) await this.sending.get(tenantId, messageId);
    return this.events.subscribe<MessageModel>(
      MESSAGE_STATUS_CHANGED,
      tenantId,
      (message) => !messageId || message.id === messageId,
    );
  }
}
