import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../apps/gateway/src/common/crypto/secret-box.js';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import { openDataSource } from '../apps/gateway/src/database/data-source.js';
import { startGateway } from '../apps/gateway/src/gateway-server.js';
import { DEMO_API_KEY, seedTenant } from '../apps/gateway/src/seed/demo-seed.js';
import { startSimulator } from '../apps/simulator/src/app.js';
import { autocannon, cpuOf, nodeCpu } from './bench-dispatch.js';
import { BENCH_ENCRYPTION_KEY } from './bench-settings.js';

/** One database's figures: CPU per synchronous send, this process and the database's client backends. */
export interface SendCpu {
  /** sync: the send answers after the provider call (insert, provider call, status update and change); async: `Prefer: respond-async`, the insert alone (batched across requests by the gateway). */
  mode: 'sync' | 'async';
  sends: number;
  rps: number;
  nodeUs: number;
  postgresUs: number;
  /** Client backends of the database seen during the run, and how many of them exited before its end. */
  backends: number;
  exited: number;
  /** Shared buffers read from outside (the OS cache or disk) and found in shared buffers, per send. */
  blocksRead: number;
  blocksHit: number;
}

/** The database's block counters (reported by its backends at the end of their transactions, at most once a second). */
async function blockCounters(db: DataSource): Promise<{ read: number; hit: number }> {
  const [row] = (await db.query(
    'SELECT blks_read AS read, blks_hit AS hit FROM pg_stat_database WHERE datname = current_database()',
  )) as Array<{ read: string; hit: string }>;
  return { read: Number(row!.read), hit: Number(row!.hit) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_200));

/**
 * CPU seconds of one process: /proc/<pid>/schedstat's time on a CPU (nanoseconds), not /proc/<pid>/stat's 10 ms
 * ticks (with 20 backends each reading could be off by a tick, as much as a short run's whole difference); the
 * ticks when schedstat is missing (a kernel without it), 0 once the process is gone.
 */
export function preciseCpuOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return cpuOf(pid);
  }
}

/**
 * The local TCP ports of this process's sockets (its connections to PostgreSQL among them): the inodes of
 * /proc/self/fd's sockets, looked up in /proc/net/tcp and tcp6 (local address `hex-ip:hex-port`, inode column 10).
 */
function ownPorts(): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && inodes.has(fields[9]!)) ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/**
 * The client backends serving `database` for this process, by their process title (`postgres: <user> <database>
 * <host>(<client port>) <state>`, the client port one of this process's own): other sessions' work on the same
 * server, or on the same database (another bench on a kept history), is not counted; the WAL writer, checkpointer
 * and autovacuum are not either (shared by the whole server).
 */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  const ports = ownPorts();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const port = /\((\d+)\)/.exec(title)?.[1];
      if (
        title.startsWith('postgres: ') &&
        title.includes(` ${database} `) &&
        !title.includes('autovacuum') &&
        port !== undefined &&
        ports.has(Number(port))
      )
        pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/**
 * CPU of a database's backends over a run, backends that exit during it included: every 100 ms each backend's
 * /proc/<pid>/stat is read and its latest reading kept, so one that exits (the pool closing an idle client) counts
 * up to its last reading (at most 100 ms of its work is lost, and a backend idle enough to be closed did little);
 * one that starts during the run counts from zero.
 */
class BackendCpu {
  private readonly baseline = new Map<number, number>();
  private readonly latest = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly database: string) {
    for (const pid of backendsOf(database)) this.baseline.set(pid, preciseCpuOf(pid));
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    for (const pid of backendsOf(this.database)) this.latest.set(pid, preciseCpuOf(pid));
  }

  stop(): { seconds: number; backends: number; exited: number } {
    clearInterval(this.timer);
    const alive = new Set(backendsOf(this.database));
    this.sample();
    let seconds = 0;
    for (const [pid, cpu] of this.latest) seconds += cpu - (this.baseline.get(pid) ?? 0);
    return {
      seconds,
      backends: this.latest.size,
      exited: [...this.latest.keys()].filter((p) => !alive.has(p)).length,
    };
  }
}

/**
 * A real send's CPU on one database (issue #15's "within 10% of the same send on an empty database"): a simulator
 * and a gateway in this process against `url` (dispatch off: the scheduler's polls are not part of the send, and a
 * seeded history's due rows must not be worked on meanwhile), `tenant` seeded with the demo connections and API key,
 * then `sends` synchronous `POST /v1/messages` to wessaal-demo at 10 connections, and `sends` asynchronous ones
 * (`Prefer: respond-async`, at 50 connections: the gateway batches their inserts), autocannon on core 1 when pinned.
 * CPU: this process from process.cpuUsage() (gateway and simulator; the simulator's share is the same on every
 * database) and the database's client backends from /proc (see BackendCpu), divided by the 2xx answers.
 */
