import type { MessageStatus } from './message-status.js';
import type { FieldErrors, ProviderErrorCode } from './provider-error.js';

/** Unified request and result types. Phone numbers are always E.164 (`+966500000000`). */

export type MediaKind = 'image' | 'video' | 'document' | 'audio';

/** Media either by public URL (Wessaal, WaMessenger) or as bytes (Washeej uploads files). */
export type MediaSource =
  | { url: string; filename?: string; contentType?: string }
  | { data: Uint8Array; filename: string; contentType: string };

interface Addressed {
  to: string;
  /** The sending account: Washeej from_number (E.164), Wessaal instance id or name. Defaults per provider. */
  from?: string;
}

export interface TextMessage extends Addressed {
  type: 'text';
  text: string;
  linkPreview?: boolean;
}
export interface MediaMessage extends Addressed {
  type: MediaKind;
  media: MediaSource;
  caption?: string;
}
export interface LocationMessage extends Addressed {
  type: 'location';
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}
export interface TemplateMessage extends Addressed {
  type: 'template';
  /** Washeej numeric id, Wessaal numeric id, Watsal slug. */
  template: string;
  /** Named variables (Watsal, Wessaal). */
  variables?: Record<string, string>;
  /** Positional variables (Washeej body_variables / header_variables). */
  bodyVariables?: string[];
  headerVariables?: string[];
}
export interface ContactCard {
  fullName: string;
  phoneNumber: string;
  organization?: string;
  email?: string;
  url?: string;
}
export interface ContactCardMessage extends Addressed {
  type: 'contact_card';
  contacts: ContactCard[];
}
export interface PollMessage extends Addressed {
  type: 'poll';
  question: string;
  options: string[];
  selectableCount?: number;
}
export type Button =
  | { type: 'reply'; displayText: string; id: string }
  | { type: 'url'; displayText: string; url: string }
  | { type: 'call'; displayText: string; phoneNumber: string }
  | { type: 'copy'; displayText: string; copyCode: string };
export interface ButtonsMessage extends Addressed {
  type: 'buttons';
  body: string;
  title?: string;
  footer?: string;
  /** Inline buttons (Wessaal). */
  buttons?: Button[];
  /** A call-to-action or list configured in the provider's dashboard (Washeej cta_url_id / interactive_list_id). */
  ctaUrlId?: number;
  interactiveListId?: number;
}

export type SendRequest =
  | TextMessage
  | MediaMessage
  | LocationMessage
  | TemplateMessage
  | ContactCardMessage
  | PollMessage
  | ButtonsMessage;

export type SendType = SendRequest['type'];

export interface SendResult {
  providerMessageId: string;
  status: MessageStatus;
  providerStatus: string;
  /** Washeej conversation id, when the provider reports one. */
  conversationId?: string;
  creditsCharged?: number;
  raw: unknown;
}

export interface StatusStoryRequest {
  from?: string;
  kind: 'text' | 'image' | 'video' | 'audio';
  /** Text, or a public media URL for media stories. */
  content: string;
  caption?: string;
  backgroundColor?: string;
  font?: number;
  /** Specific recipients (E.164); all contacts when absent. */
  audience?: string[];
}

export interface BulkRequest {
  from?: string;
  messages: Array<TextMessage | MediaMessage | TemplateMessage>;
}
export interface BulkItemResult {
  index: number;
  to: string;
  ok: boolean;
  providerMessageId?: string;
  status?: MessageStatus;
  providerStatus?: string;
  error?: string;
  /** A failed item's unified code, when the provider names one per item (Wessaal's `error_code`). */
  errorCode?: ProviderErrorCode;
  /** A failed item's field messages, when the provider gives them. */
  fieldErrors?: FieldErrors;
}
export interface BulkResult {
  results: BulkItemResult[];
  raw: unknown;
}

export interface MessageStatusResult {
  providerMessageId: string;
  status: MessageStatus;
  providerStatus: string;
  to?: string;
  errorMessage?: string;
  updatedAt?: string;
  raw: unknown;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
  /** Provider-side search: phone number (prefix) or name. */
  search?: string;
}
export interface Page<T> {
  items: T[];
  page: number;
  pageCount?: number;
  total?: number;
  raw: unknown;
}

export interface MessageRecord {
  providerMessageId: string;
  to: string;
  status: MessageStatus;
  providerStatus: string;
  text?: string;
  createdAt?: string;
  raw: unknown;
}
export interface MessageListQuery extends PageQuery {
  /** WaMessenger: only the send queue. */
  pendingOnly?: boolean;
  providerStatus?: string;
  type?: string;
}

export interface InboundMessage {
  providerMessageId: string;
  from: string;
  to?: string;
  kind: 'text' | 'file';
  text?: string;
  fileUrl?: string;
  receivedAt?: string;
  raw: unknown;
}

export interface Contact {
  id: string;
  phone: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  notes?: string;
  raw: unknown;
}
export interface ContactInput {
  phone?: string;
  firstName?: string;
  lastName?: string;
  name?: string;
  email?: string;
  notes?: string;
  city?: string;
  state?: string;
  postCode?: string;
  address?: string;
}

export interface Template {
  id: string;
  name: string;
  status?: string;
  content?: string;
  messageType?: string;
  raw: unknown;
}
export interface TemplateInput {
  name: string;
  content: string;
  messageType?: MediaKind | 'text';
  workspaceId?: string;
  isActive?: boolean;
}

export type ConversationState = 'done' | 'pending' | 'important' | 'unread';
export interface Conversation {
  id: string;
  contactId?: string;
  state?: ConversationState | string;
  lastMessageAt?: string;
  raw: unknown;
}
export interface ConversationQuery extends PageQuery {
  state?: ConversationState;
}

export interface VerificationStart {
  to: string;
  codeLength?: number;
  brandName?: string;
}
export interface VerificationStarted {
  requestId: string;
  status: string;
  expiresInSeconds?: number;
  raw: unknown;
}
export type VerificationFailure =
  'INVALID_CODE' | 'EXPIRED' | 'TOO_MANY_ATTEMPTS' | 'NOT_FOUND' | 'ALREADY_VERIFIED';
export interface VerificationCheck {
  verified: boolean;
  reason?: VerificationFailure;
  checkedAt?: string;
  raw: unknown;
}

export interface WebhookInfo {
  url: string;
  pending?: number;
  message?: string;
  raw: unknown;
}

export interface Instance {
  id: string;
  name: string;
  status: string;
  phoneNumber?: string;
  workspace?: { id: string; name: string };
  raw: unknown;
}
export interface Workspace {
  id: string;
  name: string;
  raw: unknown;
}
