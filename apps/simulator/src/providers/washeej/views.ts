import type { Contact, Conversation, Message, Note, Template } from './types.js';

/** Laravel's JSON date: ISO 8601 with microseconds, `2025-01-31T10:00:00.000000Z`. */
export function laravelDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}000Z`;
}

export function contactView(c: Contact): Record<string, unknown> {
  return {
    id: c.id,
    firstname: c.firstname,
    lastname: c.lastname,
    mobile_code: c.mobileCode,
    mobile: c.mobile,
    city: c.city,
    state: c.state,
    post_code: c.postCode,
    address: c.address,
    profile_image: c.profileImage,
    is_blocked: c.blocked ? 1 : 0,
    created_at: laravelDate(c.createdAt),
    updated_at: laravelDate(c.updatedAt),
  };
}

export function noteView(n: Note, conversationId: number): Record<string, unknown> {
  return {
    id: n.id,
    conversation_id: conversationId,
    note: n.note,
    created_at: laravelDate(n.createdAt),
    updated_at: laravelDate(n.createdAt),
  };
}

export function conversationView(c: Conversation): Record<string, unknown> {
  return {
    id: c.id,
    contact_id: c.contactId,
    status: c.status,
    last_message_at: laravelDate(c.lastMessageAt),
    created_at: laravelDate(c.createdAt),
    updated_at: laravelDate(c.updatedAt),
  };
}

/** A conversation as the conversation list shows it: with its contact and notes. */
export function conversationListItem(c: Conversation, contact: Contact | undefined): Record<string, unknown> {
  return {
    ...conversationView(c),
    contact: contact ? contactView(contact) : null,
    notes: c.notes.map((n) => noteView(n, c.id)),
  };
}

export function messageView(m: Message): Record<string, unknown> {
  return {
    id: m.id,
    conversation_id: m.conversationId,
    contact_id: m.contactId,
    whatsapp_message_id: m.whatsappMessageId,
    direction: m.direction,
    from_number: m.fromNumber,
    to_number: m.toNumber,
    type: m.type,
    message: m.text,
    media: m.media,
    latitude: m.latitude,
    longitude: m.longitude,
    cta_url_id: m.ctaUrlId,
    interactive_list_id: m.interactiveListId,
    template_id: m.templateId,
    status: m.status,
    created_at: laravelDate(m.createdAt),
    updated_at: laravelDate(m.updatedAt),
  };
}

export function templateView(t: Template): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    header: t.header,
    body: t.body,
    footer: t.footer,
    body_variables: countVariables(t.body),
    header_variables: t.header ? countVariables(t.header) : 0,
    status: t.status,
    created_at: laravelDate(t.createdAt),
    updated_at: laravelDate(t.updatedAt),
  };
}

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** How many distinct `{{n}}` placeholders a template text has (the highest n). */
export function countVariables(text: string): number {
  let highest = 0;
  for (const match of text.matchAll(PLACEHOLDER)) highest = Math.max(highest, Number(match[1]));
  return highest;
}

export function fillVariables(text: string, values: readonly string[]): string {
  return text.replace(PLACEHOLDER, (whole, n: string) => values[Number(n) - 1] ?? whole);
}
