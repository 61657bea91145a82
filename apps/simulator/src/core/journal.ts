import { plainData } from './plain-data.js';

export interface JournalEntry {
  seq: number;
  at: string;
  provider: string;
  method: string;
  /** The path with secrets in it (WaMessenger's key) masked. */
  path: string;
  status: number;
  ip: string;
  accountId: string | undefined;
  durationMs: number;
  requestBody: unknown;
  responseBody: unknown;
}

/** What a request writes: `at` as simulator epoch ms (formatted on read), the rest as `JournalEntry` shows it. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'at'> & { atMs: number };

/** One ring slot, overwritten in place: a write allocates nothing. */
class Slot {
  seq = 0;
  atMs = 0;
  provider = '';
  method = '';
  path = '';
  status = 0;
  ip = '';
  accountId: string | undefined = undefined;
  durationMs = 0;
  requestBody: unknown = undefined;
  responseBody: unknown = undefined;
}

/**
 * The request journal: a fixed-size ring, newest first on read. A write copies a few references and numbers into
 * a preallocated slot (no entry object, no date string, no serialisation), so the hot path pays for the field
 * stores, not for the journal; `list` builds the entries (ISO timestamps included) when someone reads them.
 */
export class Journal {
  private readonly ring: Slot[];
  private next = 0;
  private seq = 0;
  /** Slots written since the last clear (at most `capacity`). */
  private filled = 0;

  constructor(readonly capacity = 1_000) {
    this.ring = Array.from({ length: capacity }, () => new Slot());
  }

  record(entry: JournalRecord): void {
    this.write(
      entry.atMs,
      entry.provider,
      entry.method,
      entry.path,
      entry.status,
      entry.ip,
      entry.accountId,
      entry.durationMs,
      entry.requestBody,
      entry.responseBody,
    );
  }

  /** `record` without the entry object: the per-request hook calls this, so a request allocates nothing here. */
  write(
    atMs: number,
    provider: string,
    method: string,
    path: string,
    status: number,
    ip: string,
    accountId: string | undefined,
    durationMs: number,
    requestBody: unknown,
    responseBody: unknown,
  ): void {
    const slot = this.ring[this.next]!;
    slot.seq = ++this.seq;
    slot.atMs = atMs;
    slot.provider = provider;
    slot.method = method;
    slot.path = path;
    slot.status = status;
    slot.ip = ip;
    slot.accountId = accountId;
    slot.durationMs = durationMs;
    slot.requestBody = requestBody;
    slot.responseBody = responseBody;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.filled < this.capacity) this.filled++;
  }

  list(filter: { provider?: string; accountId?: string; limit?: number } = {}): JournalEntry[] {
    const limit = Math.min(filter.limit ?? this.capacity, this.capacity);
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.filled && out.length < limit; i++) {
      const slot = this.ring[(this.next - i + this.capacity) % this.capacity]!;
      if (filter.provider && slot.provider !== filter.provider) continue;
      if (filter.accountId && slot.accountId !== filter.accountId) continue;
      out.push(entryOf(slot));
    }
    return out;
  }

  clear(): void {
    for (const slot of this.ring) {
      slot.requestBody = undefined;
      slot.responseBody = undefined;
    }
    this.next = 0;
    this.filled = 0;
  }
}

function entryOf(slot: Slot): JournalEntry {
  return {
    at: new Date(slot.atMs).toISOString(),
    provider: slot.provider,
    method: slot.method,
    path: slot.path,
    status: slot.status,
    ip: slot.ip,
    accountId: slot.accountId,
    durationMs: slot.durationMs,
    requestBody: plainData(slot.requestBody),
    responseBody: plainData(slot.responseBody),
    seq: slot.seq,
  };
}
