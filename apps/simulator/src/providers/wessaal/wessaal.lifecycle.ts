import type { SimClock } from '../../core/clock.js';
import { RecipientFate } from '../../core/magic-numbers.js';
import type { Queued } from './wessaal.lifecycle-queue.js';
import { laravelTime, stateOf, type Message, type WessaalAccount } from './wessaal.state.js';

/** One message in its account's lifecycle queue (one object per message, re-queued step after step). */
interface Item extends Queued {
  account: WessaalAccount;
  message: Message;
}

export const FAILED_SEND_ERROR = 'Failed to send message: the recipient is not reachable on WhatsApp';

/**
 * pending → processing → sent → delivered, or pending → processing → failed → refunded (the credit goes back to the
 * pocket): the doc's status words and no other (it has no `read`, so `readMs` does not apply here). Each step is
 * due `account.delays` after the previous one: processing right after queueing (or after the request's `delay`),
 * sent after sentMs, delivered after deliveredMs. Magic recipients: FAILS fails at the sent step; NEVER_DELIVERED
 * stays sent; READS_INSTANTLY is delivered at once after sending.
 */
export class Lifecycle {
  constructor(private readonly clock: SimClock) {}

  /** Starts a freshly queued message; `delayMs` is the request's own dispatch delay. */
  start(account: WessaalAccount, message: Message, delayMs: number): void {
    const item: Item = { account, message, at: 0, seq: 0 };
    stateOf(account).lifecycle.push(this.clock, item, delayMs, message.queuedMs + delayMs, this.step);
  }

  private readonly step = (raw: Queued): void => {
    const item = raw as Item;
    const { account, message, at } = item;
    const delays = account.delays;
    const stamp = laravelTime(at);
    message.updatedAt = stamp;
    switch (message.status) {
      case 'pending':
        message.status = 'processing';
        return this.next(item, delays.sentMs);
      case 'processing':
        if (message.fate === RecipientFate.FAILS) {
          message.status = 'failed';
          message.failedAt = stamp;
          message.errorMessage = FAILED_SEND_ERROR;
          return this.next(item, 0);
        }
        message.status = 'sent';
        message.sentAt = stamp;
        if (message.fate === RecipientFate.NEVER_DELIVERED) return;
        return this.next(item, message.fate === RecipientFate.READS_INSTANTLY ? 0 : delays.deliveredMs);
      case 'sent':
        message.status = 'delivered';
        message.deliveredAt = stamp;
        return;
      case 'failed':
        message.status = 'refunded';
        message.refundedAt = stamp;
        account.credits += 1;
        return;
      default:
        return;
    }
  };

  /** Queues the item's next step, `delay` after the one that just ran. */
  private next(item: Item, delay: number): void {
    stateOf(item.account).lifecycle.push(this.clock, item, delay, item.at + delay, this.step);
  }
}
