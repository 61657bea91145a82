import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BENCH_ENCRYPTION_KEY, simulatorNodeFlags } from './bench-settings.js';
import { dispatchBench } from './bench-dispatch.js';
import { historyBench } from './bench-history.js';
import { webhookBench } from './bench-webhooks.js';
import { soakBench } from './bench-soak.js';
import { pacingBench } from './bench-pacing.js';
import { floorBench } from './bench-floor.js';

/**
 * `npm run bench` (not part of `npm test`), measured in one run on this machine:
 *  1. the simulator's stateful Wessaal send beside a bare Fastify route and a bare Node http route (50 connections),
 *     in interleaved rounds (BENCH_ROUNDS, default 3) judged on the medians;
 *  2. sending a text via the simulator directly, via gateway REST and via gateway GraphQL, at 50 connections for
 *     throughput, at 1 connection for the latency the gateway adds, and at 1 connection paced at 50 req/s (a light
 *     load: the processes idle between requests).
 * Servers run pinned to core 0 and the load generator to core 1 (taskset), so they do not fight for one CPU.
 *  3. the same REST send load against one standalone gateway process and against two on one database.
 *  4. client webhooks fan-out (scripts/bench-webhooks.ts).
 *  5. a simulator soak (scripts/bench-soak.ts: 1,000,000 sends, RSS over time).
 *  6. accept now, deliver later: async accept rate and the 10,000-message batch (scripts/bench-dispatch.ts).
 *  7. a connection limited to 50/s draining 1,000 queued messages (scripts/bench-pacing.ts).
 * `npm run bench -- simulator`, `-- gateway`, `-- processes`, `-- webhooks`, `-- soak`, `-- dispatch` or `-- pacing`
 * runs one part.
 *  8. `npm run bench -- history` (only on its own): list queries at 10M messages (scripts/bench-history.ts).
 */
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = 2;
const HAS_TASKSET = existsSync('/usr/bin/taskset');
const TARGET = fileURLToPath(new URL('./bench-target.js', import.meta.url));
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const GATEWAY_MAIN = fileURLToPath(new URL('../apps/gateway/src/main.js', import.meta.url));

const WESSAAL_BODY = JSON.stringify({
  instance: 'my-instance',
  recipient: '+966501234567',
  message_type: 'text',
  content: 'Hello from the benchmark',
});
const WESSAAL_HEADERS = ['content-type=application/json', 'x-api-key=sk_test_wessaal_demo'];
const GATEWAY_HEADERS = ['content-type=application/json', 'authorization=Bearer gw_demo_key'];
const REST_BODY = JSON.stringify({
  connection: 'wessaal-demo',
  to: '+966501234567',
  text: 'Hello from the benchmark',
});
const GQL_BODY = JSON.stringify({
  query: 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id status } }',
  variables: { i: { connection: 'wessaal-demo', to: '+966501234567', text: 'Hello from the benchmark' } },
});

interface Load {
  url: string;
  body: string;
  headers: string[];
  connections: number;
  /** Requests per second for the whole run (autocannon -R); unset: each connection sends as soon as answered. */
  rate?: number;
}

/**
 * The paced one-connection runs: a light load, where each request finds the processes idle. A closed loop at one
 * connection keeps the core busy between requests; paced, every request also pays for waking idle processes.
 */
const PACED_RATE = 50;
interface Result {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU (user + system) the target process spent per request answered, when measured. */
  cpuUsPerRequest?: number;
}

/** utime + stime of a process from /proc, in µs; undefined where there is no /proc. */
function cpuTimeUs(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function pinned(core: number, command: string, args: string[]): ChildProcess {
  const stdio: ['ignore', 'pipe', 'inherit'] = ['ignore', 'pipe', 'inherit'];
  return HAS_TASKSET
    ? spawn('taskset', ['-c', String(core), command, ...args], { stdio })
    : spawn(command, args, { stdio });
}

function startTarget(kind: string): Promise<{ urls: string[]; child: ChildProcess }> {
  const flags = kind === 'simulator' ? simulatorNodeFlags() : [];
  const child = pinned(0, process.execPath, [...flags, TARGET, kind]);
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /READY ([^\n]+)\n/.exec(out);
      if (!match) return;
      // From here the target's stdout carries its log lines (one per request): drained, never accumulated.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ urls: match[1]!.trim().split(' '), child });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${kind} target exited with ${code}`)));
  });
}

