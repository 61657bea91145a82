import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { requestLogContext } from './logger.js';
import { httpRequestDuration, httpRequests } from './metrics.js';

const RESOURCE = Symbol('requestLogResource');

type ObservedRequest = FastifyRequest & { [RESOURCE]?: AsyncResource; tenantId?: string };

/**
 * Per request: X-Request-Id on the answer (the caller's or a generated one, see requestIdOf), the request's log
 * context (so every line written while serving it carries its id), one log line when it is answered, and the
 * HTTP metrics. Routes are labelled by their template (`/v1/messages/:id`), never the URL, which can hold a phone
 * number; a URL no route matches is `unmatched`.
 */
export function installHttpObservability(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request: ObservedRequest, reply, done) => {
    void reply.header('x-request-id', request.id);
    requestLogContext.run({ requestId: request.id }, () => {
      // Body parsing resumes in the socket's async context; the resource carries the request's one past it.
      request[RESOURCE] = new AsyncResource('gateway-request');
      done();
    });
  });
  fastify.addHook('preValidation', (request: ObservedRequest, _reply, done) => {
    const resource = request[RESOURCE];
    if (resource) resource.runInAsyncScope(done);
    else done();
  });
  fastify.addHook('onResponse', (request: ObservedRequest, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    const seconds = reply.elapsedTime / 1000;
    httpRequests.inc({ method: request.method, route, status });
    httpRequestDuration.observe({ method: request.method, route, status }, seconds);
    logger.info(
      {
        requestId: request.id,
        tenant: request.tenantId,
        method: request.method,
        route,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    request[RESOURCE]?.emitDestroy();
    done();
  });
}
