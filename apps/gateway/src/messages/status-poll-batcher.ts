import { Injectable } from '@nestjs/common';
import type { MessageStatusResult, MessagingProvider } from '@app/providers';

interface WaitingPoll {
  providerMessageId: string;
  resolve(reading: MessageStatusResult): void;
  reject(error: unknown): void;
}

/**
 * The scheduler's status polls, one provider call per connection and claim where the adapter can read several
 * statuses at once (`getMessageStatuses`, Wessaal's message list) instead of one HTTP call per message (issue #13:
 * the polls were most of a synchronous send's CPU). The polls of one adapter (one connection version) asked within
 * the same macrotask, which is how a claim starts its messages, wait for that one call; each gets its own reading.
 * Ids the batch answer leaves out are asked one by one, as before; an error of the batch call (transient: see
 * MessagingProvider) fails every poll of the batch, as a failed poll fails today. Adapters without the method, and
 * a lone poll, call `getMessageStatus` directly.
 */
@Injectable()
export class StatusPollBatcher {
  private readonly waiting = new Map<MessagingProvider, WaitingPoll[]>();

  read(adapter: MessagingProvider, providerMessageId: string): Promise<MessageStatusResult> {
    if (!adapter.getMessageStatuses) return adapter.getMessageStatus(providerMessageId);
    return new Promise((resolve, reject) => {
      let group = this.waiting.get(adapter);
      if (!group) {
        group = [];
        this.waiting.set(adapter, group);
        // After the claim's loop and the microtasks of each message's connection lookup: the whole claim is in.
        setImmediate(() => void this.flush(adapter));
      }
      group.push({ providerMessageId, resolve, reject });
    });
  }

  private async flush(adapter: MessagingProvider): Promise<void> {
    const group = this.waiting.get(adapter) ?? [];
    this.waiting.delete(adapter);
    let listed = new Map<string, MessageStatusResult>();
    if (group.length > 1) {
      try {
        listed = await adapter.getMessageStatuses!([...new Set(group.map((poll) => poll.providerMessageId))]);
      } catch (error) {
        for (const poll of group) poll.reject(error);
        return;
      }
    }
    for (const poll of group) {
      const reading = listed.get(poll.providerMessageId);
      if (reading) poll.resolve(reading);
      else adapter.getMessageStatus(poll.providerMessageId).then(poll.resolve, poll.reject);
    }
  }
}
