import type { Account } from '../../core/account.js';
import { fateOf, RecipientFate } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import { DELIVERY_CODE, stateOf, type WamMessage, type WamState } from './state.js';
import { deliveryReport, postEvent } from './webhooks.js';

/** Whether `state` still belongs to the live account (a reset replaces it; old timers then do nothing). */
function liveCheck(core: SimCore, account: Account, state: WamState): () => boolean {
  const id = account.id;
  return () => core.accounts.get(id)?.state === state;
}

function step(
  core: SimCore,
  account: Account,
  message: WamMessage,
  stage: 'server' | 'phone' | 'read',
  at: number,
): void {
  message.stage = stage;
  message.updatedAt = at;
  if (stage === 'server') message.executedAt = at;
  postEvent(core, account, deliveryReport(account, message, DELIVERY_CODE[stage]));
}

/**
 * Drives one accepted message through the send queue and the three ticks with `account.delays`:
 * pending → server (1) → phone (2) → read (3), each step reported to the webhook. Every step is scheduled at send
 * time (delays add up), so one clock advance runs all that became due. Magic recipients: FAILS leaves the queue
 * as failed (no report: the provider documents no failure code); NEVER_DELIVERED stops at server;
 * READS_INSTANTLY goes server, phone and read at once.
 */
export function startLifecycle(core: SimCore, account: Account, message: WamMessage): void {
  const live = liveCheck(core, account, stateOf(account));
  const fate = fateOf(message.phonenumber);
  const { sentMs, deliveredMs, readMs } = account.delays;
  const sentAt = message.createdAt + sentMs;
  core.clock.schedule(sentMs, () => {
    if (!live()) return;
    if (fate === RecipientFate.FAILS) {
      message.stage = 'failed';
      message.executedAt = sentAt;
      message.updatedAt = sentAt;
      return;
    }
    step(core, account, message, 'server', sentAt);
    if (fate !== RecipientFate.READS_INSTANTLY) return;
    step(core, account, message, 'phone', sentAt);
    step(core, account, message, 'read', sentAt);
  });
  if (fate !== RecipientFate.NORMAL) return;
  const deliveredAt = sentAt + deliveredMs;
  core.clock.schedule(sentMs + deliveredMs, () => {
    if (live()) step(core, account, message, 'phone', deliveredAt);
  });
  core.clock.schedule(sentMs + deliveredMs + readMs, () => {
    if (live()) step(core, account, message, 'read', deliveredAt + readMs);
  });
}

export function createMessage(
  state: WamState,
  id: number,
  phonenumber: string,
  text: string,
  url: string | undefined,
  now: number,
): WamMessage {
  const message: WamMessage = {
    id,
    phonenumber,
    text,
    url,
    stage: 'pending',
    createdAt: now,
    executedAt: undefined,
    updatedAt: now,
  };
  state.messages.push(message);
  state.byId.set(id, message);
  return message;
}

/** The documented delay before a sendSeen / receive change applies. */
export const TOGGLE_DELAY_MS = 30_000;

/** Applies a sendSeen / receive change 30 s of simulator time from now, as the provider does. */
export function scheduleToggle(core: SimCore, account: Account, key: 'seen' | 'receive', on: boolean): void {
  const state = stateOf(account);
  const live = liveCheck(core, account, state);
  core.clock.schedule(TOGGLE_DELAY_MS, () => {
    if (live()) state.toggles[key] = on;
  });
}
