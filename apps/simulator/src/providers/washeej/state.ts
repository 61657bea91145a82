import { randomBytes } from 'node:crypto';
import { restartSafeIdStart } from '../../core/id-origin.js';
import { trimArray } from '../../core/retention.js';
import {
  ConversationStatus,
  MessageStatus,
  type Contact,
  type Conversation,
  type Message,
  type WasheejState,
} from './types.js';

export function emptyState(): WasheejState {
  return {
    // Message ids (sent and received) start from the start time: never repeated across restarts and resets.
    seq: { contact: 0, conversation: 0, message: restartSafeIdStart(), note: 0 },
    senders: [],
    templates: new Map(),
    ctaUrls: new Map(),
    interactiveLists: new Map(),
    contacts: new Map(),
    contactsByDigits: new Map(),
    conversations: new Map(),
    conversationsByContact: new Map(),
    messages: [],
  };
}

export type NewContact = Pick<Contact, 'firstname' | 'lastname' | 'mobileCode' | 'mobile'> &
  Partial<
    Pick<Contact, 'city' | 'state' | 'postCode' | 'address' | 'profileImage' | 'blocked' | 'tags' | 'lists'>
  >;

export function addContact(state: WasheejState, fields: NewContact, now: number): Contact {
  const contact: Contact = {
    id: ++state.seq.contact,
    city: null,
    state: null,
    postCode: null,
    address: null,
    profileImage: null,
    blocked: false,
    tags: [],
    lists: [],
    ...fields,
    digits: fields.mobileCode + fields.mobile,
    createdAt: now,
    updatedAt: now,
  };
  state.contacts.set(contact.id, contact);
  state.contactsByDigits.set(contact.digits, contact);
  return contact;
}

/** Re-indexes a contact whose mobile_code or mobile changed. */
export function setContactPhone(
  state: WasheejState,
  contact: Contact,
  mobileCode: string,
  mobile: string,
): void {
  state.contactsByDigits.delete(contact.digits);
  contact.mobileCode = mobileCode;
  contact.mobile = mobile;
  contact.digits = mobileCode + mobile;
  state.contactsByDigits.set(contact.digits, contact);
}

export function removeContact(state: WasheejState, contact: Contact): void {
  state.contacts.delete(contact.id);
  state.contactsByDigits.delete(contact.digits);
  const conversation = state.conversationsByContact.get(contact.id);
  if (conversation) {
    state.conversations.delete(conversation.id);
    state.conversationsByContact.delete(contact.id);
  }
}

export function conversationOf(state: WasheejState, contact: Contact, now: number): Conversation {
  const existing = state.conversationsByContact.get(contact.id);
  if (existing) return existing;
  const conversation: Conversation = {
    id: ++state.seq.conversation,
    contactId: contact.id,
    status: ConversationStatus.PENDING,
    lastMessageAt: now,
    lastInboundAt: null,
    messageCount: 0,
    notes: [],
    createdAt: now,
    updatedAt: now,
  };
  state.conversations.set(conversation.id, conversation);
  state.conversationsByContact.set(contact.id, conversation);
  return conversation;
}

export type NewMessage = Omit<
  Message,
  'id' | 'conversationId' | 'contactId' | 'whatsappMessageId' | 'createdAt' | 'updatedAt'
>;

export function addMessage(
  state: WasheejState,
  conversation: Conversation,
  fields: NewMessage,
  now: number,
  /** The per-account cap (0 = unlimited): read and failed messages go first. */
  max = 0,
): Message {
  const message: Message = {
    id: ++state.seq.message,
    conversationId: conversation.id,
    contactId: conversation.contactId,
    whatsappMessageId: `wamid.${randomBytes(16).toString('hex').toUpperCase()}`,
    ...fields,
    createdAt: now,
    updatedAt: now,
  };
  state.messages.push(message);
  trimArray(
    state.messages,
    max,
    (m) => m.status === MessageStatus.READ || m.status === MessageStatus.FAILED,
    (m) => {
      const owner = state.conversations.get(m.conversationId);
      if (owner) owner.messageCount--;
    },
  );
  conversation.messageCount++;
  conversation.lastMessageAt = now;
  conversation.updatedAt = now;
  if (fields.direction === 'incoming') conversation.lastInboundAt = now;
  return message;
}

export function addNote(state: WasheejState, conversation: Conversation, note: string, now: number): void {
  conversation.notes.push({ id: ++state.seq.note, note, createdAt: now });
}
