import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { StartedGateway } from '../apps/gateway/src/gateway-server.js';
import { autocannon, nodeCpu, postgresCpu } from './bench-dispatch.js';

export interface SyncLife {
  sends: number;
  nodeUs: number;
  postgresUs: number;
  /** From the first send until no message of the run is left to poll. */
  finalMs: number;
  /** Statements this process sent to PostgreSQL per send (all of them: sends, polls, claims, NOTIFYs, the bench's). */
  statements: number;
  /** Provider HTTP calls per send (the gateway's calls to the in-process simulator): sends, status polls, lists. */
  providerCalls: { sends: number; statuses: number; lists: number; other: number };
}

/**
 * Every statement any pg client of this process sends, counted: the gateway runs in this process, so this is the
 * number of round trips a send's whole life costs, a figure the other sessions' load on the machine cannot blur
 * (the CPU figures it does).
 */
let statementsSent = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statementsSent++;
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

/**
 * Every HTTP request this process makes to a provider (`/integration/v1/…`: the Wessaal simulator), by kind: how many
 * provider calls a send's whole life costs, which the machine's load cannot blur either. The node transport calls
 * `http.request` on the module object, so wrapping it there sees every call.
 */
const providerCalls = { sends: 0, statuses: 0, lists: 0, other: 0 };
const request = http.request.bind(http) as (...args: unknown[]) => http.ClientRequest;
(http as { request: unknown }).request = (...args: unknown[]) => {
  const [target] = args;
  const path =
    target instanceof URL ? target.pathname : typeof target === 'string' ? new URL(target).pathname : '';
  if (path.includes('/integration/v1/')) {
    if (path.endsWith('/messages/send')) providerCalls.sends++;
    else if (path.endsWith('/status')) providerCalls.statuses++;
    else if (path.endsWith('/messages')) providerCalls.lists++;
    else providerCalls.other++;
  }
  return request(...args);
};

/**
 * A synchronous send's whole life (issue #13's CPU goal): SENDS Wessaal texts at 10 connections without `Prefer`,
 * then the scheduler's polls until each is final (Wessaal ends at DELIVERED), CPU from /proc over all of it: this
 * process (gateway + simulator; the load generator is another process) and PostgreSQL, divided by the sends.
 */
export async function syncWholeLife(
  gateway: StartedGateway,
  db: DataSource,
  postmaster: number,
  sends = 3_000,
): Promise<SyncLife> {
  // Earlier phases' messages still being polled would be counted against these sends: no longer polled. (Waiting
  // for them takes long: past the simulator's per-account cap, evicted ids answer "unknown" a few times first.)
  await db.query('DELETE FROM message_schedule');
  const [{ since }]: Array<{ since: Date }> = await db.query('SELECT now() AS since');
  const body = JSON.stringify({ connection: 'wessaal-demo', to: '+966501234567', text: 'bench sync' });
  const [node0, pg0, statements0] = [nodeCpu(), postgresCpu(postmaster), statementsSent];
  const calls0 = { ...providerCalls };
  const started = performance.now();
  const run = await autocannon(`${gateway.url}/v1/messages`, body, 0, {
    connections: 10,
    amount: sends,
    async: false,
  });
  await untilNothingToPoll(db, since);
  const finalMs = performance.now() - started;
  const [node1, pg1, statements1] = [nodeCpu(), postgresCpu(postmaster), statementsSent];
  const done = Math.max(1, run.requests.total - run.non2xx);
  const per = (key: keyof typeof providerCalls) => (providerCalls[key] - calls0[key]) / done;
  const calls = { sends: per('sends'), statuses: per('statuses'), lists: per('lists'), other: per('other') };
  console.log(
    `(sync life: ${done} sends; provider calls per send: ${calls.sends.toFixed(2)} send, ${calls.statuses.toFixed(3)} status, ${calls.lists.toFixed(3)} list, ${calls.other.toFixed(3)} other; load ${readFileSync('/proc/loadavg', 'utf8').trim()})`,
  );
  return {
    sends: done,
    nodeUs: ((node1 - node0) / done) * 1e6,
    postgresUs: ((pg1 - pg0) / done) * 1e6,
    finalMs,
    statements: (statements1 - statements0) / done,
    providerCalls: calls,
  };
}

/** Waits until no message created since `since` is left to send or poll (each is final, or given up on). */
async function untilNothingToPoll(db: DataSource, since: Date): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const [{ n }]: Array<{ n: string }> = await db.query(
      'SELECT count(*) AS n FROM message_schedule WHERE created_at >= $1',
      [since],
    );
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} messages still not final after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
