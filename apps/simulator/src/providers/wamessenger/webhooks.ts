import { trimArray } from '../../core/retention.js';
import type { Account } from '../../core/account.js';
import { digitsOf } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import type { InboundInput } from '../../core/sim-provider.js';
import { WebhookQueue } from '../../core/webhook-queue.js';
import { receivedView, slashTime } from './format.js';
import { stateOf, type IdSequence, type WamMessage, type WamReceived, type WamState } from './state.js';

/**
 * Webhook bodies. The shapes are a documented assumption shared with the client library (PascalCase keys known
 * from public client code): do not change them.
 */
export function inboundPayload(account: Account, received: WamReceived): Record<string, string> {
  return {
    Hash: account.credentials.apiKey ?? '',
    DataType: 'message',
    ID: String(received.id),
    From: received.from,
    To: received.to,
    Type: 'chat',
    Chat: received.chat,
    Date: slashTime(received.date),
  };
}

export function deliveryReport(
  account: Account,
  message: WamMessage,
  delivery: 1 | 2 | 3,
): Record<string, unknown> {
  return {
    Hash: account.credentials.apiKey ?? '',
    DataType: 'delivery',
    ID: String(message.id),
    delivery,
    phonenumber: message.phonenumber,
  };
}

export function queueOf(core: SimCore, state: WamState): WebhookQueue {
  state.webhook ??= new WebhookQueue(core.clock, core.config.webhookTimeoutMs);
  return state.webhook;
}

/** Posts one event to the account's webhook after the ones before it; queued when no URL is set or it fails. */
export function postEvent(core: SimCore, account: Account, body: unknown): void {
  const state = stateOf(account);
  const queue = queueOf(core, state);
  state.chain = state.chain.then(() => queue.deliver(state.webhookUrl || undefined, body));
}

/** Redelivers the queue (after whatever is already being posted). */
export function resendQueue(
  core: SimCore,
  account: Account,
): Promise<{ delivered: number; remaining: number }> {
  const state = stateOf(account);
  const queue = queueOf(core, state);
  const run = state.chain.then(() => queue.resend(state.webhookUrl || undefined));
  state.chain = run;
  return run;
}

export type InboundResult =
  | { received: true; message: Record<string, unknown>; seen: boolean; webhook: string }
  | { received: false; reason: string };

/**
 * A customer writes to the account's number. Kept (and posted to the webhook) only while receiving is on; with
 * sendSeen on, the message is marked seen on arrival (the customer's phone shows blue ticks).
 */
export function receiveInbound(
  core: SimCore,
  account: Account,
  input: InboundInput,
  ids: IdSequence,
): InboundResult {
  const state = stateOf(account);
  if (!state.toggles.receive) {
    return {
      received: false,
      reason:
        'receiving is off for this account: GET /receive/{apikey}?receive=on, effective 30 s of simulator time later',
    };
  }
  const received: WamReceived = {
    id: ids.take(),
    type: 'chat',
    from: digitsOf(input.from),
    to: state.ownNumber,
    date: core.clock.now(),
    chat: input.text,
    seen: state.toggles.seen,
  };
  state.received.push(received);
  trimArray(state.received, core.config.maxMessagesPerAccount, () => true);
  postEvent(core, account, inboundPayload(account, received));
  return {
    received: true,
    message: receivedView(received),
    seen: received.seen,
    webhook: state.webhookUrl || '(no webhook URL set: queued)',
  };
}
