import type { FastifyRequest } from 'fastify';
import type { Account } from '../../core/account.js';
import type { SimCore } from '../../core/sim-core.js';
import type { Envelope } from './errors.js';

/** One endpoint, relative to the API prefix; the handler answers HTTP 200 with the envelope it returns. */
export interface RouteDef {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  handler(request: FastifyRequest, account: Account): Envelope;
}

export type RouteFactory = (core: SimCore) => RouteDef[];

/** A path parameter by name (routes only declare `:id`). */
export function paramOf(request: FastifyRequest, name: string): string | undefined {
  return (request.params as Record<string, string | undefined>)[name];
}
