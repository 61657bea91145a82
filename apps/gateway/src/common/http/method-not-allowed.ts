import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { GatewayError } from '../errors/gateway-error.js';
import { toProblem } from '../errors/all-exceptions.filter.js';
import type { RouteTable } from './route-table.js';

/**
 * Wraps the not-found handler: a path that exists under other methods answers 405 with `Allow` (RFC 9110 §15.5.6),
 * as problem+json; any other unknown route goes to `notFound` (Nest's 404). GraphQL's own endpoint is left to the
 * GraphQL layer (GraphQL-over-HTTP has its own 405 rules).
 */
export type NotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;

export function methodNotAllowedOr(routes: RouteTable, notFound: NotFoundHandler): NotFoundHandler {
  return (request: FastifyRequest, reply: FastifyReply): unknown => {
    const allowed = request.url.startsWith('/graphql') ? [] : routes.allowedMethods(request.url);
    if (allowed.length === 0) return notFound(request, reply);
    const path = request.url.split('?', 1)[0];
    const error = new GatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
    );
    return reply
      .status(405)
      .header('allow', allowed.join(', '))
      .type('application/problem+json')
      .send({ ...toProblem(error, request.url), title: 'Method Not Allowed', status: 405 });
  };
}
