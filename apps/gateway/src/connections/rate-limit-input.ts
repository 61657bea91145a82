import { GatewayError } from '../common/errors/gateway-error.js';
import type { RateLimit } from '../dispatch/rate-limit.js';
import type { RateLimitInput } from './rate-limit.types.js';

/** The limit to store: null clears it; an object must give perSecond or perMinute (the field is named when not). */
export function rateLimitOf(input: RateLimitInput | null | undefined): RateLimit | null {
  if (input === undefined || input === null) return null;
  const limit: RateLimit = {};
  if (input.perSecond !== undefined && input.perSecond !== null) limit.perSecond = input.perSecond;
  if (input.perMinute !== undefined && input.perMinute !== null) limit.perMinute = input.perMinute;
  if (limit.perSecond === undefined && limit.perMinute === undefined)
    throw GatewayError.badInput('rateLimit', 'give perSecond, perMinute or both (null removes the limit)');
  return limit;
}
