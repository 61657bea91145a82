/** The normalized lifecycle every provider's own vocabulary maps onto. */
export enum MessageStatus {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  READ = 'READ',
  FAILED = 'FAILED',
}

/** Statuses after which a provider never reports anything new. */
export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set([MessageStatus.READ, MessageStatus.FAILED]);

const RANK: Record<MessageStatus, number> = {
  [MessageStatus.QUEUED]: 0,
  [MessageStatus.SENT]: 1,
  [MessageStatus.DELIVERED]: 2,
  [MessageStatus.READ]: 3,
  [MessageStatus.FAILED]: 4,
};

/** Reports can arrive out of order (poll vs webhook); a status only moves forward. */
export function isStatusAdvance(from: MessageStatus, to: MessageStatus): boolean {
  if (FINAL_STATUSES.has(from)) return false;
  return RANK[to] > RANK[from];
}

export interface StatusReading {
  status: MessageStatus;
  /** The provider's own word for it, kept verbatim (`delivered`, `2`, `phone`, ...). */
  providerStatus: string;
}
