import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import qs from 'qs';
import type { SimCore } from '../../core/sim-core.js';
import { authorize } from './wessaal.auth.js';
import {
  DISABLED_ENDPOINTS,
  errorReply,
  gone,
  MALFORMED_JSON,
  NOT_FOUND,
  PAYLOAD_TOO_LARGE,
  SERVER_ERROR,
} from './wessaal.errors.js';
import { BASE } from './wessaal.routes-send.js';

const MALFORMED = 'WESSAAL_MALFORMED_JSON';

function malformed(): FastifyError {
  return Object.assign(new Error('Malformed JSON in request body.'), {
    code: MALFORMED,
    statusCode: 400,
    name: 'SyntaxError',
  });
}

/**
 * Body parsing as a Laravel app does it: JSON (an empty body is an empty input, not an error; malformed JSON is a
 * 400), PHP-style form bodies (`a[0]=x`), and any other content type read as an empty input (so the validation
 * answers 422). Only inside this provider's scope.
 */
export function registerParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, {});
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(malformed(), undefined);
    }
    done(null, parsed);
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, qs.parse(body as string, { depth: 5, arrayLimit: 100, parameterLimit: 1_000 }));
    },
  );
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, {}));
}

/** `send-reaction` and `send-list`: 410 whatever the body, once the key is known (401) and within its rate (429). */
function disabled(
  core: SimCore,
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: string,
): FastifyReply {
  if (authorize(core, request, reply, undefined) === undefined) return reply;
  return reply.code(410).send(gone(DISABLED_ENDPOINTS[endpoint]!));
}

function disabledEndpointOf(request: FastifyRequest): string | undefined {
  const url = request.routeOptions.url;
  if (request.method !== 'POST' || url === undefined) return undefined;
  const endpoint = url.slice(url.lastIndexOf('/') + 1);
  return endpoint in DISABLED_ENDPOINTS ? endpoint : undefined;
}

export function registerDisabledRoutes(app: FastifyInstance, core: SimCore): void {
  for (const endpoint of Object.keys(DISABLED_ENDPOINTS)) {
    app.post(`${BASE}/messages/${endpoint}`, (request, reply) => disabled(core, request, reply, endpoint));
  }
}

/** Every failure in Wessaal's envelope: unknown paths and methods 404, body errors 400/413, never a bare 500. */
export function registerErrorHandling(app: FastifyInstance, core: SimCore): void {
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(NOT_FOUND));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const endpoint = disabledEndpointOf(request);
    if (endpoint !== undefined) return disabled(core, request, reply, endpoint);
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413)
      return reply.code(413).send(PAYLOAD_TOO_LARGE);
    if (error.code === MALFORMED || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.code(400).send(MALFORMED_JSON);
    }
    if (status >= 400 && status < 500) return reply.code(status).send(errorReply(status).body);
    request.log.error(error);
    return reply.code(500).send(SERVER_ERROR);
  });
}
