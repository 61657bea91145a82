import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { toProblem } from '../common/errors/all-exceptions.filter.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { graphiqlAssets } from './graphiql-assets.js';
import {
  GRAPHIQL_ASSETS_PATH,
  GRAPHIQL_PATH,
  graphiqlPage,
  type GraphiqlPageOptions,
} from './graphiql-page.js';

/**
 * Serves GraphiQL at /graphiql (Mercurius' own GraphiQL is off: it loads React and GraphiQL from a CDN and stays blank
 * offline). Public like the docs: the page holds no data, and every query it sends carries the key typed into it.
 */
export function registerGraphiql(fastify: FastifyInstance, options: GraphiqlPageOptions): void {
  const page = graphiqlPage(options);
  const assets = graphiqlAssets();
  const cache = new Map<string, Buffer>();
  fastify.get(GRAPHIQL_PATH, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  fastify.get<{ Params: { name: string } }>(`${GRAPHIQL_ASSETS_PATH}/:name`, async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) {
      const problem = toProblem(GatewayError.notFound('GraphiQL asset', request.params.name), request.url);
      return reply.status(404).type('application/problem+json').send(problem);
    }
    let body = cache.get(request.params.name);
    if (!body) {
      body = await readFile(asset.file);
      cache.set(request.params.name, body);
    }
    return reply.type(asset.contentType).header('cache-control', 'public, max-age=86400').send(body);
  });
}
