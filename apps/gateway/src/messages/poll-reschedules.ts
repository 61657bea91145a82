import type { DataSource } from 'typeorm';
import { StatementCoalescer } from '../database/statement-coalescer.js';
import { preparedQuery } from '../database/prepared-query.js';

interface Reschedule {
  messageId: string;
  /** When the scheduler looks at the message next; null: never again. */
  at: Date | null;
}

/**
 * Moves (or, with a null time, ends) the schedule rows of messages the scheduler holds, several in one statement. A
 * message waiting for its delivery report is polled again and again with nothing new (every 2 s while young, then a
 * quarter of its age): such a poll only needs its next poll time, not the row rewrite (updated_at), history read and
 * answer of a status write. The polls of one claim are answered together (one list call per connection, StatusPollBatcher), so their
 * reschedules share a statement too: at one connection a claim's burst of polls was the whole p99 of a send sharing
 * the core (issue #13, docs/benchmarks.md).
 *
 * The commit does not wait for the WAL flush (synchronous_commit off for this statement's transaction, as the claim
 * does): a reschedule lost in a database crash leaves the claim's lease in the row, so the message is polled again
 * when the lease runs out, which is all a lost reschedule can cost. A schedule row gone meanwhile (a webhook made the
 * message final) stays gone: only existing rows are updated. The rows are found through the primary key (`= ANY`),
 * never a join the planner could turn into a scan of the schedule; a batch is small, so finding each row's time in
 * the array by position costs nothing.
 */
export const RESCHEDULE_POLLS_SQL = `WITH quick AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true)),
  moved AS (
    UPDATE message_schedule s SET next_action_at = ($2::timestamptz[])[array_position($1::uuid[], s.message_id)]
    WHERE s.message_id = ANY ($1::uuid[]) AND EXISTS (SELECT FROM quick)
  )
  DELETE FROM message_schedule WHERE message_id = ANY ($3::uuid[]) AND EXISTS (SELECT FROM quick)`;

export class PollReschedules {
  private readonly writes = new StatementCoalescer<Reschedule, void>({
    run: (items) => this.run(items),
    maxBatch: 128,
    maxInFlight: 1,
    // One message twice in a statement would update its row twice: never in one batch.
    keyOf: (item) => item.messageId,
  });

  constructor(private readonly dataSource: DataSource) {}

  set(messageId: string, at: Date | null): Promise<void> {
    return this.writes.submit({ messageId, at });
  }

  private async run(items: Reschedule[]): Promise<void[]> {
    const moved = items.filter((item) => item.at !== null);
    const ended = items.filter((item) => item.at === null);
    await preparedQuery(this.dataSource, RESCHEDULE_POLLS_SQL, [
      moved.map((item) => item.messageId),
      moved.map((item) => item.at),
      ended.map((item) => item.messageId),
    ]);
    return items.map(() => undefined);
  }
}
