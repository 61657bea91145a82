import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ConnectionWindow } from '../../../apps/gateway/src/common/graphql/connection.args.js';
import { openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import { InboundMessageEntity, MessageEntity } from '../../../apps/gateway/src/database/entities/index.js';
import { encodeInboundCursor } from '../../../apps/gateway/src/inbound/inbound-cursor.js';
import {
  inboundListQuery,
  type InboundListFilter,
} from '../../../apps/gateway/src/inbound/inbound-messages.service.js';
import { MessageStatus } from '@app/providers';
import type { MessageFilterInput } from '../../../apps/gateway/src/messages/dto/messages.args.js';
import { encodeMessageCursor } from '../../../apps/gateway/src/messages/message-cursor.js';
import { messageListQuery } from '../../../apps/gateway/src/messages/message-list.service.js';
import { BATCH_SIZE, CLAIM_DUE_MESSAGES_SQL } from '../../../apps/gateway/src/messages/message-scheduler.js';
import { messageKeyWhere, newMessageId } from '../../../apps/gateway/src/messages/message-key.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * Issue #15: every list query shape the API can build is served by an index that matches it. The SQL comes from the
 * same builders the services run (messageListQuery, inboundListQuery, the scheduler's claim), so the test follows
 * the code. Seeding a table big enough for the planner to prefer indexes on its own takes minutes; instead the
 * planner is told that sequential scans, bitmap scans and sorts cost a fortune (enable_seqscan/bitmapscan/sort =
 * off), so the plan depends only on which indexes exist: a Seq Scan or a Sort in it means no index serves that
 * filter and that order. The real plans at 2M/10M rows are measured by `npm run bench -- history`.
 * messages, status_changes and inbound_messages are partitioned by month: a plan scans each partition its
 * conditions leave (Append or Merge Append over them), and every one of those scans must be an index scan. The
 * seeded year (up to the current month) has no month partitions (the migration made only the current month and the
 * months ahead), so it lies
 * in the default partition: one table of realistic statistics, as a month of a busy gateway is, and the one whose
 * plan decides. Thirteen months of a few hundred rows each would be weighed as tiny tables, where any index will do.
 */
interface PlanNode {
  'Node Type': string;
  'Total Cost'?: number;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const tenantId = randomUUID();
const connectionIds = [1, 2, 3, 4, 5].map(() => randomUUID());
const AT = '2026-06-01T12:00:00.000000Z';
const ID = '00000000-0000-4000-8000-000000000000';

describe('list query plans (issue #15)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  /** The partitions that hold seeded rows. */
  let populated: Set<string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDataSource(db.url);
    await dataSource.query(`INSERT INTO tenants (id, name) VALUES ($1, 'plans')`, [tenantId]);
    // Five connections, 500 recipients, a year of history, FAILED rare: the statistics of a real tenant, so the
    // planner weighs the indexes as it would in production.
    for (const [i, id] of connectionIds.entries())
      await dataSource.query(
        `INSERT INTO connections (id, tenant_id, name, provider, credentials_sealed, webhook_token)
         VALUES ($1, $2, $3, 'wessaal', 'sealed', $4)`,
        [id, tenantId, `c${i}`, randomUUID()],
      );
    await dataSource.query(
      `INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status,
         created_at)
       SELECT $1, ($2::uuid[])[1 + g % 5], 'c' || (g % 5), 'wessaal', 'text', '+9665' || (g % 500), '{}',
         CASE WHEN g % 37 = 0 THEN 'FAILED' WHEN g % 50 = 0 THEN 'SENT' WHEN g % 2 = 0 THEN 'READ' ELSE 'DELIVERED' END,
         date_trunc('month', now()) - g * interval '105 minutes'
       FROM generate_series(1, 5000) g`,
      [tenantId, connectionIds],
    );
    // The SENT ones are still polled: their schedule rows.
    await dataSource.query(
      `INSERT INTO message_schedule (message_id, created_at, next_action_at)
       SELECT id, created_at, now() FROM messages WHERE status = 'SENT'`,
    );
    await dataSource.query(
      `INSERT INTO inbound_messages (tenant_id, connection_id, connection_name, provider, provider_message_id,
         from_number, kind, received_at)
       SELECT $1, ($2::uuid[])[1 + g % 5], 'c' || (g % 5), 'wessaal', 'in-' || g, '+9665' || (g % 500), 'text',
         date_trunc('month', now()) - g * interval '263 minutes'
       FROM generate_series(1, 2000) g`,
      [tenantId, connectionIds],
    );
    await dataSource.query('ANALYZE');
    populated = new Set(
      (
        await dataSource.query(
          `SELECT relname FROM pg_class WHERE relkind = 'r' AND relispartition AND reltuples > 0`,
        )
      ).map((r: { relname: string }) => r.relname),
    );
  }, 120_000);
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  /** The plan's nodes, with sequential scans, bitmap scans and sorts priced out (see above). */
  async function explain(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      await runner.query('SET LOCAL enable_bitmapscan = off');
      await runner.query('SET LOCAL enable_sort = off');
      const [row] = (await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{
        'QUERY PLAN': Array<{ Plan: PlanNode }>;
      }>;
      await runner.rollbackTransaction();
      return nodes(row!['QUERY PLAN'][0]!.Plan);
    } finally {
      await runner.release();
    }
  }

  /** The table itself, or one of its month partitions or its default partition. */
  function isPartOf(relation: string | undefined, table: string): boolean {
    return relation === table || new RegExp(`^${table}_(p\\d{6}|default)$`).test(relation ?? '');
  }

  /** The scans of `table` (one per partition left after pruning), each an index scan; no seq scan, no sort. */
  function scansOf(plan: PlanNode[], table: string): PlanNode[] {
    expect(plan.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(plan.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
    const scans = plan.filter((n) => isPartOf(n['Relation Name'], table));
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) expect(scan['Node Type']).toMatch(/^Index (Only )?Scan$/);
    return scans;
  }

  /**
   * The scans of the partitions that hold rows: those the planner weighs with real statistics (an empty partition,
   * a month ahead, may take any index: there is nothing to read), so each must use the index that fits the filter.
   */
  function scanOf(plan: PlanNode[], table: string): PlanNode[] {
    const scans = scansOf(plan, table);
    const weighed = scans.filter((s) => populated.has(s['Relation Name'] ?? ''));
    return weighed.length > 0 ? weighed : scans;
  }

  function subsets<T>(items: T[]): T[][] {
    return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
  }

  const windows: Record<string, (cursor: string) => ConnectionWindow> = {
    'first page': () => ({ direction: 'forward', size: 20 }),
    'after a cursor': (cursor) => ({ direction: 'forward', size: 20, after: cursor }),
    'last page': () => ({ direction: 'backward', size: 20 }),
    'before a cursor': (cursor) => ({ direction: 'backward', size: 20, before: cursor }),
  };

  const messageFilters: Record<string, MessageFilterInput> = {
    connection: { connection: 'c1' },
    status: { status: MessageStatus.FAILED },
    to: { to: '+96650042' },
    createdAfter: { createdAfter: new Date('2026-01-01T00:00:00Z') },
    createdBefore: { createdBefore: new Date('2026-12-01T00:00:00Z') },
  };
  const messageShapes = subsets(Object.keys(messageFilters)).flatMap((keys) =>
    Object.keys(windows).map((page) => [keys.join(' + ') || 'no filter', page, keys] as const),
  );

  it.each(messageShapes)(
    'messages, %s, %s: an index scan that matches the filter and the order',
    async (_, page, keys) => {
      const filter = Object.assign({}, ...keys.map((k) => messageFilters[k])) as MessageFilterInput;
      const cursor = encodeMessageCursor({ createdAt: AT, id: ID });
      const [sql, params] = messageListQuery(
        dataSource.getRepository(MessageEntity),
        tenantId,
        filter,
        windows[page]!(cursor),
      ).getQueryAndParameters();
      for (const scan of scanOf(await explain(sql, params), 'messages')) {
        const cond = scan['Index Cond'] ?? '';
        expect(cond).toContain('tenant_id');
        // The most selective equality filter leads the index; connection + status share one.
        if (filter.to) expect(cond).toContain('to_number');
        else if (filter.connection && filter.status) expect(cond).toMatch(/connection_name[\s\S]*status/);
        else if (filter.connection) expect(cond).toContain('connection_name');
        else if (filter.status) expect(cond).toContain('status');
        // A cursor or a date range starts the walk where the page starts, not at the newest row.
        if (page.includes('cursor') || filter.createdAfter || filter.createdBefore)
          expect(cond).toContain('created_at');
      }
    },
  );

  const inboundFilters: Record<string, InboundListFilter> = {
    'connection (id)': { connection: { id: connectionIds[1]! } },
    'connection (deleted, by name)': { connection: { name: 'c1' } },
    from: { from: '+96650042' },
    since: { since: new Date('2026-01-01T00:00:00Z') },
  };
  const inboundShapes = subsets(Object.keys(inboundFilters))
    .filter((keys) => keys.filter((k) => k.startsWith('connection')).length <= 1)
    .flatMap((keys) =>
      Object.keys(windows).map((page) => [keys.join(' + ') || 'no filter', page, keys] as const),
    );

  it.each(inboundShapes)('inbound messages, %s, %s: an index scan that matches', async (_, page, keys) => {
    const filter = Object.assign({}, ...keys.map((k) => inboundFilters[k])) as InboundListFilter;
    const cursor = encodeInboundCursor({ receivedAt: new Date(AT), id: ID });
    const [sql, params] = inboundListQuery(
      dataSource.getRepository(InboundMessageEntity),
      tenantId,
      filter,
      windows[page]!(cursor),
    ).getQueryAndParameters();
    for (const scan of scanOf(await explain(sql, params), 'inbound_messages')) {
      const cond = scan['Index Cond'] ?? '';
      expect(cond).toContain('tenant_id');
      if (filter.from) expect(cond).toContain('from_number');
      else if (filter.connection && 'id' in filter.connection) expect(cond).toContain('connection_id');
      else if (filter.connection) expect(cond).toContain('connection_name');
      if (page.includes('cursor') || filter.since) expect(cond).toContain('received_at');
    }
  });

  it('inbound cursors as row comparisons page both ways through rows that share a received_at', async () => {
    const repo = dataSource.getRepository(InboundMessageEntity);
    const from = '+15550000000';
    await dataSource.query(
      `INSERT INTO inbound_messages (tenant_id, connection_id, connection_name, provider, provider_message_id,
         from_number, kind, received_at)
       SELECT $1, $2, 'c0', 'wessaal', 'tie-' || g, $3, 'text', timestamptz '2026-03-01T00:00:00Z' + (g / 3) * interval '1 second'
       FROM generate_series(1, 7) g`,
      [tenantId, connectionIds[0], from],
    );
    const expected = (
      (await dataSource.query(
        `SELECT id FROM inbound_messages WHERE from_number = $1 ORDER BY received_at DESC, id DESC`,
        [from],
      )) as Array<{ id: string }>
    ).map((r) => r.id);
    const page = async (window: ConnectionWindow) =>
      (await inboundListQuery(repo, tenantId, { from }, window).getMany()).slice(0, window.size);
    const forward: string[] = [];
    for (let after: string | undefined; forward.length < expected.length;) {
      const rows = await page({ direction: 'forward', size: 2, ...(after && { after }) });
      forward.push(...rows.map((r) => r.id));
      after = encodeInboundCursor(rows.at(-1)!);
    }
    expect(forward).toEqual(expected);
    const backward: string[] = [];
    for (let before: string | undefined; backward.length < expected.length;) {
      const rows = await page({ direction: 'backward', size: 2, ...(before && { before }) });
      backward.unshift(...rows.map((r) => r.id).reverse());
      before = encodeInboundCursor(rows.at(-1)!);
    }
    expect(backward).toEqual(expected);
  });

  it("the scheduler's claim reads only due rows of message_schedule by its next_action_at index, then each message by primary key", async () => {
    const plan = await explain(CLAIM_DUE_MESSAGES_SQL, [BATCH_SIZE, 30_000]);
    const [index] = (
      await dataSource.query(
        `SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = 'message_schedule'::regclass AND pg_get_indexdef(x.indexrelid) LIKE '%(next_action_at)%'`,
      )
    ).map((r: { name: string }) => r.name);
    const due = plan.filter((n) => n['Index Cond']?.includes('next_action_at'));
    expect(due).toHaveLength(1);
    expect(due[0]!['Index Name']).toBe(index);
    expect(plan.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    // The messages: each by its whole primary key (pruned to its partition as it runs), none read whole.
    const messages = plan.filter((n) => isPartOf(n['Relation Name'], 'messages'));
    expect(messages.length).toBeGreaterThan(0);
    for (const scan of messages) {
      expect(scan['Node Type']).toMatch(/^Index (Only )?Scan$/);
      expect(scan['Index Cond']).toContain('(id = d.id)');
      expect(scan['Index Cond']).toContain('(created_at = d.created_at)');
    }
    // Priced below JIT compilation (which costs seconds per claim), whatever the schedule holds.
    const [{ cost, jit }] = (await dataSource.query(
      `SELECT current_setting('jit_above_cost')::float8 AS jit, $1::float8 AS cost`,
      [plan[0]!['Total Cost']],
    )) as Array<{ cost: number; jit: number }>;
    expect(cost).toBeLessThan(jit);
  });

  it("the scheduler's claim commits without waiting for the WAL flush, and only its own transaction does", async () => {
    const runner = dataSource.createQueryRunner();
    const setting = async () =>
      ((await runner.query('SHOW synchronous_commit')) as Array<{ synchronous_commit: string }>)[0]!
        .synchronous_commit;
    try {
      await runner.connect();
      expect(await setting()).toBe('on');
      // Inside a transaction (never so in the scheduler) the setting is seen before the commit; a claim of 0 rows
      // sets it too (the hidden limit runs first) and leaves the seeded schedule as it is.
      await runner.startTransaction();
      await runner.query(CLAIM_DUE_MESSAGES_SQL, [0, 30_000]);
      expect(await setting()).toBe('off');
      await runner.rollbackTransaction();
      expect(await setting()).toBe('on');
      // As the scheduler sends it (autocommit): the pooled connection's next writes wait for the flush again.
      await runner.query(CLAIM_DUE_MESSAGES_SQL, [0, 30_000]);
      expect(await setting()).toBe('on');
    } finally {
      await runner.release();
    }
  });

  it('a page of messages reads its next_action_at from message_schedule by primary key', async () => {
    const [sql, params] = messageListQuery(
      dataSource.getRepository(MessageEntity),
      tenantId,
      {},
      { direction: 'forward', size: 20 },
    ).getQueryAndParameters();
    const plan = await explain(sql, params);
    const schedule = plan.filter((n) => n['Relation Name'] === 'message_schedule');
    expect(schedule).toHaveLength(1);
    expect(schedule[0]!['Node Type']).toMatch(/^Index (Only )?Scan$/);
    expect(schedule[0]!['Index Cond']).toContain('message_id');
  });

  it('a message by a time-ordered id reads one partition, by its primary key', async () => {
    const id = newMessageId();
    const [sql, params] = dataSource
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where({ ...messageKeyWhere(id), tenantId })
      .getQueryAndParameters();
    const scans = scansOf(await explain(sql, params), 'messages');
    expect(scans).toHaveLength(1);
    expect(scans[0]!['Relation Name']).toMatch(/^messages_p\d{6}$/);
    expect(scans[0]!['Index Cond']).toMatch(/id = [\s\S]*created_at = /);
  });

  it('status history of a page and a verification by id read by index', async () => {
    // What MessageStatusService.describeMany and VerificationsService.find run (TypeORM find by message_id IN / id).
    scanOf(
      await explain(`SELECT * FROM status_changes WHERE message_id IN ($1, $2)`, [ID, randomUUID()]),
      'status_changes',
    );
    scanOf(
      await explain(`SELECT * FROM verifications WHERE tenant_id = $1 AND id = $2`, [tenantId, ID]),
      'verifications',
    );
  });

  it("the webhook worker's due deliveries come from its partial index", async () => {
    // The claim's inner SELECT as WebhookDeliveryWorker.claim runs it.
    const plan = await explain(
      `SELECT id, last_attempt_at FROM webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [20],
    );
    scanOf(plan, 'webhook_deliveries');
  });
});
