import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EntityManager, type DataSource } from 'typeorm';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { AttemptOutcome, MessageAttemptEntity } from '../database/entities/message-attempt.entity.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import { preparedQuery } from '../database/prepared-query.js';
import { createdAtBounds } from './message-key.js';
import { withinMonthsSql } from './message-months.js';
import { MessageTiming } from './message-timing.js';
import { scheduleCte } from './message-schedule.js';

const COLUMNS = `message_id, number, connection_id, connection_name, provider, outcome, error_code, started_at,
  finished_at`;

export interface AttemptRow {
  message_id: string;
  number: number;
  connection_id: string;
  connection_name: string;
  provider: string;
  outcome: AttemptOutcome | null;
  error_code: string | null;
  started_at: Date;
  finished_at: Date | null;
}

function attemptOf(row: AttemptRow): MessageAttemptEntity {
  return {
    messageId: row.message_id,
    number: row.number,
    connectionId: row.connection_id,
    connectionName: row.connection_name,
    provider: row.provider,
    outcome: row.outcome,
    errorCode: row.error_code,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
  };
}

/**
 * Starts an attempt other than the first of a send (the first is written with the message: see queued-insert.ts):
 * moves the message onto the attempt's connection, keeps it leased (message_schedule), and writes the attempt
 * without outcome, in one statement. With `expectedNextActionAt`, only while the message's schedule row still has
 * that next_action_at (a synchronous send failing over: if the scheduler claimed the message meanwhile, it is the
 * scheduler's and nothing is written): the compare-and-set is the schedule row's update, which waits for a claim
 * holding the row and then compares again. The message's month is written as constants (message-months.ts): one
 * statement text per month, whose cached plan holds that month's partition only.
 */
const startSql = (messageId: string): string => `
WITH relet AS (
  UPDATE message_schedule SET next_action_at = $6 WHERE message_id = $1 AND next_action_at = $7::timestamptz
  RETURNING message_id
), moved AS (
  UPDATE messages SET connection_id = $2, connection_name = $3, provider = $4, updated_at = now()
  WHERE id = $1 AND created_at BETWEEN $8 AND $9${withinMonthsSql('created_at', [messageId])}
    AND ($7::timestamptz IS NULL OR EXISTS (SELECT 1 FROM relet))
  RETURNING id, created_at, updated_at
), leased AS (
  ${scheduleCte('(SELECT * FROM moved WHERE $7::timestamptz IS NULL) AS m', '$6::timestamptz')}
), attempt AS (
  INSERT INTO message_attempts (message_id, number, connection_id, connection_name, provider, started_at)
  SELECT id, $5, $2, $3, $4, now() FROM moved
  ON CONFLICT (message_id, number) DO UPDATE
    SET connection_id = EXCLUDED.connection_id, connection_name = EXCLUDED.connection_name,
        provider = EXCLUDED.provider, started_at = EXCLUDED.started_at, outcome = NULL, error_code = NULL,
        finished_at = NULL
)
SELECT updated_at FROM moved`;

/** An attempt's outcome, and the message's attempts as they are now (the updated row is only seen through `done`). */
const FINISH_SQL = `
WITH done AS (
  UPDATE message_attempts SET outcome = $3, error_code = $4, finished_at = now()
  WHERE message_id = $1 AND number = $2
  RETURNING ${COLUMNS}
)
SELECT * FROM done
UNION ALL SELECT ${COLUMNS} FROM message_attempts WHERE message_id = $1 AND number <> $2
ORDER BY number`;

/** An attempt's outcome, written by the message's own status statement (see finishAttemptSql). */
export interface AttemptOutcomeWrite {
  number: number;
  outcome: AttemptOutcome;
  errorCode: string | null;
}

/**
 * FINISH_SQL as parts of another statement on the message (MessageStatusService's update, `$1` the message id): a
 * CTE that writes the outcome and a select expression answering every attempt of the message as JSON. A send then
 * records its outcome in the one statement that records the provider's answer: one round trip and one commit less
 * per attempt (issue #13's CPU per send), and the message and its attempt can no longer disagree after a crash.
 * Pushes its values onto `params`.
 */
export function finishAttemptSql(
  params: unknown[],
  write: AttemptOutcomeWrite,
): { cte: string; select: string } {
  params.push(write.number, write.outcome, write.errorCode);
  const [number, outcome, errorCode] = [params.length - 2, params.length - 1, params.length];
  return {
    cte: `finished AS (
      UPDATE message_attempts SET outcome = $${outcome}::text, error_code = $${errorCode}::text, finished_at = now()
      WHERE message_id = $1::uuid AND number = $${number}::int
      RETURNING ${COLUMNS})`,
    select: `(SELECT coalesce(json_agg(a ORDER BY a.number), '[]'::json) FROM (
      SELECT ${COLUMNS} FROM finished
      UNION ALL SELECT ${COLUMNS} FROM message_attempts WHERE message_id = $1::uuid AND number <> $${number}::int) a)`,
  };
}

