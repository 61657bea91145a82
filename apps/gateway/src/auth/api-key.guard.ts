import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { ApiKeyService, bearerToken } from './api-key.service.js';
import { IS_PUBLIC } from './public.decorator.js';
import { requestOf } from './request-context.js';
import { ApiScope, REQUIRED_SCOPES } from './scopes.js';

/**
 * Every route and resolver needs `Authorization: Bearer <gateway API key>` unless marked @Public(), and the scopes
 * it requires (see requiredScopes); a key without one gets 403 FORBIDDEN naming it.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const holder = requestOf(context);
    // Subscriptions authenticate at connection_init, which sets both.
    if (!holder.tenantId || !holder.scopes) {
      const token = 'headers' in holder ? bearerToken(holder.headers.authorization) : undefined;
      if (!token)
        throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'missing Authorization: Bearer <API key>');
      const principal = await this.keys.authenticate(token);
      if (!principal)
        throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'invalid, revoked or expired API key');
      holder.tenantId = principal.tenantId;
      holder.scopes = principal.scopes;
    }
    const granted = holder.scopes;
    const missing = this.requiredScopes(context).filter((scope) => !granted.has(scope));
    if (missing.length > 0)
      throw new GatewayError(
        GatewayErrorCode.FORBIDDEN,
        `this API key lacks the scope ${missing.map((s) => `"${s}"`).join(', ')}`,
      );
    return true;
  }

  /**
   * The handler's own @RequireScopes wins; else a read-only operation (GET/HEAD, a GraphQL query or subscription)
   * needs `read`; else the class's @RequireScopes. A mutation nobody annotated needs every scope (fails closed).
   */
  private requiredScopes(context: ExecutionContext): ApiScope[] {
    const onHandler = this.reflector.get<ApiScope[] | undefined>(REQUIRED_SCOPES, context.getHandler());
    if (onHandler) return onHandler;
    if (isReadOnly(context)) return [ApiScope.READ];
    return (
      this.reflector.get<ApiScope[] | undefined>(REQUIRED_SCOPES, context.getClass()) ??
      Object.values(ApiScope)
    );
  }
}

function isReadOnly(context: ExecutionContext): boolean {
  if (context.getType<GqlContextType>() === 'graphql')
    return (
      GqlExecutionContext.create(context).getInfo<{ operation: { operation: string } }>().operation
        .operation !== 'mutation'
    );
  const method = context.switchToHttp().getRequest<{ method: string }>().method;
  return method === 'GET' || method === 'HEAD';
}
