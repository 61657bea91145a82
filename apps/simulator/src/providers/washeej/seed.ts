import { addContact, addMessage, addNote, conversationOf, emptyState, type NewMessage } from './state.js';
import {
  ConversationStatus,
  MessageStatus,
  TemplateStatus,
  type Template,
  type WasheejState,
} from './types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEMO_CLOUD_SENDER = '966512345678';
export const DEMO_DEVICE_SENDER = '966598765432';

/**
 * What every account has connected and configured, demo or fresh: one Cloud API number (the first, so the
 * default sender), one Device/QR number, templates in each status, one CTA URL and one interactive list.
 */
function addCatalog(state: WasheejState, now: number): void {
  state.senders.push(
    { id: 1, phone: DEMO_CLOUD_SENDER, kind: 'cloud', name: 'Main number (Cloud API)', instanceId: null },
    {
      id: 2,
      phone: DEMO_DEVICE_SENDER,
      kind: 'device',
      name: 'Support phone (Device)',
      instanceId: '2_demo0device',
    },
  );
  const templates: Array<Omit<Template, 'createdAt' | 'updatedAt'>> = [
    {
      id: 1,
      name: 'order_confirmation',
      language: 'en',
      category: 'UTILITY',
      header: null,
      body: 'Hello {{1}}, your order {{2}} has been confirmed.',
      footer: 'Thank you for shopping with us',
      status: TemplateStatus.APPROVED,
    },
    {
      id: 2,
      name: 'appointment_reminder',
      language: 'en',
      category: 'UTILITY',
      header: null,
      body: 'Hi {{1}}, this is a reminder of your appointment on {{2}}.',
      footer: null,
      status: TemplateStatus.PENDING,
    },
    {
      id: 3,
      name: 'summer_sale',
      language: 'en',
      category: 'MARKETING',
      header: null,
      body: 'Hi {{1}}! Enjoy {{2}}% off everything this week.',
      footer: null,
      status: TemplateStatus.REJECTED,
    },
    {
      id: 4,
      name: 'welcome_message',
      language: 'ar',
      category: 'MARKETING',
      header: null,
      body: 'أهلاً {{1}}، شكراً لانضمامك إلينا.',
      footer: null,
      status: TemplateStatus.DISABLED,
    },
    {
      id: 5,
      name: 'shipping_update',
      language: 'en',
      category: 'UTILITY',
      header: 'Shipment {{1}}',
      body: 'Hi {{1}}, your package is on its way and arrives on {{2}}.',
      footer: null,
      status: TemplateStatus.APPROVED,
    },
  ];
  for (const t of templates)
    state.templates.set(t.id, { ...t, createdAt: now - 30 * DAY, updatedAt: now - 30 * DAY });
  state.ctaUrls.set(1, {
    id: 1,
    name: 'Track order',
    buttonText: 'Track',
    url: 'https://example.com/track',
    body: 'Tap below to track your order.',
  });
  state.interactiveLists.set(1, {
    id: 1,
    name: 'Main menu',
    buttonText: 'Options',
    body: 'How can we help you?',
    sections: [
      {
        title: 'Orders',
        rows: [
          { id: 'order_status', title: 'Order status', description: 'Where is my order?' },
          { id: 'returns', title: 'Returns', description: 'Return an item' },
        ],
      },
    ],
  });
}

/** A fresh account: numbers, templates, CTA URL and list configured; no contacts, conversations or messages. */
export function freshState(now: number): WasheejState {
  const state = emptyState();
  addCatalog(state, now);
  return state;
}

function outgoing(text: string, to: string, templateId: number | null = null): NewMessage {
  return {
    direction: 'outgoing',
    fromNumber: DEMO_CLOUD_SENDER,
    toNumber: to,
    type: templateId ? 'template' : 'text',
    text,
    media: null,
    latitude: null,
    longitude: null,
    ctaUrlId: null,
    interactiveListId: null,
    templateId,
    status: MessageStatus.READ,
  };
}

function incoming(text: string, from: string): NewMessage {
  return {
    ...outgoing(text, DEMO_CLOUD_SENDER),
    direction: 'incoming',
    fromNumber: from,
    status: MessageStatus.DELIVERED,
  };
}

/**
 * The demo account's data, relative to `now`: Ahmed wrote 30 minutes ago (free-form works), Sara's last message
 * is three days old (a template is needed), a blocked contact and a contact without messages.
 */
export function demoState(now: number): WasheejState {
  const state = freshState(now);
  const ahmed = addContact(
    state,
    {
      firstname: 'Ahmed',
      lastname: 'Ali',
      mobileCode: '966',
      mobile: '501234567',
      city: 'Riyadh',
      state: 'Riyadh Province',
      postCode: '12211',
      address: 'King Fahd Road',
      tags: [{ id: 1, name: 'VIP' }],
      lists: [{ id: 1, name: 'Customers' }],
    },
    now - 10 * DAY,
  );
  const sara = addContact(
    state,
    { firstname: 'Sara', lastname: 'Khan', mobileCode: '966', mobile: '502345678', city: 'Jeddah' },
    now - 9 * DAY,
  );
  addContact(
    state,
    { firstname: 'Blocked', lastname: 'Spammer', mobileCode: '966', mobile: '503456789', blocked: true },
    now - 8 * DAY,
  );
  addContact(
    state,
    { firstname: 'John', lastname: 'Doe', mobileCode: '1', mobile: '2025550143' },
    now - 7 * DAY,
  );

  const first = conversationOf(state, ahmed, now - 2 * DAY);
  addMessage(
    state,
    first,
    outgoing('Hello Ahmed, your order #123 has been confirmed.', ahmed.digits, 1),
    now - 2 * DAY,
  );
  addMessage(state, first, incoming('Hello, is my order #123 ready?', ahmed.digits), now - 30 * MINUTE);
  first.status = ConversationStatus.UNREAD;
  addNote(state, first, 'Asked about order #123', now - 20 * MINUTE);

  const second = conversationOf(state, sara, now - 4 * DAY);
  addMessage(state, second, incoming('Do you deliver to Jeddah?', sara.digits), now - 3 * DAY - 10 * MINUTE);
  addMessage(state, second, outgoing('Yes, we deliver to Jeddah within 2 days.', sara.digits), now - 3 * DAY);
  second.status = ConversationStatus.DONE;
  return state;
}
