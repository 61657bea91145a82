import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Account } from '../../core/account.js';
import { digitsOf, fateOf, RecipientFate } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import type { InboundInput, PhoneMessage } from '../../core/sim-provider.js';
import { DEMO_CLOUD_SENDER } from './seed.js';
import { addContact, addMessage, conversationOf } from './state.js';
import { ConversationStatus, MessageStatus, stateOf, type Message } from './types.js';
import { contactView, conversationView, laravelDate, messageView } from './views.js';

/**
 * Moves an accepted message through its statuses on the simulator clock. It is answered as sent (1): the platform
 * hands it to WhatsApp before answering, so the account's `sentMs` has no step here; delivered (2) follows after
 * `deliveredMs`, read (3) `readMs` after that; a failing recipient fails (9) and an instant reader reads at the
 * delivery step. Every step is scheduled up front so one clock jump runs them all; the tasks only touch the message
 * object, so a reset of any account (its own included) leaves them harmless.
 */
export function scheduleLifecycle(core: SimCore, account: Account, message: Message): void {
  const { deliveredMs, readMs } = account.delays;
  const fate = fateOf(message.toNumber);
  const set = (status: number): void => {
    message.status = status;
    message.updatedAt = core.clock.now();
  };
  if (fate === RecipientFate.FAILS) {
    core.clock.schedule(deliveredMs, () => set(MessageStatus.FAILED));
    return;
  }
  if (fate === RecipientFate.READS_INSTANTLY) {
    core.clock.schedule(deliveredMs, () => {
      set(MessageStatus.DELIVERED);
      set(MessageStatus.READ);
    });
    return;
  }
  if (fate !== RecipientFate.NORMAL) return;
  core.clock.schedule(deliveredMs, () => set(MessageStatus.DELIVERED));
  core.clock.schedule(deliveredMs + readMs, () => set(MessageStatus.READ));
}

/** Splits an international number into mobile_code and mobile, as the platform stores contacts. */
export function splitNumber(digits: string): { mobileCode: string; mobile: string } {
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (parsed) return { mobileCode: parsed.countryCallingCode, mobile: parsed.nationalNumber };
  return { mobileCode: digits.slice(0, 3), mobile: digits.slice(3) };
}

/**
 * A customer writes in: the contact and conversation are created when new, the message is stored, the 24 h window
 * opens and the conversation becomes unread. A blocked contact's message is dropped.
 */
export function receiveInbound(
  core: SimCore,
  account: Account,
  input: InboundInput,
): Record<string, unknown> {
  const state = stateOf(account);
  const now = core.clock.now();
  const digits = digitsOf(input.from);
  let contact = state.contactsByDigits.get(digits);
  if ((contact?.blocked ?? false) || fateOf(digits) === RecipientFate.BLOCKED) {
    return {
      stored: false,
      reason: 'The contact is blocked: blocked contacts can neither send nor receive.',
    };
  }
  contact ??= addContact(state, { firstname: digits, lastname: null, ...splitNumber(digits) }, now);
  const conversation = conversationOf(state, contact, now);
  const message = addMessage(
    state,
    conversation,
    {
      direction: 'incoming',
      fromNumber: digits,
      toNumber: state.senders[0]?.phone ?? DEMO_CLOUD_SENDER,
      type: 'text',
      text: input.text,
      media: null,
      latitude: null,
      longitude: null,
      ctaUrlId: null,
      interactiveListId: null,
      templateId: null,
      status: MessageStatus.DELIVERED,
    },
    now,
    core.config.maxMessagesPerAccount,
  );
  conversation.status = ConversationStatus.UNREAD;
  return {
    stored: true,
    contact: contactView(contact),
    conversation: conversationView(conversation),
    message: messageView(message),
    window_open_until: laravelDate(now + 24 * 60 * 60 * 1000),
  };
}

/** Every outgoing message of the account, as `GET /__admin/messages` lists them. */
export function phoneMessages(account: Account): PhoneMessage[] {
  const out: PhoneMessage[] = [];
  for (const m of stateOf(account).messages) {
    if (m.direction !== 'outgoing') continue;
    out.push({
      provider: account.provider,
      accountId: account.id,
      id: String(m.id),
      to: m.toNumber,
      type: m.type,
      text: m.text ?? undefined,
      status: String(m.status),
      createdAt: new Date(m.createdAt).toISOString(),
      updatedAt: new Date(m.updatedAt).toISOString(),
      ...(m.media || m.latitude !== null
        ? { details: { media: m.media, latitude: m.latitude, longitude: m.longitude } }
        : {}),
    });
  }
  return out;
}
