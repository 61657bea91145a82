import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../apps/gateway/src/common/crypto/secret-box.js';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import { openDataSource } from '../apps/gateway/src/database/data-source.js';
import {
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../apps/gateway/src/database/embedded-postgres.js';
import { startGateway, type StartedGateway } from '../apps/gateway/src/gateway-server.js';
import { DEMO_API_KEY, DEMO_TENANT_ID, seedTenant } from '../apps/gateway/src/seed/demo-seed.js';
import { startSimulator, type StartedSimulator } from '../apps/simulator/src/app.js';
import { BENCH_ENCRYPTION_KEY } from './bench-settings.js';
import { syncWholeLife, type SyncLife } from './bench-sync-life.js';
import { runAutocannon } from './bench-in-process.js';

/**
 * `npm run bench -- dispatch`: accept now, deliver later (issue #13). Gateway, simulator and PostgreSQL on core 0,
 * autocannon on core 1 (as the other benches).
 *  1. Async accept rate: `POST /v1/messages` with `Prefer: respond-async` at 50 connections, with dispatch off (what
 *     the API and PostgreSQL take in) and on (the scheduler sending to the simulator meanwhile); CPU per accept from
 *     /proc: this process (gateway + simulator) and every PostgreSQL process of the cluster.
 *  2. A 10,000-message batch (10 requests of 1,000, 2 at a time): time to accept, with dispatch off and on, and with
 *     dispatch on the time until every message reached the simulator (provider id recorded).
 *  3. A synchronous send's whole life (scripts/bench-sync-life.ts), BENCH_SYNC_ROUNDS rounds (default 3) after a
 *     warm-up of 1,000 sends, and their median.
 * `BENCH_PIN=0` runs everything unpinned on both cores; `BENCH_DISPATCH_PHASES=sync` runs only the third part (to
 * compare a change to the send path quickly; the full run is what docs/benchmarks.md quotes).
 */
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
/** `BENCH_PIN=0`: no pinning (servers and load share both cores, as the goal is stated). */
const HAS_TASKSET = existsSync('/usr/bin/taskset') && process.env.BENCH_PIN !== '0';
const HEADERS = { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' };
const TICKS_PER_S = 100; // USER_HZ on Linux
const SYNC_ONLY = process.env.BENCH_DISPATCH_PHASES === 'sync';
const SYNC_ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 3);

/** The fields of /proc/<pid>/stat after the command name (index 0 is field 3, `state`); null once it is gone. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) of one process from /proc/<pid>/stat (fields 14 and 15). */
export function cpuOf(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S : 0;
}

/** CPU seconds of the children a process has reaped (cutime + cstime, fields 16 and 17). */
function reapedChildrenCpu(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[13]) + Number(fields[14])) / TICKS_PER_S : 0;
}

/**
 * PostgreSQL's whole CPU: the postmaster, its live children (backends, WAL writer, checkpointer, autovacuum...) and
 * every child it has already reaped. Summing the live processes alone loses whatever a process that exits during a
 * measurement had used (autovacuum workers come and go every few seconds, a pool closes idle connections): a bench
 * then undercounts, and printed a negative figure. Keeping every backend alive cannot be done from here (autovacuum
 * workers are the server's own), so the count includes the dead: the postmaster reaps each child it forked, and the
 * kernel adds a reaped child's CPU to the postmaster's cutime/cstime. A child that exits between the two reads below
 * would be counted twice (or not at all), so the scan is repeated until the reaped total did not move during it.
 * A child that exited but is not reaped yet is a zombie whose /proc/<pid>/stat still shows its CPU.
 */
export function postgresCpu(postmaster: number): number {
  for (let tries = 0; ; tries++) {
    const reaped = reapedChildrenCpu(postmaster);
    let live = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const fields = statFields(entry);
      if (fields && Number(fields[1]) === postmaster)
        live += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    }
    if (reapedChildrenCpu(postmaster) === reaped || tries === 5) return cpuOf(postmaster) + reaped + live;
  }
}

