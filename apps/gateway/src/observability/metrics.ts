import { Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';
import { metricsRegistry } from './metrics-registry.js';

/**
 * Every gateway metric, defined once at module load on the one registry (several apps in one test process share
 * them). Labels are bounded: route templates (never raw URLs), provider ids, connection ids, codes; never a message
 * id or a phone number. Gauges read from the database are filled at scrape time by MetricsService.
 */
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];

export const httpRequests = new Counter({
  name: 'gateway_http_requests_total',
  help: 'HTTP requests answered, by method, route template and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers,
});

export const httpRequestDuration = new Histogram({
  name: 'gateway_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route template and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers,
});

export const messagesSent = new Counter({
  name: 'gateway_messages_sent_total',
  help: 'Send attempts by provider, connection id and outcome (accepted, retry, failed)',
  labelNames: ['provider', 'connection', 'outcome'] as const,
  registers,
});

export const providerRequestDuration = new Histogram({
  name: 'gateway_provider_request_duration_seconds',
  help: 'Provider calls by provider, endpoint (adapter operation) and outcome (ok or the normalized error code)',
  labelNames: ['provider', 'endpoint', 'outcome'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
  registers,
});

export const statusChanges = new Counter({
  name: 'gateway_message_status_changes_total',
  help: 'Message status changes recorded, by provider and new status',
  labelNames: ['provider', 'status'] as const,
  registers,
});

/** Filled at scrape time (MetricsService). */
export const messagesDue = new Gauge({
  name: 'gateway_messages_due',
  help: 'Messages whose next scheduler action (retry or status poll) is due now: the queue depth',
  registers,
});

export const schedulerLag = new Gauge({
  name: 'gateway_scheduler_lag_seconds',
  help: 'How long the oldest due message has been waiting for the scheduler (0 when none is due)',
  registers,
});

export const dbPoolConnections = new Gauge({
  name: 'gateway_db_pool_connections',
  help: "Connections of this process's PostgreSQL pool, by state (in_use, idle)",
  labelNames: ['state'] as const,
  registers,
});

export const dbPoolWaiting = new Gauge({
  name: 'gateway_db_pool_waiting_requests',
  help: 'Queries of this process waiting for a free PostgreSQL pool connection',
  registers,
});

/** Every label a series has from the start (Prometheus conventions: no missing series before the first event). */
dbPoolConnections.set({ state: 'in_use' }, 0);
dbPoolConnections.set({ state: 'idle' }, 0);
