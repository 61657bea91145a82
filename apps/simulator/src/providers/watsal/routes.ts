import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Account } from '../../core/account.js';
import { overRateLimit } from '../../core/rate-limiter.js';
import type { SimCore } from '../../core/sim-core.js';
import { errorBody, rateLimited, toWatsalError, WatsalError } from './errors.js';
import { messageStatus, sendNotification } from './notifications.js';
import { checkOtp, sendOtp } from './otp.js';
import { notificationInput, verifyCheckInput, verifySendInput } from './validation.js';

const MISSING_KEY = 'Missing API key. Send the header "Authorization: Bearer <api key>".';
const ok = <T>(data: T) => ({ success: true as const, data });

/** `Bearer <key>`, the scheme in any case; undefined when the header is absent or of another scheme. */
export function bearerKey(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8) return undefined;
  if (header.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  const key = header.slice(7).trim();
  return key === '' ? undefined : key;
}

/** Runs before the body is parsed: auth (401), then the key's rate limit (429). */
function authenticate(core: SimCore): onRequestHookHandler {
  return (request, _reply, done) => {
    const key = bearerKey(request.headers.authorization);
    if (key === undefined) return done(new WatsalError(401, 'unauthorized', MISSING_KEY));
    const account = core.accounts.findByCredential('watsal', key);
    if (!account) return done(new WatsalError(401, 'unauthorized', 'Invalid API key.'));
    request.simAccountId = account.id;
    const wait = overRateLimit(account, core.clock.now());
    if (wait !== undefined) return done(rateLimited(wait));
    done();
  };
}

function accountOf(core: SimCore, request: FastifyRequest): Account {
  const account = request.simAccountId === null ? undefined : core.accounts.get(request.simAccountId);
  // Only when the account was reset away between the auth hook and the handler.
  if (!account) throw new WatsalError(401, 'unauthorized', 'Invalid API key.');
  return account;
}

/** Watsal's API under the `/watsal` scope: base path `/v1`, JSON bodies, its own errors for everything. */
export function registerRoutes(app: FastifyInstance, core: SimCore): void {
  app.setErrorHandler((error, request, reply) => {
    const failure = toWatsalError(error);
    if (failure.status >= 500) request.log.error({ err: error }, 'watsal simulator: unexpected error');
    if (failure.headers) reply.headers(failure.headers);
    return reply.code(failure.status).send(failure.body());
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(errorBody('not_found', 'The requested endpoint does not exist.')),
  );

  const onRequest = authenticate(core);

  app.post('/v1/verify/send', { onRequest }, (request) =>
    ok(sendOtp(accountOf(core, request), verifySendInput(request.body), core)),
  );

  app.post('/v1/verify/check', { onRequest }, (request) =>
    ok(checkOtp(accountOf(core, request), verifyCheckInput(request.body), core)),
  );

  app.get<{ Params: { id: string } }>('/v1/messages/:id', { onRequest }, (request) =>
    ok(messageStatus(accountOf(core, request), request.params.id)),
  );

  app.post('/v1/notifications/send', { onRequest }, (request) =>
    ok(sendNotification(accountOf(core, request), notificationInput(request.body), core)),
  );
}
