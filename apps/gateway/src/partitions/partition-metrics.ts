import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../observability/metrics-registry.js';
import { PARTITIONED_TABLES } from './partition-months.js';

export const partitionsCreated = new Counter({
  name: 'gateway_partitions_created_total',
  help: 'Monthly partitions created ahead of time by this process, by table',
  labelNames: ['table'] as const,
  registers: [metricsRegistry],
});

export const partitionFailures = new Counter({
  name: 'gateway_partition_failures_total',
  help: 'Monthly partitions that could not be created (lock timeout, rows of that month in the default partition)',
  labelNames: ['table'] as const,
  registers: [metricsRegistry],
});

export const defaultPartitionRows = new Gauge({
  name: 'gateway_partition_default_rows',
  help: 'Rows found in the default partition of each partitioned table at the last check (0 in normal operation)',
  labelNames: ['table'] as const,
  registers: [metricsRegistry],
});

for (const { table } of PARTITIONED_TABLES) {
  partitionsCreated.inc({ table }, 0);
  partitionFailures.inc({ table }, 0);
}
