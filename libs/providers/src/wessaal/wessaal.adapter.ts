import { BaseMessagingProvider } from '../core/base-adapter.js';
import { capabilityTable } from '../core/capabilities.js';
import { isProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type {
  BulkRequest,
  BulkResult,
  Contact,
  ContactInput,
  Instance,
  MessageListQuery,
  MessageRecord,
  MessageStatusResult,
  Page,
  PageQuery,
  SendRequest,
  SendResult,
  StatusStoryRequest,
  Template,
  TemplateInput,
  Workspace,
} from '../core/unified.js';
import type { SentMessageMatch, SentMessageQuery } from '../core/sent-message.js';
import type { WessaalClient } from './wessaal.client.js';
import { findWessaalSentMessage } from './wessaal.find-sent.js';
import { isListForbidden, listedWessaalStatuses, statusListBudget } from './wessaal.status-list.js';
import { WESSAAL_PROVIDER_ID } from './wessaal.errors.js';
import type { WessaalPageQuery } from './wessaal.requests.js';
import * as toProvider from './wessaal.to-provider.js';
import * as toUnified from './wessaal.to-unified.js';

export const WESSAAL_CAPABILITIES = capabilityTable([
  'text',
  'image',
  'video',
  'document',
  'audio',
  'location',
  'template',
  'contact_card',
  'poll',
  'buttons',
  'status_story',
  'bulk',
  'message_status',
  'message_list',
  'contacts',
  'templates_list',
  'templates_create',
  'instances',
  'workspaces',
]);

const MAX_PAGE_SIZE = 100;
const MAX_BULK = 100;
const BULK_TYPES: ReadonlySet<string> = new Set(['text', 'image', 'video', 'document', 'audio', 'template']);
const { invalidInput } = toProvider;

export class WessaalAdapter extends BaseMessagingProvider {
  readonly id = WESSAAL_PROVIDER_ID;
  readonly capabilities = WESSAAL_CAPABILITIES;
  /** The key may not list messages (403 without `read_messages`): statuses are polled one by one. */
  private listForbidden = false;

  constructor(
    private readonly client: WessaalClient,
    private readonly defaults: { from?: string } = {},
  ) {
    super();
  }

  /** `ping` needs no scope and changes nothing. */
  async testConnection(): Promise<void> {
    await this.client.ping();
  }

  protected async sendSupported(request: SendRequest): Promise<SendResult> {
    const instance = this.instanceFor(request.from);
    const recipient = toProvider.recipientOf(request.to);
    switch (request.type) {
      case 'location': {
        const { latitude, longitude, name, address } = request;
        const body = { instance, recipient, latitude, longitude, name, address };
        return toUnified.sendResultOf(await this.client.sendLocation(body));
      }
      case 'contact_card':
        return toUnified.sendResultOf(
          await this.client.sendContact({ instance, recipient, ...toProvider.contactCardsOf(request) }),
        );
      case 'poll':
        return toUnified.sendResultOf(
          await this.client.sendPoll({ instance, recipient, ...toProvider.pollOf(request) }),
        );
      case 'buttons':
        return toUnified.sendResultOf(
          await this.client.sendButtons({ instance, recipient, ...toProvider.buttonsOf(request) }),
        );
      default:
        return toUnified.sendResultOf(
          await this.client.sendMessage({ instance, recipient, ...toProvider.messageContentOf(request) }),
        );
    }
  }

  override async sendStatusStory(request: StatusStoryRequest): Promise<SendResult> {
    return toUnified.sendResultOf(
      await this.client.sendStatus(toProvider.statusStoryOf(request, this.instanceFor(request.from))),
    );
  }

  override async sendBulk(request: BulkRequest): Promise<BulkResult> {
    const instance = this.instanceFor(request.from);
    if (request.messages.length < 1 || request.messages.length > MAX_BULK) {
      throw invalidInput('messages', `wessaal sends 1 to ${MAX_BULK} messages per bulk call`);
    }
    const messages = request.messages.map((message, i) => {
      // One instance sends the whole batch.
      if (message.from !== undefined && message.from !== instance) {
        throw invalidInput(`messages.${i}.from`, `a bulk call sends every message from "${instance}"`);
      }
      if (!BULK_TYPES.has(message.type)) {
        throw invalidInput(
          `messages.${i}.type`,
          'a bulk call carries text, media and template messages only',
        );
      }
      return {
        recipient: toProvider.recipientOf(message.to, `messages.${i}.to`),
        ...toProvider.messageContentOf(message, `messages.${i}.`),
      };
    });
    return toUnified.bulkResultOf(await this.client.sendBulk({ instance, messages }));
  }

  override async getMessageStatus(providerMessageId: string): Promise<MessageStatusResult> {
    return toUnified.messageStatusOf(await this.client.getMessageStatus(providerMessageId));
  }

  /**
   * Polls in bulk (issue #13): several statuses from `GET /messages` pages (see wessaal.status-list.ts); the ids it
   * leaves out are asked one by one by the caller. A key without `read_messages` gets 403 on the list: it is not
   * asked again by this adapter (a changed connection builds a new one), and every poll goes one by one.
   */
  async getMessageStatuses(providerMessageIds: readonly string[]): Promise<Map<string, MessageStatusResult>> {
    const budget = statusListBudget(providerMessageIds.length);
    if (budget === 0 || this.listForbidden) return new Map();
    return listedWessaalStatuses(this.client, providerMessageIds, budget, (error) => {
      if (isListForbidden(error)) this.listForbidden = true;
    });
  }

  override async listMessages(query: MessageListQuery = {}): Promise<Page<MessageRecord>> {
    if (query.search !== undefined) {
      throw invalidInput('search', 'wessaal cannot search messages; filter by providerStatus or type');
    }
    const status = query.providerStatus ?? (query.pendingOnly ? 'pending' : undefined);
    const body = await this.client.listMessages({ ...this.pageQueryOf(query), status, type: query.type });
    return toUnified.messagePageOf(body);
  }

  /** Crash recovery (issue #13): the message list and detail say whether this request was already sent. */
  async findSentMessage(query: SentMessageQuery): Promise<SentMessageMatch | null> {
    return findWessaalSentMessage(this.client, query);
  }

  override async listContacts(query: PageQuery = {}): Promise<Page<Contact>> {
    if (query.search !== undefined) throw invalidInput('search', 'wessaal cannot search contacts');
    const body = await this.client.listContacts(this.pageQueryOf(query));
    return toUnified.pageOf(body, toUnified.contactOf, query);
  }

  override async createContact(input: ContactInput): Promise<Contact> {
    return toUnified.contactOf((await this.client.createContact(toProvider.contactCreateOf(input))).data);
  }

  override async updateContact(id: string, input: ContactInput): Promise<Contact> {
    return toUnified.contactOf((await this.client.updateContact(id, toProvider.contactUpdateOf(input))).data);
  }

  override async deleteContact(id: string): Promise<void> {
    await this.client.deleteContact(id);
  }

  override async listTemplates(query: PageQuery = {}): Promise<Page<Template>> {
    if (query.search !== undefined) throw invalidInput('search', 'wessaal cannot search templates');
    const body = await this.client.listTemplates(this.pageQueryOf(query));
    return toUnified.pageOf(body, toUnified.templateOf, query);
  }

  override async createTemplate(input: TemplateInput): Promise<Template> {
    const workspaceId = input.workspaceId?.trim();
    if (!workspaceId || !/^\d+$/.test(workspaceId)) {
      throw invalidInput(
        'workspaceId',
        'wessaal requires the numeric id of the workspace the template belongs to',
      );
    }
    const body = await this.client.createTemplate({
      workspace_id: Number(workspaceId),
      name: input.name,
      message_type: input.messageType ?? 'text',
      content: input.content,
      is_active: input.isActive,
    });
    return toUnified.templateOf(body.data);
  }

  override async listInstances(): Promise<Instance[]> {
    return (await this.client.listInstances()).data.map(toUnified.instanceOf);
  }

  /** The stored detail, with the live connection state from the gateway when the gateway answers. */
  override async getInstance(id: string): Promise<Instance> {
    const detail = await this.client.getInstance(id);
    const live = await this.client.getInstanceStatus(id).catch((error: unknown) => {
      if (isProviderError(error, ProviderErrorCode.PROVIDER_UNAVAILABLE)) return undefined;
      throw error;
    });
    return toUnified.instanceDetailOf(detail, live);
  }

  override async listWorkspaces(): Promise<Workspace[]> {
    return toUnified.pageOf(await this.client.listWorkspaces(), toUnified.workspaceOf).items;
  }

  override async getWorkspace(id: string): Promise<Workspace> {
    return toUnified.workspaceOf((await this.client.getWorkspace(id)).data);
  }

  /** Wessaal needs an instance on every send: the request's `from`, else the connection's default. */
  private instanceFor(from: string | undefined): string {
    const instance = from?.trim() || this.defaults.from?.trim();
    if (!instance) {
      throw invalidInput('from', 'wessaal needs the sending instance (id or name): set `from` or a default');
    }
    return instance;
  }

  private pageQueryOf(query: PageQuery): WessaalPageQuery {
    const { page, pageSize } = query;
    if (page !== undefined && (!Number.isInteger(page) || page < 1)) {
      throw invalidInput('page', 'pages start at 1');
    }
    if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
      throw invalidInput('pageSize', `wessaal pages hold 1 to ${MAX_PAGE_SIZE} items`);
    }
    return { page, per_page: pageSize };
  }
}
