import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { GatewayErrorCode } from './error-codes.js';
import { GatewayError, toGatewayError } from './gateway-error.js';

const HTTP_EXCEPTION_CODES: Record<number, GatewayErrorCode> = {
  400: GatewayErrorCode.BAD_USER_INPUT,
  401: GatewayErrorCode.UNAUTHENTICATED,
  404: GatewayErrorCode.NOT_FOUND,
  409: GatewayErrorCode.CONFLICT,
  413: GatewayErrorCode.BAD_USER_INPUT,
  415: GatewayErrorCode.BAD_USER_INPUT,
};

export const WWW_AUTHENTICATE = 'Bearer realm="wa-gateway"';

/**
 * Every error leaves through here. Known errors keep their code; Nest's own HTTP errors (unknown route, bad JSON)
 * get the nearest code; anything else is logged with an error id and answered with that id, never a stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = this.normalize(exception);
    if (host.getType<GqlContextType>() === 'graphql') return toGraphQLError(error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<{ url?: string; id?: string }>();
    const problem = { ...toProblem(error, request.url), requestId: request.id };
    if (error.details.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(error.details.retryAfterSeconds));
    // RFC 9110 §11.6.1: a 401 names the scheme that would work (RFC 6750's Bearer).
    if (error.httpStatus === 401) reply.header('www-authenticate', WWW_AUTHENTICATE);
    return reply.status(error.httpStatus).type('application/problem+json').send(problem);
  }

  private normalize(exception: unknown): GatewayError {
    const known = toGatewayError(exception);
    if (known) return known;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_EXCEPTION_CODES[status];
      if (code) return new GatewayError(code, exception.message);
    }
    const errorId = randomUUID();
    this.logger.error(
      `internal error ${errorId}`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return new GatewayError(GatewayErrorCode.INTERNAL_SERVER_ERROR, `internal error; reference ${errorId}`, {
      errorId,
    });
  }
}

/** RFC 9457 problem details. */
export function toProblem(error: GatewayError, instance?: string): Record<string, unknown> {
  return {
    type: `https://wa-gateway.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: error.code,
    status: error.httpStatus,
    detail: error.message,
    instance,
    code: error.code,
    fields: error.details.fields,
    provider: error.details.provider,
    providerHttpStatus: error.details.providerHttpStatus,
    providerCode: error.details.providerCode,
    retryAfterSeconds: error.details.retryAfterSeconds,
    capability: error.details.capability,
    errorId: error.details.errorId,
  };
}

export function toGraphQLError(error: GatewayError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      fields: error.details.fields,
      provider: error.details.provider,
      providerHttpStatus: error.details.providerHttpStatus,
      providerCode: error.details.providerCode,
      retryAfterSeconds: error.details.retryAfterSeconds,
      capability: error.details.capability,
      errorId: error.details.errorId,
    },
  });
}
