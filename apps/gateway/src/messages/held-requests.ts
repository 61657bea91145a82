import { Injectable } from '@nestjs/common';
import type { SendRequest } from '@app/providers';

/** Upper bound of bytes held for retries; the oldest requests are dropped first beyond it. */
const MAX_HELD_BYTES = 256 * 1024 * 1024;

/**
 * What the database must not keep: uploaded media bytes (only their sha256 and size are stored) and the text of a
 * secret message (an OTP code). The full request is held here, in this process, until the send has a final
 * outcome, so that the scheduler's retries of a transient failure can send it again. A restart (or eviction) loses
 * it, and such a retry ends FAILED with code GONE.
 */
@Injectable()
export class HeldRequests {
  private readonly held = new Map<string, { request: SendRequest; bytes: number }>();
  private bytes = 0;

  put(messageId: string, request: SendRequest, bytes: number): void {
    this.delete(messageId);
    while (this.bytes + bytes > MAX_HELD_BYTES && this.held.size > 0) {
      this.delete(this.held.keys().next().value as string);
    }
    this.held.set(messageId, { request, bytes });
    this.bytes += bytes;
  }

  get(messageId: string): SendRequest | undefined {
    return this.held.get(messageId)?.request;
  }

  delete(messageId: string): void {
    const entry = this.held.get(messageId);
    if (!entry) return;
    this.held.delete(messageId);
    this.bytes -= entry.bytes;
  }
}
