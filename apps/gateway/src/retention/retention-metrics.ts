import { Counter } from 'prom-client';
import { metricsRegistry } from '../observability/metrics-registry.js';
import { RETENTION_TABLES } from './retention-policy.js';

export const retentionDeletedRows = new Counter({
  name: 'gateway_retention_deleted_rows_total',
  help: 'Rows deleted by retention passes (GATEWAY_RETENTION_DAYS or a tenant retention), by table',
  labelNames: ['table'] as const,
  registers: [metricsRegistry],
});
for (const table of RETENTION_TABLES) retentionDeletedRows.inc({ table }, 0);
