import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../apps/gateway/src/database/data-source.js';
import { MessageSchedule1796300400000 } from '../../../apps/gateway/src/database/migrations/1796300400000-MessageSchedule.js';
import { MIGRATIONS } from '../../../apps/gateway/src/database/migrations/index.js';
import { CLAIM_DUE_MESSAGES_SQL } from '../../../apps/gateway/src/messages/message-scheduler.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * Issue #15: the MessageSchedule migration on a partitioned database seeded at the migration before it: the due
 * and leased state of messages (next_action_at) moves into message_schedule exactly (each message's id, created_at
 * and time, across months), the column and its partial index go, the claim finds what was due; down() puts every
 * time back on its message and removes the table.
 */
interface Scheduled {
  id: string;
  created_at: Date;
  next_action_at: Date;
}

describe('MessageSchedule migration (issue #15)', () => {
  let database: TestDatabase;
  let db: DataSource;
  let seeded: Scheduled[];

  const partialIndex = async () =>
    (await db.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'messages' AND indexdef LIKE '%(next_action_at)%'`,
    )) as unknown[];
  const scheduleTable = async () =>
    (await db.query(`SELECT to_regclass('message_schedule') AS t`)) as Array<{ t: string | null }>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const before = (MIGRATIONS as unknown[]).slice(
      0,
      (MIGRATIONS as unknown[]).indexOf(MessageSchedule1796300400000),
    );
    db = new DataSource({ ...dataSourceOptions(database.url), migrations: before as never });
    await db.initialize();
    await db.runMigrations();
    const tenantId = randomUUID();
    const connectionId = randomUUID();
    await db.query(`INSERT INTO tenants (id, name) VALUES ($1, 'schedule')`, [tenantId]);
    await db.query(
      `INSERT INTO connections (id, tenant_id, name, provider, credentials_sealed, webhook_token)
       VALUES ($1, $2, 'c', 'wessaal', 'sealed', $3)`,
      [connectionId, tenantId, randomUUID()],
    );
    // 40 messages over two months and more: a third final (nothing due), a third due (some long overdue), a third
    // leased to a send or waiting for a poll (ahead).
    await db.query(
      `INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status,
         next_action_at, created_at)
       SELECT $1, $2, 'c', 'wessaal', 'text', '+9665' || g, '{}',
         CASE g % 3 WHEN 0 THEN 'READ' WHEN 1 THEN 'QUEUED' ELSE 'SENT' END,
         CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN now() - g * interval '1 minute' ELSE now() + g * interval '1 minute' END,
         now() - g * interval '2 days'
       FROM generate_series(1, 40) g`,
      [tenantId, connectionId],
    );
    seeded = (await db.query(
      `SELECT id, created_at, next_action_at FROM messages WHERE next_action_at IS NOT NULL ORDER BY id`,
    )) as Scheduled[];
    await db.destroy();
    db = new DataSource({ ...dataSourceOptions(database.url), migrations: MIGRATIONS });
    await db.initialize();
    await db.runMigrations();
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('moves every due and leased time into message_schedule, then drops the column and its index', async () => {
    expect(seeded).toHaveLength(27);
    expect(
      await db.query(
        'SELECT message_id AS id, created_at, next_action_at FROM message_schedule ORDER BY message_id',
      ),
    ).toEqual(seeded);
    expect(
      await db.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'next_action_at'`,
      ),
    ).toEqual([]);
    expect(await partialIndex()).toEqual([]);
  });

  it('claims what was due, and only that, leasing it in message_schedule', async () => {
    const due = seeded.filter((s) => s.next_action_at.getTime() <= Date.now()).map((s) => s.id);
    const claimed = (await db.query(CLAIM_DUE_MESSAGES_SQL, [64, 60_000])) as Array<{
      id: string;
      nextActionAt: Date;
    }>;
    expect(claimed.map((m) => m.id).sort()).toEqual(due.sort());
    for (const m of claimed) expect(m.nextActionAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db.query(CLAIM_DUE_MESSAGES_SQL, [64, 60_000])).toEqual([]); // leased now
    // Handed back (as a stopping scheduler does), for down() below to restore the seeded times.
    for (const s of seeded)
      await db.query('UPDATE message_schedule SET next_action_at = $2 WHERE message_id = $1', [
        s.id,
        s.next_action_at,
      ]);
  });

  it('goes back with every time on its message, and forward again', async () => {
    await db.undoLastMigration();
    expect(await scheduleTable()).toEqual([{ t: null }]);
    expect(
      await db.query(
        `SELECT id, created_at, next_action_at FROM messages WHERE next_action_at IS NOT NULL ORDER BY id`,
      ),
    ).toEqual(seeded);
    expect(await partialIndex()).toHaveLength(1);
    await db.runMigrations();
    expect(await db.query('SELECT count(*)::int AS n FROM message_schedule')).toEqual([{ n: 27 }]);
  });
});
