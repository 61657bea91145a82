import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createGatewayApp, type GatewayApp } from '../../../apps/gateway/src/app.factory.js';
import { SecretBox } from '../../../apps/gateway/src/common/crypto/secret-box.js';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway-config.js';
import { dataSourceOptions, openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import { ConnectionEntity, MessageEntity } from '../../../apps/gateway/src/database/entities/index.js';
import { Partitioning1796300300000 } from '../../../apps/gateway/src/database/migrations/1796300300000-Partitioning.js';
import { MIGRATIONS } from '../../../apps/gateway/src/database/migrations/index.js';
import { InboundMessagesService } from '../../../apps/gateway/src/inbound/inbound-messages.service.js';
import type { SendMessageInput } from '../../../apps/gateway/src/messages/dto/send-message.input.js';
import { sendRequestHash } from '../../../apps/gateway/src/messages/message-batch.js';
import {
  createdAtOfId,
  isTimeOrderedId,
  messageKeyWhere,
} from '../../../apps/gateway/src/messages/message-key.js';
import { prepareSend } from '../../../apps/gateway/src/messages/message-request.js';
import { PartitionMaintenance } from '../../../apps/gateway/src/partitions/partition-maintenance.js';
import { monthStart, partitionName } from '../../../apps/gateway/src/partitions/partition-months.js';
import { seedTenant } from '../../../apps/gateway/src/seed/demo-seed.js';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { http } from '../../support/http.js';

/**
 * Issue #15: the Partitioning migration on a database seeded at the migration before it (v4 ids, three months and
 * more of messages with their status changes, attempts, a held request, inbound messages, an idempotency record),
 * then the gateway on the partitioned layout: nothing lost, every id reads back, cursors page across a month
 * boundary, an old key still replays its old message, a new send gets a UUIDv7 in its month's partition, a lookup by
 * it reads one partition, inbound dedup holds across months, partitions are made ahead, and down() goes back.
 */
interface Message {
  id: string;
  createdAt: string;
}
interface Page {
  items: Message[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const TABLES = [
  'messages',
  'status_changes',
  'inbound_messages',
  'message_attempts',
  'held_requests',
  'idempotency_records',
];
const CONNECTION = 'washeej-demo';
const OLD_ORDER = {
  connection: CONNECTION,
  to: '+966500000777',
  text: 'the old order',
  idempotencyKey: 'old-key',
};

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe('partitioning migration (issue #15)', () => {
  let sim: StartedSimulator;
  let database: TestDatabase;
  let db: DataSource;
  let gateway: GatewayApp;
  let gatewayClosed = false;
  let url: string;
  let tenantId: string;
  let apiKey: string;
  let before: Record<string, number>;
  let oldIds: string[];
  let oldOrderId: string;
  const now = new Date();
  /** The month boundary the seeded cluster straddles. */
  const boundary = monthStart(now, -1);

  const countIn = async (source: DataSource, table: string): Promise<number> =>
    ((await source.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n;
  const countsIn = async (source: DataSource): Promise<Record<string, number>> =>
    Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countIn(source, t)] as const)));
  const count = (table: string) => countIn(db, table);
  const counts = () => countsIn(db);
  const rest = (method: string, path: string, body?: unknown) =>
    http(`${url}${path}`, { method, headers: { authorization: `Bearer ${apiKey}` }, json: body });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    database = await createTestDatabase();
    // The database as the migration before partitioning left it (the later ones run with it, below).
    const earlier = new DataSource({
      ...dataSourceOptions(database.url),
      migrations: (MIGRATIONS as unknown[]).slice(
        0,
        (MIGRATIONS as unknown[]).indexOf(Partitioning1796300300000),
      ) as never,
    });
    await earlier.initialize();
    await earlier.runMigrations();
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_PORT: '0',
      GATEWAY_POLL_INTERVAL_MS: '100',
    });
    tenantId = randomUUID();
    apiKey = `gw_test_${randomUUID()}`;
    await seedTenant(earlier, new SecretBox(config.GATEWAY_ENCRYPTION_KEY), {
      tenantId,
      apiKey,
      name: 'partitioned',
      simulatorUrl: sim.url,
    });
    const [connection] = (await earlier.query(
      'SELECT id FROM connections WHERE tenant_id = $1 AND name = $2',
      [tenantId, CONNECTION],
    )) as Array<{ id: string }>;
    const insertMessages = (sql: string, params: unknown[]) =>
      earlier.query(
        `INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request,
           status, created_at, updated_at)
         SELECT $1, $2, '${CONNECTION}', 'washeej', 'text', to_number, '{}', 'READ', at, at FROM (${sql}) AS s`,
        [tenantId, connection!.id, ...params],
      );
    // Every 37 hours for three months back, and a cluster on a month boundary: a ms before, two rows exactly on
    // it (one created_at, two ids), a ms after.
    await insertMessages(
      `SELECT '+9665000' || lpad(g::text, 5, '0') AS to_number, $3::timestamptz - g * interval '37 hours' AS at
       FROM generate_series(1, 60) g`,
      [new Date(now.getTime() - 60_000)],
    );
    await insertMessages(
      `SELECT '+966500000999' AS to_number, $3::timestamptz + d * interval '1 millisecond' AS at
       FROM unnest(ARRAY[-1, 0, 0, 1]) d`,
      [boundary],
    );
    const prepared = prepareSend(OLD_ORDER as SendMessageInput);
    const oldAt = new Date(boundary.getTime() - 10 * 24 * 60 * 60 * 1000);
    [{ id: oldOrderId }] = (await earlier.query(
      `INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status,
         idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, 'washeej', 'text', $4, $5, 'SENT', $6, $7, $7) RETURNING id`,
      [tenantId, connection!.id, CONNECTION, OLD_ORDER.to, prepared.stored, OLD_ORDER.idempotencyKey, oldAt],
    )) as [{ id: string }];
    await earlier.query(
      `INSERT INTO idempotency_records (tenant_id, key, request_hash, message_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + interval '1 day')`,
      [tenantId, OLD_ORDER.idempotencyKey, sendRequestHash(CONNECTION, prepared.stored), oldOrderId, oldAt],
    );
    await earlier.query(
      `INSERT INTO status_changes (tenant_id, message_id, status, source, at)
       SELECT tenant_id, id, s.status, 'poll', created_at + s.after
       FROM messages, (VALUES ('SENT', interval '0'), ('READ', interval '1 minute')) AS s(status, after)`,
    );
    await earlier.query(
      `INSERT INTO message_attempts (message_id, number, connection_id, connection_name, provider, outcome,
         started_at, finished_at)
       SELECT id, 1, connection_id, connection_name, provider, 'accepted', created_at, created_at FROM messages`,
    );
    await earlier.query(
      `INSERT INTO held_requests (message_id, sealed, bytes, expires_at) VALUES ($1, 'sealed', 1, now() + interval '1 day')`,
      [oldOrderId],
    );
    await earlier.query(
      `INSERT INTO inbound_messages (tenant_id, connection_id, connection_name, provider, provider_message_id,
         from_number, kind, text, received_at)
       SELECT $1, $2, $3, 'washeej', 'in-' || g, '+966511111111', 'text', 'hello ' || g,
              $4::timestamptz - g * interval '9 days'
       FROM generate_series(1, 10) g`,
      [tenantId, connection!.id, CONNECTION, now],
    );
    oldIds = ((await earlier.query('SELECT id FROM messages ORDER BY id')) as Array<{ id: string }>).map(
      (r) => r.id,
    );
    before = await countsIn(earlier);
    await earlier.destroy();

    db = await openDataSource(database.url); // runs the Partitioning migration
    gateway = await createGatewayApp(config, database.url, { logDestination: { write: () => undefined } });
    await gateway.app.listen(0, '127.0.0.1');
    const address = gateway.app.getHttpServer().address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 120_000);

  afterAll(async () => {
    if (!gatewayClosed) await gateway?.app.close();
    await db?.destroy();
    await sim?.close();
    await database?.drop();
  });

  it('moves every row into month partitions, none into the default ones', async () => {
    expect(before).toEqual({
      messages: 65,
      status_changes: 130,
      inbound_messages: 10,
      message_attempts: 65,
      held_requests: 1,
      idempotency_records: 1,
    });
    expect(await counts()).toEqual(before);
    expect(oldIds).toHaveLength(65);
    for (const table of ['messages', 'status_changes', 'inbound_messages']) {
      const [kind] = (await db.query(`SELECT relkind FROM pg_class WHERE relname = $1`, [table])) as Array<{
        relkind: string;
      }>;
      expect({ table, kind: kind!.relkind }).toEqual({ table, kind: 'p' });
      const holders = (await db.query(
        `SELECT tableoid::regclass::text AS partition, count(*)::int AS n FROM ${table} GROUP BY 1`,
      )) as Array<{ partition: string; n: number }>;
      for (const { partition } of holders) expect(partition).toMatch(new RegExp(`^${table}_p\\d{6}$`));
    }
    // The boundary cluster is split between its two months.
    const split = (await db.query(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS n FROM messages
       WHERE to_number = '+966500000999' GROUP BY 1 ORDER BY 1`,
    )) as Array<{ partition: string; n: number }>;
    expect(split).toEqual([
      { partition: partitionName('messages', monthStart(boundary, -1)), n: 1 },
      { partition: partitionName('messages', boundary), n: 3 },
    ]);
  });

  it('reads every old (v4) id back through the API', async () => {
    for (const id of oldIds) {
      const res = await rest('GET', `/v1/messages/${id}`);
      expect({ id, status: res.status }).toEqual({ id, status: 200 });
      expect((res.json as Message).id).toBe(id);
    }
  });

  it('pages the list across month boundaries with no gap and no repeat, both ways', async () => {
    const expected = (
      (await db.query('SELECT id FROM messages WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC', [
        tenantId,
      ])) as Array<{ id: string }>
    ).map((r) => r.id);
    const forward: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const page = (await rest('GET', `/v1/messages?first=4${after ? `&after=${after}` : ''}`)).json as Page;
      forward.push(...page.items.map((m) => m.id));
      more = page.pageInfo.hasNextPage;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(expected);
    const backward: string[] = [];
    for (let before: string | null = null, more = true; more;) {
      const res = await http(`${url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
        json: {
          query: `query($before: String) { messages(last: 4, before: $before) {
            nodes { id } pageInfo { hasPreviousPage startCursor } } }`,
          variables: { before },
        },
      });
      const page = (
        res.json as {
          data: {
            messages: {
              nodes: Array<{ id: string }>;
              pageInfo: { hasPreviousPage: boolean; startCursor: string };
            };
          };
        }
      ).data.messages;
      backward.unshift(...page.nodes.map((n) => n.id));
      more = page.pageInfo.hasPreviousPage;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(expected);
  });

  it('answers an Idempotency-Key replay of an old message with the old message', async () => {
    const res = await rest('POST', '/v1/messages', OLD_ORDER);
    expect(res.status).toBe(201);
    expect((res.json as Message).id).toBe(oldOrderId);
    expect(await count('messages')).toBe(before.messages);
  });

  it("gives a new send a UUIDv7 whose time is its created_at, in its month's partition", async () => {
    const res = await rest('POST', '/v1/messages', {
      connection: CONNECTION,
      to: '+966500000123',
      text: 'new',
    });
    expect(res.status).toBe(201);
    const { id, createdAt } = res.json as Message;
    expect(isTimeOrderedId(id)).toBe(true);
    const [row] = (await db.query(
      'SELECT created_at, tableoid::regclass::text AS partition FROM messages WHERE id = $1',
      [id],
    )) as Array<{ created_at: Date; partition: string }>;
    expect(row!.created_at.toISOString()).toBe(createdAtOfId(id).toISOString());
    expect(new Date(createdAt).toISOString()).toBe(createdAtOfId(id).toISOString());
    expect(row!.partition).toBe(partitionName('messages', monthStart(createdAtOfId(id))));
    const [history] = (await db.query(
      'SELECT count(*)::int AS n, min(at) >= $2 AS after FROM status_changes WHERE message_id = $1',
      [id, createdAtOfId(id)],
    )) as Array<{ n: number; after: boolean }>;
    expect(history).toEqual({ n: expect.any(Number), after: true });
    expect(history!.n).toBeGreaterThan(0);

    // The service's lookup by that id reads one partition, by its primary key; an old id reads them all.
    const explain = async (messageId: string) => {
      const [sql, params] = db
        .getRepository(MessageEntity)
        .createQueryBuilder('m')
        .where({ ...messageKeyWhere(messageId), tenantId })
        .getQueryAndParameters();
      const [plan] = (await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{
        'QUERY PLAN': Array<{ Plan: PlanNode }>;
      }>;
      return nodes(plan!['QUERY PLAN'][0]!.Plan).filter((n) => /^messages_/.test(n['Relation Name'] ?? ''));
    };
    const pruned = await explain(id);
    expect(pruned).toHaveLength(1);
    expect(pruned[0]!['Relation Name']).toBe(row!.partition);
    const partitions = (await db.query(
      `SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'messages'::regclass`,
    )) as Array<{ n: number }>;
    expect(await explain(oldIds[0]!)).toHaveLength(partitions[0]!.n);
  });

  it('stores an inbound message once, when it is delivered again with a time in another month', async () => {
    const inbound = gateway.app.get(InboundMessagesService);
    const connection = await db
      .getRepository(ConnectionEntity)
      .findOneByOrFail({ tenantId, name: CONNECTION });
    const again = {
      providerMessageId: 'in-5',
      from: '+966511111111',
      kind: 'text' as const,
      text: 'again',
      raw: {},
    };
    // in-5 was received 45 days ago: this redelivery carries today's time (another partition).
    expect(await inbound.store(connection, [{ ...again, receivedAt: now.toISOString() }])).toEqual([]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE provider_message_id = 'in-5'`),
    ).toEqual([{ n: 1 }]);
    // Two deliveries of a new message at once, stamped a month apart: one row.
    const fresh = { ...again, providerMessageId: `in-${randomUUID()}` };
    const stored = await Promise.all([
      inbound.store(connection, [{ ...fresh, receivedAt: now.toISOString() }]),
      inbound.store(connection, [{ ...fresh, receivedAt: boundary.toISOString() }]),
    ]);
    expect(stored.flat()).toHaveLength(1);
    expect(
      await db.query('SELECT count(*)::int AS n FROM inbound_messages WHERE provider_message_id = $1', [
        fresh.providerMessageId,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('creates the months ahead, and reports rather than fails when the default partition holds their rows', async () => {
    const maintenance = gateway.app.get(PartitionMaintenance);
    const farMonth = monthStart(now, 3);
    const far = partitionName('messages', farMonth);
    await db.query(`DROP TABLE "${far}"`);
    // A row of that month arrives while its partition is missing: the default partition takes it.
    await db.query(
      `INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status,
         created_at)
       SELECT tenant_id, connection_id, connection_name, provider, type, '+966500000888', '{}', 'READ', $1
       FROM messages LIMIT 1`,
      [new Date(farMonth.getTime() + 1000)],
    );
    const blocked = await maintenance.runOnce();
    expect(blocked?.failed.map((f) => f.name)).toEqual([far]);
    expect(blocked?.failed[0]!.error).toMatch(/default partition/);
    expect(blocked?.defaultRows.messages).toBe(1);
    await db.query(`DELETE FROM messages WHERE to_number = '+966500000888'`);
    const fixed = await maintenance.runOnce();
    expect(fixed).toMatchObject({ created: [far], failed: [], defaultRows: { messages: 0 } });
    const metrics = (await http(`${url}/metrics`)).text;
    expect(metrics).toMatch(/gateway_partitions_created_total\{table="messages"\} [1-9]/);
    expect(metrics).toMatch(/gateway_partition_failures_total\{table="messages"\} [1-9]/);
  });

  it('goes back to the plain layout and forward again with nothing lost', async () => {
    const after = await counts();
    await gateway.app.close();
    gatewayClosed = true;
    await db.undoLastMigration(); // MessageSchedule, which came after
    await db.undoLastMigration();
    expect(await counts()).toEqual(after);
    expect(await db.query(`SELECT relkind FROM pg_class WHERE relname = 'messages'`)).toEqual([
      { relkind: 'r' },
    ]);
    await db.runMigrations();
    expect(await counts()).toEqual(after);
    expect(await db.query(`SELECT relkind FROM pg_class WHERE relname = 'messages'`)).toEqual([
      { relkind: 'p' },
    ]);
  });
});
