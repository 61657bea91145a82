import type { FastifyReply, FastifyRequest } from 'fastify';
import { overRateLimit } from '../../core/rate-limiter.js';
import type { SimCore } from '../../core/sim-core.js';
import { RATE_LIMITED, UNAUTHENTICATED, forbidden } from './wessaal.errors.js';
import type { Scope, WessaalAccount } from './wessaal.state.js';

/**
 * The checks every endpoint starts with, in order: `X-API-Key` known (401), rate limit (429 with Retry-After),
 * then the key's permission scope (403) when the endpoint needs one. Answers the refusal itself and returns
 * undefined, or returns the account.
 */
export function authorize(
  core: SimCore,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: Scope | undefined,
): WessaalAccount | undefined {
  const key = request.headers['x-api-key'];
  const account = typeof key === 'string' ? core.accounts.findByCredential('wessaal', key) : undefined;
  if (account === undefined) {
    reply.code(401).send(UNAUTHENTICATED);
    return undefined;
  }
  request.simAccountId = account.id;
  const retryAfter = overRateLimit(account, core.clock.now());
  if (retryAfter !== undefined) {
    reply
      .code(429)
      .headers({
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': String(account.rateLimitPerMinute),
        'x-ratelimit-remaining': '0',
      })
      .send(RATE_LIMITED);
    return undefined;
  }
  if (scope !== undefined && !account.scopes.includes(scope)) {
    reply.code(403).send(forbidden(scope));
    return undefined;
  }
  return account as WessaalAccount;
}
