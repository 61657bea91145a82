import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { runAdminCli, type AdminIo } from '../../../apps/gateway/src/admin/admin-cli.js';
import { createGatewayApp, type GatewayApp } from '../../../apps/gateway/src/app.factory.js';
import { openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import {
  RETENTION_LOCK_KEY,
  RetentionJob,
  type RetentionReport,
} from '../../../apps/gateway/src/retention/retention.job.js';
import {
  createPartitionSql,
  monthStart,
  PARTITIONED_TABLES,
} from '../../../apps/gateway/src/partitions/partition-months.js';
import { startGatewayStack, type GatewayStack, type TestTenant } from '../../support/gateway-stack.js';
import { http } from '../../support/http.js';

class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the first pass must delete (see the rows seeded in beforeAll). */
const EXPECTED_DELETED = {
  messages: 9,
  status_changes: 18,
  held_requests: 1,
  message_attempts: 9,
  idempotency_records: 2,
  inbound_messages: 5,
  verifications: 4,
  webhook_deliveries: 3,
  webhook_attempts: 6,
  webhook_events: 3,
};

interface SeedOptions {
  atWork?: boolean;
  held?: boolean;
  idempotencyKey?: string;
}

/**
 * A message of the tenant's first connection created at `at`, with two status changes and an accepted attempt (and,
 * as asked, held request bytes and an idempotency record); `atWork` = the scheduler still has something due.
 */
async function seedMessage(
  db: GatewayStack['db'],
  tenantId: string,
  at: Date,
  options: SeedOptions = {},
): Promise<string> {
  const [c] = (await db.query(
    'SELECT id, name, provider FROM connections WHERE tenant_id = $1 ORDER BY name LIMIT 1',
    [tenantId],
  )) as Array<{ id: string; name: string; provider: string }>;
  const [{ id }] = (await db.query(
    `WITH m AS (
       INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status,
         idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'text', '+966500000000', '{}', $5, $7, $8, $8) RETURNING id, created_at
     ), s AS (
       INSERT INTO message_schedule (message_id, created_at, next_action_at)
       SELECT id, created_at, $6::timestamptz FROM m WHERE $6::timestamptz IS NOT NULL
     )
     SELECT id FROM m`,
    [
      tenantId,
      c!.id,
      c!.name,
      c!.provider,
      options.atWork ? 'SENT' : 'READ',
      options.atWork ? new Date(Date.now() + DAY_MS) : null,
      options.idempotencyKey ?? null,
      at,
    ],
  )) as [{ id: string }];
  for (const status of ['SENT', options.atWork ? 'SENT' : 'READ'])
    await db.query(
      `INSERT INTO status_changes (tenant_id, message_id, status, source, at) VALUES ($1, $2, $3, 'poll', $4)`,
      [tenantId, id, status, at],
    );
  await db.query(
    `INSERT INTO message_attempts (message_id, number, connection_id, connection_name, provider, outcome,
       started_at) VALUES ($1, 1, $2, $3, $4, 'accepted', $5)`,
    [id, c!.id, c!.name, c!.provider, at],
  );
  if (options.held)
    await db.query(
      `INSERT INTO held_requests (message_id, sealed, bytes, expires_at, created_at) VALUES ($1, 'x', 1, $2, $2)`,
      [id, at],
    );
  if (options.idempotencyKey)
    await db.query(
      `INSERT INTO idempotency_records (tenant_id, key, request_hash, message_id, created_at, expires_at)
       VALUES ($1, $2, 'h', $3, $4, $4)`,
      [tenantId, options.idempotencyKey, id, at],
    );
  return id;
}

describe('retention', () => {
  let stack: GatewayStack;
  let databaseUrl: string;
  /** Two more gateway processes on the same database, each with its own retention job (one log for both). */
  let appA: GatewayApp;
  let appB: GatewayApp;
  const logs = new LogCapture();
  /** Follows the global 30 days. */
  let global30: TestTenant;
  /** Its own 7 days. */
  let own7: TestTenant;
  /** Keeps forever despite the global setting. */
  let keeps: TestTenant;

  const admin = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: AdminIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
    const code = await runAdminCli(argv, () => openDataSource(databaseUrl, { migrate: false }), io);
    return { code, out, err };
  };
  const tenantName = async (tenantId: string): Promise<string> =>
    (
      (await stack.db.query('SELECT name FROM tenants WHERE id = $1', [tenantId])) as Array<{ name: string }>
    )[0]!.name;
  const ago = (days: number): Date => new Date(Date.now() - days * DAY_MS);
  const count = async (table: string, tenantId: string): Promise<number> =>
    Number(
      (
        (await stack.db.query(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [
          tenantId,
        ])) as Array<{
          n: string;
        }>
      )[0]!.n,
    );

  async function connectionOf(tenantId: string): Promise<{ id: string; name: string; provider: string }> {
    const rows = (await stack.db.query(
      'SELECT id, name, provider FROM connections WHERE tenant_id = $1 ORDER BY name LIMIT 1',
      [tenantId],
    )) as Array<{ id: string; name: string; provider: string }>;
    return rows[0]!;
  }

  /**
   * A message created `days` ago with two status changes and an attempt; `atWork` = the scheduler still has
   * something due.
   */
  const oldMessage = (tenantId: string, days: number, options: SeedOptions = {}): Promise<string> =>
    seedMessage(stack.db, tenantId, ago(days), options);

  async function oldInbound(tenantId: string, days: number): Promise<void> {
    const c = await connectionOf(tenantId);
    await stack.db.query(
      `INSERT INTO inbound_messages (tenant_id, connection_id, connection_name, provider, provider_message_id,
         from_number, kind, received_at, created_at)
       VALUES ($1, $2, $3, $4, $5, '+966511111111', 'text', $6, $6)`,
      [tenantId, c.id, c.name, c.provider, randomUUID(), ago(days)],
    );
  }

  async function oldVerification(tenantId: string, days: number): Promise<void> {
    const c = await connectionOf(tenantId);
    await stack.db.query(
      `INSERT INTO verifications (tenant_id, connection_id, provider, to_number, mode, status, max_attempts,
         expires_at, created_at)
       VALUES ($1, $2, $3, '+966522222222', 'gateway', 'VERIFIED', 5, $4, $4)`,
      [tenantId, c.id, c.provider, ago(days)],
    );
  }

  /** An event with one delivery (and two attempts unless pending), last touched `days` ago. */
  async function oldDelivery(
    tenantId: string,
    endpointId: string,
    days: number,
    status: 'succeeded' | 'failed' | 'pending',
  ): Promise<void> {
    const at = ago(days);
    const subject = randomUUID();
    const [{ id: eventId }] = (await stack.db.query(
      `INSERT INTO webhook_events (tenant_id, type, subject_id, created_at)
       VALUES ($1, 'message.status_changed', $2, $3) RETURNING id`,
      [tenantId, subject, at],
    )) as [{ id: string }];
    const [{ id: deliveryId }] = (await stack.db.query(
      `INSERT INTO webhook_deliveries (tenant_id, event_id, endpoint_id, event_type, subject_id, status, created_at,
         updated_at)
       VALUES ($1, $2, $3, 'message.status_changed', $4, $5, $6, $6) RETURNING id`,
      [tenantId, eventId, endpointId, subject, status, at],
    )) as [{ id: string }];
    if (status === 'pending') return;
    for (let i = 0; i < 2; i++)
      await stack.db.query(
        `INSERT INTO webhook_attempts (tenant_id, delivery_id, endpoint_id, event_id, event_type, subject_id, at,
           url, status_code, duration_ms, trigger)
         VALUES ($1, $2, $3, $4, 'message.status_changed', $5, $6, 'https://example.com/hook', 200, 5, 'scheduled')`,
        [tenantId, deliveryId, endpointId, eventId, subject, at],
      );
  }

  /** A disabled endpoint: the triggers enqueue nothing for it and the worker never calls it. */
  async function endpointOf(tenantId: string): Promise<string> {
    const [{ id }] = (await stack.db.query(
      `INSERT INTO webhook_endpoints (tenant_id, url, secret_sealed, enabled)
       VALUES ($1, 'https://example.com/hook', 'sealed', false) RETURNING id`,
      [tenantId],
    )) as [{ id: string }];
    return id;
  }

  beforeAll(async () => {
    const env = {
      LOG_LEVEL: 'info',
      GATEWAY_RETENTION_DAYS: '30',
      // Passes are started by the test, not by a timer.
      GATEWAY_RETENTION_INTERVAL_MS: '0',
      GATEWAY_RETENTION_BATCH_SIZE: '3',
      GATEWAY_RETENTION_BATCH_PAUSE_MS: '250',
    };
    stack = await startGatewayStack(env, { logDestination: new LogCapture() });
    databaseUrl = (stack.db.options as { url: string }).url;
    appA = await createGatewayApp(stack.config, databaseUrl, { logDestination: logs });
    appB = await createGatewayApp(stack.config, databaseUrl, { logDestination: logs });
    await appA.app.init();
    await appB.app.init();

    global30 = stack.tenant;
    own7 = await stack.seedTenant();
    keeps = await stack.seedTenant();

    // global30: 7 final messages 40 days old (deleted), one still polled (kept), one 5 days old (kept).
    for (let i = 0; i < 7; i++)
      await oldMessage(global30.tenantId, 40, {
        held: i === 0,
        idempotencyKey: i < 2 ? `key-${i}` : undefined,
      });
    await oldMessage(global30.tenantId, 40, { atWork: true, idempotencyKey: 'still-at-work' });
    await oldMessage(global30.tenantId, 5);
    for (let i = 0; i < 4; i++) await oldInbound(global30.tenantId, 40);
    await oldInbound(global30.tenantId, 5);
    for (let i = 0; i < 4; i++) await oldVerification(global30.tenantId, 40);
    await oldVerification(global30.tenantId, 5);
    const endpoint = await endpointOf(global30.tenantId);
    await oldDelivery(global30.tenantId, endpoint, 40, 'succeeded');
    await oldDelivery(global30.tenantId, endpoint, 40, 'failed');
    await oldDelivery(global30.tenantId, endpoint, 40, 'succeeded');
    await oldDelivery(global30.tenantId, endpoint, 40, 'pending');
    await oldDelivery(global30.tenantId, endpoint, 5, 'succeeded');

    // own7: 10 days old is past its 7 days (not past the global 30).
    await oldMessage(own7.tenantId, 10);
    await oldMessage(own7.tenantId, 10);
    await oldMessage(own7.tenantId, 3);
    await oldInbound(own7.tenantId, 10);

    // keeps: 60 days old and kept.
    await oldMessage(keeps.tenantId, 60);
    await oldMessage(keeps.tenantId, 60);
    await oldInbound(keeps.tenantId, 60);
    await oldVerification(keeps.tenantId, 60);
  }, 120_000);

  afterAll(async () => {
    await appA?.app.close();
    await appB?.app.close();
    await stack?.close();
  });

  it('sets, shows and refuses a tenant retention from the admin CLI', async () => {
    const own7Name = await tenantName(own7.tenantId);
    const keepsName = await tenantName(keeps.tenantId);
    expect(await admin('tenant', 'retention', own7Name, '7')).toMatchObject({ code: 0, err: [] });
    expect(await admin('tenant', 'retention', keepsName, 'keep')).toMatchObject({ code: 0, err: [] });
    const listed = (await admin('tenant', 'list')).out;
    expect(listed.find((l) => l.includes(own7Name))).toContain('retention 7d');
    expect(listed.find((l) => l.includes(keepsName))).toContain('retention keep');
    expect(listed.find((l) => l.includes(global30.tenantId))).toContain('retention default');

    for (const value of ['0', '7.5', 'forever', '36501']) {
      const run = await admin('tenant', 'retention', own7Name, value);
      expect({ value, code: run.code }).toEqual({ value, code: 2 });
      expect(run.err[0]).toMatch(/^error: retention: /);
    }
    // parseArgs takes `-1` for an option: still a usage error, exit 2.
    expect((await admin('tenant', 'retention', own7Name, '-1')).code).toBe(2);
    expect((await admin('tenant', 'retention', own7Name)).code).toBe(2);
    const unknown = await admin('tenant', 'retention', 'no-such-tenant', '7');
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toBe('error: no tenant named "no-such-tenant"');
    const rows = (await stack.db.query('SELECT id, retention_days FROM tenants')) as Array<{
      id: string;
      retention_days: number | null;
    }>;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.retention_days]))).toEqual({
      [global30.tenantId]: null,
      [own7.tenantId]: 7,
      [keeps.tenantId]: 0,
    });
  });

  it('runs one pass at a time across two gateway processes, in batches, while sends keep working', async () => {
    let passesDone = false;
    const passes = Promise.all([
      appA.app.get(RetentionJob).runOnce(),
      appB.app.get(RetentionJob).runOnce(),
    ]).finally(() => (passesDone = true));

    const sendStatuses: number[] = [];
    let sentDuringPass = 0;
    while (!passesDone) {
      const res = await stack.rest('POST', '/v1/messages', {
        connection: 'washeej-demo',
        to: `+9665${String(Date.now()).slice(-8)}`,
        text: 'during retention',
      });
      sendStatuses.push(res.status);
      if (!passesDone) sentDuringPass++;
    }
    const [a, b] = await passes;
    expect(sentDuringPass).toBeGreaterThan(0);
    expect(new Set(sendStatuses)).toEqual(new Set([201]));

    // Exactly one of the two processes ran the pass; the other found the lock taken.
    const reports = [a, b].filter((r): r is RetentionReport => r !== null);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.deleted).toEqual(EXPECTED_DELETED);
    // A tenant keeps forever: no partition can go whole.
    expect(reports[0]!.droppedPartitions).toEqual([]);
    expect(reports[0]!.tenants).toBe(2);
    // Batches of 3: global30 3 (messages) + 1 + 2 (inbound) + 2 (verifications) + 2 (deliveries) + 2 (events),
    // own7 one (short) batch per statement.
    expect(reports[0]!.batches).toBe(12 + 6);
  });

  it('kept what is newer, still at work, or under a longer or keep-forever retention', async () => {
    // global30: the 5-day-old message, the one still polled, and the sends made during the pass.
    const kept = (await stack.db.query(
      `SELECT status, EXISTS (SELECT 1 FROM message_schedule s WHERE s.message_id = messages.id) AS at_work,
         created_at < now() - interval '30 days' AS old
       FROM messages WHERE tenant_id = $1 AND request = '{}'::jsonb ORDER BY created_at`,
      [global30.tenantId],
    )) as Array<{ status: string; at_work: boolean; old: boolean }>;
    expect(kept).toEqual([
      { status: 'SENT', at_work: true, old: true },
      { status: 'READ', at_work: false, old: false },
    ]);
    expect(
      await stack.db.query(
        `SELECT count(*)::int AS n FROM status_changes sc JOIN messages m ON m.id = sc.message_id
         WHERE m.tenant_id = $1 AND m.request = '{}'::jsonb`,
        [global30.tenantId],
      ),
    ).toEqual([{ n: 4 }]);
    expect(
      await stack.db.query('SELECT key FROM idempotency_records WHERE tenant_id = $1', [global30.tenantId]),
    ).toEqual([{ key: 'still-at-work' }]);
    expect(await count('inbound_messages', global30.tenantId)).toBe(1);
    expect(await count('verifications', global30.tenantId)).toBe(1);
    // The pending delivery (and its event) stays, as does the 5-day-old one with its attempts.
    expect(
      await stack.db.query('SELECT status FROM webhook_deliveries WHERE tenant_id = $1 ORDER BY status', [
        global30.tenantId,
      ]),
    ).toEqual([{ status: 'pending' }, { status: 'succeeded' }]);
    expect(await count('webhook_attempts', global30.tenantId)).toBe(2);
    expect(
      await stack.db.query(
        `SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND type = 'message.status_changed'
           AND created_at < now() - interval '1 day'`,
        [global30.tenantId],
      ),
    ).toEqual([{ n: 2 }]);

    // own7: only the 3-day-old message is left; keeps: everything.
    expect(await count('messages', own7.tenantId)).toBe(1);
    expect(await count('inbound_messages', own7.tenantId)).toBe(0);
    expect(await count('messages', keeps.tenantId)).toBe(2);
    expect(await count('status_changes', keeps.tenantId)).toBe(4);
    expect(await count('inbound_messages', keeps.tenantId)).toBe(1);
    expect(await count('verifications', keeps.tenantId)).toBe(1);
  });

  it('counts what it deleted in gateway_retention_deleted_rows_total and in one log line per pass', async () => {
    const metrics = (await http(`${stack.url}/metrics`)).text;
    for (const [table, n] of Object.entries(EXPECTED_DELETED))
      expect(metrics).toContain(`gateway_retention_deleted_rows_total{table="${table}"} ${n}`);

    // One line for the pass, from whichever process ran it; the other skipped without an info line.
    const passLines = logs.lines.filter((l) => l.msg === 'retention pass');
    expect(passLines).toHaveLength(1);
    expect(passLines[0]).toMatchObject({
      level: 30,
      component: 'retention',
      deleted: EXPECTED_DELETED,
      tenants: 2,
      batches: 18,
    });

    // A second pass on appA finds nothing left and says so.
    const again = await appA.app.get(RetentionJob).runOnce();
    expect(again?.deleted).toEqual(Object.fromEntries(Object.keys(EXPECTED_DELETED).map((t) => [t, 0])));
    expect(logs.lines.filter((l) => l.msg === 'retention pass').at(-1)).toMatchObject({
      level: 30,
      deleted: again?.deleted,
    });
  });

  it('skips its turn while another session holds the retention lock', async () => {
    const holder = await openDataSource(databaseUrl, { migrate: false });
    const runner = holder.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1::bigint)', [RETENTION_LOCK_KEY]);
      expect(await appA.app.get(RetentionJob).runOnce()).toBeNull();
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [RETENTION_LOCK_KEY]);
      expect(await appA.app.get(RetentionJob).runOnce()).not.toBeNull();
    } finally {
      await runner.release();
      await holder.destroy();
    }
  });

  it('runs passes on its own every GATEWAY_RETENTION_INTERVAL_MS', async () => {
    await oldInbound(own7.tenantId, 10);
    expect(await count('inbound_messages', own7.tenantId)).toBe(1);
    const timed = await createGatewayApp(
      { ...stack.config, GATEWAY_RETENTION_INTERVAL_MS: 200 },
      databaseUrl,
      {
        logDestination: new LogCapture(),
      },
    );
    await timed.app.init();
    try {
      const deadline = Date.now() + 30_000;
      while ((await count('inbound_messages', own7.tenantId)) > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await count('inbound_messages', own7.tenantId)).toBe(0);
    } finally {
      await timed.app.close();
    }
  }, 60_000);
});

