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

export const retentionDroppedPartitions = new Counter({
  name: 'gateway_retention_dropped_partitions_total',
  help: 'Month partitions retention dropped whole (their rows are counted in gateway_retention_deleted_rows_total)',
  labelNames: ['table'] as const,
  registers: [metricsRegistry],
});
for (const table of ['messages', 'status_changes', 'inbound_messages'])
  retentionDroppedPartitions.inc({ table }, 0);
