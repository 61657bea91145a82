import { MessageStatus, type StatusReading } from '../core/message-status.js';

/**
 * Wessaal's lifecycle, the doc's "Status Values": pending → processing → sent → delivered, or failed → refunded (the
 * credit came back). `read` is not a documented word; it is still read as READ should the server ever send it, since
 * an unknown word would read as QUEUED and be polled forever. A Map, not an object literal, so a value such as
 * `constructor` cannot hit a prototype key.
 */
const WESSAAL_STATUSES: ReadonlyMap<string, MessageStatus> = new Map([
  ['pending', MessageStatus.QUEUED],
  ['processing', MessageStatus.QUEUED],
  ['sent', MessageStatus.SENT],
  ['delivered', MessageStatus.DELIVERED],
  ['read', MessageStatus.READ],
  ['failed', MessageStatus.FAILED],
  ['refunded', MessageStatus.FAILED],
]);

/** Unknown values read as QUEUED (not final, so the gateway keeps polling); the raw value is always kept. */
export function wessaalStatusReading(providerStatus: string): StatusReading {
  return {
    status: WESSAAL_STATUSES.get(providerStatus.trim().toLowerCase()) ?? MessageStatus.QUEUED,
    providerStatus,
  };
}
