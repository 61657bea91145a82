import type { Capability, CapabilityTable } from './capabilities.js';
import type { MessageStatus } from './message-status.js';
import type { SentMessageMatch, SentMessageQuery } from './sent-message.js';
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

/** What a provider pushes to a webhook, in the unified vocabulary. */
export type WebhookEvent =
  | { kind: 'inbound'; message: InboundMessage }
  | {
      kind: 'status';
      providerMessageId: string;
      status: MessageStatus;
      providerStatus: string;
      raw: unknown;
    };

/**
 * The one interface the gateway uses to talk to any provider. Every operation exists on every adapter; an operation
 * outside the provider's capability table throws ProviderError UNSUPPORTED_CAPABILITY naming provider and capability.
 */
export interface MessagingProvider {
  readonly id: string;
  readonly capabilities: CapabilityTable;

  /** A cheap, side-effect-free real call that proves base URL, credentials and IP whitelist. */
  testConnection(): Promise<void>;

  send(request: SendRequest): Promise<SendResult>;
  sendStatusStory(request: StatusStoryRequest): Promise<SendResult>;
  sendBulk(request: BulkRequest): Promise<BulkResult>;
  getMessageStatus(providerMessageId: string): Promise<MessageStatusResult>;
  /**
   * Only on adapters whose provider lists message statuses (Wessaal, under `message_status`): the statuses of several
   * messages in fewer calls than one `getMessageStatus` each. The answer may leave ids out (the list did not show
   * them, or it does not carry what `getMessageStatus` would, such as a failure's reason): the caller asks
   * `getMessageStatus` for those, so a message the list misses is polled as without it. Throws a transient
   * ProviderError when the provider cannot answer now (the caller's polls fail as one would); never NOT_FOUND for an
   * id. Absent: poll one by one.
   */
  getMessageStatuses?(providerMessageIds: readonly string[]): Promise<Map<string, MessageStatusResult>>;
  listMessages(query?: MessageListQuery): Promise<Page<MessageRecord>>;
  listInbound(query?: PageQuery): Promise<Page<InboundMessage>>;
  /**
   * Only on adapters whose provider can answer (Wessaal, WaMessenger): the provider's record of a message with the
   * same recipient and content created within [since, until], or null when the provider shows there is none. Throws
   * a transient ProviderError (PROVIDER_UNAVAILABLE) when it cannot tell. Absent: the provider cannot answer.
   */
  findSentMessage?(query: SentMessageQuery): Promise<SentMessageMatch | null>;

  listContacts(query?: PageQuery): Promise<Page<Contact>>;
  createContact(input: ContactInput): Promise<Contact>;
  updateContact(id: string, input: ContactInput): Promise<Contact>;
  deleteContact(id: string): Promise<void>;

  listTemplates(query?: PageQuery): Promise<Page<Template>>;
  createTemplate(input: TemplateInput): Promise<Template>;

  listConversations(query?: ConversationQuery): Promise<Page<Conversation>>;
  getConversation(id: string): Promise<Conversation>;
  setConversationState(id: string, state: ConversationState): Promise<void>;

  startVerification(request: VerificationStart): Promise<VerificationStarted>;
  checkVerification(requestId: string, code: string): Promise<VerificationCheck>;

  setWebhook(url: string): Promise<WebhookInfo>;
  removeWebhook(): Promise<WebhookInfo>;
  getWebhookQueue(): Promise<WebhookInfo>;
  resendWebhookQueue(): Promise<WebhookInfo>;
  setSendSeen(on: boolean): Promise<void>;
  setReceive(on: boolean): Promise<void>;
  /** Turns a webhook body the provider POSTed into unified events; rejects bodies not meant for this account. */
  parseWebhook(body: unknown): WebhookEvent[];

  listInstances(): Promise<Instance[]>;
  getInstance(id: string): Promise<Instance>;
  listWorkspaces(): Promise<Workspace[]>;
  getWorkspace(id: string): Promise<Workspace>;
}

/** Which capability each unified send type needs. */
export const SEND_TYPE_CAPABILITY: Record<SendRequest['type'], Capability> = {
  text: 'text',
  image: 'image',
  video: 'video',
  document: 'document',
  audio: 'audio',
  location: 'location',
  template: 'template',
  contact_card: 'contact_card',
  poll: 'poll',
  buttons: 'buttons',
};

/** Which capability each operation needs (send is per type, above). */
export const OPERATION_CAPABILITY = {
  sendStatusStory: 'status_story',
  sendBulk: 'bulk',
  getMessageStatus: 'message_status',
  listMessages: 'message_list',
  listInbound: 'inbound_list',
  listContacts: 'contacts',
  createContact: 'contacts',
  updateContact: 'contacts',
  deleteContact: 'contacts',
  listTemplates: 'templates_list',
  createTemplate: 'templates_create',
  listConversations: 'conversations',
  getConversation: 'conversations',
  setConversationState: 'conversations',
  startVerification: 'otp',
  checkVerification: 'otp',
  setWebhook: 'webhooks',
  removeWebhook: 'webhooks',
  getWebhookQueue: 'webhooks',
  resendWebhookQueue: 'webhooks',
  setSendSeen: 'webhooks',
  setReceive: 'webhooks',
  parseWebhook: 'webhooks',
  listInstances: 'instances',
  getInstance: 'instances',
  listWorkspaces: 'workspaces',
  getWorkspace: 'workspaces',
} as const satisfies Partial<Record<keyof MessagingProvider, Capability>>;