export function nodeCpu(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** `seconds` of load at 50 connections, asynchronous sends unless `run` says otherwise. */
export function autocannon(
  url: string,
  body: string,
  seconds: number,
  run: { connections?: number; amount?: number; async?: boolean } = {},
): Promise<{
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}> {
  const length = run.amount === undefined ? ['-d', String(seconds)] : ['-a', String(run.amount)];
  const args = ['-c', String(run.connections ?? 50), ...length, '-m', 'POST', '-b', body];
  const headers = run.async === false ? HEADERS : { ...HEADERS, prefer: 'respond-async' };
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  return runAutocannon([...args, url]);
}

interface AcceptRun {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  nodeUs: number;
  postgresUs: number;
}

async function acceptRate(label: string, gateway: StartedGateway, postmaster: number): Promise<AcceptRun> {
  const url = `${gateway.url}/v1/messages`;
  const body = JSON.stringify({ connection: 'wessaal-demo', to: '+966501234567', text: 'bench async' });
  await autocannon(url, body, 2);
  const [node0, pg0] = [nodeCpu(), postgresCpu(postmaster)];
  const run = await autocannon(url, body, DURATION_S);
  const [node1, pg1] = [nodeCpu(), postgresCpu(postmaster)];
  const accepted = Math.max(1, run.requests.total - run.non2xx);
  return {
    label,
    rps: run.requests.average,
    p50: run.latency.p50,
    p99: run.latency.p99,
    failed: run.non2xx + run.errors,
    nodeUs: ((node1 - node0) / accepted) * 1e6,
    postgresUs: ((pg1 - pg0) / accepted) * 1e6,
  };
}

/**
 * 10 requests of 1,000 texts, 2 in flight; answers the ms until all were accepted, the batch's message ids, and the
 * CPU per accepted message (this process and PostgreSQL) while accepting.
 */
async function batchOf10k(
  gateway: StartedGateway,
  round: number,
  postmaster: number,
): Promise<{ ms: number; ids: string[]; failed: number; nodeUs: number; postgresUs: number }> {
  const requests = Array.from({ length: 10 }, (_, r) =>
    JSON.stringify({
      messages: Array.from({ length: 1_000 }, (_, i) => ({
        connection: 'wessaal-demo',
        to: `+9665${String(round * 10_000_000 + r * 1_000 + i).padStart(8, '0')}`,
        text: `bench batch ${round}`,
      })),
    }),
  );
  const ids: string[] = [];
  let failed = 0;
  const [node0, pg0] = [nodeCpu(), postgresCpu(postmaster)];
  const started = performance.now();
  for (let r = 0; r < requests.length; r += 2) {
    const answers = await Promise.all(
      requests
        .slice(r, r + 2)
        .map((body) => fetch(`${gateway.url}/v1/messages/batch`, { method: 'POST', headers: HEADERS, body })),
    );
    for (const answer of answers) {
      const json = (await answer.json()) as { accepted?: number; items?: Array<{ id: string | null }> };
      if (answer.status !== 202 || json.accepted !== 1_000) failed++;
      for (const item of json.items ?? []) if (item.id) ids.push(item.id);
    }
  }
  const ms = performance.now() - started;
  const [node1, pg1] = [nodeCpu(), postgresCpu(postmaster)];
  const per = (seconds: number) => (seconds / Math.max(1, ids.length)) * 1e6;
  return { ms, ids, failed, nodeUs: per(node1 - node0), postgresUs: per(pg1 - pg0) };
}

async function drained(db: DataSource, ids: string[], deadlineMs = 600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [{ n }]: Array<{ n: string }> = await db.query(
      'SELECT count(*) AS n FROM messages WHERE id = ANY($1::uuid[]) AND provider_message_id IS NULL AND status = $2',
      [ids, 'QUEUED'],
    );
    if (Number(n) === 0) return performance.now() - started;
    if (performance.now() - started > deadlineMs)
      throw new Error(`${n} messages still queued after ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface BenchBacking {
  sim: StartedSimulator;
  embedded: EmbeddedDatabase;
  /** The cluster's postmaster, for postgresCpu. */
  postmaster: number;
  /** Stops both and deletes the cluster's files. */
  close(): Promise<void>;
}

/**
 * This process pinned to core 0 with the in-process simulator (its Wessaal demo pocket and rate limit out of the way)
 * and an embedded PostgreSQL of its own: its processes inherit the pinning and are the ones postgresCpu counts.
 */
export async function startBenchBacking(name: string): Promise<BenchBacking> {
  if (HAS_TASKSET) execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const sim = await startSimulator({ port: 0 });
  const account = sim.core.accounts.get('wessaal-demo');
  if (!account) throw new Error('wessaal-demo account missing from the seed');
  account.credits = 1_000_000_000;
  account.rateLimitPerMinute = 1_000_000_000;
  const root = mkdtempSync(join(tmpdir(), `wa-bench-${name}-`));
  chmodSync(root, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: join(root, 'pg') });
  const postmaster = Number(readFileSync(join(embedded.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    sim,
    embedded,
    postmaster,
    async close() {
      await sim.close();
      await embedded.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function dispatchBench(): Promise<void> {
  const { sim, embedded, postmaster, close } = await startBenchBacking('dispatch');
  const configOf = (dispatch: boolean) =>
    loadGatewayConfig({
      GATEWAY_PORT: '0',
      NODE_ENV: 'production',
      GATEWAY_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
      GATEWAY_DISPATCH_ENABLED: String(dispatch),
    });
  const db = await openDataSource(embedded.url);
  await seedTenant(db, new SecretBox(BENCH_ENCRYPTION_KEY), {
    tenantId: DEMO_TENANT_ID,
    name: 'Bench',
    apiKey: DEMO_API_KEY,
    simulatorUrl: sim.url,
  });
  const quiet = { logDestination: { write: () => undefined } };
  const runs: AcceptRun[] = [];
  const batches: string[] = [];
  const batchMs: number[] = [];
  const lives: SyncLife[] = [];
  try {
    console.log(
      `\n## Accept now, deliver later (${HAS_TASKSET ? 'gateway, simulator and PostgreSQL on core 0; load on core 1' : 'unpinned: everything on both cores'})`,
    );
    if (!SYNC_ONLY) {
      const off = await startGateway(configOf(false), embedded.url, quiet);
      try {
        runs.push(await acceptRate('dispatch off', off, postmaster));
        const batch = await batchOf10k(off, 1, postmaster);
        batchMs.push(batch.ms);
        batches.push(
          `| dispatch off | ${batch.ms.toFixed(0)} | ${batch.nodeUs.toFixed(0)} | ${batch.postgresUs.toFixed(0)} | - | ${batch.failed} |`,
        );
      } finally {
        await off.close();
      }
      // What the first phase queued is not sent (tens of thousands): the next phase measures its own messages.
      await db.query(
        `WITH failed AS (UPDATE messages SET status = 'FAILED' WHERE status = 'QUEUED' RETURNING id)
         DELETE FROM message_schedule WHERE message_id IN (SELECT id FROM failed)`,
      );
    }
    const on = await startGateway(configOf(true), embedded.url, quiet);
    try {
      if (!SYNC_ONLY) {
        runs.push(await acceptRate('dispatch on', on, postmaster));
        const [{ backlog }]: Array<{ backlog: string }> = await db.query(
          "SELECT count(*) AS backlog FROM messages WHERE status = 'QUEUED' AND provider_message_id IS NULL",
        );
        console.log(
          `\n(${backlog} accepted messages still unsent when the accept run ended; drained before the batch)`,
        );
        await drainAll(db);
        const batch = await batchOf10k(on, 2, postmaster);
        batchMs.push(batch.ms);
        const drainMs = await drained(db, batch.ids);
        batches.push(
          `| dispatch on | ${batch.ms.toFixed(0)} | ${batch.nodeUs.toFixed(0)} | ${batch.postgresUs.toFixed(0)} | ${(batch.ms + drainMs).toFixed(0)} | ${batch.failed} |`,
        );
      }
      await syncWholeLife(on, db, postmaster, 1_000); // warm-up (JIT, prepared statements, pools): not counted
      for (let round = 0; round < SYNC_ROUNDS; round++) lives.push(await syncWholeLife(on, db, postmaster));
    } finally {
      await on.close();
    }
    if (!SYNC_ONLY) {
      console.log(
        '\n| async accept, 50 connections | msg/s | p50 ms | p99 ms | failed | Node µs/msg | PostgreSQL µs/msg |',
      );
      console.log('|---|---:|---:|---:|---:|---:|---:|');
      for (const r of runs)
        console.log(
          `| ${r.label} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.failed} | ${r.nodeUs.toFixed(0)} | ${r.postgresUs.toFixed(0)} |`,
        );
      console.log(
        '\n| 10,000-message batch (10 × 1,000, 2 in flight) | accepted in ms | Node µs/msg | PostgreSQL µs/msg | all at the simulator in ms | failed requests |',
      );
      console.log('|---|---:|---:|---:|---:|---:|');
      for (const line of batches) console.log(line);
    }
    console.log(
      '\n| synchronous send, whole life (send + its polls until final), 10 connections | sends | Node µs/msg | PostgreSQL µs/msg | Node + PostgreSQL | statements/msg | last final after ms |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [i, l] of lives.entries())
      console.log(
        `| round ${i + 1} | ${l.sends} | ${l.nodeUs.toFixed(0)} | ${l.postgresUs.toFixed(0)} | ${(l.nodeUs + l.postgresUs).toFixed(0)} | ${l.statements.toFixed(2)} | ${l.finalMs.toFixed(0)} |`,
      );
    const life = {
      node: median(lives.map((l) => l.nodeUs)),
      postgres: median(lives.map((l) => l.postgresUs)),
      total: median(lives.map((l) => l.nodeUs + l.postgresUs)),
    };
    console.log(
      `| median | | ${life.node.toFixed(0)} | ${life.postgres.toFixed(0)} | ${life.total.toFixed(0)} | ${median(lives.map((l) => l.statements)).toFixed(2)} | |`,
    );
    if (!SYNC_ONLY) {
      const best = Math.max(...runs.map((r) => r.rps));
      console.log(
        `\nGoals: async accept ≥ 3,000 msg/s: ${best >= 3_000 ? 'met' : 'NOT met'} (best ${Math.round(best)}); 10k batch accepted < 3 s: ${batchMs.every((ms) => ms < 3_000) ? 'met' : 'NOT met'} (${batchMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
      );
    }
    console.log(
      `Goal: a synchronous send's whole life ≤ 1,200 µs Node + PostgreSQL: ${life.total <= 1_200 ? 'met' : 'NOT met'} (median ${life.total.toFixed(0)} µs)`,
    );
    console.log(`Load average at the end: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  } finally {
    await db.destroy();
    await close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Waits until nothing the earlier phase queued is left unsent. */
async function drainAll(db: DataSource): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const [{ n }]: Array<{ n: string }> = await db.query(
      "SELECT count(*) AS n FROM messages WHERE status = 'QUEUED' AND provider_message_id IS NULL",
    );
    if (Number(n) === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
