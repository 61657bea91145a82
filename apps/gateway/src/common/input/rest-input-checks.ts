import type { FastifyInstance } from 'fastify';
import { toProblem } from '../errors/all-exceptions.filter.js';
import { GatewayError } from '../errors/gateway-error.js';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { depthOf, MAX_INPUT_DEPTH } from './body-depth.js';
import { unstorableInputError, unstorablePaths } from './unstorable-strings.js';

/** GraphQL checks its arguments itself (graphql-input-checks.ts), in its own error shape. */
const GRAPHQL_PATH = '/graphql';
/** Bodies a provider sends: stored with their NULs dropped (inbound/without-nul.ts), never refused. */
const PROVIDER_BODIES = new Set(['/v1/webhooks/:provider/:token']);

/**
 * A Fastify `preValidation` hook on every route: a body nested deeper than MAX_INPUT_DEPTH is a 400, and a string
 * PostgreSQL cannot store (a NUL byte, an unpaired surrogate) in the parsed body, the query string or a path
 * parameter is a 400 problem+json whose `fields` names each one.
 * Body fields are named by their path, as validation errors name them; query and path parameters by their name.
 */
export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === GRAPHQL_PATH) return;
    if (depthOf(request.body, MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) {
      const tooDeep = new GatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        `the body nests deeper than ${MAX_INPUT_DEPTH} levels`,
      );
      return reply.status(400).type('application/problem+json').send(toProblem(tooDeep, request.url));
    }
    const found = [
      ...unstorablePaths(request.params),
      ...unstorablePaths(request.query),
      ...(route !== undefined && PROVIDER_BODIES.has(route) ? [] : unstorablePaths(request.body)),
    ];
    const error = unstorableInputError(found);
    if (!error) return;
    const problem = toProblem(error, request.url);
    return reply
      .status(error.httpStatus)
      .type('application/problem+json')
      .send({ ...problem, fields: error.details.fields });
  });
}
