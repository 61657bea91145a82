import type { CapabilityTable, Capability } from './capabilities.js';
import { SEND_TYPE_CAPABILITY, type MessagingProvider, type WebhookEvent } from './messaging-provider.js';
import { ProviderError, ProviderErrorCode } from './provider-error.js';
import type {
  BulkRequest,
  BulkResult,
  Contact,
  ContactInput,
  Conversation,
  ConversationQuery,
  ConversationState,
  InboundMessage,
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
  VerificationCheck,
  VerificationStart,
  VerificationStarted,
  WebhookInfo,
  Workspace,
} from './unified.js';

export function unsupported(provider: string, capability: Capability): ProviderError {
  return new ProviderError(ProviderErrorCode.UNSUPPORTED_CAPABILITY, {
    provider,
    capability,
    message: `${provider} does not support ${capability}`,
  });
}

/**
 * Adapters extend this and override what their provider can do. `send` checks the capability of the request's
 * type before the adapter sees it, so an adapter's `sendSupported` only handles types its table allows.
 */
export abstract class BaseMessagingProvider implements MessagingProvider {
  abstract readonly id: string;
  abstract readonly capabilities: CapabilityTable;

  abstract testConnection(): Promise<void>;
  protected abstract sendSupported(request: SendRequest): Promise<SendResult>;

  async send(request: SendRequest): Promise<SendResult> {
    const capability = SEND_TYPE_CAPABILITY[request.type];
    if (!capability || !this.capabilities[capability]) {
      throw unsupported(this.id, capability ?? (String(request.type) as Capability));
    }
    return this.sendSupported(request);
  }

  protected unsupported(capability: Capability): never {
    throw unsupported(this.id, capability);
  }

  async sendStatusStory(_request: StatusStoryRequest): Promise<SendResult> {
    this.unsupported('status_story');
  }
  async sendBulk(_request: BulkRequest): Promise<BulkResult> {
    this.unsupported('bulk');
  }
  async getMessageStatus(_providerMessageId: string): Promise<MessageStatusResult> {
    this.unsupported('message_status');
  }
  async listMessages(_query?: MessageListQuery): Promise<Page<MessageRecord>> {
    this.unsupported('message_list');
  }
  async listInbound(_query?: PageQuery): Promise<Page<InboundMessage>> {
    this.unsupported('inbound_list');
  }
  async listContacts(_query?: PageQuery): Promise<Page<Contact>> {
    this.unsupported('contacts');
  }
  async createContact(_input: ContactInput): Promise<Contact> {
    this.unsupported('contacts');
  }
  async updateContact(_id: string, _input: ContactInput): Promise<Contact> {
    this.unsupported('contacts');
  }
  async deleteContact(_id: string): Promise<void> {
    this.unsupported('contacts');
  }
  async listTemplates(_query?: PageQuery): Promise<Page<Template>> {
    this.unsupported('templates_list');
  }
  async createTemplate(_input: TemplateInput): Promise<Template> {
    this.unsupported('templates_create');
  }
  async listConversations(_query?: ConversationQuery): Promise<Page<Conversation>> {
    this.unsupported('conversations');
  }
  async getConversation(_id: string): Promise<Conversation> {
    this.unsupported('conversations');
  }
  async setConversationState(_id: string, _state: ConversationState): Promise<void> {
    this.unsupported('conversations');
  }
  async startVerification(_request: VerificationStart): Promise<VerificationStarted> {
    this.unsupported('otp');
  }
  async checkVerification(_requestId: string, _code: string): Promise<VerificationCheck> {
    this.unsupported('otp');
  }
  async setWebhook(_url: string): Promise<WebhookInfo> {
    this.unsupported('webhooks');
  }
  async removeWebhook(): Promise<WebhookInfo> {
    this.unsupported('webhooks');
  }
  async getWebhookQueue(): Promise<WebhookInfo> {
    this.unsupported('webhooks');
  }
  async resendWebhookQueue(): Promise<WebhookInfo> {
    this.unsupported('webhooks');
  }
  async setSendSeen(_on: boolean): Promise<void> {
    this.unsupported('webhooks');
  }
  async setReceive(_on: boolean): Promise<void> {
    this.unsupported('webhooks');
  }
  parseWebhook(_body: unknown): WebhookEvent[] {
    return this.unsupported('webhooks');
  }
  async listInstances(): Promise<Instance[]> {
    this.unsupported('instances');
  }
  async getInstance(_id: string): Promise<Instance> {
    this.unsupported('instances');
  }
  async listWorkspaces(): Promise<Workspace[]> {
    this.unsupported('workspaces');
  }
  async getWorkspace(_id: string): Promise<Workspace> {
    this.unsupported('workspaces');
  }
}
