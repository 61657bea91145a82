import type pg from 'pg';
import { CLAIM_DUE_MESSAGES_SQL } from '../apps/gateway/src/messages/message-scheduler.js';
import { preciseCpuOf } from './bench-history-send.js';

/** One claim shape: wall-clock p50/p99 and the serving backend's CPU per claim (immune to other sessions' load). */
export interface ClaimRow {
  shape: string;
  rows: number;
  p50: number;
  p99: number;
  cpuMs: number;
}

const LEASE_MS = 30_000;
/** The claim before issue #15's fix (`LIMIT $1`, ids only), measured next to today's in the same run. */
const CLAIM_BEFORE_SQL = `UPDATE messages SET next_action_at = now() + $2 * interval '1 millisecond'
       WHERE id IN (SELECT id FROM messages WHERE next_action_at <= now()
                    ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`;
const SELECT_PART = `SELECT id FROM messages WHERE next_action_at <= now()
                    ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED`;
/**
 * The design the numbers point to, measured on a scratch copy of the due rows: the schedule in a narrow table of
 * its own (message id, next_action_at), so the lease rewrites a 2-index row instead of a message row and all its
 * list indexes; the claimed messages are then read by primary key, as the claim answers them today.
 */
const NARROW_CLAIM = `WITH claimed AS (
         UPDATE bench_schedule SET next_action_at = now() + $2 * interval '1 millisecond'
         WHERE message_id IN (SELECT message_id FROM bench_schedule WHERE next_action_at <= now()
                              ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING message_id)
       SELECT m.* FROM messages m JOIN claimed c ON m.id = c.message_id`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * Runs `text` (a named prepared statement, as the scheduler's preparedQuery does: PostgreSQL switches it to a
 * generic plan after five runs) `iterations` times, each in its own rolled-back transaction so every run finds the
 * same due rows; `setup` runs untimed inside each transaction first (dropping an index, for example).
 */
async function claimRuns(
  client: pg.Client,
  backend: number,
  label: string,
  text: string,
  values: unknown[],
  iterations: number,
  setup: string[] = [],
): Promise<Omit<ClaimRow, 'shape' | 'rows'>> {
  // Unnamed (planned every run) when the setup changes the indexes: a named statement would be replanned anyway.
  const name = setup.length > 0 ? undefined : `bench_${label.replace(/\W+/g, '_').slice(0, 50)}`;
  const samples: number[] = [];
  let cpu = 0;
  for (let i = 0; i < iterations + 6; i++) {
    await client.query('BEGIN');
    for (const statement of setup) await client.query(statement);
    const cpu0 = preciseCpuOf(backend);
    const started = performance.now();
    await client.query({ name, text, values });
    const elapsed = performance.now() - started;
    const cpu1 = preciseCpuOf(backend);
    await client.query('ROLLBACK');
    if (i < 6) continue; // past the switch to the generic plan, caches warm
    samples.push(elapsed);
    cpu += cpu1 - cpu0;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), cpuMs: (cpu / iterations) * 1000 };
}

/**
 * Both claims with a backlog: every DELIVERED message of the last 30 days made due again (about 3% of the history,
 * as after a long provider outage), inside a transaction whose ANALYZE lets the planner see it; each claim rolls
 * back to a savepoint, so all runs find the same backlog; everything is rolled back at the end.
 */
async function backlogClaims(client: pg.Client, backend: number, iterations: number): Promise<ClaimRow[]> {
  await client.query('BEGIN');
  try {
    const made = await client.query(
      `UPDATE messages SET next_action_at = created_at WHERE status = 'DELIVERED' AND created_at > now() - interval '30 days'`,
    );
    await client.query('ANALYZE messages');
    const rows: ClaimRow[] = [];
    for (const [version, text] of [
      ['before', CLAIM_BEFORE_SQL],
      ['now', CLAIM_DUE_MESSAGES_SQL],
    ] as const) {
      const name = `bench_backlog_${version}`;
      const samples: number[] = [];
      let cpu = 0;
      for (let i = 0; i < iterations + 6; i++) {
        await client.query('SAVEPOINT claim');
        const cpu0 = preciseCpuOf(backend);
        const started = performance.now();
        await client.query({ name, text, values: [64, LEASE_MS] });
        const elapsed = performance.now() - started;
        const cpu1 = preciseCpuOf(backend);
        await client.query('ROLLBACK TO SAVEPOINT claim');
        if (i < 6) continue;
        samples.push(elapsed);
        cpu += cpu1 - cpu0;
      }
      samples.sort((a, b) => a - b);
      const row = {
        shape: `claim (${version}) with a backlog of ${(made.rowCount ?? 0).toLocaleString('en')} due messages`,
        rows: 64,
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
        cpuMs: (cpu / iterations) * 1000,
      };
      rows.push(row);
      console.log(`  ${row.shape}: p50 ${row.p50.toFixed(2)} ms, CPU ${row.cpuMs.toFixed(2)} ms`);
    }
    return rows;
  } finally {
    await client.query('ROLLBACK');
    await client.query('ANALYZE messages');
  }
}

