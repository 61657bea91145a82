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

  it('takes the turn now on a fresh connection, and moves the next free turn one spacing on', () => {
    expect(takeTurn(null, 1_000, 20, null)).toEqual({ taken: true, turnAt: 1_000, nextTurnAt: 1_020 });
  });

  it('catches up a turn missed by a few ms, but an idle connection banks at most CATCH_UP_MS of turns', () => {
    // Came 10 ms after its turn (a scheduler round in between): the turn is kept, the pace is not lost.
    expect(takeTurn(990, 1_000, 20, null)).toEqual({ taken: true, turnAt: 990, nextTurnAt: 1_010 });
    // Idle for long: the turn counts from now - 50 ms, so at 50/s at most 3 go back to back, then the spacing.
    let next: number | null = 0;
    const turns: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const decision = takeTurn(next, 10_000, 20, null);
      turns.push(decision.turnAt);
      next = decision.nextTurnAt;
    }
    expect(turns).toEqual([9_950, 9_970, 9_990, 10_010, 10_030, 10_050]);
    expect(turns.filter((t) => t <= 10_000)).toHaveLength(3);
  });

  it('after a pause no one-second window holds more than 5 % over the limit (+1 at its edge)', () => {
    for (const perSecond of [5, 50, 200]) {
      const interval = turnIntervalMs({ perSecond });
      let next: number | null = 0;
      const turns: number[] = [];
      for (let i = 0; i < perSecond * 3; i += 1) {
        const decision = takeTurn(next, 60_000, interval, null);
        turns.push(decision.turnAt);
        next = decision.nextTurnAt;
      }
      const busiest = Math.max(...turns.map((s) => turns.filter((t) => t >= s && t < s + 1_000).length));
      expect(busiest).toBeLessThanOrEqual(Math.floor(perSecond * 1.05) + 1);
    }
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
