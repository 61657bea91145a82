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
  return {
    sends: done,
    nodeUs: ((node1 - node0) / done) * 1e6,
    postgresUs: ((pg1 - pg0) / done) * 1e6,
    finalMs,
    statements: (statements1 - statements0) / done,
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
