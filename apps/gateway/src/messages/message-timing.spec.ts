import { loadGatewayConfig } from '../config/gateway-config.js';
import { decodeMessageCursor, encodeMessageCursor } from './message-cursor.js';
import { MAX_DELAY_MS, MAX_POLL_AGE_MS, MessageTiming } from './message-timing.js';

describe('MessageTiming', () => {
  const timing = new MessageTiming(loadGatewayConfig({ GATEWAY_POLL_INTERVAL_MS: '1000' }));
  const now = Date.UTC(2026, 0, 1);

  it('backs off exponentially from the poll interval, capped, and honours a longer Retry-After', () => {
    const delays = [1, 2, 3, 4, 8].map((attempt) => timing.retryAt(attempt, undefined, now).getTime() - now);
    expect(delays).toEqual([1000, 2000, 4000, 8000, MAX_DELAY_MS]);
    expect(timing.retryAt(1, 30, now).getTime() - now).toBe(30_000);
    expect(timing.retryAt(6, 1, now).getTime() - now).toBe(32_000);
  });

  it('polls young messages at the interval, older ones at a quarter of their age, never past the cap', () => {
    expect(timing.pollAt(new Date(now - 500), now)?.getTime()).toBe(now + 1000);
    expect(timing.pollAt(new Date(now - 40_000), now)?.getTime()).toBe(now + 10_000);
    expect(timing.pollAt(new Date(now - 3_600_000), now)?.getTime()).toBe(now + MAX_DELAY_MS);
    expect(timing.pollAt(new Date(now - MAX_POLL_AGE_MS - 1), now)).toBeNull();
  });

  it('claims at the dispatch tick, never less often than the poll interval', () => {
    expect(timing.tickMs).toBe(100);
    const slowTick = loadGatewayConfig({
      GATEWAY_POLL_INTERVAL_MS: '1000',
      GATEWAY_DISPATCH_TICK_MS: '5000',
    });
    expect(new MessageTiming(slowTick).tickMs).toBe(1000);
    expect(new MessageTiming(loadGatewayConfig({ GATEWAY_POLL_INTERVAL_MS: '50' })).tickMs).toBe(50);
  });
});

describe('message cursors', () => {
  it('round-trips and refuses what this API did not hand out', () => {
    const cursor = { createdAt: '2026-01-01T00:00:00.123456Z', id: '0b3d6f1e-8c1a-4c55-9b51-3f1a2b3c4d5e' };
    expect(decodeMessageCursor(encodeMessageCursor(cursor))).toEqual(cursor);
    expect(() => decodeMessageCursor('garbage')).toThrow(/after/);
    const foreign = Buffer.from(JSON.stringify(['in', cursor.createdAt, cursor.id])).toString('base64url');
    expect(() => decodeMessageCursor(foreign)).toThrow(/after/);
  });
});
