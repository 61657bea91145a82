import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderId } from '../../core/account.js';
import type { SimCore } from '../../core/sim-core.js';
import { accountOf, authHook } from './auth.js';
import { registerBodyParsers } from './body.js';
import { contactRoutes } from './contacts.routes.js';
import { errorReply, failure } from './errors.js';
import { inboxRoutes } from './inbox.routes.js';
import type { RouteDef } from './route-def.js';
import { sendRoutes } from './send.routes.js';

/** The real prefix. */
export const API_PREFIX = '/external-api';
/** The docs' curl samples say `extern-api` (a typo: the real server answers 404 there); served as an alias. */
export const ALIAS_PREFIX = '/extern-api';

const EXCEPTION = failure('exception', ['Something went wrong. Please try again later.']);
const MALFORMED_JSON = failure('bad_request', ['The request body is not valid JSON.']);
const MALFORMED_MULTIPART = failure('bad_request', ['The multipart/form-data body could not be parsed.']);

/** Framework errors (body parsing, limits) in the platform's envelope; anything unexpected is its `exception`. */
function onError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 0;
  const multipart = request.headers['content-type']?.startsWith('multipart/') ?? false;
  if (status === 400 && error.code?.startsWith('FST_ERR_CTP_')) {
    reply
      .code(400)
      .send(error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? MALFORMED_JSON : errorReply(400).body);
  } else if (status >= 400 && status < 500 && status !== 406) {
    const known = errorReply(status);
    reply
      .code(status)
      .headers(known.headers ?? {})
      .send(known.body);
  } else if (multipart && status < 500) {
    reply.code(400).send(MALFORMED_MULTIPART);
  } else {
    console.error('washeej simulator: unexpected error', error);
    reply.code(200).send(EXCEPTION);
  }
}

function register(
  scope: FastifyInstance,
  route: RouteDef,
  url: string,
  auth: ReturnType<typeof authHook>,
): void {
  scope.route({
    method: route.method,
    url,
    onRequest: auth,
    handler(request, reply) {
      try {
        reply.send(route.handler(request, accountOf(request)));
      } catch (error) {
        console.error('washeej simulator: handler failed', error);
        reply.code(200).send(EXCEPTION);
      }
    },
  });
}

/** Every endpoint under both prefixes, with the platform's body parsing, 404 and error style. */
export async function registerRoutes(
  scope: FastifyInstance,
  core: SimCore,
  provider: ProviderId,
): Promise<void> {
  await registerBodyParsers(scope);
  scope.setErrorHandler(onError);
  scope.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(errorReply(404).body);
  });
  const auth = authHook(core, provider);
  const routes = [...contactRoutes(core), ...inboxRoutes(core), ...sendRoutes(core)];
  for (const prefix of [API_PREFIX, ALIAS_PREFIX]) {
    for (const route of routes) register(scope, route, prefix + route.url, auth);
  }
}
