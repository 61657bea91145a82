import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { ConnectionWindow } from '../apps/gateway/src/common/graphql/connection.args.js';
import { openDataSource } from '../apps/gateway/src/database/data-source.js';
import { InboundMessageEntity, MessageEntity } from '../apps/gateway/src/database/entities/index.js';
import {
  inboundListQuery,
  type InboundListFilter,
} from '../apps/gateway/src/inbound/inbound-messages.service.js';
import type { MessageFilterInput } from '../apps/gateway/src/messages/dto/messages.args.js';
import { encodeMessageCursor } from '../apps/gateway/src/messages/message-cursor.js';
import { messageListQuery } from '../apps/gateway/src/messages/message-list.service.js';
import { encodeInboundCursor } from '../apps/gateway/src/inbound/inbound-cursor.js';
import { claimCosts } from './bench-history-claim.js';
import { sectionText, writeSection, type IndexCost, type TableSize } from './bench-history-report.js';
import { sendComparison } from './bench-history-send.js';

/**
 * `npm run bench -- history` (issue #15): loads BENCH_HISTORY_ROWS messages (default 10,000,000) of one tenant over
 * five connections, about two status changes each and one inbound message per ten, into a fresh database on
 * BENCH_HISTORY_PG (default the machine's PostgreSQL, postgres://postgres@127.0.0.1:5432) with generate_series
 * (secondary indexes dropped during the load and rebuilt after, as a restore would), then measures p50/p99 of the
 * exact SQL the gateway builds (messageListQuery, inboundListQuery, the scheduler's claim) for every filter
 * combination the API allows, first page, deep page (cursor half-way through the history) and last page, and what
 * each list index adds to one message insert. Writes its table into docs/benchmarks.md between the history markers
 * and drops the database.
 */
const ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? 10_000_000);
const ITERATIONS = Number(process.env.BENCH_HISTORY_ITERATIONS ?? 100);
const SERVER = process.env.BENCH_HISTORY_PG ?? 'postgres://postgres@127.0.0.1:5432';
const CONNECTIONS = ['wa-main', 'wa-sales', 'wa-support', 'wa-otp', 'wa-marketing'];
const RECIPIENTS = Math.max(1_000, Math.floor(ROWS / 20));
const DAYS = 365;
/** Sends per database and round for the send CPU comparison. */
const SENDS = Number(process.env.BENCH_HISTORY_SENDS ?? 3_000);
const ALL_PARTS = ['lists', 'claim', 'send', 'inserts'] as const;
/**
 * `BENCH_HISTORY_PARTS=claim,send`: only those measurements (of lists, claim, send, inserts), printed instead of
 * written into docs/benchmarks.md (which a run of every part updates).
 */
const PARTS = new Set<string>(process.env.BENCH_HISTORY_PARTS?.split(',') ?? ALL_PARTS);

/** `BENCH_HISTORY_DATABASE=<name>`: measure a database an earlier `BENCH_HISTORY_KEEP=1` run loaded (no load). */
const REUSE = process.env.BENCH_HISTORY_DATABASE;
/** `BENCH_HISTORY_KEEP=1`: leave the loaded database in place (its name is printed) for EXPLAIN and reruns. */
const KEEP = process.env.BENCH_HISTORY_KEEP === '1' || REUSE !== undefined;

let tenantId: string = randomUUID();
let connectionIds: string[] = CONNECTIONS.map(() => randomUUID());
const recipient = (n: number) => `+9665${String(n).padStart(8, '0')}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed(client: pg.Client, label: string, sql: string): Promise<number> {
  const started = performance.now();
  await client.query(sql);
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${label}: ${seconds.toFixed(1)} s`);
  return seconds;
}

/**
 * A UUIDv7 from `t.at` (48-bit Unix ms, version 7, variant 10, random rest), as the partitioned layout's gateway
 * makes message ids (a lookup by id finds the month in the id); PostgreSQL 15 has no uuidv7().
 */
