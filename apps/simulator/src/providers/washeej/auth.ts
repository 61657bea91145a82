import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Account, ProviderId } from '../../core/account.js';
import { clientIp } from '../../core/client-ip.js';
import { overRateLimit } from '../../core/rate-limiter.js';
import type { SimCore } from '../../core/sim-core.js';
import { errorReply, failure, unauthorized, type Envelope } from './errors.js';

const accounts = new WeakMap<FastifyRequest, Account>();

/** The account the auth hook identified for this request (routes run only after it passed). */
export function accountOf(request: FastifyRequest): Account {
  const account = accounts.get(request);
  if (!account) throw new Error('washeej: route reached without an authenticated account');
  return account;
}

function header(request: FastifyRequest, name: string): string {
  const raw = request.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.trim() ?? '';
}

const PLAN_REFUSALS: Partial<Record<Account['plan'], Envelope>> = {
  none: failure('subscription_required', [
    'You have no active subscription plan.',
    'Please subscribe to a plan to use the API.',
  ]),
  expired: failure('subscription_required', [
    'Your subscription plan has expired.',
    'Please renew your plan to continue using the API.',
  ]),
  no_api: failure('not_available', [
    'API access is not available on your current plan.',
    'Please upgrade your plan to use the API.',
  ]),
};

const MISSING_ID = unauthorized(['The client id is required']);
const MISSING_SECRET = unauthorized(['The client secret is required']);
const INVALID = unauthorized(['Invalid credentials']);

/**
 * The platform's API middleware, in its order: client-id, client-secret, the pair, the caller's IP (all 401),
 * then the rate limit when the account has one (429), then the subscription plan (200 with an error remark).
 */
export function authHook(core: SimCore, provider: ProviderId) {
  return function auth(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const clientId = header(request, 'client-id');
    if (!clientId) return void reply.code(401).send(MISSING_ID);
    const secret = header(request, 'client-secret');
    if (!secret) return void reply.code(401).send(MISSING_SECRET);
    const account = core.accounts.findByCredential(provider, clientId);
    if (!account || account.credentials.clientSecret !== secret) return void reply.code(401).send(INVALID);
    request.simAccountId = account.id;

    const ip = clientIp(request);
    if (!account.ipWhitelist.includes(ip)) {
      return void reply
        .code(401)
        .send(
          unauthorized([
            'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
            `In order to access this API endpoint, please add your IP address (${ip}) to the white list from the user dashboard.`,
          ]),
        );
    }
    const retryAfter = overRateLimit(account, core.clock.now());
    if (retryAfter !== undefined) {
      const limited = errorReply(429);
      return void reply
        .code(429)
        .headers({
          'retry-after': String(retryAfter),
          'x-ratelimit-limit': String(account.rateLimitPerMinute),
        })
        .send(limited.body);
    }
    const refusal = PLAN_REFUSALS[account.plan];
    if (refusal) return void reply.code(200).send(refusal);
    accounts.set(request, account);
    done();
  };
}
