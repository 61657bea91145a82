import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Account } from '../../core/account.js';
import type { SimCore } from '../../core/sim-core.js';
import { overRateLimit } from '../../core/rate-limiter.js';
import { invalidKey, sendText } from './errors.js';
import { PROVIDER_ID } from './state.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The WaMessenger account whose API key is in the path (set by `apiKeyAuth`). */
    wamessengerAccount: Account | null;
  }
}

export type AuthHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * The API key is the path segment `:apikey` of every method. Checked first (before the body is even read), as the
 * real service's script would: an unknown or empty key answers 401 `{"message":"Invalid apikey"}`.
 */
export function apiKeyAuth(core: SimCore): AuthHook {
  return (request, reply, done) => {
    const key = (request.params as { apikey?: string }).apikey;
    const account = key ? core.accounts.findByCredential(PROVIDER_ID, key) : undefined;
    if (!account) {
      invalidKey(reply);
      return;
    }
    request.simAccountId = account.id;
    // Undocumented for WaMessenger: the account's `rateLimitPerMinute` answers 429 in the style of its other
    // plain-text errors, with Retry-After (as the other providers of the simulator do).
    const retryAfter = overRateLimit(account, core.clock.now());
    if (retryAfter !== undefined) {
      void sendText(reply.header('retry-after', String(retryAfter)), 429, 'Too Many Requests');
      return;
    }
    request.wamessengerAccount = account;
    done();
  };
}

/** The account `apiKeyAuth` found; routes only run after it. */
export function accountOf(request: FastifyRequest): Account {
  const account = request.wamessengerAccount;
  if (!account) throw new Error('wamessenger route ran without apiKeyAuth');
  return account;
}

const METHOD_SEGMENTS = new Set([
  PROVIDER_ID,
  'sendMessage',
  'getStatus',
  'showAllMessages',
  'pending',
  'showAllGetMessages',
  'webhook',
  'set',
  'remove',
  'resend',
  'sendSeen',
  'receive',
]);

/**
 * The journal never keeps an API key: every path segment that is not a method name is masked, so the key is hidden
 * on unknown paths and misspelt methods too. A webhook URL given in the query (`webhook/set?url=`) keeps only its
 * origin: its path usually carries the receiver's own secret (the gateway's per-connection token does).
 */
export function redactPath(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== '' && !METHOD_SEGMENTS.has(parts[i]!)) parts[i] = '***';
  }
  return q < 0 ? parts.join('/') : `${parts.join('/')}?${redactQuery(url.slice(q + 1))}`;
}

function redactQuery(query: string): string {
  const params = new URLSearchParams(query);
  const target = params.get('url');
  if (target === null) return query;
  params.set('url', maskUrl(target));
  return params.toString();
}

/** A webhook URL as the journal keeps it: its origin, the rest masked (nothing of it when it is not a URL). */
export function maskUrl(url: string): string {
  try {
    return `${new URL(url).origin}/***`;
  } catch {
    return '***';
  }
}

/** Replaces the key in an answer before the journal keeps it (webhook/pending and resend echo it as `hash`). */
export function redactBody(payload: unknown, key: string): unknown {
  return typeof payload === 'string' && key ? payload.split(key).join('***') : payload;
}
