import type { Account } from '../../core/account.js';
import type { SimCore } from '../../core/sim-core.js';
import { inputOf } from './body.js';
import { failure, success, validationError, type Envelope } from './errors.js';
import { scheduleLifecycle } from './lifecycle.js';
import type { RouteFactory } from './route-def.js';
import { blockedRefusal, checkSend, checkTemplate, NO_CLOUD_SENDER, type Recipient } from './send.rules.js';
import { addContact, addMessage, conversationOf, type NewMessage } from './state.js';
import { MessageStatus, stateOf, TemplateStatus, type WasheejState } from './types.js';
import { countVariables, fillVariables, messageView } from './views.js';

const WINDOW_MS = 24 * 60 * 60 * 1000;

const WINDOW_CLOSED = failure('window_closed', [
  'The 24-hour customer service window is closed: the customer has not written in the last 24 hours.',
  'A template message must be used to start the conversation (send-template-message).',
]);
const NOT_INTERACTIVE = failure('not_cloud_sender', [
  'Interactive messages are only supported on Cloud API accounts, not Device/QR accounts.',
]);
// washeej.txt: from_number "must be a Cloud API (Meta Business) account, not a Device/QR account".
const NOT_CLOUD_FROM_NUMBER = failure('not_cloud_sender', [
  'The from number must be a Cloud API (Meta Business) account, not a Device/QR account.',
]);
const TEMPLATE_NOT_FOUND = failure('not_found', ['The template is not found or not approved']);

type Outgoing = Omit<NewMessage, 'direction' | 'fromNumber' | 'toNumber' | 'status'>;

/** Stores an accepted message (contact and conversation created when new) and starts its lifecycle. */
function deliver(core: SimCore, account: Account, to: Recipient, fields: Outgoing) {
  const state = stateOf(account);
  const now = core.clock.now();
  const contact =
    state.contactsByDigits.get(to.digits) ??
    addContact(
      state,
      { firstname: to.digits, lastname: null, mobileCode: to.mobileCode, mobile: to.mobile },
      now,
    );
  const conversation = conversationOf(state, contact, now);
  const message = addMessage(
    state,
    conversation,
    {
      ...fields,
      direction: 'outgoing',
      fromNumber: to.sender.phone,
      toNumber: to.digits,
      // The platform hands the message to WhatsApp before it answers: the README lists 1 sent, 2, 3, 9 as the
      // answer's `message.status`, never 0 (and there is no status endpoint to learn a later "sent" from).
      status: MessageStatus.SENT,
    },
    now,
    core.config.maxMessagesPerAccount,
  );
  scheduleLifecycle(core, account, message);
  return { conversation_id: conversation.id, message: messageView(message) };
}

/** Free-form from a Cloud API number needs the customer to have written within the last 24 hours. */
function windowClosed(state: WasheejState, digits: string, now: number): boolean {
  const contact = state.contactsByDigits.get(digits);
  const conversation = contact && state.conversationsByContact.get(contact.id);
  const lastInbound = conversation?.lastInboundAt ?? null;
  return lastInbound === null || now - lastInbound >= WINDOW_MS;
}

function variableErrors(label: string, expected: number, given: readonly string[]): string[] {
  return given.length === expected ? [] : [`The ${label} variables must contain ${expected} items.`];
}

export const sendRoutes: RouteFactory = (core) => [
  {
    method: 'POST',
    url: '/inbox/send-message',
    handler(request, account): Envelope {
      const state = stateOf(account);
      const checked = checkSend(state, inputOf(request));
      if (!checked.ok) return checked.reply;
      const send = checked.value;
      const interactive = send.ctaUrlId !== null || send.interactiveListId !== null;
      if (interactive && send.sender.kind !== 'cloud') return NOT_INTERACTIVE;
      if (send.sender.kind !== 'cloud') return NOT_CLOUD_FROM_NUMBER;
      const blocked = blockedRefusal(state.contactsByDigits.get(send.digits), send.digits);
      if (blocked) return blocked;
      if (windowClosed(state, send.digits, core.clock.now())) return WINDOW_CLOSED;
      const media = send.media && {
        filename: send.media.filename,
        mimetype: send.media.mimetype,
        size: send.media.size,
      };
      const data = deliver(core, account, send, {
        type: send.type,
        text: send.text,
        media,
        latitude: send.latitude,
        longitude: send.longitude,
        ctaUrlId: send.ctaUrlId,
        interactiveListId: send.interactiveListId,
        templateId: null,
      });
      return success('success', ['Message sent successfully'], data);
    },
  },
  {
    method: 'POST',
    url: '/inbox/send-template-message',
    handler(request, account): Envelope {
      const state = stateOf(account);
      const checked = checkTemplate(state, inputOf(request));
      if (!checked.ok) return checked.reply;
      const send = checked.value;
      if (send.sender.kind !== 'cloud') return NO_CLOUD_SENDER;
      const blocked = blockedRefusal(state.contactsByDigits.get(send.digits), send.digits);
      if (blocked) return blocked;
      const template = state.templates.get(send.templateId);
      if (!template || template.status !== TemplateStatus.APPROVED) return TEMPLATE_NOT_FOUND;
      const errors = [
        ...variableErrors('body', countVariables(template.body), send.bodyVariables),
        ...variableErrors(
          'header',
          template.header ? countVariables(template.header) : 0,
          send.headerVariables,
        ),
      ];
      if (errors.length) return validationError(errors);
      const data = deliver(core, account, send, {
        type: 'template',
        text: fillVariables(template.body, send.bodyVariables),
        media: null,
        latitude: null,
        longitude: null,
        ctaUrlId: null,
        interactiveListId: null,
        templateId: template.id,
      });
      return success('template_sent', ['Template message sent successfully'], data);
    },
  },
];
