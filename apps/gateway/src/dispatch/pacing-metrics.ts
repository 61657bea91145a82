import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metricsRegistry } from '../observability/metrics-registry.js';

const registers = [metricsRegistry];

/** Labels: connection ids (bounded by the connections that exist) and small fixed sets; never a message id. */
export const dispatchWaits = new Counter({
  name: 'gateway_dispatch_waits_total',
  help: 'Sends held back before the provider call, by connection id, mode (queued, sync) and reason (rate_limit, paused, unavailable) and outcome (waited in process, deferred in the queue, refused)',
  labelNames: ['connection', 'mode', 'reason', 'outcome'] as const,
  registers,
});

export const connectionPauses = new Counter({
  name: 'gateway_connection_pauses_total',
  help: 'Connections paused because the provider answered 429 or 503 with Retry-After, by connection id',
  labelNames: ['connection'] as const,
  registers,
});

export const breakerTransitions = new Counter({
  name: 'gateway_connection_breaker_transitions_total',
  help: 'Circuit breaker changes by connection id and new state (open, probing, closed)',
  labelNames: ['connection', 'state'] as const,
  registers,
});

/** Databases whose connections the gauge below counts (the last started app answers; usually there is one). */
const sources: DataSource[] = [];

export function watchConnectionHealth(dataSource: DataSource): () => void {
  sources.push(dataSource);
  return () => void sources.splice(sources.indexOf(dataSource), 1);
}

const STATES = ['paused', 'unavailable', 'probing'] as const;

/** Read at scrape time from the database (every process's view is the same): one small query on connections. */
export const connectionsNotAvailable = new Gauge({
  name: 'gateway_connections_not_available',
  help: 'Connections whose sends do not go now, by state (paused, unavailable = breaker open, probing)',
  labelNames: ['state'] as const,
  registers,
  async collect() {
    const db = sources.at(-1);
    if (!db?.isInitialized) return;
    const [row] = (await db
      .query(
        `SELECT count(*) FILTER (WHERE paused_until > now())::int AS paused,
                count(*) FILTER (WHERE (paused_until IS NULL OR paused_until <= now())
                                   AND unavailable_until > now() AND NOT breaker_probing)::int AS unavailable,
                count(*) FILTER (WHERE (paused_until IS NULL OR paused_until <= now())
                                   AND unavailable_until IS NOT NULL
                                   AND (breaker_probing OR unavailable_until <= now()))::int AS probing
         FROM connections WHERE paused_until > now() OR unavailable_until IS NOT NULL`,
      )
      .catch(() => [])) as Array<Record<(typeof STATES)[number], number>>;
    for (const state of STATES) this.set({ state }, row?.[state] ?? 0);
  },
});

for (const state of STATES) connectionsNotAvailable.set({ state }, 0);
