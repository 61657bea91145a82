import type { LifecycleDelays } from '../../core/account.js';
import type { SimClock } from '../../core/clock.js';
import { RecipientFate } from '../../core/magic-numbers.js';
import type { WatsalMessage, WatsalStatus } from './state.js';

/*
 * Status changes run on the simulator clock and touch only the message object they captured, so resetting any
 * account (even this one) leaves them harmless.
 */

function set(message: WatsalMessage, status: WatsalStatus, at: number): void {
  message.status = status;
  message.updatedAt = at;
}

function readAtOnce(message: WatsalMessage, at: number): void {
  set(message, 'delivered', at);
  set(message, 'read', at);
}

/** From `sent`: delivered after `deliveredMs`, read `readMs` later; or the fate's exception. */
function fromSent(
  message: WatsalMessage,
  fate: RecipientFate,
  clock: SimClock,
  delays: LifecycleDelays,
): void {
  switch (fate) {
    case RecipientFate.NEVER_DELIVERED:
      return;
    case RecipientFate.READS_INSTANTLY:
      return readAtOnce(message, clock.now());
    case RecipientFate.FAILS:
      clock.schedule(delays.deliveredMs, () => set(message, 'failed', clock.now()));
      return;
    default:
      clock.schedule(delays.deliveredMs, () => {
        set(message, 'delivered', clock.now());
        clock.schedule(delays.readMs, () => set(message, 'read', clock.now()));
      });
  }
}

/** An OTP leaves `sent` (its status in the send response) and goes on from there. */
export function startOtpLifecycle(
  message: WatsalMessage,
  fate: RecipientFate,
  clock: SimClock,
  delays: LifecycleDelays,
): void {
  fromSent(message, fate, clock, delays);
}

/** A notification starts `queued`, is sent after `sentMs` (or fails then, for the FAILS number). */
export function startNotificationLifecycle(
  message: WatsalMessage,
  fate: RecipientFate,
  clock: SimClock,
  delays: LifecycleDelays,
): void {
  clock.schedule(delays.sentMs, () => {
    const now = clock.now();
    if (fate === RecipientFate.FAILS) return set(message, 'failed', now);
    set(message, 'sent', now);
    fromSent(message, fate, clock, delays);
  });
}
