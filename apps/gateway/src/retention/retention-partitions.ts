import type { DataSource, QueryRunner } from 'typeorm';
import { monthOfPartition, monthStart, type PartitionedTable } from '../partitions/partition-months.js';
import type { DeletedCounts } from './retention-policy.js';

/**
 * Retention by whole partitions (issue #15): a month partition whose every row is older than the cutoff of every
 * tenant (the caller passes the earliest cutoff, and none when a tenant keeps forever) is dropped instead of deleted
 * row by row: no dead rows, no vacuum, no index churn. What a partition's rows need gone with them:
 * - messages: nothing may still be at work (a message with a message_schedule row keeps its whole month, and the
 *   batched deletes take the rest of it; so no schedule row outlives the drop: the check runs under the partition's
 *   lock, and a schedule row is only ever created by a statement that writes its message); its attempts, held
 *   requests and rate turns (no foreign keys since partitioning)
 *   are deleted first, in batches walking the partition's ids; its idempotency records are left to the batched
 *   IDEMPOTENCY statement, which deletes a record whose message is gone.
 * - status_changes: a month goes once no message older than its end is left anywhere (a change is never stamped
 *   before its message: message-status.service.ts), so every change in it belongs to a message already gone.
 * - inbound_messages: nothing depends on them.
 * The default partitions are never dropped: the batched deletes cover their rows.
 */

/** How long a drop may wait for its locks (DROP of a partition locks the parent, and sends queue behind). */
const LOCK_TIMEOUT = '2s';

export interface PartitionDropOptions {
  batchSize: number;
  pauseMs: number;
  shouldStop: () => boolean;
  /** Counted as they go (metrics), besides the totals answered. */
  onDeleted: (counts: Partial<DeletedCounts>) => void;
  onDropped: (table: PartitionedTable, partition: string, rows: number) => void;
}

export interface PartitionDropResult {
  deleted: Partial<DeletedCounts>;
  dropped: string[];
  /** Partitions past the cutoff kept this pass, with why (busy messages, newer messages, a lock timeout). */
  kept: Array<{ partition: string; reason: string }>;
}

/** The month partitions of a table whose whole range ends at or before the cutoff, oldest first. */
async function expiredMonths(
  dataSource: DataSource,
  table: PartitionedTable,
  cutoff: Date,
): Promise<Array<{ name: string; start: Date; end: Date }>> {
  const rows = (await dataSource.query(
    `SELECT c.relname AS name FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.oid = $1::regclass`,
    [`public.${table}`],
  )) as Array<{ name: string }>;
  return rows
    .flatMap(({ name }) => {
      const month = monthOfPartition(table, name);
      return month ? [{ name, start: month, end: monthStart(month, 1) }] : [];
    })
    .filter((p) => p.end.getTime() <= cutoff.getTime())
    .sort((a, b) => a.end.getTime() - b.end.getTime());
}

/** Runs `work` in a transaction with a short lock timeout; false (rolled back) when it answers false. */
async function inShortLockTransaction(
  dataSource: DataSource,
  work: (runner: QueryRunner) => Promise<boolean>,
): Promise<boolean> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const done = await work(runner);
    if (done) await runner.commitTransaction();
    else await runner.rollbackTransaction();
    return done;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** What both a DataSource and a QueryRunner offer. */
interface Queryable {
  query(sql: string): Promise<unknown>;
}