describe('retention by whole partitions', () => {
  let stack: GatewayStack;
  /** The gateway process whose retention job the test runs (the stack's own is never started: interval 0). */
  let job: GatewayApp;
  const logs = new LogCapture();
  /** Follows the global 30 days. */
  let short: TestTenant;
  /** Its own 45 days: the partitions' cutoff (every tenant's rows in a dropped month must be past retention). */
  let longer: TestTenant;
  const now = new Date();
  const month = (offset: number, day: number): Date =>
    new Date(monthStart(now, offset).getTime() + (day - 1) * DAY_MS);

  const message = (tenantId: string, at: Date, options: SeedOptions = {}): Promise<string> =>
    seedMessage(stack.db, tenantId, at, options);

  async function inbound(tenantId: string, at: Date): Promise<void> {
    await stack.db.query(
      `INSERT INTO inbound_messages (tenant_id, connection_id, connection_name, provider, provider_message_id,
         from_number, kind, received_at)
       SELECT tenant_id, id, name, provider, $2, '+966511111111', 'text', $3
       FROM connections WHERE tenant_id = $1 ORDER BY name LIMIT 1`,
      [tenantId, randomUUID(), at],
    );
  }

  const exists = async (name: string): Promise<boolean> =>
    ((await stack.db.query('SELECT to_regclass($1) IS NOT NULL AS e', [name])) as Array<{ e: boolean }>)[0]!
      .e;

  beforeAll(async () => {
    stack = await startGatewayStack(
      {
        LOG_LEVEL: 'info',
        GATEWAY_RETENTION_DAYS: '30',
        GATEWAY_RETENTION_INTERVAL_MS: '0',
        GATEWAY_RETENTION_BATCH_SIZE: '3',
        GATEWAY_RETENTION_BATCH_PAUSE_MS: '0',
      },
      { logDestination: new LogCapture() },
    );
    job = await createGatewayApp(stack.config, (stack.db.options as { url: string }).url, {
      logDestination: logs,
    });
    await job.app.init();
    short = stack.tenant;
    longer = await stack.seedTenant();
    await stack.db.query('UPDATE tenants SET retention_days = 45 WHERE id = $1', [longer.tenantId]);
    // Four, three and two months back: a gateway running then would have made their partitions.
    for (const offset of [-4, -3, -2])
      for (const { table } of PARTITIONED_TABLES)
        await stack.db.query(createPartitionSql(table, monthStart(now, offset)));

    // Four months back: past every tenant's retention, nothing at work: dropped whole, with its dependents.
    await message(short.tenantId, month(-4, 5), { held: true, idempotencyKey: 'dropped-with-its-month' });
    await message(longer.tenantId, month(-4, 20));
    await inbound(short.tenantId, month(-4, 6));
    await inbound(longer.tenantId, month(-4, 7));
    // Three months back: one message still at work keeps the month (and the status changes of that month);
    // the other one goes by the batched deletes. Its inbound month goes.
    await message(short.tenantId, month(-3, 10), { atWork: true });
    await message(longer.tenantId, month(-3, 11));
    await inbound(longer.tenantId, month(-3, 12));
    // 40 days back (past the short 30, not the longer 45): the batched deletes take it.
    await message(short.tenantId, new Date(now.getTime() - 40 * DAY_MS));
  }, 120_000);

  afterAll(async () => {
    await job?.app.close();
    await stack?.close();
  });

  it('drops the month partitions past every retention and deletes the rest in batches', async () => {
    const report = await job.app.get(RetentionJob).runOnce();
    const four = (table: string) => `${table}_p${partitionSuffix(monthStart(now, -4))}`;
    const three = (table: string) => `${table}_p${partitionSuffix(monthStart(now, -3))}`;
    expect(report?.droppedPartitions.sort()).toEqual(
      [four('messages'), four('status_changes'), four('inbound_messages'), three('inbound_messages')].sort(),
    );
    for (const name of report!.droppedPartitions) expect(await exists(name)).toBe(false);
    expect(await exists(three('messages'))).toBe(true);
    expect(await exists(three('status_changes'))).toBe(true);
    expect(report?.deleted).toMatchObject({
      messages: 4,
      status_changes: 8,
      message_attempts: 4,
      held_requests: 1,
      idempotency_records: 1,
      inbound_messages: 3,
    });
    // What is left: the message at work, with its history and attempt.
    expect(
      await stack.db.query(
        `SELECT m.status, (SELECT count(*)::int FROM status_changes s WHERE s.message_id = m.id) AS changes,
                (SELECT count(*)::int FROM message_attempts a WHERE a.message_id = m.id) AS attempts
         FROM messages m WHERE m.created_at < now() - interval '30 days'`,
      ),
    ).toEqual([{ status: 'SENT', changes: 2, attempts: 1 }]);
    expect(await stack.db.query('SELECT count(*)::int AS n FROM inbound_messages')).toEqual([{ n: 0 }]);
    expect(await stack.db.query('SELECT count(*)::int AS n FROM idempotency_records')).toEqual([{ n: 0 }]);
    expect(await stack.db.query('SELECT count(*)::int AS n FROM held_requests')).toEqual([{ n: 0 }]);

    const dropped = logs.lines.filter((l) => l.msg === 'retention dropped a partition');
    expect(dropped.map((l) => l.partition).sort()).toEqual([...report!.droppedPartitions].sort());
    expect(dropped.find((l) => l.partition === four('messages'))).toMatchObject({
      table: 'messages',
      rows: 2,
    });
    const metrics = (await http(`${stack.url}/metrics`)).text;
    expect(metrics).toContain('gateway_retention_dropped_partitions_total{table="messages"} 1');
    expect(metrics).toContain('gateway_retention_dropped_partitions_total{table="inbound_messages"} 2');
  });

  it('drops nothing while a tenant keeps forever', async () => {
    await stack.db.query('UPDATE tenants SET retention_days = 0 WHERE id = $1', [longer.tenantId]);
    await message(short.tenantId, month(-2, 3));
    const report = await job.app.get(RetentionJob).runOnce();
    expect(report?.droppedPartitions).toEqual([]);
    expect(report?.deleted.messages).toBe(1);
    expect(await exists(`messages_p${partitionSuffix(monthStart(now, -2))}`)).toBe(true);
  });
});

function partitionSuffix(month: Date): string {
  return `${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}
