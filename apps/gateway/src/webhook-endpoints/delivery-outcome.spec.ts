import { decide } from './delivery-outcome.js';

const answer = (statusCode: number, retryAfterSeconds?: number) => ({
  statusCode,
  durationMs: 1,
  body: null,
  retryAfterSeconds,
});

describe('delivery decision', () => {
  it('succeeds on any 2xx and stops on 410', () => {
    expect(decide(answer(204), 1, 1)).toEqual({ kind: 'succeeded' });
    expect(decide(answer(410), 1, 1)).toEqual({ kind: 'gone' });
  });

  it('retries anything else, including no answer and redirects, until the schedule ends', () => {
    for (const code of [0, 301, 400, 500]) expect(decide(answer(code), 1, 1).kind).toBe('retry');
    expect(decide(answer(500), 8, 1)).toEqual({ kind: 'failed' });
  });

  it('honours Retry-After only on 429 and 503', () => {
    expect(decide(answer(503, 120), 1, 1)).toEqual({ kind: 'retry', delayMs: 120_000 });
    expect(decide(answer(429, 120), 1, 1)).toEqual({ kind: 'retry', delayMs: 120_000 });
    const other = decide(answer(500, 120), 1, 1);
    expect(other.kind === 'retry' && other.delayMs).toBeLessThanOrEqual(6_000);
  });
});
