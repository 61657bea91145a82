import { trimArray } from './retention.js';

/** A message a simulated customer wrote, as the inbox shows it in the phone's thread. */
export interface InboundEntry {
  accountId: string;
  from: string;
  text: string;
  createdAt: string;
  /** What the provider stored (its received-message id when it has one). */
  providerId?: string;
}

/**
 * What customers wrote to each account through `POST /__admin/inbound` (the only way a simulated customer writes):
 * the inbox needs it in one shape for every provider. Capped per account like the providers' own records.
 */
export class InboundLog {
  private readonly byAccount = new Map<string, InboundEntry[]>();

  constructor(private readonly maxPerAccount: number) {}

  add(entry: InboundEntry): void {
    const list = this.byAccount.get(entry.accountId) ?? [];
    list.push(entry);
    trimArray(list, this.maxPerAccount, () => true);
    this.byAccount.set(entry.accountId, list);
  }

  list(accountId: string): readonly InboundEntry[] {
    return this.byAccount.get(accountId) ?? [];
  }

  forget(accountId: string): void {
    this.byAccount.delete(accountId);
  }

  clear(): void {
    this.byAccount.clear();
  }
}
