import type { Account } from './account.js';

/**
 * Fixed one-minute windows of simulator time per account. Returns the seconds to wait when over the limit,
 * undefined when the request may go on.
 */
export function overRateLimit(account: Account, now: number): number | undefined {
  if (account.rateLimitPerMinute <= 0) return undefined;
  const window = account.rateWindow;
  if (now - window.startedAt >= 60_000) {
    window.startedAt = now;
    window.count = 0;
  }
  window.count++;
  if (window.count <= account.rateLimitPerMinute) return undefined;
  return Math.max(1, Math.ceil((window.startedAt + 60_000 - now) / 1000));
}
