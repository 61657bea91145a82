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

/**
 * The request journal: a fixed-size ring, newest first on read. Writes only store references (no copies, no
 * serialisation) so the hot path pays for an array slot, not for the journal.
 */
export class Journal {
  private readonly ring: Array<JournalEntry | undefined>;
  private next = 0;
  private seq = 0;

  constructor(readonly capacity = 1_000) {
    this.ring = new Array<JournalEntry | undefined>(capacity);
  }

  record(entry: Omit<JournalEntry, 'seq'>): void {
    (entry as JournalEntry).seq = ++this.seq;
    this.ring[this.next] = entry as JournalEntry;
    this.next = (this.next + 1) % this.capacity;
  }

  list(filter: { provider?: string; accountId?: string; limit?: number } = {}): JournalEntry[] {
    const limit = Math.min(filter.limit ?? this.capacity, this.capacity);
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.capacity && out.length < limit; i++) {
      const entry = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (!entry) break;
      if (filter.provider && entry.provider !== filter.provider) continue;
      if (filter.accountId && entry.accountId !== filter.accountId) continue;
      out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
  }
}