const UUID_V7_OF_AT = `(lpad(to_hex(floor(extract(epoch FROM t.at) * 1000)::bigint), 12, '0') || '7'
    || substr(md5(random()::text), 1, 3) || to_hex(8 + floor(random() * 4)::int)
    || substr(md5(random()::text), 1, 15))::uuid`;

/**
 * On the partitioned layout (messages, status_changes, inbound_messages range-partitioned by month, `<table>_pYYYYMM`
 * plus a default partition; the migration creates only the months around now), creates the monthly partitions the
 * history spans, so a year of rows lands in its months and not in the default partition. Answers whether the layout
 * is partitioned.
 */
async function monthlyPartitions(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relkind = 'p'
     AND relname IN ('messages', 'status_changes', 'inbound_messages')`,
  );
  const now = new Date();
  for (const { name } of rows)
    for (let back = Math.ceil(DAYS / 28) + 1; back >= 0; back--) {
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const partition = `${name}_p${from.getUTCFullYear()}${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${partition}" PARTITION OF "${name}"
         FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
      );
    }
  if (rows.length > 0)
    console.log(`  partitioned layout: monthly partitions of ${rows.map((r) => r.name).join(', ')}`);
  return rows.some((r) => r.name === 'messages');
}

/** Loads the history with the secondary indexes dropped, then rebuilds them; answers the seconds each step took. */
async function load(client: pg.Client): Promise<Record<string, number>> {
  // On the partitioned layout these are the parents' partitioned indexes (dropping one drops it on every partition,
  // creating it builds it on every partition); pg_indexes writes those `ON ONLY <parent>`, which would build none.
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, replace(indexdef, ' ON ONLY ', ' ON ') AS def FROM pg_indexes
     WHERE tablename IN ('messages', 'status_changes', 'inbound_messages') AND indexname LIKE 'IDX_%'`,
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
  const partitioned = await monthlyPartitions(client);
  await client.query(`SET session_replication_role = replica`); // no FK triggers during the bulk load
  await client.query(`INSERT INTO tenants (id, name) VALUES ('${tenantId}', 'bench-history')`);
  for (const [i, name] of CONNECTIONS.entries())
    await client.query(
      `INSERT INTO connections (id, tenant_id, name, provider, credentials_sealed, webhook_token)
       VALUES ($1, $2, $3, 'wessaal', 'sealed', $4)`,
      [connectionIds[i], tenantId, name, randomUUID()],
    );
  const ids = `ARRAY['${connectionIds.join("','")}']::uuid[]`;
  const names = `ARRAY['${CONNECTIONS.join("','")}']`;
  const seconds: Record<string, number> = {};
  // Ascending created_at over DAYS; recipients skewed (random()^2: some numbers get far more messages); statuses as
  // a year of traffic looks: mostly READ/DELIVERED, a few FAILED, the last day's QUEUED/SENT still watched.
  seconds.messages = await timed(
    client,
    `${ROWS.toLocaleString('en')} messages`,
    `INSERT INTO messages (${partitioned ? 'id, ' : ''}tenant_id, connection_id, connection_name, provider, type,
       to_number, request, status, provider_message_id, provider_status, attempts, created_at, updated_at)
     SELECT ${partitioned ? `${UUID_V7_OF_AT}, ` : ''}'${tenantId}', (${ids})[1 + g % 5], (${names})[1 + g % 5], 'wessaal', 'text',
       '+9665' || lpad(floor(random() ^ 2 * ${RECIPIENTS})::text, 8, '0'), '{"type":"text","text":"hi"}', s.status,
       'pm-' || g, lower(s.status), 1, t.at, t.at
     FROM generate_series(1, ${ROWS}) g
     CROSS JOIN LATERAL (SELECT now() - (${ROWS} - g)::float8 / ${ROWS} * interval '${DAYS} days' AS at) t
     CROSS JOIN LATERAL (SELECT CASE WHEN r < 0.01 THEN 'QUEUED' WHEN r < 0.06 THEN 'SENT'
       WHEN r < 0.45 THEN 'DELIVERED' WHEN r < 0.97 THEN 'READ' ELSE 'FAILED' END AS status
       FROM (SELECT random() + g * 0 AS r) x) s`,
  );
  seconds.schedule = await timed(
    client,
    "schedule (the last day's QUEUED and SENT, due within 5 minutes either side of now)",
    `INSERT INTO message_schedule (message_id, created_at, next_action_at)
     SELECT id, created_at, now() + (random() * 600 - 300) * interval '1 second' FROM messages
     WHERE status IN ('QUEUED', 'SENT') AND created_at > now() - interval '1 day'`,
  );
  seconds.statusChanges = await timed(
    client,
    'status changes',
    `INSERT INTO status_changes (tenant_id, message_id, status, provider_status, source, at)
     SELECT tenant_id, id, 'SENT', 'sent', 'send', created_at FROM messages WHERE status <> 'QUEUED'
     UNION ALL
     SELECT tenant_id, id, status, provider_status, 'poll', created_at + interval '1 minute' FROM messages
     WHERE status IN ('DELIVERED', 'READ', 'FAILED')`,
  );
  seconds.inbound = await timed(
    client,
    'inbound messages',
    `INSERT INTO inbound_messages (tenant_id, connection_id, connection_name, provider, provider_message_id,
       from_number, kind, text, received_at)
     SELECT '${tenantId}', (${ids})[1 + g % 5], (${names})[1 + g % 5], 'wessaal', 'in-' || g,
       '+9665' || lpad(floor(random() ^ 2 * ${RECIPIENTS})::text, 8, '0'), 'text', 'hello',
       now() - (${ROWS / 10} - g)::float8 / ${ROWS / 10} * interval '${DAYS} days'
     FROM generate_series(1, ${Math.floor(ROWS / 10)}) g`,
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  const started = performance.now();
  for (const index of indexes) await timed(client, `index ${index.name}`, index.def);
  seconds.indexes = (performance.now() - started) / 1000;
  seconds.analyze = await timed(client, 'VACUUM ANALYZE', 'VACUUM ANALYZE');
  return seconds;
}

/** A table and its partitions, if any (pg_partition_tree answers nothing for a plain table). */
const TREE = '(SELECT c.oid AS relid UNION SELECT relid FROM pg_partition_tree(c.oid))';

interface Shape {
  table: 'messages' | 'inbound';
  filter: string;
  page: 'first' | 'deep' | 'last';
  sql: () => { sql: string; params: unknown[] };
}

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** Every filter combination the API allows × first page, a page from a cursor half-way back, the last page. */
function shapes(dataSource: DataSource, midpoint: string): Shape[] {
  const messages = dataSource.getRepository(MessageEntity);
  const inbound = dataSource.getRepository(InboundMessageEntity);
  const windows: Record<Shape['page'], () => ConnectionWindow> = {
    first: () => ({ direction: 'forward', size: 20 }),
    deep: () => ({
      direction: 'forward',
      size: 20,
      after: encodeMessageCursor({ createdAt: midpoint, id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' }),
    }),
    last: () => ({ direction: 'backward', size: 20 }),
  };
  const inboundDeep = encodeInboundCursor({
    receivedAt: new Date(midpoint),
    id: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  });
  const messageFilters: Record<string, () => MessageFilterInput> = {
    connection: () => ({ connection: pick(CONNECTIONS) }),
    status: () => ({ status: pick(['READ', 'QUEUED', 'FAILED'] as const) as MessageFilterInput['status'] }),
    to: () => ({ to: recipient(Math.floor(Math.random() * RECIPIENTS)) }),
    createdAfter: () => ({ createdAfter: new Date(Date.now() - 30 * 86_400_000) }),
    createdBefore: () => ({ createdBefore: new Date(Date.now() - 7 * 86_400_000) }),
  };
  const list: Shape[] = [];
  for (const combination of subsets(Object.keys(messageFilters)))
    for (const page of ['first', 'deep', 'last'] as const)
      list.push({
        table: 'messages',
        filter: combination.join(' + ') || '(none)',
        page,
        sql: () => {
          const filter = Object.assign(
            {},
            ...combination.map((k) => messageFilters[k]!()),
          ) as MessageFilterInput;
          const [sql, params] = messageListQuery(
            messages,
            tenantId,
            filter,
            windows[page](),
          ).getQueryAndParameters();
          return { sql, params };
        },
      });
  const inboundFilters: Record<string, () => InboundListFilter> = {
    'connection (id)': () => ({ connection: { id: pick(connectionIds) } }),
    'connection (deleted, by name)': () => ({ connection: { name: pick(CONNECTIONS) } }),
    from: () => ({ from: recipient(Math.floor(Math.random() * RECIPIENTS)) }),
    since: () => ({ since: new Date(Date.now() - 30 * 86_400_000) }),
  };
  for (const combination of subsets(Object.keys(inboundFilters))) {
    if (combination.filter((k) => k.startsWith('connection')).length > 1) continue; // one or the other
    for (const page of ['first', 'deep', 'last'] as const)
      list.push({
        table: 'inbound',
        filter: combination.join(' + ') || '(none)',
        page,
        sql: () => {
          const filter = Object.assign(
            {},
            ...combination.map((k) => inboundFilters[k]!()),
          ) as InboundListFilter;
          const window = page === 'deep' ? { ...windows.first(), after: inboundDeep } : windows[page]();
          const [sql, params] = inboundListQuery(inbound, tenantId, filter, window).getQueryAndParameters();
          return { sql, params };
        },
      });
  }
  return list;
}

async function measure(
  client: pg.Client,
  next: () => { sql: string; params: unknown[] },
  around?: { before: string; after: string },
) {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS + 5; i++) {
    const { sql, params } = next();
    if (around) await client.query(around.before);
    const started = performance.now();
    await client.query(sql, params);
    if (i >= 5) samples.push(performance.now() - started); // the first few warm the plan cache and buffers
    if (around) await client.query(around.after);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/**
 * What each `messages` index adds to one insert: 5,000 single-row INSERTs in a DO loop (one round trip, so no
 * network in the number) with all indexes and with each one dropped, in rolled-back transactions; median of 3 rounds.
 */
async function insertCost(client: pg.Client): Promise<IndexCost[]> {
  // Sizes summed over the partitions of a partitioned index (the parent's own size is 0).
  const { rows: indexes } = await client.query<{ name: string; def: string; bytes: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def,
            (SELECT sum(pg_relation_size(relid)) FROM (SELECT x.indexrelid AS relid
               UNION SELECT relid FROM pg_partition_tree(x.indexrelid)) t) AS bytes
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = 'messages'::regclass ORDER BY i.relname`,
  );
  const loop = `DO $$ BEGIN FOR i IN 1..5000 LOOP
      INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status)
      VALUES ('${tenantId}', '${connectionIds[0]}', 'wa-main', 'wessaal', 'text',
        '+9665' || lpad(floor(random() ^ 2 * ${RECIPIENTS})::text, 8, '0'), '{"type":"text"}', 'QUEUED');
    END LOOP; END $$`;
  const perInsert = async (drop?: string): Promise<number> => {
    const rounds: number[] = [];
    for (let round = 0; round < 3; round++) {
      await client.query('BEGIN');
      if (drop) await client.query(`DROP INDEX "${drop}"`);
      const started = performance.now();
      await client.query(loop);
      rounds.push(((performance.now() - started) * 1000) / 5000);
      await client.query('ROLLBACK');
    }
    return rounds.sort((a, b) => a - b)[1]!;
  };
  await perInsert(); // warm
  const all = await perInsert();
  const result: IndexCost[] = [{ index: '(one insert with all indexes, total)', bytes: 0, addsUs: all }];
  for (const index of indexes)
    result.push({
      index: `${index.name.startsWith('PK_') ? 'primary key ' : ''}${index.def.replace(/^.* USING btree /, '')}`,
      bytes: Number(index.bytes),
      // the primary key cannot be dropped inside the loop's transaction: size only
      addsUs: index.name.startsWith('PK_') ? NaN : all - (await perInsert(index.name)),
    });
  return result;
}

