import { BaseMessagingProvider } from '../core/base-adapter.js';
import { capabilityTable } from '../core/capabilities.js';
import { SEND_TYPE_CAPABILITY, type WebhookEvent } from '../core/messaging-provider.js';
import { digitsToE164, parseE164 } from '../core/phone.js';
import type {
  BulkRequest,
  BulkResult,
  InboundMessage,
  MediaMessage,
  MessageListQuery,
  MessageRecord,
  MessageStatusResult,
  Page,
  PageQuery,
  SendRequest,
  SendResult,
  TextMessage,
  WebhookInfo,
} from '../core/unified.js';
import { MessageStatus } from '../core/message-status.js';
import { WAMESSENGER_QUEUED, sendWaMessengerBulk } from './wamessenger.bulk.js';
import type { SentMessageMatch, SentMessageQuery } from '../core/sent-message.js';
import type { WaMessengerClient } from './wamessenger.client.js';
import { findWaMessengerSentMessage } from './wamessenger.find-sent.js';
import { WAMESSENGER_PROVIDER_ID } from './wamessenger.errors.js';
import {
  waMessengerContent,
  waMessengerInboundMessage,
  waMessengerMessageRecord,
  waMessengerWebhookInfo,
} from './wamessenger.mapping.js';
import { createRedactor, type Redactor } from './wamessenger.redact.js';
import { waMessengerReportStatus } from './wamessenger.status.js';
import { parseWaMessengerWebhook } from './wamessenger.webhook.js';

export const WAMESSENGER_CAPABILITIES = capabilityTable([
  'text',
  'image',
  'video',
  'document',
  'audio',
  'bulk',
  'message_status',
  'message_list',
  'inbound_list',
  'webhooks',
]);

export interface WaMessengerAdapterOptions {
  /** The same key the client uses: webhook bodies carry it as `Hash`, which is how they are authenticated. */
  apiKey: string;
}

/** The provider's search matches digits or a prefix of them (0935, 98912): a leading `+` would match nothing. */
function phoneSearch(search: string | undefined): string | undefined {
  const trimmed = search?.trim();
  return trimmed ? trimmed.replace(/^\+/, '') : undefined;
}

const TEXT_AND_MEDIA: ReadonlySet<SendRequest['type']> = new Set([
  'text',
  'image',
  'video',
  'document',
  'audio',
]);

function isTextOrMedia(request: SendRequest): request is TextMessage | MediaMessage {
  return TEXT_AND_MEDIA.has(request.type);
}

export class WaMessengerAdapter extends BaseMessagingProvider {
  readonly id = WAMESSENGER_PROVIDER_ID;
  readonly capabilities = WAMESSENGER_CAPABILITIES;
  private readonly apiKey: string;
  private readonly redact: Redactor;

  constructor(
    private readonly client: WaMessengerClient,
    options: WaMessengerAdapterOptions,
  ) {
    super();
    this.apiKey = options.apiKey;
    this.redact = createRedactor(options.apiKey);
  }

  /** The send queue: read-only and cheap, and it needs a valid key. */
  async testConnection(): Promise<void> {
    await this.client.pending();
  }

  protected async sendSupported(request: SendRequest): Promise<SendResult> {
    // send() has already refused the types outside the table; this narrows the type for the compiler.
    if (!isTextOrMedia(request)) this.unsupported(SEND_TYPE_CAPABILITY[request.type]);
    const { digits } = parseE164(request.to, this.id);
    const content = waMessengerContent(request);
    const id = await this.client.sendMessage({ phonenumber: digits, ...content });
    return { providerMessageId: id, ...WAMESSENGER_QUEUED, raw: id };
  }

  override async sendBulk(request: BulkRequest): Promise<BulkResult> {
    return sendWaMessengerBulk(this.client, request);
  }

  override async getMessageStatus(providerMessageId: string): Promise<MessageStatusResult> {
    const report = await this.client.getStatus(providerMessageId);
    const reading = waMessengerReportStatus(report);
    return {
      providerMessageId: report.id,
      ...reading,
      to: digitsToE164(report.phonenumber),
      errorMessage: reading.status === MessageStatus.FAILED ? (report.statusInfo ?? undefined) : undefined,
      updatedAt: report.execute || report.created || undefined,
      raw: report,
    };
  }

  /** Sent messages 100 a page (pageSize is fixed by the provider), or only the send queue with pendingOnly. */
  override async listMessages(query: MessageListQuery = {}): Promise<Page<MessageRecord>> {
    if (query.pendingOnly) {
      const queue = await this.client.pending();
      return {
        items: queue.map(waMessengerMessageRecord),
        page: 1,
        pageCount: 1,
        total: queue.length,
        raw: queue,
      };
    }
    const answer = await this.client.showAllMessages({
      page: query.page,
      phonenumber: phoneSearch(query.search),
    });
    return {
      items: answer.data.map(waMessengerMessageRecord),
      page: answer.currentPage ?? query.page ?? 1,
      pageCount: answer.pageCount,
      total: answer.count,
      raw: answer,
    };
  }

  /** Crash recovery (issue #13): showAllMessages for the recipient says whether this request was already sent. */
  async findSentMessage(query: SentMessageQuery): Promise<SentMessageMatch | null> {
    return findWaMessengerSentMessage(this.client, query);
  }

  override async listInbound(query: PageQuery = {}): Promise<Page<InboundMessage>> {
    const answer = await this.client.showAllGetMessages({
      page: query.page,
      phonenumber: phoneSearch(query.search),
    });
    return {
      items: answer.data.map(waMessengerInboundMessage),
      page: answer.currentPage ?? query.page ?? 1,
      pageCount: answer.pageCount,
      total: answer.count,
      raw: answer,
    };
  }

  override async setWebhook(url: string): Promise<WebhookInfo> {
    const answer = await this.client.setWebhook(url);
    return waMessengerWebhookInfo({ ...answer, url: answer.url ?? url }, answer);
  }

  override async removeWebhook(): Promise<WebhookInfo> {
    const answer = await this.client.removeWebhook();
    return waMessengerWebhookInfo(answer, answer);
  }

  /** The queue answers echo the api key as `hash`: it is redacted from what the gateway gets. */
  override async getWebhookQueue(): Promise<WebhookInfo> {
    const answer = await this.client.webhookPending();
    return waMessengerWebhookInfo(answer, this.redact(answer));
  }

  override async resendWebhookQueue(): Promise<WebhookInfo> {
    const answer = await this.client.webhookResend();
    return waMessengerWebhookInfo(answer, this.redact(answer));
  }

  override async setSendSeen(on: boolean): Promise<void> {
    await this.client.sendSeen(on ? 'on' : 'off');
  }

  override async setReceive(on: boolean): Promise<void> {
    await this.client.receive(on ? 'on' : 'off');
  }

  override parseWebhook(body: unknown): WebhookEvent[] {
    return parseWaMessengerWebhook(body, this.apiKey, this.redact);
  }
}
