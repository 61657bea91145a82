import { ProviderError, ProviderErrorCode } from '@app/providers';
import {
  Availability,
  availabilityOf,
  cooldownMs,
  healthOutcomeOf,
  type HealthState,
} from './connection-health.js';

const healthy: HealthState = {
  pausedUntil: null,
  pauseReason: null,
  consecutiveFailures: 0,
  unavailableUntil: null,
  breakerOpens: 0,
  breakerProbing: false,
  healthChangedAt: null,
};
const NOW = new Date('2026-12-03T02:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('connection health', () => {
  it('reads availability: paused first, then the breaker, its probe, else available', () => {
    expect(availabilityOf(healthy, NOW)).toEqual({ availability: Availability.AVAILABLE, until: null });
    expect(availabilityOf({ ...healthy, pausedUntil: later(5_000) }, NOW)).toEqual({
      availability: Availability.PAUSED,
      until: later(5_000),
    });
    expect(availabilityOf({ ...healthy, pausedUntil: later(-1) }, NOW).availability).toBe(
      Availability.AVAILABLE,
    );
    expect(availabilityOf({ ...healthy, unavailableUntil: later(1_000) }, NOW)).toEqual({
      availability: Availability.UNAVAILABLE,
      until: later(1_000),
    });
    expect(availabilityOf({ ...healthy, unavailableUntil: later(-1) }, NOW)).toEqual({
      availability: Availability.PROBING,
      until: null,
    });
    expect(
      availabilityOf({ ...healthy, unavailableUntil: later(30_000), breakerProbing: true }, NOW),
    ).toEqual({
      availability: Availability.PROBING,
      until: later(30_000),
    });
  });

  it('cooldowns double per failed probe up to the max', () => {
    expect([0, 1, 2, 3, 10, 500].map((n) => cooldownMs(n, 10_000, 300_000))).toEqual([
      10_000, 20_000, 40_000, 80_000, 300_000, 300_000,
    ]);
  });

  const error = (code: ProviderErrorCode, httpStatus?: number, retryAfterSeconds?: number) =>
    new ProviderError(code, { provider: 'washeej', message: 'x', httpStatus, retryAfterSeconds });

  it('429 or 503 with Retry-After pauses (capped); other transient failures count; answers are answers', () => {
    expect(healthOutcomeOf(null, 60_000)).toEqual({ kind: 'answered' });
    expect(healthOutcomeOf(error(ProviderErrorCode.VALIDATION_FAILED, 422), 60_000)).toEqual({
      kind: 'answered',
    });
    expect(healthOutcomeOf(error(ProviderErrorCode.RATE_LIMITED, 429, 3), 60_000)).toEqual({
      kind: 'pause',
      ms: 3_000,
      reason: 'washeej answered 429 with Retry-After: 3',
    });
    expect(healthOutcomeOf(error(ProviderErrorCode.PROVIDER_UNAVAILABLE, 503, 600), 60_000)).toMatchObject({
      kind: 'pause',
      ms: 60_000,
    });
    expect(healthOutcomeOf(error(ProviderErrorCode.PROVIDER_UNAVAILABLE, 500), 60_000)).toEqual({
      kind: 'transient',
    });
    expect(healthOutcomeOf(error(ProviderErrorCode.PROVIDER_UNAVAILABLE), 60_000)).toEqual({
      kind: 'transient',
    });
  });
});
