import { MAX_ATTEMPTS, nextRetryDelayMs } from './retry-schedule.js';

describe('webhook retry schedule', () => {
  it("follows Svix's delays with ±20% jitter and stops after 8 attempts", () => {
    expect(nextRetryDelayMs(1, { random: () => 0.5 })).toBe(5_000);
    expect(nextRetryDelayMs(2, { random: () => 0 })).toBe(240_000);
    expect(nextRetryDelayMs(7, { random: () => 1 })).toBe(12 * 3_600_000);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(nextRetryDelayMs(8)).toBeNull();
  });

  it('scales for tests and lets Retry-After push the next attempt later', () => {
    expect(nextRetryDelayMs(2, { scale: 0.001, random: () => 0.5 })).toBe(300);
    expect(nextRetryDelayMs(1, { retryAfterSeconds: 30, random: () => 0.5 })).toBe(30_000);
    expect(nextRetryDelayMs(2, { retryAfterSeconds: 1, random: () => 0.5 })).toBe(300_000);
  });
});
