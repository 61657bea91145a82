import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from '../auth/request-context.js';

interface WithOrigin {
  protocol?: unknown;
  host?: unknown;
}

/**
 * `protocol://host[:port]` the caller used to reach the gateway (Fastify's view: X-Forwarded-* only when
 * GATEWAY_TRUST_PROXY is set), or undefined when the transport has none (a WebSocket operation).
 */
export const RequestOrigin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const request = requestOf(context) as WithOrigin;
    if (typeof request.protocol !== 'string' || typeof request.host !== 'string' || request.host === '')
      return undefined;
    return `${request.protocol}://${request.host}`;
  },
);
