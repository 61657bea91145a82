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
/** The claim's SELECT ... FOR UPDATE SKIP LOCKED part alone (message_schedule's next_action_at index). */
const SELECT_PART = `SELECT message_id, created_at FROM message_schedule WHERE next_action_at <= now()
                    ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED`;

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
 * The claim as the scheduler runs it: committed (autocommit, as the scheduler's preparedQuery sends it), each run
 * leasing the next due rows, which an untimed statement then makes due again (the reschedule a worker writes after
 * its send or poll), so the table churns as in production and dead row versions are committed ones that pruning and
 * autovacuum reclaim. The rolled-back runs below instead pile every run's aborted version onto the same rows, which
 * each later run's index lookups step over: a cost of the method, not of the claim.
 */
async function committedRuns(
  client: pg.Client,
  backend: number,
  n: number,
  iterations: number,
): Promise<Omit<ClaimRow, 'shape' | 'rows'>> {
  const samples: number[] = [];
  let cpu = 0;
  for (let i = 0; i < iterations + 6; i++) {
    const cpu0 = preciseCpuOf(backend);
    const started = performance.now();
    const claimed = await client.query<{ id: string }>({
      name: `bench_committed_${n}`,
      text: CLAIM_DUE_MESSAGES_SQL,
      values: [n, LEASE_MS],
    });
    const elapsed = performance.now() - started;
    const cpu1 = preciseCpuOf(backend);
    await client.query(
      `UPDATE message_schedule SET next_action_at = now() - interval '1 second' WHERE message_id = ANY ($1::uuid[])`,
      [claimed.rows.map((row) => row.id)],
    );
    if (i < 6) continue;
    samples.push(elapsed);
    cpu += cpu1 - cpu0;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), cpuMs: (cpu / iterations) * 1000 };
}

/**
 * The claim with a backlog: every DELIVERED message of the last 30 days made due again (about 3% of the history,
 * as after a long provider outage: schedule rows added), inside a transaction whose ANALYZE lets the planner see
 * it; each claim rolls back to a savepoint, so all runs find the same backlog; everything is rolled back at the end.
 */
async function backlogClaim(client: pg.Client, backend: number, iterations: number): Promise<ClaimRow> {
  await client.query('BEGIN');
  try {
    const made = await client.query(
      `INSERT INTO message_schedule (message_id, created_at, next_action_at)
       SELECT id, created_at, created_at FROM messages
       WHERE status = 'DELIVERED' AND created_at > now() - interval '30 days'
       ON CONFLICT (message_id) DO NOTHING`,
    );
    await client.query('ANALYZE message_schedule');
    const samples: number[] = [];
    let cpu = 0;
    for (let i = 0; i < iterations + 6; i++) {
      await client.query('SAVEPOINT claim');
      const cpu0 = preciseCpuOf(backend);
      const started = performance.now();
      await client.query({ name: 'bench_backlog', text: CLAIM_DUE_MESSAGES_SQL, values: [64, LEASE_MS] });
      const elapsed = performance.now() - started;
      const cpu1 = preciseCpuOf(backend);
      await client.query('ROLLBACK TO SAVEPOINT claim');
      if (i < 6) continue;
      samples.push(elapsed);
      cpu += cpu1 - cpu0;
    }
    samples.sort((a, b) => a - b);
    const row = {
      shape: `claim with a backlog of ${(made.rowCount ?? 0).toLocaleString('en')} more due messages`,
      rows: 64,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      cpuMs: (cpu / iterations) * 1000,
    };
    console.log(`  ${row.shape}: p50 ${row.p50.toFixed(2)} ms, CPU ${row.cpuMs.toFixed(2)} ms`);
    return row;
  } finally {
    await client.query('ROLLBACK');
    await client.query('ANALYZE message_schedule');
  }
}

/**
 * The scheduler's claim (issue #15: "claim <= 2 ms"): as the scheduler runs it at 1, 20 and 64 due rows (committed,
 * and rolled back as earlier runs measured it), its SELECT ... FOR UPDATE SKIP LOCKED part alone, and at 64 with a backlog. The lease rewrites the narrow
 * message_schedule row (two indexes); the claimed messages are read by primary key. CPU per claim is the serving
 * backend's (from /proc/<pid>/schedstat).
 */
export async function claimCosts(client: pg.Client, iterations: number): Promise<ClaimRow[]> {
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const { rows: due } = await client.query<{ n: string; scheduled: string }>(
    `SELECT count(*) FILTER (WHERE next_action_at <= now()) AS n, count(*) AS scheduled FROM message_schedule`,
  );
  console.log(
    `  claim: ${Number(due[0]!.n).toLocaleString('en')} due rows of ${Number(due[0]!.scheduled).toLocaleString('en')} scheduled`,
  );
  const rows: ClaimRow[] = [];
  const add = (shape: string, n: number, r: Omit<ClaimRow, 'shape' | 'rows'>) => {
    rows.push({ shape, rows: n, ...r });
    console.log(
      `  ${shape} (${n}): p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, CPU ${r.cpuMs.toFixed(2)} ms`,
    );
  };
  await client.query('VACUUM message_schedule');
  for (const n of [1, 20, 64])
    add(
      'claim, as the scheduler runs it (committed, rows rescheduled)',
      n,
      await committedRuns(client, backend, n, iterations),
    );
  await client.query('VACUUM message_schedule');
  for (const n of [1, 20, 64])
    add(
      'claim, rolled back (every run finds the same rows)',
      n,
      await claimRuns(client, backend, `claim ${n}`, CLAIM_DUE_MESSAGES_SQL, [n, LEASE_MS], iterations),
    );
  add(
    'its SELECT ... FOR UPDATE SKIP LOCKED alone',
    64,
    await claimRuns(client, backend, 'select 64', SELECT_PART, [64], iterations),
  );
  // Last: its rolled-back inserts leave dead entries in the schedule's indexes (until a VACUUM).
  rows.push(await backlogClaim(client, backend, iterations));
  return rows;
}
