import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';

/**
 * The body of a CTE that keeps message_schedule (MessageScheduleEntity) in step with a statement on the message:
 * `source` is a relation of that statement answering the `id` and `created_at` of the message rows it wrote, so the
 * schedule changes only where the message row did, in the same statement and commit. `at` is a SQL expression (a
 * parameter) for when the scheduler looks at the message next; null deletes the row (nothing due).
 */
export function scheduleCte(source: string, at: string | null): string {
  if (at === null) return `DELETE FROM message_schedule WHERE message_id IN (SELECT id FROM ${source})`;
  return `INSERT INTO message_schedule (message_id, created_at, next_action_at)
    SELECT id, created_at, ${at} FROM ${source}
    ON CONFLICT (message_id) DO UPDATE SET next_action_at = EXCLUDED.next_action_at`;
}

/**
 * Sets when the scheduler looks at a message it holds next (null: never), without touching the message row: the
 * message has a schedule row already (it was claimed), so an update is enough; a row gone meanwhile stays gone.
 */
export async function reschedule(dataSource: DataSource, messageId: string, at: Date | null): Promise<void> {
  if (at === null)
    await preparedQuery(dataSource, 'DELETE FROM message_schedule WHERE message_id = $1', [messageId]);
  else
    await preparedQuery(dataSource, 'UPDATE message_schedule SET next_action_at = $2 WHERE message_id = $1', [
      messageId,
      at,
    ]);
}
