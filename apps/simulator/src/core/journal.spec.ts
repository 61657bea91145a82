import { Journal, type JournalRecord } from './journal.js';

function entry(provider: string, path: string): JournalRecord {
  return {
    atMs: Date.UTC(2025, 0, 15, 10, 30),
    provider,
    method: 'GET',
    path,
    status: 200,
    ip: '127.0.0.1',
    accountId: 'a',
    durationMs: 1,
    requestBody: undefined,
    responseBody: undefined,
  };
}

describe('Journal', () => {
  it('returns newest first, filters by provider and caps at its capacity', () => {
    const journal = new Journal(3);
    for (let i = 1; i <= 5; i++) journal.record(entry(i % 2 ? 'odd' : 'even', `/${i}`));
    expect(journal.list().map((e) => e.path)).toEqual(['/5', '/4', '/3']);
    expect(journal.list({ provider: 'odd' }).map((e) => e.path)).toEqual(['/5', '/3']);
    expect(journal.list({ limit: 1 }).map((e) => e.seq)).toEqual([5]);
    expect(journal.list({ limit: 1 })[0]!.at).toBe('2025-01-15T10:30:00.000Z');
    journal.clear();
    expect(journal.list()).toEqual([]);
  });
});