export async function sendCpu(
  url: string,
  database: string,
  tenant: { id: string; name: string },
  sends: number,
): Promise<SendCpu[]> {
  const sim = await startSimulator({ port: 0 });
  const account = sim.core.accounts.get('wessaal-demo');
  if (!account) throw new Error('wessaal-demo account missing from the seed');
  account.credits = 1_000_000_000;
  account.rateLimitPerMinute = 1_000_000_000;
  const db = await openDataSource(url);
  await seedTenant(db, new SecretBox(BENCH_ENCRYPTION_KEY), {
    tenantId: tenant.id,
    name: tenant.name,
    apiKey: DEMO_API_KEY,
    simulatorUrl: sim.url,
  });
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    GATEWAY_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    GATEWAY_DISPATCH_ENABLED: 'false',
  });
  const gateway = await startGateway(config, url);
  try {
    const target = `${gateway.url}/v1/messages`;
    const measure = async (mode: 'sync' | 'async'): Promise<SendCpu> => {
      const body = JSON.stringify({ connection: 'wessaal-demo', to: '+966501234567', text: `bench ${mode}` });
      const run = { connections: mode === 'sync' ? 10 : 50, async: mode === 'async' };
      // Warm-up (JIT, plan caches, the pool's connections) before the counted sends.
      // Asynchronous sends cost a seventh of a synchronous one: five times as many for a comparable measurement.
      const amount = mode === 'sync' ? sends : sends * 5;
      await autocannon(target, body, 0, { ...run, amount: Math.min(1_000, amount) });
      await settle();
      const blocks0 = await blockCounters(db);
      const backends = new BackendCpu(database);
      const node0 = nodeCpu();
      const result = await autocannon(target, body, 0, { ...run, amount });
      const node1 = nodeCpu();
      const postgres = backends.stop();
      await settle();
      const blocks1 = await blockCounters(db);
      const done = Math.max(1, result.requests.total - result.non2xx);
      if (result.non2xx + result.errors > 0)
        console.warn(`  ${result.non2xx + result.errors} of ${amount} ${mode} sends failed`);
      return {
        mode,
        sends: done,
        rps: result.requests.average,
        nodeUs: ((node1 - node0) / done) * 1e6,
        postgresUs: (postgres.seconds / done) * 1e6,
        backends: postgres.backends,
        exited: postgres.exited,
        blocksRead: (blocks1.read - blocks0.read) / done,
        blocksHit: (blocks1.hit - blocks0.hit) / done,
      };
    };
    return [await measure('sync'), await measure('async')];
  } finally {
    await gateway.close();
    await db.destroy();
    await sim.close();
  }
}

export interface SendRound extends SendCpu {
  database: 'empty' | 'seeded';
}

/**
 * The same sends on a fresh database (migrated, nothing else) and on the seeded one, alternated `rounds` times
 * (empty, seeded, empty, seeded...) so a drift in the machine's load shows as a difference between rounds of the
 * same database rather than between databases. The sends are the seeded history's own tenant's (its API key and
 * the demo connections added to it), so they land where its indexes are largest.
 */
export async function sendComparison(
  admin: pg.Client,
  server: string,
  seeded: string,
  tenant: { id: string; name: string },
  sends: number,
  rounds = 3,
): Promise<SendRound[]> {
  const empty = `${seeded}_empty`;
  await admin.query(`DROP DATABASE IF EXISTS ${empty}`);
  await admin.query(`CREATE DATABASE ${empty}`);
  const results: SendRound[] = [];
  // One tenant for every round on the empty database: its API key is the demo key, which names one tenant only.
  const emptyTenant = { id: randomUUID(), name: tenant.name };
  try {
    for (let round = 0; round < rounds; round++)
      for (const [kind, database, owner] of [
        ['empty', empty, emptyTenant],
        ['seeded', seeded, tenant],
      ] as const) {
        for (const result of await sendCpu(`${server}/${database}`, database, owner, sends)) {
          results.push({ database: kind, ...result });
          console.log(
            `  ${result.mode} send on the ${kind} database: ${result.sends} sends, ${result.rps.toFixed(0)}/s, Node ${result.nodeUs.toFixed(0)} µs, PostgreSQL ${result.postgresUs.toFixed(0)} µs per send, ${result.blocksRead.toFixed(1)} blocks read and ${result.blocksHit.toFixed(0)} hit per send (${result.backends} backends, ${result.exited} exited)`,
          );
        }
      }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${empty}`);
  }
  return results;
}
