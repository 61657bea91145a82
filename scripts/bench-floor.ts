import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { nodeCpu, postgresCpu, startBenchBacking } from './bench-dispatch.js';
import { runAutocannon } from './bench-in-process.js';

/**
 * `npm run bench -- floor`: what a synchronous send's whole life costs with nothing but its bare parts, the yardstick
 * for issue #13's goal (≤ 1,200 µs of Node + PostgreSQL CPU per send). A `node:http` server takes the send, stores it
 * with one prepared INSERT, calls the in-process simulator's Wessaal send over a keep-alive agent, records the answer
 * with one UPDATE and answers; 2 s later one status poll (the simulator's status route, one UPDATE). No framework, no
 * validation, no idempotency, attempts, schedule, events or list indexes: a table with its primary key and, in the
 * `history` shape, the status history the gateway's API exposes (one row per status, in the same statement). Pinned
 * and counted as `npm run bench -- dispatch` counts the gateway (this process on core 0 with its own embedded
 * PostgreSQL, autocannon on core 1), so the two tables compare.
 */
const SENDS = Number(process.env.BENCH_FLOOR_SENDS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_FLOOR_ROUNDS ?? 3);
const POLL_AFTER_MS = 2_000;
const TENANT = '00000000-0000-4000-8000-000000000001';

type Shape = 'narrow' | 'history';

/** The three writes of a whole life, per shape: stored QUEUED, the provider's answer, the poll's final status. */
const WRITES: Record<Shape, { insert: string; sent: string; delivered: string }> = {
  narrow: {
    insert: `INSERT INTO floor_messages (id, tenant_id, status, to_number, request) VALUES ($1, $2, 'QUEUED', $3, $4)`,
    sent: `UPDATE floor_messages SET status = 'SENT', provider_message_id = $2, updated_at = now() WHERE id = $1`,
    delivered: `UPDATE floor_messages SET status = 'DELIVERED', updated_at = now() WHERE id = $1`,
  },
  history: {
    insert: `WITH i AS (INSERT INTO floor_messages (id, tenant_id, status, to_number, request)
               VALUES ($1, $2, 'QUEUED', $3, $4) RETURNING id)
             INSERT INTO floor_history (message_id, status) SELECT id, 'QUEUED' FROM i`,
    sent: `WITH u AS (UPDATE floor_messages SET status = 'SENT', provider_message_id = $2, updated_at = now()
             WHERE id = $1 RETURNING id)
           INSERT INTO floor_history (message_id, status) SELECT id, 'SENT' FROM u`,
    delivered: `WITH u AS (UPDATE floor_messages SET status = 'DELIVERED', updated_at = now() WHERE id = $1 RETURNING id)
                INSERT INTO floor_history (message_id, status) SELECT id, 'DELIVERED' FROM u`,
  },
};

interface FloorRound {
  shape: Shape;
  connections: number;
  sends: number;
  nodeUs: number;
  postgresUs: number;
  p50: number;
  p99: number;
}

