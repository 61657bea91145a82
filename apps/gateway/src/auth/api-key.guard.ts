import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { ApiKeyService, bearerToken } from './api-key.service.js';
import { IS_PUBLIC } from './public.decorator.js';
import { requestOf } from './request-context.js';

/** Every route and resolver needs `Authorization: Bearer <gateway API key>` unless marked @Public(). */
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
    if (holder.tenantId) return true; // subscriptions authenticate at connection_init
    const token = 'headers' in holder ? bearerToken(holder.headers.authorization) : undefined;
    if (!token)
      throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'missing Authorization: Bearer <API key>');
    const tenantId = await this.keys.tenantFor(token);
    if (!tenantId) throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'invalid API key');
    holder.tenantId = tenantId;
    return true;
  }
}