function autocannon(
  load: Load,
  seconds: number,
): Promise<{
  requests: { average: number; total?: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}> {
  const args = [
    AUTOCANNON,
    '-c',
    String(load.connections),
    '-d',
    String(seconds),
    ...(load.rate ? ['-R', String(load.rate)] : []),
    '-m',
    'POST',
    '-b',
    load.body,
    '--json',
  ];
  for (const header of load.headers) args.push('-H', header);
  args.push(load.url);
  const child = pinned(1, process.execPath, args);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited with ${code}`)),
    );
  });
}

/**
 * With `target`, also the CPU it spent per request: on a shared machine a neighbour's load lowers req/s (the target
 * waits for the CPU) far more than it moves the CPU each request costs.
 */
async function measure(name: string, load: Load, target?: ChildProcess): Promise<Result> {
  await autocannon(load, WARMUP_S);
  const cpuBefore = cpuTimeUs(target?.pid);
  const run = await autocannon(load, DURATION_S);
  const cpuAfter = cpuTimeUs(target?.pid);
  const answered = run.requests.total ?? run.requests.average * DURATION_S;
  return {
    name,
    connections: load.connections,
    rps: run.requests.average,
    p50: run.latency.p50,
    p99: run.latency.p99,
    errors: run.errors,
    non2xx: run.non2xx,
    ...(cpuBefore !== undefined && cpuAfter !== undefined && answered > 0
      ? { cpuUsPerRequest: (cpuAfter - cpuBefore) / answered }
      : {}),
  };
}

function table(results: Result[], baseline: Result, baselineName: string): void {
  const cpu = results.some((r) => r.cpuUsPerRequest !== undefined);
  console.log(
    `\n| target | connections | req/s | p50 ms | p99 ms | errors | non-2xx | vs ${baselineName} |${cpu ? ' CPU µs/request |' : ''}`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|${cpu ? '---:|' : ''}`);
  for (const r of results) {
    const cpuCell = cpu ? ` ${r.cpuUsPerRequest?.toFixed(1) ?? '–'} |` : '';
    console.log(
      `| ${r.name} | ${r.connections} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${((r.rps / baseline.rps) * 100).toFixed(0)}% |${cpuCell}`,
    );
  }
}

/** Rounds of the simulator comparison: each round measures the three targets back to back. */
const SIMULATOR_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The machine is shared: a neighbour's burst during one target's ten seconds moves a single ratio by several
 * points. So the three targets are measured in interleaved rounds, each round's ratio from measurements seconds
 * apart, and the goal is judged on the medians.
 */
