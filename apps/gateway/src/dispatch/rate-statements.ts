import { CATCH_UP_MS } from './rate-limit.js';

/**
 * One statement per turn ($1 connection, $2 spacing ms, $3 longest wait ms or null = take whatever turn there is,
 * $4 message id or null). A queued message that already holds a turn (rescheduled to it earlier) gives it back
 * instead of taking another, so a message is counted once however often it is rescheduled. Otherwise the
 * connection's next free turn (caught up by at most CATCH_UP_MS, see rate-limit.ts) moves one spacing on, atomically under its row lock (concurrent senders of every
 * process queue up on that row), unless the turn is further than $3 away: then nothing is taken and the row's
 * value says when to come back. Answers `source` (held, taken or refused) and `turn_at`.
 */
export const RATE_TURN_SQL = `WITH held AS (
    DELETE FROM message_rate_turns WHERE $4::uuid IS NOT NULL AND message_id = $4::uuid RETURNING turn_at
  ), taken AS (
    INSERT INTO connection_rate_state AS s (connection_id, next_turn_at)
    SELECT $1::uuid, now() + $2::float8 * interval '1 millisecond' WHERE NOT EXISTS (SELECT 1 FROM held)
    ON CONFLICT (connection_id) DO UPDATE
      SET next_turn_at = GREATEST(s.next_turn_at, now() - ${CATCH_UP_MS} * interval '1 millisecond')
        + $2::float8 * interval '1 millisecond'
      WHERE $3::float8 IS NULL OR s.next_turn_at <= now() + $3::float8 * interval '1 millisecond'
    RETURNING s.next_turn_at - $2::float8 * interval '1 millisecond' AS turn_at
  )
  SELECT 'held' AS source, turn_at, now() AS now FROM held
  UNION ALL SELECT 'taken', turn_at, now() FROM taken
  UNION ALL SELECT 'refused', next_turn_at, now() FROM connection_rate_state
    WHERE connection_id = $1::uuid AND NOT EXISTS (SELECT 1 FROM held) AND NOT EXISTS (SELECT 1 FROM taken)`;

/**
 * $1 message, $2 its turn, $3 when the scheduler should bring it back (its claimed schedule row, message_schedule):
 * the message keeps its turn and waits in the queue for it (no attempt counted).
 */
export const HOLD_TURN_SQL = `WITH held AS (
    INSERT INTO message_rate_turns (message_id, turn_at) VALUES ($1, $2)
    ON CONFLICT (message_id) DO UPDATE SET turn_at = EXCLUDED.turn_at
  )
  UPDATE message_schedule SET next_action_at = $3 WHERE message_id = $1`;

/**
 * $1 message, $2 when: a queued send (claimed: its schedule row exists) waits (a paused or unavailable connection)
 * without counting an attempt.
 */
export const DEFER_SQL = 'UPDATE message_schedule SET next_action_at = $2 WHERE message_id = $1';

export interface TurnRow {
  source: 'held' | 'taken' | 'refused';
  turn_at: Date;
  now: Date;
}
