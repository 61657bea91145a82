import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import type { ApiScope } from '../../auth/scopes.js';
import { GatewayErrorCode } from '../errors/error-codes.js';

/** graphql-over-http's own media type; `application/json` stays the default for clients that do not ask. */
export const GRAPHQL_RESPONSE_MEDIA_TYPE = 'application/graphql-response+json';

/** The part of Fastify's reply this module touches (Mercurius hands it over as `context.reply`). */
export interface ReplyLike {
  request: {
    /** Fastify's request id: the caller's X-Request-Id or a generated one. */
    id?: string;
    headers: Record<string, string | string[] | undefined>;
    body?: unknown;
    tenantId?: string;
    scopes?: ReadonlySet<ApiScope>;
    ws?: unknown;
  };
  header(name: string, value: string): unknown;
  type(contentType: string): unknown;
}

export interface GraphQLHttpContext {
  reply?: ReplyLike;
}

/** True when the client's Accept prefers (or only takes) application/graphql-response+json. */
export function wantsGraphQLResponse(accept: string | string[] | undefined): boolean {
  const value = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  const ranges = value
    .split(',')
    .map((part) => part.trim().split(';')[0]!.trim().toLowerCase())
    .filter(Boolean);
  const graphql = ranges.indexOf(GRAPHQL_RESPONSE_MEDIA_TYPE);
  const json = ranges.indexOf('application/json');
  return graphql !== -1 && (json === -1 || graphql < json);
}

/** Answers with the media type the client asked for (graphql-over-http §Accept). */
export function negotiateMediaType(context: GraphQLHttpContext | undefined): void {
  const reply = context?.reply;
  if (reply && !reply.request.ws && wantsGraphQLResponse(reply.request.headers.accept)) {
    reply.type(`${GRAPHQL_RESPONSE_MEDIA_TYPE}; charset=utf-8`);
  }
}

/** The headers a status calls for: 405 names the method that works, 401 the auth scheme (RFC 9110). */
export function statusHeaders(context: GraphQLHttpContext | undefined, status: number): void {
  const reply = context?.reply;
  if (!reply) return;
  if (status === 405) reply.header('allow', 'POST');
  if (status === 401) reply.header('www-authenticate', 'Bearer');
}

/** An UNAUTHENTICATED request error, answered with HTTP 401 by the error formatter. */
/**
 * A GET whose `query` parameter the query-string parser turned into something other than a string (`?query=true`)
 * reaches the hooks as that value instead of a parsed document: Mercurius skips its preParsing hook (the key check
 * too) for non-strings, and graphql-js then throws (500). Refuse it as the client's mistake.
 */
export function assertDocument(document: unknown): asserts document is DocumentNode {
  const kind = (document as { kind?: unknown } | null)?.kind;
  if (typeof document !== 'object' || kind !== Kind.DOCUMENT)
    throw new GraphQLError('`query` must be a string holding a GraphQL document', {
      extensions: {
        code: GatewayErrorCode.BAD_USER_INPUT,
        fields: { query: ['must be a GraphQL document'] },
      },
    });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: GatewayErrorCode.UNAUTHENTICATED } });
}