async function simulatorBench(): Promise<void> {
  const targets = [
    ['bare node:http route', 'node'],
    ['bare Fastify route', 'fastify'],
    ['simulator Wessaal send', 'simulator'],
  ] as const;
  const rounds: Result[][] = [];
  for (let round = 1; round <= SIMULATOR_ROUNDS; round++) {
    const results: Result[] = [];
    for (const [name, kind] of targets) {
      const { urls, child } = await startTarget(kind);
      try {
        results.push(
          await measure(
            `${name} (round ${round})`,
            { url: urls[0]!, body: WESSAAL_BODY, headers: WESSAAL_HEADERS, connections: 50 },
            child,
          ),
        );
      } finally {
        child.kill('SIGKILL');
      }
    }
    rounds.push(results);
  }
  console.log('\n## Simulator');
  for (const results of rounds) table(results, results[1]!, 'bare Fastify');
  const ratios = rounds.map((r) => r[2]!.rps / r[1]!.rps);
  const medianOf = (i: number, pick: (r: Result) => number): number => median(rounds.map((r) => pick(r[i]!)));
  console.log(
    `\n| target (median of ${rounds.length} rounds) | req/s | p99 ms | CPU µs/request |\n|---|---:|---:|---:|`,
  );
  for (const [i, [name]] of targets.entries()) {
    const cpu = medianOf(i, (r) => r.cpuUsPerRequest ?? NaN);
    console.log(
      `| ${name} | ${Math.round(medianOf(i, (r) => r.rps))} | ${medianOf(i, (r) => r.p99)} | ${Number.isNaN(cpu) ? '–' : cpu.toFixed(1)} |`,
    );
  }
  const ratio = median(ratios);
  const p99 = medianOf(2, (r) => r.p99);
  const clean = rounds.every((r) => r[2]!.errors + r[2]!.non2xx === 0);
  console.log(
    `\nSimulator / bare Fastify per round: ${ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(', ')}; median ${(ratio * 100).toFixed(0)}%`,
  );
  const cpuRatios = rounds.map((r) => (r[1]!.cpuUsPerRequest ?? NaN) / (r[2]!.cpuUsPerRequest ?? NaN));
  if (cpuRatios.every((r) => !Number.isNaN(r)))
    console.log(
      `Bare Fastify's CPU per request / the simulator's, per round (the req/s ratio the simulator would reach with a core to itself): ${cpuRatios.map((r) => `${(r * 100).toFixed(0)}%`).join(', ')}; median ${(median(cpuRatios) * 100).toFixed(0)}%`,
    );
  const met = ratio >= 0.75 && p99 < 10 && clean;
  console.log(
    `Goal (median ≥ 75% of bare Fastify req/s, median p99 < 10 ms, no errors): ${met ? 'met' : 'NOT met'}`,
  );
}

async function gatewayBench(): Promise<void> {
  const { urls, child } = await startTarget('stack');
  const [simUrl, gatewayUrl] = urls as [string, string];
  const direct = (c: number, rate?: number): Load => ({
    url: `${simUrl}/wessaal/integration/v1/messages/send`,
    body: WESSAAL_BODY,
    headers: WESSAAL_HEADERS,
    connections: c,
    rate,
  });
  const rest = (c: number, rate?: number): Load => ({
    url: `${gatewayUrl}/v1/messages`,
    body: REST_BODY,
    headers: GATEWAY_HEADERS,
    connections: c,
    rate,
  });
  const gql = (c: number, rate?: number): Load => ({
    url: `${gatewayUrl}/graphql`,
    body: GQL_BODY,
    headers: GATEWAY_HEADERS,
    connections: c,
    rate,
  });
  const paced = `at ${PACED_RATE} req/s`;
  try {
    const results = [
      await measure('simulator directly', direct(50)),
      await measure('gateway REST', rest(50)),
      await measure('gateway GraphQL', gql(50)),
      await measure('simulator directly', direct(1)),
      await measure('gateway REST', rest(1)),
      await measure('gateway GraphQL', gql(1)),
      await measure(`simulator directly ${paced}`, direct(1, PACED_RATE)),
      await measure(`gateway REST ${paced}`, rest(1, PACED_RATE)),
      await measure(`gateway GraphQL ${paced}`, gql(1, PACED_RATE)),
    ];
    console.log(
      '\n## Gateway (send a text through wessaal-demo; PostgreSQL, simulator and gateway on core 0)',
    );
    table(results, results[0]!, 'direct at 50');
    const [d1, r1, g1, dp, rp, gp] = results.slice(3) as [Result, Result, Result, Result, Result, Result];
    console.log(
      `\nLatency the gateway adds at concurrency 1 (p50): REST ${(r1.p50 - d1.p50).toFixed(2)} ms, GraphQL ${(g1.p50 - d1.p50).toFixed(2)} ms`,
    );
    const added = (gateway: Result, base: Result): string =>
      `${gateway.p50 - base.p50} / ${gateway.p99 - base.p99} ms`;
    console.log(
      `Added at p50 / p99, one connection: REST ${added(r1, d1)}, GraphQL ${added(g1, d1)}; paced ${paced}: REST ${added(rp, dp)}, GraphQL ${added(gp, dp)} (issue #13's goal: ≤ 3 / ≤ 10 ms)`,
    );
    const keep = Math.min(results[1]!.rps, results[2]!.rps) / results[0]!.rps;
    const met =
      r1.p50 - d1.p50 <= 3 &&
      g1.p50 - d1.p50 <= 3 &&
      keep >= 0.25 &&
      results.every((r) => r.errors + r.non2xx === 0);
    console.log(
      `Goal (adds ≤ 3 ms at p50, keeps ≥ 25% of direct throughput, no errors): ${met ? 'met' : 'NOT met'} (keeps ${(keep * 100).toFixed(0)}%)`,
    );
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** A standalone gateway process (`node dist/apps/gateway/src/main.js`) on core 0; resolves with its URL. */
function startGatewayProcess(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = HAS_TASKSET
    ? spawn('taskset', ['-c', '0', process.execPath, GATEWAY_MAIN], gatewayProcessOptions(databaseUrl))
    : spawn(process.execPath, [GATEWAY_MAIN], gatewayProcessOptions(databaseUrl));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /"url":"([^"]+)"[^\n]*"msg":"gateway listening"/.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // its request lines are not needed; keep the pipe drained
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
  });
}

