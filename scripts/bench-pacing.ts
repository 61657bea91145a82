import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { prepareSend } from '../apps/gateway/src/messages/message-request.js';
import type { SendMessageInput } from '../apps/gateway/src/messages/dto/send-message.input.js';
import { insertQueuedBatch } from '../apps/gateway/src/messages/queued-insert.js';
import { DEMO_API_KEY, DEMO_TENANT_ID } from '../apps/gateway/src/seed/demo-seed.js';
import { startInProcessStack } from './bench-in-process.js';

/**
 * `npm run bench -- pacing`: a connection limited to BENCH_PACING_RATE sends/s (default 50) with
 * BENCH_PACING_MESSAGES queued messages (default 1,000), drained by the gateway's scheduler to the simulator's
 * Wessaal (whose status polls share the scheduler with the sends, as in production). The provider's arrival times
 * come from the simulator's request journal, read every 250 ms while the queue drains (it keeps the last 1,000
 * entries, sends and polls).
 * Reports the drain rate against the limit (goal: within 5 %), the busiest one-second window, and the load.
 * Gateway, simulator and PostgreSQL share core 0 when taskset exists (the pace is what is measured, not speed).
 */
const RATE = Number(process.env.BENCH_PACING_RATE ?? 50);
const MESSAGES = Number(process.env.BENCH_PACING_MESSAGES ?? 1_000);
const HAS_TASKSET = existsSync('/usr/bin/taskset');

interface JournalEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').trim();

export async function pacingBench(): Promise<void> {
  if (HAS_TASKSET) execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const { sim, db, gateway, stop } = await startInProcessStack('pacing', { LOG_LEVEL: 'warn' });
  const headers = { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' };

  try {
    console.log(`\n## Pacing: one connection limited to ${RATE}/s, ${MESSAGES} queued messages`);
    const name = `paced-${Date.now()}`;
    const created = await fetch(`${gateway.url}/v1/connections`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name,
        provider: 'wessaal',
        credentials: { apiKey: 'sk_test_wessaal_demo' },
        baseUrl: `${sim.url}/wessaal/integration/v1`,
        defaultFrom: 'my-instance',
        rateLimit: { perSecond: RATE },
      }),
    });
    if (created.status !== 201) throw new Error(`creating the connection: ${created.status}`);
    const connection = (await created.json()) as { id: string };

    const rows = Array.from({ length: MESSAGES }, (_, i) => {
      const to = `+9665${String(10_000_000 + i).slice(-8)}`;
      const prepared = prepareSend({ connection: name, to, text: `paced ${i}` } as SendMessageInput);
      return {
        id: randomUUID(),
        connectionId: connection.id,
        connectionName: name,
        provider: 'wessaal',
        type: prepared.request.type,
        to,
        request: prepared.stored,
        nextActionAt: new Date(),
      };
    });
    console.log(`load before: ${loadavg()}`);
    const seen = new Map<number, number>();
    const readJournal = async (): Promise<void> => {
      const res = await fetch(`${sim.url}/__admin/requests?provider=wessaal&limit=1000`);
      for (const entry of (await res.json()) as JournalEntry[])
        if (entry.method === 'POST' && entry.path.endsWith('/messages/send') && entry.status < 300)
          seen.set(entry.seq, Date.parse(entry.at) - entry.durationMs); // stamped at the answer
    };
    await readJournal();
    const before = new Set(seen.keys());
    const started = Date.now();
    for (let i = 0; i < rows.length; i += 500)
      await insertQueuedBatch(db, [{ tenantId: DEMO_TENANT_ID, rows: rows.slice(i, i + 500) }]);
    const deadline = started + (MESSAGES / RATE) * 3_000 + 30_000;
    while (seen.size - before.size < MESSAGES && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      await readJournal();
    }
    const arrivals = [...seen.entries()]
      .filter(([seq]) => !before.has(seq))
      .map(([, at]) => at)
      .sort((a, b) => a - b);
    const [first, last] = [arrivals[0]!, arrivals.at(-1)!];
    const rate = (arrivals.length - 1) / ((last - first) / 1000);
    let busiest = 0;
    for (let i = 0, j = 0; i < arrivals.length; i += 1) {
      while (j < arrivals.length && arrivals[j]! < arrivals[i]! + 1_000) j += 1;
      busiest = Math.max(busiest, j - i);
    }
    const [{ attempts }] = (await db.query(
      'SELECT coalesce(max(attempts), 0)::int AS attempts FROM messages WHERE connection_id = $1',
      [connection.id],
    )) as Array<{ attempts: number }>;
    console.log(`load after: ${loadavg()}`);
    console.log(
      `| limit | messages at the provider | first → last arrival | drain rate | vs limit | busiest 1 s window | insert → last arrival | max attempts |`,
    );
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${RATE}/s | ${arrivals.length} of ${MESSAGES} | ${((last - first) / 1000).toFixed(2)} s | ${rate.toFixed(2)}/s | ${(((rate - RATE) / RATE) * 100).toFixed(2)} % | ${busiest} | ${((last - started) / 1000).toFixed(2)} s | ${attempts} |`,
    );
  } finally {
    await stop();
  }
}
