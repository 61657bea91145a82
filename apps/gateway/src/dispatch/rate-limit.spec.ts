import { isLimited, retryAfterSeconds, takeTurn, turnIntervalMs } from './rate-limit.js';

describe('rate limit math', () => {
  it('spaces turns evenly; with both limits the stricter spacing wins', () => {
    expect(turnIntervalMs({ perSecond: 50 })).toBe(20);
    expect(turnIntervalMs({ perMinute: 600 })).toBe(100);
    expect(turnIntervalMs({ perSecond: 50, perMinute: 600 })).toBe(100);
    expect(turnIntervalMs({ perSecond: 50, perMinute: 6_000 })).toBe(20);
  });

  it('a missing or empty limit is no limit', () => {
    expect(isLimited(null)).toBe(false);
    expect(isLimited({})).toBe(false);
    expect(isLimited({ perMinute: 1 })).toBe(true);
  });

  it('takes the turn now on a fresh or idle connection, and moves the next free turn one spacing on', () => {
    expect(takeTurn(null, 1_000, 20, null)).toEqual({ taken: true, turnAt: 1_000, nextTurnAt: 1_020 });
    // An idle connection does not bank turns: the next free turn in the past counts as now (no burst).
    expect(takeTurn(500, 1_000, 20, null)).toEqual({ taken: true, turnAt: 1_000, nextTurnAt: 1_020 });
  });

  it('hands out consecutive turns one spacing apart: N turns at 50/s span (N-1) × 20 ms', () => {
    let next: number | null = null;
    const turns: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const decision = takeTurn(next, 0, 20, null);
      turns.push(decision.turnAt);
      next = decision.nextTurnAt;
    }
    expect(turns[99]! - turns[0]!).toBe(99 * 20);
    // No one-second window [t, t + 1000) holds more than 50 turns.
    for (const start of turns)
      expect(turns.filter((t) => t >= start && t < start + 1_000).length).toBe(
        Math.min(50, turns.filter((t) => t >= start).length),
      );
  });

  it('refuses (without taking) a turn further away than the wait allowed, and says when it is', () => {
    expect(takeTurn(2_500, 1_000, 20, 1_000)).toEqual({ taken: false, turnAt: 2_500, nextTurnAt: 2_500 });
    expect(takeTurn(2_000, 1_000, 20, 1_000)).toEqual({ taken: true, turnAt: 2_000, nextTurnAt: 2_020 });
  });

  it('Retry-After is whole seconds until the turn, at least 1', () => {
    expect(retryAfterSeconds(1_000, 1_000)).toBe(1);
    expect(retryAfterSeconds(1_001, 0)).toBe(2);
    expect(retryAfterSeconds(3_000, 1_000)).toBe(2);
  });
});
