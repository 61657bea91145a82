import { MessageStatus, type StatusReading } from '../core/message-status.js';

/**
 * Watsal's delivery vocabulary. `verified` is what an OTP's message reports once its code was checked: the code
 * reached the user, so it counts as delivered. A Map (not an object) so odd values like `constructor` stay unknown.
 */
const STATUS_BY_WATSAL_STATUS: ReadonlyMap<string, MessageStatus> = new Map([
  ['queued', MessageStatus.QUEUED],
  ['pending', MessageStatus.QUEUED],
  ['sent', MessageStatus.SENT],
  ['delivered', MessageStatus.DELIVERED],
  ['verified', MessageStatus.DELIVERED],
  ['read', MessageStatus.READ],
  ['failed', MessageStatus.FAILED],
  ['expired', MessageStatus.FAILED],
  ['undelivered', MessageStatus.FAILED],
]);

/** Unknown values read as QUEUED (non-final, so the gateway keeps polling); the raw value is always kept. */
export function watsalStatusReading(providerStatus: string): StatusReading {
  const status = STATUS_BY_WATSAL_STATUS.get(providerStatus.trim().toLowerCase()) ?? MessageStatus.QUEUED;
  return { status, providerStatus };
}
