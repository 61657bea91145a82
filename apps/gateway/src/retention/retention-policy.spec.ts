import {
  deleteInBatches,
  effectiveRetentionDays,
  noneDeleted,
  retentionCutoff,
  type DeletedCounts,
} from './retention-policy.js';

describe('effectiveRetentionDays', () => {
  it('keeps forever when neither the tenant nor the gateway sets a retention', () => {
    expect(effectiveRetentionDays(null, undefined)).toBeNull();
  });

  it('follows the global setting when the tenant has none', () => {
    expect(effectiveRetentionDays(null, 30)).toBe(30);
  });

  it("lets the tenant's setting win, longer or shorter", () => {
    expect(effectiveRetentionDays(7, 30)).toBe(7);
    expect(effectiveRetentionDays(365, 30)).toBe(365);
    expect(effectiveRetentionDays(7, undefined)).toBe(7);
  });

  it('reads a tenant setting of 0 as keep forever, even under a global retention', () => {
    expect(effectiveRetentionDays(0, 30)).toBeNull();
  });
});

describe('retentionCutoff', () => {
  it('is whole days before now', () => {
    expect(retentionCutoff(30, new Date('2026-12-31T12:00:00.000Z')).toISOString()).toBe(
      '2026-12-01T12:00:00.000Z',
    );
  });
});

describe('deleteInBatches', () => {
  /** A table of `rows` rows, deleted `limit` at a time, with a cascade of 2 status changes per message. */
  function table(rows: number) {
    let left = rows;
    const limits: number[] = [];
    const batch = (limit: number): Promise<Partial<DeletedCounts>> => {
      limits.push(limit);
      const n = Math.min(limit, left);
      left -= n;
      return Promise.resolve({ messages: n, status_changes: 2 * n });
    };
    return { batch, limits, left: () => left };
  }

  it('deletes batch after batch until one comes back short, pausing between them, and sums the counts', async () => {
    const t = table(25);
    const pauses: number[] = [];
    const result = await deleteInBatches(t.batch, 'messages', {
      batchSize: 10,
      pauseMs: 5,
      sleep: (ms) => (pauses.push(ms), Promise.resolve()),
    });
    expect(t.limits).toEqual([10, 10, 10]);
    expect(pauses).toEqual([5, 5]);
    expect(result.batches).toBe(3);
    expect(result.deleted).toEqual({ ...noneDeleted(), messages: 25, status_changes: 50 });
    expect(t.left()).toBe(0);
  });

  it('runs one more (empty) batch when the rows are an exact multiple of the batch size', async () => {
    const t = table(20);
    const result = await deleteInBatches(t.batch, 'messages', { batchSize: 10, pauseMs: 0 });
    expect(result.batches).toBe(3);
    expect(result.deleted.messages).toBe(20);
  });

  it('stops after the batch in flight when asked to (shutdown)', async () => {
    const t = table(100);
    let stop = false;
    const result = await deleteInBatches(
      (limit) => {
        stop = true;
        return t.batch(limit);
      },
      'messages',
      { batchSize: 10, pauseMs: 0, shouldStop: () => stop },
    );
    expect(result.batches).toBe(1);
    expect(t.left()).toBe(90);
  });

  it('passes the error of a failing batch on, so the pass reports it', async () => {
    await expect(
      deleteInBatches(() => Promise.reject(new Error('database away')), 'messages', {
        batchSize: 10,
        pauseMs: 0,
      }),
    ).rejects.toThrow('database away');
  });
});
