import { BaseMessagingProvider } from '../core/base-adapter.js';
import { capabilityTable, type CapabilityTable } from '../core/capabilities.js';
import type {
  Contact,
  ContactInput,
  Conversation,
  ConversationQuery,
  ConversationState,
  Page,
  PageQuery,
  SendRequest,
  SendResult,
  Template,
} from '../core/unified.js';
import type { WasheejClient } from './washeej.client.js';
import {
  toUnifiedContact,
  toUnifiedConversation,
  toUnifiedTemplate,
  washeejContactFields,
  washeejNewContactFields,
  washeejPage,
} from './washeej.mapping.js';
import { planWasheejSend } from './washeej.send-mapping.js';
import {
  WASHEEJ_CONVERSATION_STATUS,
  WASHEEJ_SETTABLE_CONVERSATION_STATUSES,
  washeejMessageStatus,
} from './washeej.status.js';
import { washeejValidationError } from './washeej.uploads.js';

/**
 * Not supported, for want of an endpoint: message_status, message_list, inbound_list, bulk, poll, contact_card,
 * status_story, otp, webhooks, instances, workspaces, templates_create.
 */
export const WASHEEJ_CAPABILITIES: CapabilityTable = capabilityTable([
  'text',
  'image',
  'video',
  'document',
  'audio',
  'location',
  'template',
  'buttons',
  'contacts',
  'templates_list',
  'conversations',
]);

export interface WasheejAdapterDefaults {
  /** The Cloud API sender (E.164) used when a send names none; else the account's first sender. */
  from?: string;
}

/** Washeej / Wutt.net behind the unified MessagingProvider interface. */
export class WasheejAdapter extends BaseMessagingProvider {
  readonly id: string;
  readonly capabilities = WASHEEJ_CAPABILITIES;

  constructor(
    private readonly client: WasheejClient,
    private readonly defaults: WasheejAdapterDefaults = {},
  ) {
    super();
    this.id = client.providerId;
  }

  /** One contact on one page: proves base URL, credentials, IP whitelist and plan without changing anything. */
  async testConnection(): Promise<void> {
    await this.client.contactList({ paginate: 1 });
  }

  protected async sendSupported(request: SendRequest): Promise<SendResult> {
    const plan = planWasheejSend(this.id, request, this.defaults.from);
    if (plan.endpoint === 'send-template-message') {
      const answer = await this.client.sendTemplateMessage(plan.params);
      const conversationId = answer.data?.conversation_id;
      const message = answer.data?.message;
      return {
        // Not every version of the platform returns the stored message; without it there is no id.
        providerMessageId: message ? String(message.id) : '',
        // Without a message, stored as sent (1) once accepted; there is no status endpoint to learn more.
        ...washeejMessageStatus(message ? message.status : 1),
        conversationId:
          conversationId === null || conversationId === undefined ? undefined : String(conversationId),
        raw: answer,
      };
    }
    const answer = await this.client.sendMessage(plan.params);
    return {
      providerMessageId: String(answer.data.message.id),
      ...washeejMessageStatus(answer.data.message.status),
      conversationId: String(answer.data.conversation_id),
      raw: answer,
    };
  }

  override async listContacts(query: PageQuery = {}): Promise<Page<Contact>> {
    const answer = await this.client.contactList({
      page: query.page,
      paginate: query.pageSize,
      search: query.search,
    });
    return washeejPage(answer.data.contacts, toUnifiedContact, answer);
  }

  override async createContact(input: ContactInput): Promise<Contact> {
    const answer = await this.client.contactStore(washeejNewContactFields(this.id, input));
    return toUnifiedContact(answer.data.contact);
  }

  override async updateContact(id: string, input: ContactInput): Promise<Contact> {
    const answer = await this.client.contactUpdate(id, washeejContactFields(this.id, input));
    return toUnifiedContact(answer.data.contact);
  }

  override async deleteContact(id: string): Promise<void> {
    await this.client.contactDelete(id);
  }

  override async listTemplates(query: PageQuery = {}): Promise<Page<Template>> {
    if (query.search !== undefined) {
      throw washeejValidationError(this.id, 'search', 'the template list cannot be searched');
    }
    const answer = await this.client.templateList({ page: query.page, paginate: query.pageSize });
    return washeejPage(answer.data.templates, toUnifiedTemplate, answer);
  }

  override async listConversations(query: ConversationQuery = {}): Promise<Page<Conversation>> {
    const answer = await this.client.conversationList({
      status: query.state === undefined ? undefined : WASHEEJ_CONVERSATION_STATUS[query.state],
      page: query.page,
      paginate: query.pageSize,
      search: query.search,
    });
    return washeejPage(answer.data.conversation, toUnifiedConversation, answer);
  }

  override async getConversation(id: string): Promise<Conversation> {
    const answer = await this.client.conversationDetails(id);
    return toUnifiedConversation(answer.data.conversation);
  }

  override async setConversationState(id: string, state: ConversationState): Promise<void> {
    const status = WASHEEJ_CONVERSATION_STATUS[state];
    if (status === undefined || !WASHEEJ_SETTABLE_CONVERSATION_STATUSES.includes(status)) {
      // The list filters by unread (4), but change-conversation-status answers validation_error for it.
      throw washeejValidationError(
        this.id,
        'state',
        `"${state}" can be filtered on but not set: the server accepts done, pending and important only`,
      );
    }
    await this.client.changeConversationStatus(id, status);
  }
}
