import { Readable } from 'node:stream';
import { Journal } from './journal.js';
import { plainData } from './plain-data.js';

describe('plainData', () => {
  it('turns what @fastify/multipart leaves after a broken part into the values it parsed', () => {
    const body: Record<string, unknown> = {};
    body.a = { type: 'field', fieldname: 'a', value: '1', fields: body };
    body.f = { type: 'file', fieldname: 'f', filename: 'x.png', mimetype: 'image/png', fields: body };
    expect(plainData(body)).toEqual({ a: '1', f: { filename: 'x.png', mimetype: 'image/png' } });
  });

  it('marks cycles, bytes, streams and non-finite numbers instead of throwing', () => {
    const cyclic: Record<string, unknown> = { n: Infinity, big: 10n, bytes: Buffer.from('abc') };
    cyclic.self = cyclic;
    cyclic.stream = Readable.from([]);
    const copy = plainData(cyclic);
    expect(copy).toMatchObject({ n: 'Infinity', big: '10', bytes: '<3 bytes>', self: '[Circular]' });
    expect(() => JSON.stringify(copy)).not.toThrow();
  });

  it('copies a value shared by two fields twice (only real cycles are cut)', () => {
    const shared = { x: 1 };
    expect(plainData({ a: shared, b: [shared] })).toEqual({ a: { x: 1 }, b: [{ x: 1 }] });
  });

  it('stops at 32 levels', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(JSON.stringify(plainData(deep))).toContain('[Too deep]');
  });

  it('is what the journal answers with', () => {
    const journal = new Journal(2);
    const body: Record<string, unknown> = {};
    body.self = body;
    journal.record({
      atMs: 0,
      provider: 'washeej',
      method: 'POST',
      path: '/x',
      status: 400,
      ip: '127.0.0.1',
      accountId: undefined,
      durationMs: 1,
      requestBody: body,
      responseBody: '{}',
    });
    expect(() => JSON.stringify(journal.list())).not.toThrow();
  });
});
