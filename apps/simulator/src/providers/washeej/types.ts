import type { Account, ProviderId } from '../../core/account.js';

export interface WasheejSimOptions {
  id: Extract<ProviderId, 'washeej' | 'wutt'>;
  name: string;
  credentialPrefix: string;
}

/** Message status codes as the platform reports them (0 is the simulator's "queued, not yet sent"). */
export const MessageStatus = { QUEUED: 0, SENT: 1, DELIVERED: 2, READ: 3, FAILED: 9 } as const;
export type MessageStatusCode = (typeof MessageStatus)[keyof typeof MessageStatus];

/** Conversation status codes: 1 done, 2 pending, 3 important, 4 unread (0 is accepted by the status change). */
export const ConversationStatus = { NONE: 0, DONE: 1, PENDING: 2, IMPORTANT: 3, UNREAD: 4 } as const;

/** Template status codes. */
export const TemplateStatus = { PENDING: 0, APPROVED: 1, REJECTED: 2, DISABLED: 3 } as const;

export type SenderKind = 'cloud' | 'device';

/** One WhatsApp number connected to the account: a Cloud API (Meta) number or a Device/QR instance. */
export interface Sender {
  id: number;
  phone: string;
  kind: SenderKind;
  name: string;
  instanceId: string | null;
}

export interface Tag {
  id: number;
  name: string;
}

export interface Contact {
  id: number;
  firstname: string;
  lastname: string | null;
  mobileCode: string;
  mobile: string;
  /** mobile_code + mobile, digits only: the key contacts are found by. */
  digits: string;
  city: string | null;
  state: string | null;
  postCode: string | null;
  address: string | null;
  profileImage: string | null;
  blocked: boolean;
  tags: Tag[];
  lists: Tag[];
  createdAt: number;
  updatedAt: number;
}

export interface Note {
  id: number;
  note: string;
  createdAt: number;
}

export interface Conversation {
  id: number;
  contactId: number;
  status: number;
  lastMessageAt: number;
  /** When the customer last wrote: the 24 h window of Cloud API senders runs from here. */
  lastInboundAt: number | null;
  messageCount: number;
  notes: Note[];
  createdAt: number;
  updatedAt: number;
}

export type MessageType =
  | 'text'
  | 'image'
  | 'document'
  | 'video'
  | 'audio'
  | 'location'
  | 'cta_url'
  | 'interactive_list'
  | 'template';

export interface MediaInfo {
  filename: string;
  mimetype: string;
  size: number;
}

export interface Message {
  id: number;
  conversationId: number;
  contactId: number;
  direction: 'outgoing' | 'incoming';
  /** Our number (the sender) for outgoing messages, the customer's for incoming ones. */
  fromNumber: string;
  toNumber: string;
  type: MessageType;
  text: string | null;
  media: MediaInfo | null;
  latitude: number | null;
  longitude: number | null;
  ctaUrlId: number | null;
  interactiveListId: number | null;
  templateId: number | null;
  whatsappMessageId: string;
  status: number;
  createdAt: number;
  updatedAt: number;
}

export interface Template {
  id: number;
  name: string;
  language: string;
  category: string;
  header: string | null;
  body: string;
  footer: string | null;
  status: number;
  createdAt: number;
  updatedAt: number;
}

export interface CtaUrl {
  id: number;
  name: string;
  buttonText: string;
  url: string;
  body: string;
}

export interface InteractiveList {
  id: number;
  name: string;
  buttonText: string;
  body: string;
  sections: Array<{ title: string; rows: Array<{ id: string; title: string; description: string }> }>;
}

/** Everything one Washeej/Wutt account holds, in memory. */
export interface WasheejState {
  seq: { contact: number; conversation: number; message: number; note: number };
  senders: Sender[];
  templates: Map<number, Template>;
  ctaUrls: Map<number, CtaUrl>;
  interactiveLists: Map<number, InteractiveList>;
  contacts: Map<number, Contact>;
  contactsByDigits: Map<string, Contact>;
  conversations: Map<number, Conversation>;
  conversationsByContact: Map<number, Conversation>;
  messages: Message[];
}

export type WasheejAccount = Account<WasheejState>;

export function stateOf(account: Account): WasheejState {
  return account.state as WasheejState;
}