/** Remembers the attempts a statement built with finishAttemptSql answered (as FINISH_SQL's caller does). */
export function rememberAttempts(message: MessageEntity, rows: AttemptRow[]): void {
  known.set(message, rows.map(attemptOf));
}

/**
 * The attempts each message entity had when its last attempt finished: the send's answer is described from them
 * without reading them again (one statement less per send). Forgotten whenever an attempt starts or is lost.
 */
const known = new WeakMap<MessageEntity, MessageAttemptEntity[]>();

/** The attempts this process last recorded for the entity, if they are still current. */
export function knownAttempts(message: MessageEntity): MessageAttemptEntity[] | undefined {
  return known.get(message);
}

/** The attempts of a message: written before each provider call, completed after (the crash-recovery record). */
@Injectable()
export class AttemptLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timing: MessageTiming,
  ) {}

  /** False when the message was no longer this caller's (see startSql); the entity follows the move. */
  async start(
    message: MessageEntity,
    connection: ConnectionEntity,
    number: number,
    expectedNextActionAt: Date | null = null,
  ): Promise<boolean> {
    const nextActionAt = this.timing.leaseUntil();
    const rows = await preparedQuery<{ updated_at: Date }>(this.dataSource, startSql(message.id), [
      message.id,
      connection.id,
      connection.name,
      connection.provider,
      number,
      nextActionAt,
      expectedNextActionAt,
      ...createdAtBounds([message.id]),
    ]);
    if (rows.length === 0) return false;
    known.delete(message);
    Object.assign(message, {
      connectionId: connection.id,
      connectionName: connection.name,
      provider: connection.provider,
      nextActionAt,
      updatedAt: new Date(rows[0]!.updated_at),
    });
    return true;
  }

  /** Records the outcome; the statement answers every attempt of the message, which describe() then reuses. */
  async finish(
    message: MessageEntity,
    number: number,
    outcome: AttemptOutcome,
    errorCode: string | null = null,
  ): Promise<void> {
    const rows = await preparedQuery<AttemptRow>(this.dataSource, FINISH_SQL, [
      message.id,
      number,
      outcome,
      errorCode,
    ]);
    known.set(message, rows.map(attemptOf));
  }

  /** Removes an attempt that was started but never made (no provider call), while it has no outcome. */
  async discard(message: MessageEntity, number: number): Promise<void> {
    known.delete(message);
    await preparedQuery(
      this.dataSource,
      'DELETE FROM message_attempts WHERE message_id = $1 AND number = $2 AND outcome IS NULL',
      [message.id, number],
    );
  }

  async last(messageId: string): Promise<MessageAttemptEntity | null> {
    const rows = await preparedQuery<AttemptRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM message_attempts WHERE message_id = $1 ORDER BY number DESC LIMIT 1`,
      [messageId],
    );
    return rows[0] ? attemptOf(rows[0]) : null;
  }

  /**
   * An attempt whose process died before recording the answer, sent again: the attempt is `lost`, the message
   * counts it, and with `possibleDuplicate` (the provider could not tell whether it arrived) says so for good.
   */
  async markLost(message: MessageEntity, number: number, possibleDuplicate: boolean): Promise<void> {
    known.delete(message);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE message_attempts SET outcome = 'lost', finished_at = now() WHERE message_id = $1 AND number = $2`,
        [message.id, number],
      );
      await tx.query(
        `UPDATE messages SET attempts = GREATEST(attempts, $2), possible_duplicate = possible_duplicate OR $3,
                updated_at = now()
         WHERE id = $1 AND created_at BETWEEN $4 AND $5`,
        [message.id, number, possibleDuplicate, ...createdAtBounds([message.id])],
      );
    });
    message.attempts = Math.max(message.attempts, number);
    message.possibleDuplicate ||= possibleDuplicate;
  }
}

/** The attempts of the given messages, oldest first per message (for the API's `attemptHistory`). */
export async function attemptsOf(
  /** The pool, or a transaction's manager when the attempts must be read in its snapshot. */
  source: DataSource | EntityManager,
  messageIds: string[],
): Promise<Map<string, MessageAttemptEntity[]>> {
  const byMessage = new Map<string, MessageAttemptEntity[]>();
  if (messageIds.length === 0) return byMessage;
  const sql = `SELECT ${COLUMNS} FROM message_attempts WHERE message_id = ANY($1::uuid[]) ORDER BY message_id, number`;
  const rows =
    source instanceof EntityManager
      ? ((await source.query(sql, [messageIds])) as AttemptRow[])
      : await preparedQuery<AttemptRow>(source, sql, [messageIds]);
  for (const row of rows) {
    const list = byMessage.get(row.message_id) ?? [];
    list.push(attemptOf(row));
    byMessage.set(row.message_id, list);
  }
  return byMessage;
}
