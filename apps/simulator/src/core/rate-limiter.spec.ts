import type { Account } from './account.js';
import { overRateLimit } from './rate-limiter.js';

function account(limit: number): Account {
  return {
    id: 'a',
    provider: 'wessaal',
    credentials: {},
    ipWhitelist: [],
    credits: 0,
    scopes: [],
    plan: 'active',
    rateLimitPerMinute: limit,
    delays: { sentMs: 0, deliveredMs: 0, readMs: 0 },
    seeded: false,
    state: {},
    rateWindow: { startedAt: 0, count: 0 },
  };
}

describe('overRateLimit', () => {
  it('allows the limit per minute, then answers the seconds left in the window', () => {
    const a = account(2);
    const t0 = 1_000_000;
    expect(overRateLimit(a, t0)).toBeUndefined();
    expect(overRateLimit(a, t0 + 1)).toBeUndefined();
    expect(overRateLimit(a, t0 + 15_000)).toBe(45);
    expect(overRateLimit(a, t0 + 60_000)).toBeUndefined();
  });
  it('never limits when the limit is 0', () => {
    const a = account(0);
    for (let i = 0; i < 100; i++) expect(overRateLimit(a, i)).toBeUndefined();
  });
});
