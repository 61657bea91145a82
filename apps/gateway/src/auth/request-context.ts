import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { ApiScope } from './scopes.js';

/** What the guard attaches to a request once the API key is known. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  tenantId?: string;
  /** What the caller's key may do. */
  scopes?: ReadonlySet<ApiScope>;
}

interface GraphQLContext {
  reply?: { request: AuthenticatedRequest };
  /** Subscriptions: set by the connection_init handler. */
  tenantId?: string;
  scopes?: ReadonlySet<ApiScope>;
}

/** The request (HTTP) or the GraphQL context holder that carries the tenant. */
export function requestOf(context: ExecutionContext): AuthenticatedRequest | GraphQLContext {
  if (context.getType<GqlContextType>() === 'graphql') {
    const gql = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    return gql.reply?.request ?? gql;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}
