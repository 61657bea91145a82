import type { DataSource } from 'typeorm';
import type { MessageErrorRecord } from '../database/entities/message.entity.js';
import { StatementCoalescer } from '../database/statement-coalescer.js';
import { preparedQuery } from '../database/prepared-query.js';
import { createdAtOfId } from './message-key.js';
import { sinceMonthSql, withinMonthsSql } from './message-months.js';
import { HISTORY_COLUMNS, type HistoryRow } from './status-history-row.js';

/** A status a poll found, to write on a message the scheduler claimed (see MessageStatusService.applyToKnown). */
export interface PollStatusWrite {
  /** A time-ordered (v7) id: its created_at names the message's partition. */
  messageId: string;
  /** The status the poll read the message with: the row is written only if it still has it. */
  expectedStatus: string;
  status: string;
  providerStatus: string | null;
  /** Undefined: the error column is left as it is. */
  error?: MessageErrorRecord | null;
  /** When the scheduler looks at the message next; null: never (the schedule row goes). */
  nextActionAt: Date | null;
  source: string;
}

/** The message row as written (`RETURNING *`), its next action under its property name, and its whole history. */
export type WrittenPollRow = Record<string, unknown> & { history: HistoryRow[] };

/**
 * The status writes of the scheduler's polls, several messages per statement and one statement in flight. A claim's
 * polls are answered together (one list call per connection, StatusPollBatcher), and written one statement each they
 * reached PostgreSQL all at once: at one connection, a send sharing the core with that burst waited behind a dozen
 * backends, the whole p99 of the one-connection bench (issue #13, docs/benchmarks.md). Coalesced with one statement
 * in flight, the first poll of a claim goes at once and the rest share the next statement, as a claim's reschedules
 * do (PollReschedules).
 *
 * The statement does what the single-row status write does for each row: the message's status (guarded by the
 * status the poll read: a row a webhook moved meanwhile is not written and not answered, and its poll takes the
 * locked path), one status_changes row, the schedule row moved or ended, and the row and its whole history answered
 * for publishing. The rows are found by their whole key (id and created_at, the partition key), and the months of
 * the batch's ids are constants, as in the single write, so the plan holds those months' partitions only.
 */
export class PollStatusWrites {
  private readonly writes = new StatementCoalescer<PollStatusWrite, WrittenPollRow | null>({
    run: (items) => this.run(items),
    maxBatch: 64,
    maxInFlight: 1,
    // One message twice in a statement would update its row twice: never in one batch.
    keyOf: (item) => item.messageId,
  });

  constructor(private readonly dataSource: DataSource) {}

  /** The row as written, or null when the message no longer had the expected status (or is gone). */
  write(item: PollStatusWrite): Promise<WrittenPollRow | null> {
    return this.writes.submit(item);
  }

  private async run(items: PollStatusWrite[]): Promise<(WrittenPollRow | null)[]> {
    const ids = items.map((item) => item.messageId);
    const at = new Date().toISOString();
    const rows = await preparedQuery<WrittenPollRow>(this.dataSource, pollStatusWriteSql(ids), [
      ids,
      ids.map(createdAtOfId),
      items.map((item) => item.expectedStatus),
      items.map((item) => item.status),
      items.map((item) => item.providerStatus),
      items.map((item) => item.error !== undefined),
      items.map((item) => (item.error == null ? null : JSON.stringify(item.error))),
      items.map((item) => item.source),
      items.map((item) => item.nextActionAt),
      at,
    ]);
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}

/**
 * The statement for a batch of these ids: the text depends only on the months they fall in (message-months.ts).
 * Exported for the plan test.
 */
export function pollStatusWriteSql(ids: readonly string[]): string {
  const inMonth = withinMonthsSql('m.created_at', ids);
  const sinceMonth = sinceMonthSql('s.at', ids);
  return `WITH input AS MATERIALIZED (
      SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::boolean[],
        $7::jsonb[], $8::text[], $9::timestamptz[])
        AS i(id, created_at, expected, status, provider_status, sets_error, error, source, next_action_at)
    ), updated AS (
      UPDATE messages m SET status = i.status, provider_status = i.provider_status,
        error = CASE WHEN i.sets_error THEN i.error ELSE m.error END, updated_at = now()
      FROM input i
      WHERE m.id = i.id AND m.created_at = i.created_at${inMonth} AND m.status = i.expected
      RETURNING m.*
    ), change AS (
      INSERT INTO status_changes (tenant_id, message_id, status, provider_status, source, at)
      SELECT u.tenant_id, u.id, i.status, i.provider_status, i.source, GREATEST($10::timestamptz, u.created_at)
      FROM updated u JOIN input i ON i.id = u.id
      RETURNING ${HISTORY_COLUMNS}
    ), ended AS (
      DELETE FROM message_schedule WHERE message_id IN (
        SELECT u.id FROM updated u JOIN input i ON i.id = u.id WHERE i.next_action_at IS NULL)
    ), moved AS (
      INSERT INTO message_schedule (message_id, created_at, next_action_at)
      SELECT u.id, u.created_at, i.next_action_at FROM updated u JOIN input i ON i.id = u.id
      WHERE i.next_action_at IS NOT NULL
      ON CONFLICT (message_id) DO UPDATE SET next_action_at = EXCLUDED.next_action_at
    )
    SELECT u.*, i.next_action_at AS "nextActionAt", (SELECT coalesce(json_agg(h), '[]'::json) FROM (
      SELECT ${HISTORY_COLUMNS} FROM status_changes s WHERE s.message_id = u.id AND s.at >= u.created_at${sinceMonth}
      UNION ALL SELECT ${HISTORY_COLUMNS} FROM change c WHERE c.message_id = u.id) h) AS history
    FROM updated u JOIN input i ON i.id = u.id`;
}