export async function floorBench(): Promise<void> {
  const backing = await startBenchBacking('floor');
  const { sim, embedded, postmaster } = backing;
  const pool = new pg.Pool({ connectionString: embedded.url, max: 20 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const rows: FloorRound[] = [];
  try {
    for (const shape of ['narrow', 'history'] as const) {
      for (const connections of [1, 10, 50]) {
        await resetTables(pool);
        const server = await floorServer(pool, sim.url, agent, shape);
        try {
          await server.load(Math.min(1_000, SENDS), connections); // warm-up: plans cached, pools full
          for (let round = 0; round < ROUNDS; round++) {
            const [node0, pg0] = [nodeCpu(), postgresCpu(postmaster)];
            const run = await server.load(connections === 1 ? Math.min(1_500, SENDS) : SENDS, connections);
            const [node1, pg1] = [nodeCpu(), postgresCpu(postmaster)];
            rows.push({
              shape,
              connections,
              sends: run.sends,
              nodeUs: ((node1 - node0) / run.sends) * 1e6,
              postgresUs: ((pg1 - pg0) / run.sends) * 1e6,
              p50: run.p50,
              p99: run.p99,
            });
          }
        } finally {
          await server.close();
        }
      }
    }
  } finally {
    agent.destroy();
    await pool.end();
    await backing.close();
  }
  report(rows);
}

async function resetTables(pool: pg.Pool): Promise<void> {
  await pool.query('DROP TABLE IF EXISTS floor_history, floor_messages');
  await pool.query(`CREATE TABLE floor_messages (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, status text NOT NULL,
    to_number text NOT NULL, request jsonb NOT NULL, provider_message_id text,
    created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query(`CREATE TABLE floor_history (id bigserial PRIMARY KEY, message_id uuid NOT NULL, status text NOT NULL,
    at timestamptz NOT NULL DEFAULT now())`);
  await pool.query('CREATE INDEX ON floor_history (message_id)');
}

/**
 * The bare gateway: `load(n, c)` sends n messages at c connections and resolves once every one has been polled to
 * its final status, so the polls' CPU falls inside the measurement as the gateway bench's does.
 */
async function floorServer(
  pool: pg.Pool,
  simulatorUrl: string,
  agent: http.Agent,
  shape: Shape,
): Promise<{
  load(sends: number, connections: number): Promise<{ sends: number; p50: number; p99: number }>;
  close(): Promise<void>;
}> {
  const provider = new URL(`${simulatorUrl}/wessaal/integration/v1/`);
  const writes = WRITES[shape];
  let pollsPending = 0;
  let pollFailures = 0;
  const query = (name: string, text: string, values: unknown[]) => pool.query({ name, text, values });
  const callProvider = (method: string, path: string, body?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        new URL(path, provider),
        {
          method,
          agent,
          headers: { 'content-type': 'application/json', 'x-api-key': 'sk_test_wessaal_demo' },
        },
        (response) => {
          let data = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (data += chunk));
          response.on('end', () => resolve(JSON.parse(data) as Record<string, unknown>));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const poll = async (id: string, providerId: string): Promise<void> => {
    try {
      // A kept-alive socket the simulator closed as it was reused resets: a poll is safe to repeat, as the gateway's.
      await callProvider('GET', `messages/${providerId}/status`).catch(() =>
        callProvider('GET', `messages/${providerId}/status`),
      );
      await query(`floor_${shape}_delivered`, writes.delivered, [id]);
    } catch {
      pollFailures++;
    } finally {
      pollsPending--;
    }
  };
  const send = async (body: string): Promise<string> => {
    const input = JSON.parse(body) as { to: string; text: string };
    const id = randomUUID();
    await query(`floor_${shape}_insert`, writes.insert, [id, TENANT, input.to, body]);
    const answer = await callProvider(
      'POST',
      'messages/send',
      JSON.stringify({
        instance: 'my-instance',
        recipient: input.to,
        message_type: 'text',
        content: input.text,
      }),
    );
    const providerId = String((answer.data as { message_id: number }).message_id);
    await query(`floor_${shape}_sent`, writes.sent, [id, providerId]);
    pollsPending++;
    setTimeout(() => void poll(id, providerId), POLL_AFTER_MS);
    return JSON.stringify({ id, status: 'SENT', providerMessageId: providerId });
  };
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      send(body).then(
        (answer) => response.writeHead(201, { 'content-type': 'application/json' }).end(answer),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('floor server has no port');
  const url = `http://127.0.0.1:${address.port}/v1/messages`;
  const body = JSON.stringify({ connection: 'wessaal-demo', to: '+966501234567', text: 'bench sync' });
  return {
    async load(sends, connections) {
      const run = await runAutocannon<{
        requests: { total: number };
        non2xx: number;
        latency: { p50: number; p99: number };
      }>([
        '-c',
        String(connections),
        '-a',
        String(sends),
        '-m',
        'POST',
        '-b',
        body,
        '-H',
        'content-type=application/json',
        url,
      ]);
      if (run.non2xx > 0) throw new Error(`floor: ${run.non2xx} sends failed`);
      while (pollsPending > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      if (pollFailures > 0) throw new Error(`floor: ${pollFailures} polls failed`);
      return { sends: run.requests.total, p50: run.latency.p50, p99: run.latency.p99 };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function report(rows: FloorRound[]): void {
  console.log(
    '\n## The floor of a synchronous send (bare parts, the in-process simulator; servers on core 0)',
  );
  console.log(
    '\n| shape | connections | sends | Node µs/send | PostgreSQL µs/send | Node + PostgreSQL | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of rows)
    console.log(
      `| ${r.shape} | ${r.connections} | ${r.sends} | ${r.nodeUs.toFixed(0)} | ${r.postgresUs.toFixed(0)} | ${(r.nodeUs + r.postgresUs).toFixed(0)} | ${r.p50} | ${r.p99} |`,
    );
  const medians = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.shape} at ${r.connections}`;
    medians.set(key, [...(medians.get(key) ?? []), r.nodeUs + r.postgresUs]);
  }
  const summary = [...medians].map(([key, values]) => `${key}: ${median(values).toFixed(0)} µs`).join('; ');
  console.log(
    `\nMedian Node + PostgreSQL per whole life: ${summary} (issue #13's goal for the gateway: ≤ 1,200 µs)`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