/** The tenant and connections an earlier run loaded (BENCH_HISTORY_DATABASE). */
async function adoptLoaded(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ tenant: string; id: string; name: string }>(
    `SELECT t.id AS tenant, c.id, c.name FROM tenants t JOIN connections c ON c.tenant_id = t.id
     WHERE t.name = 'bench-history'`,
  );
  if (rows.length === 0) throw new Error('no bench-history tenant in that database');
  tenantId = rows[0]!.tenant;
  connectionIds = CONNECTIONS.map((name) => rows.find((r) => r.name === name)!.id);
}

export async function historyBench(): Promise<void> {
  const database = REUSE ?? `bench_history_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  if (!REUSE) await admin.query(`CREATE DATABASE ${database}`);
  const url = `${SERVER}/${database}`;
  const dataSource = await openDataSource(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let seconds: Record<string, number> = {};
    if (REUSE) await adoptLoaded(client);
    else {
      console.log(`history: loading ${ROWS.toLocaleString('en')} messages into ${database}`);
      seconds = await load(client);
    }
    // Sizes as loaded: the claims and the insert-cost loops below leave rolled-back rows behind.
    const { rows: sizes } = await client.query<TableSize>(
      `SELECT c.relname AS table,
         (SELECT sum(greatest(p.reltuples, 0)) FROM ${TREE} t JOIN pg_class p ON p.oid = t.relid
          WHERE p.relkind <> 'p') AS rows,
         (SELECT sum(pg_relation_size(relid)) FROM ${TREE} t) AS heap,
         (SELECT sum(pg_indexes_size(relid)) FROM ${TREE} t) AS indexes,
         (SELECT count(*) FROM pg_partition_tree(c.oid) WHERE level > 0) AS partitions
       FROM pg_class c WHERE c.relname IN ('messages', 'status_changes', 'inbound_messages') ORDER BY c.relname`,
    );
    const midpoint = (
      await client.query<{ at: string }>(
        `SELECT to_char((now() - interval '${DAYS / 2} days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
      )
    ).rows[0]!.at;
    const rows: string[] = [];
    if (PARTS.has('lists')) {
      const all = shapes(dataSource, midpoint);
      for (const shape of all) {
        const { sql, params } = shape.sql();
        await client.query(sql, params); // one pass over every shape first, to warm the caches
      }
      for (const shape of all) {
        const { p50, p99 } = await measure(client, shape.sql);
        rows.push(
          `| ${shape.table} | ${shape.filter} | ${shape.page} | ${p50.toFixed(2)} | ${p99.toFixed(2)} |`,
        );
        console.log(rows.at(-1));
      }
      const history = await measure(client, () => ({
        sql: `SELECT * FROM status_changes WHERE message_id IN (SELECT id FROM messages WHERE tenant_id = $1
            ORDER BY created_at DESC LIMIT 20)`,
        params: [tenantId],
      }));
      rows.push(
        `| status history | one page's 20 messages | - | ${history.p50.toFixed(2)} | ${history.p99.toFixed(2)} |`,
      );
    }
    const claims = PARTS.has('claim') ? await claimCosts(client, ITERATIONS) : [];
    const sends = PARTS.has('send')
      ? await sendComparison(admin, SERVER, database, { id: tenantId, name: 'bench-history' }, SENDS)
      : [];
    const costs = PARTS.has('inserts') ? await insertCost(client) : [];
    const result = { rowsLoaded: ROWS, iterations: ITERATIONS, seconds, rows, claims, sends, costs, sizes };
    if (PARTS.size === ALL_PARTS.length) writeSection(result);
    else console.log(sectionText(result));
  } finally {
    await client.end();
    await dataSource.destroy();
    if (KEEP)
      console.log(`history: kept the database ${database} (BENCH_HISTORY_DATABASE=${database} reuses it)`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  }
}
