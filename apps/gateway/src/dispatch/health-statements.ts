/**
 * The health writes, one UPDATE each on the connection's row (its row lock orders concurrent writers from every
 * gateway process). All answer the health columns as written, so the writing process knows at once.
 */
const RETURNING = `RETURNING paused_until, pause_reason, consecutive_failures, unavailable_until, breaker_opens,
  breaker_probing, health_changed_at`;

/** $1 connection, $2 pause ms, $3 reason: pauses until the later of the current pause and now + $2. */
export const PAUSE_SQL = `UPDATE connections
  SET paused_until = GREATEST(paused_until, now() + $2 * interval '1 millisecond'), pause_reason = $3,
      health_changed_at = clock_timestamp()
  WHERE id = $1 ${RETURNING}`;

/**
 * The breaker opens on this failure when a probe failed, or when the count reaches the threshold while it is
 * closed; a failure of a send that started before the breaker opened changes nothing but the count.
 */
const OPENS = `(breaker_probing OR (consecutive_failures + 1 >= $4 AND unavailable_until IS NULL))`;

/** $1 connection, $2 base cooldown ms, $3 max cooldown ms, $4 threshold. Cooldown: base × 2^opens, capped. */
export const TRANSIENT_FAILURE_SQL = `UPDATE connections SET
    consecutive_failures = consecutive_failures + 1,
    unavailable_until = CASE WHEN ${OPENS}
      THEN now() + LEAST($3::float8, $2::float8 * power(2, LEAST(breaker_opens, 30))) * interval '1 millisecond'
      ELSE unavailable_until END,
    breaker_opens = breaker_opens + CASE WHEN ${OPENS} THEN 1 ELSE 0 END,
    breaker_probing = CASE WHEN ${OPENS} THEN false ELSE breaker_probing END,
    health_changed_at = clock_timestamp()
  WHERE id = $1 ${RETURNING}`;

/** $1 connection: the provider answered: the breaker closes and the count restarts (no write when nothing to undo). */
export const ANSWERED_SQL = `UPDATE connections SET consecutive_failures = 0, unavailable_until = NULL,
    breaker_opens = 0, breaker_probing = false, health_changed_at = clock_timestamp()
  WHERE id = $1 AND (consecutive_failures > 0 OR unavailable_until IS NOT NULL OR breaker_probing) ${RETURNING}`;

/**
 * $1 connection, $2 probe window ms: the cooldown is over; the one send that gets a row back is the probe. The
 * window (longer than a provider call) lets another process probe if this one died during it.
 */
export const CLAIM_PROBE_SQL = `UPDATE connections SET breaker_probing = true,
    unavailable_until = now() + $2 * interval '1 millisecond', health_changed_at = clock_timestamp()
  WHERE id = $1 AND unavailable_until IS NOT NULL AND unavailable_until <= now() ${RETURNING}`;

export interface HealthRow {
  paused_until: Date | null;
  pause_reason: string | null;
  consecutive_failures: number;
  unavailable_until: Date | null;
  breaker_opens: number;
  breaker_probing: boolean;
  health_changed_at: Date | null;
}
