import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { requestOf } from './request-context.js';

/** The caller's tenant id, set by ApiKeyGuard. Every service call is scoped by it. */
export const TenantId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const tenantId = requestOf(context).tenantId;
  if (!tenantId) throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'not authenticated');
  return tenantId;
});
