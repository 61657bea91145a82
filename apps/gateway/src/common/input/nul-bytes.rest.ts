import type { FastifyInstance } from 'fastify';
import { toProblem } from '../errors/all-exceptions.filter.js';
import { nulByteError, nulBytePaths } from './nul-bytes.js';

/** GraphQL checks its arguments itself (nul-bytes.graphql.ts), in its own error shape. */
const GRAPHQL_PATH = '/graphql';
/** Bodies a provider sends: stored with their NULs dropped (inbound/without-nul.ts), never refused. */
const PROVIDER_BODIES = new Set(['/v1/webhooks/:provider/:token']);

/**
 * A Fastify `preValidation` hook on every route: a NUL byte in the parsed body, the query string or a path
 * parameter is a 400 problem+json whose `fields` names each one. Body fields are named by their path, as validation
 * errors name them; query and path parameters by their name.
 */
export function registerNulByteCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === GRAPHQL_PATH) return;
    const paths = [
      ...nulBytePaths(request.params),
      ...nulBytePaths(request.query),
      ...(route !== undefined && PROVIDER_BODIES.has(route) ? [] : nulBytePaths(request.body)),
    ];
    const error = nulByteError(paths);
    if (!error) return;
    const problem = toProblem(error, request.url);
    return reply
      .status(error.httpStatus)
      .type('application/problem+json')
      .send({ ...problem, fields: error.details.fields });
  });
}
