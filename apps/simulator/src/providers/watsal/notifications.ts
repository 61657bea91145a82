import { trimMessages } from './state.js';
import type { Account } from '../../core/account.js';
import type { SimCore } from '../../core/sim-core.js';
import { notFound } from './errors.js';
import { startNotificationLifecycle } from './lifecycle.js';
import { refuseBlocked } from './otp.js';
import { isoSeconds, newMessageId, renderTemplate, stateOf, type WatsalMessage } from './state.js';
import type { NotificationInput } from './validation.js';

/** Renders the template and queues the message; the slug is checked before the recipient. */
export function sendNotification(account: Account, input: NotificationInput, core: SimCore) {
  const state = stateOf(account);
  const template = state.templates.get(input.template);
  if (!template) throw notFound(`Template "${input.template}" not found.`, 'template');
  const fate = refuseBlocked(input.phone);
  const now = core.clock.now();
  const id = newMessageId(state.messages);
  const message: WatsalMessage = {
    id,
    to: input.phone,
    kind: 'notification',
    template: template.slug,
    text: renderTemplate(template, input.variables),
    status: 'queued',
    createdAt: now,
    updatedAt: now,
  };
  state.messages.set(id, message);
  trimMessages(state, core.config.maxMessagesPerAccount);
  startNotificationLifecycle(message, fate, core.clock, account.delays);
  return { request_id: id, status: 'queued' as const };
}

export function messageStatus(account: Account, id: string) {
  const message = stateOf(account).messages.get(id);
  if (!message) throw notFound('Message not found.');
  return { id: message.id, status: message.status, timestamp: isoSeconds(message.updatedAt) };
}
