import { StatementCoalescer } from './statement-coalescer.js';

/** A statement runner that records its batches and answers when the test lets it. */
function recorder(fail?: (items: number[]) => boolean) {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const run = async (items: number[]): Promise<string[]> => {
    batches.push(items);
    await new Promise<void>((release) => gates.push(release));
    if (fail?.(items)) throw new Error(`refused ${items.join(',')}`);
    return items.map((n) => `done ${n}`);
  };
  const releaseAll = async (): Promise<void> => {
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { batches, run, releaseAll };
}

describe('StatementCoalescer', () => {
  it('runs a lone item at once, alone', async () => {
    const r = recorder();
    const coalescer = new StatementCoalescer({ run: r.run, maxBatch: 10, maxInFlight: 1 });
    const result = coalescer.submit(1);
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    await expect(result).resolves.toBe('done 1');
  });

  it('gathers what arrives while a statement runs into the next one, in order, each caller its own result', async () => {
    const r = recorder();
    const coalescer = new StatementCoalescer({ run: r.run, maxBatch: 3, maxInFlight: 1 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => coalescer.submit(n));
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4, 5, 6].map((n) => `done ${n}`));
    expect(coalescer.running).toBe(0);
  });

  it('keeps items of one key out of the same statement', async () => {
    const r = recorder();
    const coalescer = new StatementCoalescer({
      run: r.run,
      maxBatch: 10,
      maxInFlight: 1,
      keyOf: (n: number) => String(n % 2),
    });
    const results = [1, 2, 3, 4, 5].map((n) => coalescer.submit(n));
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2, 3], [4, 5]]);
    await expect(Promise.all(results)).resolves.toHaveLength(5);
  });

  it('runs up to maxInFlight statements at once', async () => {
    const r = recorder();
    const coalescer = new StatementCoalescer({ run: r.run, maxBatch: 10, maxInFlight: 2 });
    const results = [1, 2, 3].map((n) => coalescer.submit(n));
    expect(r.batches).toEqual([[1], [2]]);
    expect(coalescer.running).toBe(2);
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2], [3]]);
    await Promise.all(results);
  });

  it('after a failed batch runs its items one by one: only the bad one fails', async () => {
    const r = recorder((items) => items.includes(3));
    const coalescer = new StatementCoalescer({ run: r.run, maxBatch: 10, maxInFlight: 1 });
    const first = coalescer.submit(1);
    const rest = [2, 3, 4].map((n) => coalescer.submit(n).catch((e: Error) => e.message));
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    await expect(first).resolves.toBe('done 1');
    await expect(Promise.all(rest)).resolves.toEqual(['done 2', 'refused 3', 'done 4']);
  });

  it('fails every item, one by one, when the runner answers the wrong number of results', async () => {
    const coalescer = new StatementCoalescer({
      run: async (items: number[]) => items.slice(1),
      maxBatch: 10,
      maxInFlight: 1,
    });
    await expect(coalescer.submit(1)).rejects.toThrow('answered 0 results for 1 items');
  });
});