/** Deletes the dependents of a messages partition's rows, batch by batch in id order; answers the rows walked. */
async function deleteDependents(
  dataSource: DataSource,
  partition: string,
  options: PartitionDropOptions,
  deleted: Partial<DeletedCounts>,
): Promise<number | null> {
  let after = NO_ID;
  let messages = 0;
  for (;;) {
    const [row] = (await dataSource.query(
      `WITH batch AS (SELECT id FROM "${partition}" WHERE id > $1 ORDER BY id LIMIT $2),
       attempts AS (DELETE FROM message_attempts WHERE message_id IN (SELECT id FROM batch) RETURNING 1),
       held AS (DELETE FROM held_requests WHERE message_id IN (SELECT id FROM batch) RETURNING 1),
       turns AS (DELETE FROM message_rate_turns WHERE message_id IN (SELECT id FROM batch) RETURNING 1)
       SELECT (SELECT count(*) FROM batch)::int AS messages,
              (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last,
              (SELECT count(*) FROM attempts)::int AS message_attempts,
              (SELECT count(*) FROM held)::int AS held_requests,
              (SELECT count(*) FROM turns)::int AS rate_turns`,
      [after, options.batchSize],
    )) as Array<{ messages: number; last: string | null; message_attempts: number; held_requests: number }>;
    if (!row) break;
    const counts = { message_attempts: row.message_attempts, held_requests: row.held_requests };
    deleted.message_attempts = (deleted.message_attempts ?? 0) + counts.message_attempts;
    deleted.held_requests = (deleted.held_requests ?? 0) + counts.held_requests;
    options.onDeleted(counts);
    messages += row.messages;
    if (row.messages < options.batchSize || !row.last) break;
    after = row.last;
    if (options.shouldStop()) return null;
    if (options.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
  return messages;
}

/** Drops what can be dropped at `cutoff` (see above); a lock timeout keeps that partition for the next pass. */
export async function dropExpiredPartitions(
  dataSource: DataSource,
  cutoff: Date,
  options: PartitionDropOptions,
): Promise<PartitionDropResult> {
  const result: PartitionDropResult = { deleted: {}, dropped: [], kept: [] };
  const drop = async (
    table: PartitionedTable,
    name: string,
    check: (runner: QueryRunner) => Promise<string | null>,
  ): Promise<void> => {
    let reason: string | null = null;
    try {
      await inShortLockTransaction(dataSource, async (runner) => {
        // Locked first, so no row arrives or changes between the check, the count and the drop.
        await runner.query(`LOCK TABLE "${name}" IN ACCESS EXCLUSIVE MODE`);
        reason = await check(runner);
        if (reason) return false;
        const [counted] = (await runner.query(`SELECT count(*)::int AS n FROM "${name}"`)) as Array<{
          n: number;
        }>;
        const rows = counted?.n ?? 0;
        await runner.query(`DROP TABLE "${name}"`);
        result.deleted[table] = (result.deleted[table] ?? 0) + rows;
        options.onDeleted({ [table]: rows });
        options.onDropped(table, name, rows);
        return true;
      });
    } catch (error) {
      reason = `not dropped this pass: ${(error as Error).message}`;
    }
    if (reason) result.kept.push({ partition: name, reason });
    else result.dropped.push(name);
  };
  // The schedule rows of the month's messages (message_schedule keeps each message's created_at).
  const busy = async (runner: Queryable, start: Date, end: Date): Promise<string | null> => {
    const [row] = (await runner.query(
      `SELECT EXISTS (SELECT 1 FROM message_schedule
         WHERE created_at >= '${start.toISOString()}' AND created_at < '${end.toISOString()}') AS busy`,
    )) as Array<{ busy: boolean }>;
    return row?.busy ? 'messages still at work (scheduled in message_schedule)' : null;
  };

  for (const { name, start, end } of await expiredMonths(dataSource, 'messages', cutoff)) {
    if (options.shouldStop()) return result;
    // Checked before the walk too, so a busy month costs no walk (and again under the lock, before the drop).
    const reason = await busy(dataSource, start, end);
    if (reason) {
      result.kept.push({ partition: name, reason });
      continue;
    }
    const walked = await deleteDependents(dataSource, name, options, result.deleted);
    if (walked === null) return result;
    await drop('messages', name, (runner) => busy(runner, start, end));
  }
  for (const { name, end } of await expiredMonths(dataSource, 'status_changes', cutoff)) {
    if (options.shouldStop()) return result;
    await drop('status_changes', name, async (runner) => {
      const [row] = (await runner.query(
        'SELECT EXISTS (SELECT 1 FROM messages WHERE created_at < $1) AS older',
        [end],
      )) as Array<{ older: boolean }>;
      return row?.older ? 'messages older than its end are kept' : null;
    });
  }
  for (const { name } of await expiredMonths(dataSource, 'inbound_messages', cutoff)) {
    if (options.shouldStop()) return result;
    await drop('inbound_messages', name, () => Promise.resolve(null));
  }
  return result;
}
