/**
 * Svix's schedule: the first attempt at once, then these delays after each failure (8 attempts over ~27 h), each
 * with ±20% jitter so that a recovering receiver is not hit by every retry at the same second.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The longest `Retry-After` honoured. */
const MAX_RETRY_AFTER_MS = 10 * 3_600_000;

/** An endpoint without a success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;

/**
 * The wait before the next attempt after `attempts` failed ones, or null when the schedule is over. `Retry-After`
 * (429/503) pushes it later, never earlier. `scale` shrinks the schedule for tests.
 */
export function nextRetryDelayMs(
  attempts: number,
  {
    scale = 1,
    retryAfterSeconds,
    random = Math.random,
  }: { scale?: number; retryAfterSeconds?: number; random?: () => number } = {},
): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  const jittered = base * scale * (0.8 + 0.4 * random());
  // A receiver asking for more than the longest scheduled wait gets that wait, not a stalled queue.
  const asked = Math.min((retryAfterSeconds ?? 0) * 1000, MAX_RETRY_AFTER_MS);
  return Math.round(Math.max(jittered, asked));
}
