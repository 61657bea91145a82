const DAY_MS = 24 * 60 * 60 * 1000;

/** The tables a retention pass deletes from: the label values of gateway_retention_deleted_rows_total. */
export const RETENTION_TABLES = [
  'messages',
  'status_changes',
  'held_requests',
  'message_attempts',
  'idempotency_records',
  'inbound_messages',
  'verifications',
  'webhook_deliveries',
  'webhook_attempts',
  'webhook_events',
] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

/** Rows deleted, per table. */
export type DeletedCounts = Record<RetentionTable, number>;

export function noneDeleted(): DeletedCounts {
  return Object.fromEntries(RETENTION_TABLES.map((table) => [table, 0])) as DeletedCounts;
}

export function addCounts(total: DeletedCounts, more: Partial<DeletedCounts>): void {
  for (const table of RETENTION_TABLES) total[table] += more[table] ?? 0;
}

/**
 * The days a tenant's data is kept, or null to keep it forever: the tenant's own setting wins (0 = keep forever,
 * whatever the global says), else GATEWAY_RETENTION_DAYS, else keep.
 */
export function effectiveRetentionDays(
  tenantDays: number | null,
  globalDays: number | undefined,
): number | null {
  if (tenantDays !== null) return tenantDays > 0 ? tenantDays : null;
  return globalDays ?? null;
}

/** Rows created before this instant are past their retention. */
export function retentionCutoff(days: number, now: Date): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export interface BatchLoopOptions {
  batchSize: number;
  pauseMs: number;
  /** Checked between batches: shutdown stops a pass after the batch in flight. */
  shouldStop?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs one batch statement until it comes back short (fewer `primary` rows than a batch: nothing left), pausing
 * between batches so sends get the database in between, and sums what every batch deleted.
 */
export async function deleteInBatches(
  batch: (limit: number) => Promise<Partial<DeletedCounts>>,
  primary: RetentionTable,
  options: BatchLoopOptions,
): Promise<{ deleted: DeletedCounts; batches: number }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deleted = noneDeleted();
  let batches = 0;
  for (;;) {
    const counts = await batch(options.batchSize);
    batches++;
    addCounts(deleted, counts);
    if ((counts[primary] ?? 0) < options.batchSize || options.shouldStop?.()) break;
    if (options.pauseMs > 0) await sleep(options.pauseMs);
    if (options.shouldStop?.()) break;
  }
  return { deleted, batches };
}
