import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { simulatorNodeFlags } from './bench-settings.js';

/**
 * `npm run bench -- soak`: does the simulator stay small and fast over a long run? SOAK_SENDS (1,000,000) Wessaal
 * sends at 50 connections, in SOAK_SEGMENTS (10) back-to-back autocannon runs, with the target's RSS read from
 * /proc every second. Reports each segment's throughput and p99 (latency over time) and the RSS after it (the
 * plateau: it should stop growing once the per-account cap is reached). Target on core 0, load on core 1.
 */
const SENDS = Number(process.env.SOAK_SENDS ?? 1_000_000);
const SEGMENTS = Number(process.env.SOAK_SEGMENTS ?? 10);
const CONNECTIONS = 50;
/** Node flags for the simulator: those `npm run simulator` uses, unless SOAK_NODE_FLAGS (`none` for Node's defaults). */
const NODE_FLAGS =
  process.env.SOAK_NODE_FLAGS === undefined
    ? simulatorNodeFlags()
    : process.env.SOAK_NODE_FLAGS.split(' ').filter((flag) => flag && flag !== 'none');
const HAS_TASKSET = existsSync('/usr/bin/taskset');
const TARGET = fileURLToPath(new URL('./bench-target.js', import.meta.url));
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const BODY = JSON.stringify({
  instance: 'my-instance',
  recipient: '+966501234567',
  message_type: 'text',
  content: 'Hello from the soak',
});

function pinned(core: number, command: string, args: string[]): ChildProcess {
  const stdio: ['ignore', 'pipe', 'inherit'] = ['ignore', 'pipe', 'inherit'];
  return HAS_TASKSET
    ? spawn('taskset', ['-c', String(core), command, ...args], { stdio })
    : spawn(command, args, { stdio });
}

/** Resident set size of a process in MB (Linux); taskset execs the target, so the pid is the target's. */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

function startSimulatorTarget(): Promise<{ url: string; child: ChildProcess }> {
  const child = pinned(0, process.execPath, [...NODE_FLAGS, TARGET, 'simulator']);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY ([^\n]+)\n/.exec(out);
      if (match) resolve({ url: match[1]!.trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`simulator target exited with ${code}`)));
  });
}

interface Segment {
  sent: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: number;
}

function send(url: string, amount: number): Promise<Omit<Segment, 'sent' | 'rssMb'>> {
  const args = [
    AUTOCANNON,
    '-c',
    String(CONNECTIONS),
    '-a',
    String(amount),
    '-m',
    'POST',
    '-b',
    BODY,
    '--json',
  ];
  args.push('-H', 'content-type=application/json', '-H', 'x-api-key=sk_test_wessaal_demo', url);
  const child = pinned(1, process.execPath, args);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const run = JSON.parse(out) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        errors: number;
        non2xx: number;
      };
      resolve({
        rps: run.requests.average,
        p50: run.latency.p50,
        p99: run.latency.p99,
        errors: run.errors + run.non2xx,
      });
    });
  });
}

export async function soakBench(): Promise<void> {
  const { url, child } = await startSimulatorTarget();
  const pid = child.pid!;
  const samples: Array<{ atS: number; rssMb: number }> = [];
  const started = Date.now();
  const sampler = setInterval(
    () => samples.push({ atS: (Date.now() - started) / 1000, rssMb: rssMb(pid) }),
    1_000,
  );
  const segments: Segment[] = [];
  try {
    const startRss = rssMb(pid);
    const per = Math.ceil(SENDS / SEGMENTS);
    let sent = 0;
    while (sent < SENDS) {
      const amount = Math.min(per, SENDS - sent);
      const result = await send(url, amount);
      sent += amount;
      segments.push({ ...result, sent, rssMb: rssMb(pid) });
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `\n## Simulator soak: ${sent.toLocaleString('en')} Wessaal sends at ${CONNECTIONS} connections`,
    );
    console.log(
      `\nRSS at start ${startRss.toFixed(0)} MB; ${seconds.toFixed(0)} s in all; node flags: ${NODE_FLAGS.join(' ') || 'none'}\n`,
    );
    console.log(
      '| sends so far | req/s | p50 ms | p99 ms | errors | RSS MB after |\n|---:|---:|---:|---:|---:|---:|',
    );
    for (const s of segments)
      console.log(
        `| ${s.sent.toLocaleString('en')} | ${Math.round(s.rps)} | ${s.p50} | ${s.p99} | ${s.errors} | ${s.rssMb.toFixed(0)} |`,
      );
    const half = samples.filter((s) => s.atS >= seconds / 2);
    const firstHalf = samples.filter((s) => s.atS < seconds / 2);
    const peak = (list: typeof samples): number => Math.max(...list.map((s) => s.rssMb));
    const p99s = segments.map((s) => s.p99).sort((a, b) => a - b);
    console.log(
      `\nRSS sampled every second: peak ${peak(samples).toFixed(0)} MB; peak in the first half ${peak(firstHalf).toFixed(0)} MB, ` +
        `in the second half ${peak(half).toFixed(0)} MB (a plateau when these agree); p99 by segment ${p99s[0]}–${p99s[p99s.length - 1]} ms`,
    );
    const met = peak(samples) <= 150 && p99s[p99s.length - 1]! <= 10 && segments.every((s) => s.errors === 0);
    console.log(
      `Goal (RSS ≤ 150 MB throughout, every segment's p99 ≤ 10 ms, no errors): ${met ? 'met' : 'NOT met'}`,
    );
  } finally {
    clearInterval(sampler);
    child.kill('SIGKILL');
  }
}
