import { monthStart } from '../partitions/partition-months.js';
import { createdAtBounds } from './message-key.js';

/**
 * The months of the given message ids as SQL literals, for a prepared statement on a partitioned table: the
 * created_at bounds (createdAtBounds) are parameters, which prune partitions only at run time, so PostgreSQL's plan
 * cache weighs a generic plan holding every partition (each month kept) against a custom one and, beyond a few
 * months, replans the statement on every call (0.4-0.7 ms more PostgreSQL CPU per status write with 20 monthly
 * partitions than with 5, measured); a generic plan it did choose would still lock every partition at each run. The
 * same bounds widened to whole UTC months and written as constants prune at plan time: the cached generic plan holds
 * the months of the ids only, whatever the number of months kept. One statement text per month, not per message
 * (monthly partitions: partitions/partition-months.ts). Empty when an id has no time (v4): every partition, as before.
 * The values are dates formatted here, never input.
 */
function monthsOf(ids: readonly string[]): { from: string; to: string } | null {
  const [lo, hi] = createdAtBounds(ids);
  if (!(lo instanceof Date) || !(hi instanceof Date)) return null;
  return { from: monthStart(lo).toISOString(), to: monthStart(hi, 1).toISOString() };
}

/** ` AND <column> >= <first month> AND <column> < <month after the last>`, or '' (see monthsOf). */
export function withinMonthsSql(column: string, ids: readonly string[]): string {
  const months = monthsOf(ids);
  if (!months) return '';
  return ` AND ${column} >= '${months.from}'::timestamptz AND ${column} < '${months.to}'::timestamptz`;
}

/** ` AND <column> >= <first month>`, or '': for rows stamped at or after their message (its status changes). */
export function sinceMonthSql(column: string, ids: readonly string[]): string {
  const months = monthsOf(ids);
  return months ? ` AND ${column} >= '${months.from}'::timestamptz` : '';
}
