/** A connection's limit as the API takes it: either or both; at least one when the object is given. */
export interface RateLimit {
  perSecond?: number;
  perMinute?: number;
}

/**
 * The spacing between two turns of a connection: turns are spaced evenly (GCRA with a burst of CATCH_UP_MS at
 * most), so a limit of 50/s gives one turn every 20 ms and no one-second window holds more than 5 % over it. With
 * both limits the stricter spacing wins: `{perSecond: 50, perMinute: 600}` is one turn every 100 ms.
 */
export function turnIntervalMs(limit: RateLimit): number {
  const spacings = [
    limit.perSecond ? 1000 / limit.perSecond : 0,
    limit.perMinute ? 60_000 / limit.perMinute : 0,
  ];
  return Math.max(...spacings);
}

/** True when the connection is limited at all (no limit: the send path takes no turn and costs nothing extra). */
export function isLimited(limit: RateLimit | null | undefined): limit is RateLimit {
  return !!limit && turnIntervalMs(limit) > 0;
}

/**
 * How far back a turn may be caught up: a send that comes a little after its connection's next free turn (the
 * scheduler claims in rounds; a claim takes a few ms) takes that turn rather than one from now, so those small gaps
 * do not add up to a drain slower than the limit. It allows at most this much worth of turns back to back after a
 * pause, so no second holds more than 5 % over the limit (plus one at its edge).
 */
export const CATCH_UP_MS = 50;

export interface TurnDecision {
  /** Whether a turn was taken (reserved): false only when it lies beyond `maxWaitMs`. */
  taken: boolean;
  /** When the send may go: the turn taken, or (not taken) the earliest turn there is. */
  turnAt: number;
  /** The connection's next free turn after this decision (the stored state). */
  nextTurnAt: number;
}

/**
 * The limiter's arithmetic, the same as RATE_TURN_SQL does it in one statement (kept here to be unit-tested and
 * read): the turn is the stored next free turn, or now less CATCH_UP_MS when that lies further back; taking it
 * moves the next free turn one spacing further. With `maxWaitMs`, a turn further away than that is not taken (the
 * caller is refused).
 */
export function takeTurn(
  nextTurnAt: number | null,
  now: number,
  intervalMs: number,
  maxWaitMs: number | null,
): TurnDecision {
  const turnAt = nextTurnAt === null ? now : Math.max(nextTurnAt, now - CATCH_UP_MS);
  if (maxWaitMs !== null && turnAt > now + maxWaitMs)
    return { taken: false, turnAt, nextTurnAt: nextTurnAt ?? now };
  return { taken: true, turnAt, nextTurnAt: turnAt + intervalMs };
}

/** Retry-After for a refused turn: whole seconds until the turn, at least 1 (what HTTP's header can say). */
export function retryAfterSeconds(untilMs: number, now: number): number {
  return Math.max(1, Math.ceil((untilMs - now) / 1000));
}
