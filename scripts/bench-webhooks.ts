import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretBox } from '../apps/gateway/src/common/crypto/secret-box.js';
import { DEMO_API_KEY, DEMO_TENANT_ID, seedTenant } from '../apps/gateway/src/seed/demo-seed.js';
import { runAutocannon, startInProcessStack } from './bench-in-process.js';

/**
 * `npm run bench -- webhooks`: client webhooks (issue #12), in one process pinned to core 0 (PostgreSQL beside it),
 * autocannon on core 1.
 *  1. What the outbox trigger costs a send: REST sends/s at 20 connections with the trigger disabled, enabled for a
 *     tenant without endpoints (one index probe), and with one endpoint (outbox + delivery rows, delivered live);
 *     then the trigger alone, exactly, from EXPLAIN ANALYZE of 20,000 status-change inserts.
 *  2. Fan-out: 5,000 deliveries (500 events × 10 endpoints) drained to a local receiver, deliveries/s.
 *  3. Latency from a status change to its delivery (p50/p99) at a steady 20 sends/s for 10 s.
 */
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const HAS_TASKSET = existsSync('/usr/bin/taskset');
const auth = { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' };
const sendBody = (to = '+966501234567') => JSON.stringify({ connection: 'wessaal-demo', to, text: 'bench' });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function autocannon(
  url: string,
  seconds: number,
): Promise<{ requests: { average: number }; non2xx: number; errors: number }> {
  const args = ['-c', '20', '-d', String(seconds), '-m', 'POST', '-b', sendBody()];
  for (const [k, v] of Object.entries(auth)) args.push('-H', `${k}=${v}`);
  return runAutocannon([...args, url]);
}

export async function webhookBench(): Promise<void> {
  if (HAS_TASKSET) execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const { sim, db, gateway, config, stop } = await startInProcessStack('hooks', {
    GATEWAY_WEBHOOK_ALLOW_PRIVATE: 'true',
  });

  const arrivals: Array<{ at: number; body: string }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push({ at: Date.now(), body: Buffer.concat(chunks).toString() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const register = async (): Promise<string> => {
    const res = await fetch(`${gateway.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: receiverUrl, events: ['message.status_changed'] }),
    });
    return ((await res.json()) as { id: string }).id;
  };

  /** Waits until no delivery is pending (the previous phase's backlog would distort the next). */
  const idle = async (): Promise<void> => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [{ n }]: Array<{ n: string }> = await db.query(
        `SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`,
      );
      if (Number(n) === 0 || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  try {
    console.log('\n## Client webhooks (gateway, simulator and PostgreSQL on core 0; load on core 1)');
    // 1. Trigger cost, interleaved twice so a neighbour's burst does not decide it.
    const sends = `${gateway.url}/v1/messages`;
    const modes = ['trigger disabled', 'trigger on, no endpoint', 'one endpoint, delivered live'] as const;
    const rps: Record<string, number[]> = {};
    let endpointId: string | undefined;
    for (let round = 0; round < 2; round++) {
      for (const mode of modes) {
        await db.query(
          `ALTER TABLE status_changes ${mode === 'trigger disabled' ? 'DISABLE' : 'ENABLE'} TRIGGER webhook_status_change`,
        );
        if (mode === 'one endpoint, delivered live') endpointId = await register();
        await autocannon(sends, 2);
        const run = await autocannon(sends, DURATION_S);
        if (run.non2xx + run.errors > 0)
          console.log(`  (${mode}: ${run.non2xx} non-2xx, ${run.errors} errors)`);
        (rps[mode] ??= []).push(run.requests.average);
        if (endpointId) {
          await fetch(`${gateway.url}/v1/webhook-endpoints/${endpointId}`, {
            method: 'DELETE',
            headers: auth,
          });
          endpointId = undefined;
        }
      }
    }
    const base = Math.max(...rps['trigger disabled']!);
    console.log(
      `\n| sends (REST, 20 connections, ${DURATION_S} s) | req/s per round | best | vs disabled |\n|---|---|---:|---:|`,
    );
    for (const mode of modes) {
      const best = Math.max(...rps[mode]!);
      console.log(
        `| ${mode} | ${rps[mode]!.map(Math.round).join(', ')} | ${Math.round(best)} | ${((best / base) * 100).toFixed(0)}% |`,
      );
    }

    // 1b. The trigger alone, exactly: EXPLAIN ANALYZE of 20,000 status-change inserts, rolled back.
    const probe = (await (
      await fetch(sends, { method: 'POST', headers: auth, body: sendBody() })
    ).json()) as { id: string };
    const triggerCost = async (enable: boolean): Promise<number> => {
      await db.query(
        `ALTER TABLE status_changes ${enable ? 'ENABLE' : 'DISABLE'} TRIGGER webhook_status_change`,
      );
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        const plan: Array<{ 'QUERY PLAN': string }> = await runner.query(
          `EXPLAIN (ANALYZE, TIMING OFF) INSERT INTO status_changes (tenant_id, message_id, status, provider_status, source, at)
           SELECT $1, $2, 'SENT', 'sent', 'poll', now() FROM generate_series(1, 20000)`,
          [DEMO_TENANT_ID, probe.id],
        );
        const text = plan.map((r) => r['QUERY PLAN']).join('\n');
        return (Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1]) * 1000) / 20_000;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    console.log(
      '\n| 20,000 status-change inserts (EXPLAIN ANALYZE, rolled back; best of 3 alternations) | µs per insert |\n|---|---:|',
    );
    const probeEndpoint = await register();
    const best: Record<string, number> = {};
    for (let round = 0; round < 3; round++)
      for (const [label, enable, withEndpoint] of [
        ['trigger disabled', false, false],
        ['trigger on, no endpoint for the tenant (one index probe)', true, false],
        ['trigger on, one endpoint (outbox + delivery row)', true, true],
      ] as const) {
        await db.query(`UPDATE webhook_endpoints SET enabled = $2 WHERE id = $1`, [
          probeEndpoint,
          withEndpoint,
        ]);
        best[label] = Math.min(best[label] ?? Infinity, await triggerCost(enable));
      }
    for (const [label, us] of Object.entries(best)) console.log(`| ${label} | ${us.toFixed(1)} |`);
    await fetch(`${gateway.url}/v1/webhook-endpoints/${probeEndpoint}`, { method: 'DELETE', headers: auth });
    await idle();

    // 2. Fan-out: deliveries queued at once in the database, drained by the worker.
    const endpoints: string[] = [];
    // The earlier messages are still being polled to READ: their events would compete with the measured ones.
    await db.query('ALTER TABLE status_changes DISABLE TRIGGER webhook_status_change');
    for (let i = 0; i < 10; i++) endpoints.push(await register());
    await idle();
    arrivals.length = 0;
    const body = JSON.stringify({
      type: 'message.status_changed',
      timestamp: new Date().toISOString(),
      data: { bench: true },
    });
    const started = Date.now();
    await db.query(
      `WITH events AS (
         INSERT INTO webhook_events (tenant_id, type, subject_id, body)
         SELECT $1, 'message.status_changed', gen_random_uuid(), $2 FROM generate_series(1, 500)
         RETURNING id, tenant_id, type, subject_id
       )
       INSERT INTO webhook_deliveries (tenant_id, event_id, endpoint_id, event_type, subject_id, next_attempt_at)
       SELECT e.tenant_id, e.id, p.id, e.type, e.subject_id, now() FROM events e CROSS JOIN webhook_endpoints p
       WHERE p.tenant_id = $1`,
      [DEMO_TENANT_ID, body],
    );
    const fanned = () => arrivals.filter((a) => a.body.includes('"bench":true'));
    const deadline = Date.now() + 120_000;
    while (fanned().length < 5_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const seconds = (Math.max(...fanned().map((a) => a.at)) - started) / 1000;
    console.log(
      `\nFan-out: ${fanned().length} deliveries (500 events × 10 endpoints) in ${seconds.toFixed(2)} s = ${Math.round(arrivals.length / seconds)} deliveries/s (concurrency ${config.GATEWAY_WEBHOOK_CONCURRENCY})`,
    );
    for (const id of endpoints)
      await fetch(`${gateway.url}/v1/webhook-endpoints/${id}`, { method: 'DELETE', headers: auth });

    // 3. Latency at a steady send rate: status change (its recorded time) → arrival at the receiver. A fresh tenant,
    // so the earlier phases' messages (still being polled to READ) add no events of their own.
    await db.query('ALTER TABLE status_changes ENABLE TRIGGER webhook_status_change');
    await idle();
    const latencyKey = 'gw_bench_latency';
    await seedTenant(db, new SecretBox(config.GATEWAY_ENCRYPTION_KEY), {
      tenantId: '00000000-0000-4000-8000-0000000000b2',
      name: 'Bench latency',
      apiKey: latencyKey,
      simulatorUrl: sim.url,
    });
    const latencyAuth = { ...auth, authorization: `Bearer ${latencyKey}` };
    await fetch(`${gateway.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: latencyAuth,
      body: JSON.stringify({ url: receiverUrl, events: ['message.status_changed'] }),
    });
    arrivals.length = 0;
    const RATE = 20;
    let n = 0;
    const sendTimer = setInterval(() => {
      n++;
      void fetch(sends, { method: 'POST', headers: latencyAuth, body: sendBody() });
    }, 1000 / RATE);
    await new Promise((r) => setTimeout(r, 10_000));
    clearInterval(sendTimer);
    await new Promise((r) => setTimeout(r, 3_000));
    const latencies = arrivals
      .flatMap((a) => {
        const last = (
          JSON.parse(a.body) as { data: { statusHistory?: Array<{ at: string }> } }
        ).data.statusHistory?.at(-1);
        return last ? [a.at - new Date(last.at).getTime()] : [];
      })
      .sort((a, b) => a - b);
    console.log(
      `\nStatus change → delivery at ${RATE} sends/s for 10 s (${n} sends, ${latencies.length} deliveries, poll interval ${config.GATEWAY_WEBHOOK_POLL_INTERVAL_MS} ms): p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
    );
  } finally {
    receiver.closeAllConnections();
    receiver.close();
    await stop();
  }
}
