import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../observability/metrics-registry.js';

/** How an attempt ended; a bounded label set. */
export type AttemptOutcome = 'succeeded' | 'retrying' | 'failed' | 'endpoint_disabled';

export const webhookDeliveriesTotal = new Counter({
  name: 'gateway_webhook_deliveries_total',
  help: 'Client webhook delivery attempts by outcome: succeeded, retrying (will try again), failed (gave up), endpoint_disabled (410 or failing for days)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
for (const outcome of ['succeeded', 'retrying', 'failed', 'endpoint_disabled'] satisfies AttemptOutcome[])
  webhookDeliveriesTotal.inc({ outcome }, 0);

export const webhookAttemptDurationSeconds = new Histogram({
  name: 'gateway_webhook_attempt_duration_seconds',
  help: 'Time from sending a client webhook to its answer (or timeout)',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
  registers: [metricsRegistry],
});

/** Set by the delivery worker: counts the due deliveries when scraped. */
let depthProbe: (() => Promise<number>) | undefined;

export function setOutboxDepthProbe(probe: (() => Promise<number>) | undefined): void {
  depthProbe = probe;
}

export const webhookOutboxDepth = new Gauge({
  name: 'gateway_webhook_outbox_depth',
  help: 'Client webhook deliveries waiting (pending, due or scheduled for a retry)',
  registers: [metricsRegistry],
  async collect() {
    if (!depthProbe) return;
    try {
      this.set(await depthProbe());
    } catch {
      // The database is away: the last value stays, /metrics still answers.
    }
  },
});