/**
 * The scheduler's claim taken apart (issue #15: "claim <= 2 ms"): the claim as the scheduler runs it at 1, 20 and
 * 64 due rows; its SELECT ... FOR UPDATE SKIP LOCKED part alone; the claim of 64 with each secondary index of
 * `messages` dropped inside the transaction (what each index adds to it: changing next_action_at is never a HOT
 * update, so every claimed row gets a new entry in every index); and the same claim against a narrow schedule table.
 * CPU per claim is the serving backend's (from /proc/<pid>/schedstat).
 */
export async function claimCosts(client: pg.Client, iterations: number): Promise<ClaimRow[]> {
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const { rows: due } = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM messages WHERE next_action_at <= now()',
  );
  console.log(`  claim: ${Number(due[0]!.n).toLocaleString('en')} due rows`);
  const rows: ClaimRow[] = [];
  const add = (shape: string, n: number, r: Omit<ClaimRow, 'shape' | 'rows'>) => {
    rows.push({ shape, rows: n, ...r });
    console.log(
      `  ${shape} (${n}): p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, CPU ${r.cpuMs.toFixed(2)} ms`,
    );
  };
  for (const [version, text] of [
    ['before', CLAIM_BEFORE_SQL],
    ['now', CLAIM_DUE_MESSAGES_SQL],
  ] as const)
    for (const n of [1, 20, 64])
      add(
        `claim (${version}), as the scheduler runs it`,
        n,
        await claimRuns(client, backend, `claim ${version} ${n}`, text, [n, LEASE_MS], iterations),
      );
  add(
    'its SELECT ... FOR UPDATE SKIP LOCKED alone',
    64,
    await claimRuns(client, backend, 'select 64', SELECT_PART, [64], iterations),
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = 'messages'::regclass AND NOT x.indisprimary ORDER BY i.relname`,
  );
  const secondary = indexes.filter((i) => !i.def.includes('next_action_at'));
  // The baseline of the rows below: planned on every run as they are (a no-op setup keeps it unnamed).
  add(
    'claim, all indexes, planned every run',
    64,
    await claimRuns(client, backend, 'claim unnamed', CLAIM_DUE_MESSAGES_SQL, [64, LEASE_MS], iterations, [
      'SELECT 1',
    ]),
  );
  add(
    'claim, only the primary key and next_action_at indexes',
    64,
    await claimRuns(
      client,
      backend,
      'claim bare',
      CLAIM_DUE_MESSAGES_SQL,
      [64, LEASE_MS],
      iterations,
      secondary.map((i) => `DROP INDEX "${i.name}"`),
    ),
  );
  for (const index of secondary)
    add(
      `claim without ${index.def.replace(/^.* USING btree /, '')}`,
      64,
      await claimRuns(
        client,
        backend,
        `claim w/o ${index.name}`,
        CLAIM_DUE_MESSAGES_SQL,
        [64, LEASE_MS],
        Math.ceil(iterations / 2),
        [`DROP INDEX "${index.name}"`],
      ),
    );
  await client.query('DROP TABLE IF EXISTS bench_schedule');
  await client.query(
    `CREATE TABLE bench_schedule AS SELECT id AS message_id, next_action_at FROM messages WHERE next_action_at IS NOT NULL`,
  );
  await client.query('ALTER TABLE bench_schedule ADD PRIMARY KEY (message_id)');
  await client.query('CREATE INDEX ON bench_schedule (next_action_at)');
  await client.query('VACUUM ANALYZE bench_schedule');
  add(
    'narrow schedule table (id, next_action_at), then the messages by id',
    64,
    await claimRuns(client, backend, 'narrow 64', NARROW_CLAIM, [64, LEASE_MS], iterations),
  );
  add(
    'narrow schedule table (id, next_action_at), then the messages by id',
    20,
    await claimRuns(client, backend, 'narrow 20', NARROW_CLAIM, [20, LEASE_MS], iterations),
  );
  await client.query('DROP TABLE bench_schedule');
  // Last: its rolled-back UPDATE leaves hundreds of thousands of dead entries in the due range of the next_action_at
  // index (until a VACUUM), which every later claim would step over.
  rows.push(...(await backlogClaims(client, backend, iterations)));
  return rows;
}
