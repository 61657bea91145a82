import { ProviderErrorCode, type ProviderError } from '@app/providers';

/** What a connection's health columns hold (connections table; see ConnectionHealthService for the writes). */
export interface HealthState {
  pausedUntil: Date | null;
  pauseReason: string | null;
  consecutiveFailures: number;
  unavailableUntil: Date | null;
  breakerOpens: number;
  breakerProbing: boolean;
  /** Database time of the last health write: the newer of two readings wins (see ConnectionHealthService). */
  healthChangedAt: Date | null;
}

/**
 * What the API shows (`availability`):
 * - AVAILABLE: sends go.
 * - PAUSED: the provider asked to wait (429/503 with Retry-After) until `pausedUntil`.
 * - UNAVAILABLE: the circuit breaker is open after consecutive transient failures, until `unavailableUntil`.
 * - PROBING: the cooldown is over: the next send is the one probe (or it is in flight); its outcome closes or
 *   reopens the breaker.
 */
export enum Availability {
  AVAILABLE = 'AVAILABLE',
  PAUSED = 'PAUSED',
  UNAVAILABLE = 'UNAVAILABLE',
  PROBING = 'PROBING',
}

export interface AvailabilityReading {
  availability: Availability;
  /** Until when sends wait (PAUSED, UNAVAILABLE, a probe in flight); null when a send may go (or probe) now. */
  until: Date | null;
}

export function availabilityOf(health: HealthState, now = new Date()): AvailabilityReading {
  if (health.pausedUntil && health.pausedUntil > now)
    return { availability: Availability.PAUSED, until: health.pausedUntil };
  if (health.unavailableUntil) {
    if (health.unavailableUntil > now)
      return {
        availability: health.breakerProbing ? Availability.PROBING : Availability.UNAVAILABLE,
        until: health.unavailableUntil,
      };
    return { availability: Availability.PROBING, until: null };
  }
  return { availability: Availability.AVAILABLE, until: null };
}

/** The breaker's n-th cooldown (n = openings before this one): base × 2ⁿ, capped (same formula as the SQL). */
export function cooldownMs(previousOpens: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(previousOpens, 30));
}

/** How a send attempt ended, as the connection's health sees it. */
export type SendHealthOutcome =
  { kind: 'answered' } | { kind: 'pause'; ms: number; reason: string } | { kind: 'transient' };

/**
 * A provider's answer, for the connection: a 429/503 with Retry-After pauses the connection (capped at
 * `maxPauseMs`); another transient failure (timeout, 5xx, network) counts toward the breaker; anything the provider
 * answered definitively (accepted, or refused the content) shows it is up. `maxPauseMs` 0 turns pauses off.
 */
export function healthOutcomeOf(error: ProviderError | null, maxPauseMs: number): SendHealthOutcome {
  if (!error || !error.transient) return { kind: 'answered' };
  if (maxPauseMs <= 0) return { kind: 'transient' }; // pauses off (GATEWAY_MAX_PAUSE_MS=0)
  const asked = error.retryAfterSeconds;
  const pausing =
    asked !== undefined &&
    asked > 0 &&
    (error.code === ProviderErrorCode.RATE_LIMITED || error.httpStatus === 503 || error.httpStatus === 429);
  if (!pausing) return { kind: 'transient' };
  const ms = Math.min(asked * 1000, maxPauseMs);
  const status = error.httpStatus ?? (error.code === ProviderErrorCode.RATE_LIMITED ? 429 : 503);
  return { kind: 'pause', ms, reason: `${error.provider} answered ${status} with Retry-After: ${asked}` };
}
