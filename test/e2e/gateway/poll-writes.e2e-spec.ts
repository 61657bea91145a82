import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PollReschedules } from '../../../apps/gateway/src/messages/poll-reschedules.js';
import { PollStatusWrites } from '../../../apps/gateway/src/messages/poll-status-writes.js';
import { useMigratedDatabase } from '../../support/database.js';
import { insertQueuedMessage } from '../../support/queued-message.js';

/**
 * The scheduler's poll writes (issue #13: the polls of a claim, each a status write and all at once, were the p99 of
 * a send at one connection). A poll that finds nothing new only moves the message's next poll: checked on
 * message_schedule itself: rows moved to each one's own time, ended where the time is null, rows gone meanwhile left
 * gone, and the polls of one claim coalesced. A poll that finds a new status writes it with the other polls' in one
 * statement, one in flight: checked on the message rows, their history and their schedule.
 */
describe('poll writes', () => {
  const database = useMigratedDatabase();
  let dataSource: DataSource;
  beforeAll(() => {
    dataSource = database();
  });

  async function scheduled(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    await dataSource.query(
      `INSERT INTO message_schedule (message_id, created_at, next_action_at)
       SELECT id, now(), now() + interval '2 minutes' FROM unnest($1::uuid[]) AS id`,
      [ids],
    );
    return ids;
  }

  async function nextOf(ids: string[]): Promise<Map<string, number>> {
    const rows = (await dataSource.query(
      'SELECT message_id AS id, next_action_at AS at FROM message_schedule WHERE message_id = ANY ($1::uuid[])',
      [ids],
    )) as Array<{ id: string; at: Date }>;
    return new Map(rows.map((row) => [row.id, row.at.getTime()]));
  }

  it('moves each message to its own time, ends the null ones, and leaves a vanished row vanished', async () => {
    const reschedules = new PollReschedules(dataSource);
    const ids = await scheduled(40);
    const gone = randomUUID(); // made final by a webhook meanwhile: its schedule row was deleted
    const base = Date.now() + 10_000;
    const times = ids.map((_, i) => (i % 4 === 3 ? null : new Date(base + i * 1_000)));

    // As a claim's polls are answered: all in one go, so they share statements.
    await Promise.all([
      ...ids.map((id, i) => reschedules.set(id, times[i]!)),
      reschedules.set(gone, new Date(base)),
    ]);

    const after = await nextOf([...ids, gone]);
    ids.forEach((id, i) => expect(after.get(id)).toBe(times[i]?.getTime()));
    expect(after.has(gone)).toBe(false);
    expect(after.size).toBe(30);
  });

  it('shares one statement among the reschedules that arrive while one runs', async () => {
    const reschedules = new PollReschedules(dataSource);
    const ids = await scheduled(64);
    const statements: number[] = [];
    const query = dataSource.driver as unknown as { master: { query: (...args: unknown[]) => unknown } };
    const original = query.master.query.bind(query.master);
    query.master.query = (...args: unknown[]) => {
      const config = args[0] as { values?: unknown[][] };
      statements.push((config.values?.[0]?.length ?? 0) + (config.values?.[2]?.length ?? 0));
      return original(...args);
    };
    try {
      await Promise.all(ids.map((id) => reschedules.set(id, new Date(Date.now() + 60_000))));
    } finally {
      query.master.query = original;
    }
    // The first goes at once; the 63 that queued meanwhile go together.
    expect(statements).toEqual([1, 63]);
    expect((await nextOf(ids)).size).toBe(64);
  });

  /** Counts the rows of each PollStatusWrites statement while `work` runs. */
  async function statementSizes(work: () => Promise<unknown>): Promise<number[]> {
    const sizes: number[] = [];
    const query = dataSource.driver as unknown as { master: { query: (...args: unknown[]) => unknown } };
    const original = query.master.query.bind(query.master);
    query.master.query = (...args: unknown[]) => {
      const config = args[0] as { text?: string; values?: unknown[][] };
      if (config.text?.includes('sets_error')) sizes.push(config.values?.[0]?.length ?? 0);
      return original(...args);
    };
    try {
      await work();
    } finally {
      query.master.query = original;
    }
    return sizes;
  }

  it("writes a claim's new statuses in shared statements: row, history, schedule, and the row as written", async () => {
    const writes = new PollStatusWrites(dataSource);
    const tenantId = randomUUID();
    const messages = await Promise.all(
      Array.from({ length: 12 }, () => insertQueuedMessage(dataSource, tenantId)),
    );
    const later = new Date(Date.now() + 90_000);
    const error = {
      code: 'REJECTED',
      message: 'undeliverable',
      transient: false,
      at: new Date().toISOString(),
    };

    let answers: Awaited<ReturnType<PollStatusWrites['write']>>[] = [];
    const sizes = await statementSizes(async () => {
      answers = await Promise.all(
        messages.map((message, i) =>
          writes.write({
            messageId: message.id,
            expectedStatus: i === 11 ? 'SENT' : 'QUEUED', // the last one moved meanwhile (a webhook)
            status: i % 3 === 2 ? 'FAILED' : 'DELIVERED',
            providerStatus: i % 3 === 2 ? 'failed' : 'delivered',
            ...(i % 3 === 2 && { error }),
            nextActionAt: i % 2 === 0 ? null : later,
            source: 'poll',
          }),
        ),
      );
    });
    expect(sizes).toEqual([1, 11]);

    expect(answers[11]).toBeNull();
    for (const [i, answer] of answers.slice(0, 11).entries()) {
      expect(answer).toMatchObject({ id: messages[i]!.id, status: i % 3 === 2 ? 'FAILED' : 'DELIVERED' });
      expect(answer!.history.map((h) => h.status).sort()).toEqual(
        ['QUEUED', i % 3 === 2 ? 'FAILED' : 'DELIVERED'].sort(),
      );
      expect((answer!.nextActionAt as Date | null)?.getTime() ?? null).toBe(
        i % 2 === 0 ? null : later.getTime(),
      );
    }

    const ids = messages.map((m) => m.id);
    const rows = (await dataSource.query(
      `SELECT m.id, m.status, m.provider_status, m.error, s.next_action_at,
         (SELECT count(*)::int FROM status_changes c WHERE c.message_id = m.id) AS changes
       FROM messages m LEFT JOIN message_schedule s ON s.message_id = m.id WHERE m.id = ANY ($1::uuid[])`,
      [ids],
    )) as Array<{
      id: string;
      status: string;
      provider_status: string | null;
      error: unknown;
      next_action_at: Date | null;
      changes: number;
    }>;
    const byId = new Map(rows.map((row) => [row.id, row]));
    ids.forEach((id, i) => {
      const row = byId.get(id)!;
      if (i === 11) {
        // Not written: still QUEUED, its one history row, its schedule as the send left it.
        expect(row).toMatchObject({ status: 'QUEUED', changes: 1, error: null });
        expect(row.next_action_at).not.toBeNull();
        return;
      }
      expect(row).toMatchObject({
        status: i % 3 === 2 ? 'FAILED' : 'DELIVERED',
        provider_status: i % 3 === 2 ? 'failed' : 'delivered',
        error: i % 3 === 2 ? error : null,
        changes: 2,
      });
      expect(row.next_action_at?.getTime() ?? null).toBe(i % 2 === 0 ? null : later.getTime());
    });
  });
});