function gatewayProcessOptions(databaseUrl: string) {
  return {
    stdio: ['ignore', 'pipe', 'inherit'] as ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      GATEWAY_PORT: '0',
      NODE_ENV: 'production',
      GATEWAY_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    },
  };
}

/** Several autocannon runs at once (the load split between them), summed: req/s added, worst p99. */
async function measureSplit(name: string, loads: Load[]): Promise<Result> {
  await Promise.all(loads.map((load) => autocannon(load, WARMUP_S)));
  const runs = await Promise.all(loads.map((load) => autocannon(load, DURATION_S)));
  return {
    name,
    connections: loads.reduce((sum, l) => sum + l.connections, 0),
    rps: runs.reduce((sum, r) => sum + r.requests.average, 0),
    p50: Math.max(...runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  };
}

/**
 * The same REST send load (50 connections, as two load generators of 25) against one standalone gateway process,
 * then against two on the same database, each generator on its own process. Every server process (PostgreSQL, the
 * simulator, the gateways) shares core 0 as in the other runs, so this measures what coordination through the
 * database costs on one CPU budget, not the scale-out a second machine would bring.
 */
async function processesBench(): Promise<void> {
  const { urls, child } = await startTarget('backing');
  const databaseUrl = urls[1]!;
  const gateways: ChildProcess[] = [];
  const rest = (url: string): Load => ({
    url: `${url}/v1/messages`,
    body: REST_BODY,
    headers: GATEWAY_HEADERS,
    connections: 25,
  });
  try {
    const a = await startGatewayProcess(databaseUrl);
    gateways.push(a.child);
    const one = await measureSplit('one gateway process', [rest(a.url), rest(a.url)]);
    const b = await startGatewayProcess(databaseUrl);
    gateways.push(b.child);
    const two = await measureSplit('two gateway processes', [rest(a.url), rest(b.url)]);
    console.log('\n## Gateway processes on one database (REST send through wessaal-demo, 50 connections)');
    table([one, two], one, 'one process');
    console.log(`\nTwo processes / one process: ${((two.rps / one.rps) * 100).toFixed(0)}% of the req/s`);
  } finally {
    for (const gateway of gateways) {
      const exited = new Promise((resolve) => gateway.once('exit', resolve));
      gateway.kill('SIGTERM');
      await exited;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(
    `Benchmarks: ${DURATION_S} s per run after ${WARMUP_S} s warm-up; ${HAS_TASKSET ? 'servers on core 0, load on core 1' : 'no taskset: unpinned'}`,
  );
  const cores = cpus();
  console.log(
    `Machine: ${cores.length} × ${cores[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  if (!only || only === 'simulator') await simulatorBench();
  if (!only || only === 'gateway') await gatewayBench();
  if (!only || only === 'processes') await processesBench();
  if (!only || only === 'webhooks') await webhookBench();
  if (!only || only === 'soak') await soakBench();
  if (!only || only === 'dispatch') await dispatchBench();
  if (!only || only === 'pacing') await pacingBench();
  if (!only || only === 'floor') await floorBench();
  // Not in the default run: loading 10M rows takes many minutes.
  if (only === 'history') await historyBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
