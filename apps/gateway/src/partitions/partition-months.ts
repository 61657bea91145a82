/**
 * The monthly partitions of the partitioned tables (issue #15; migration Partitioning1796300300000): range
 * partitions [first of a month 00:00 UTC, first of the next month), named `<table>_pYYYYMM`, plus one DEFAULT
 * partition `<table>_default` per table that catches a row no month holds (kept empty in normal operation).
 */
export const PARTITIONED_TABLES = [
  { table: 'messages', key: 'created_at' },
  { table: 'status_changes', key: 'at' },
  { table: 'inbound_messages', key: 'received_at' },
] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number]['table'];

/** The first instant (UTC) of the month of `date`, shifted by `months`. */
export function monthStart(date: Date, months = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

export function partitionName(table: PartitionedTable, month: Date): string {
  return `${table}_p${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function defaultPartitionName(table: PartitionedTable): string {
  return `${table}_default`;
}

/** The month a partition name stands for, or null for the default partition or a name this code did not give. */
export function monthOfPartition(table: PartitionedTable, name: string): Date | null {
  const match = new RegExp(`^${table}_p(\\d{4})(\\d{2})$`).exec(name);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return new Date(Date.UTC(Number(match[1]), month - 1, 1));
}

/** The months that must exist at `now`: the current one and the `ahead` after it. */
export function monthsToEnsure(now: Date, ahead: number): Date[] {
  return Array.from({ length: ahead + 1 }, (_, i) => monthStart(now, i));
}

/** The DDL of one month's partition (names and bounds are generated here, never taken from input). */
export function createPartitionSql(table: PartitionedTable, month: Date): string {
  return `CREATE TABLE IF NOT EXISTS "${partitionName(table, month)}" PARTITION OF "${table}"
    FOR VALUES FROM ('${month.toISOString()}') TO ('${monthStart(month, 1).toISOString()}')`;
}
