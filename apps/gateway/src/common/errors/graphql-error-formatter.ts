import { Logger } from '@nestjs/common';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { negotiateMediaType, statusHeaders, type GraphQLHttpContext } from '../graphql/graphql-http.js';
import { GatewayErrorCode, HTTP_STATUS } from './error-codes.js';
import { fieldsFromGraphQLMessage } from './graphql-field-errors.js';

const logger = new Logger('Gateway');

/** What Mercurius and Fastify hang on the errors they raise: a status, and (MER_ERR_GQL_VALIDATION) the inner ones. */
interface TransportError extends Error {
  statusCode?: number;
  errors?: unknown[];
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError(cause.message, { originalError: cause });
}

/**
 * Mercurius wraps parse and validation errors in one MER_ERR_GQL_VALIDATION (and a mutation over GET in one
 * MER_ERR_METHOD_NOT_ALLOWED): report each inner error, keeping the wrapper's HTTP status.
 */
function expand(error: GraphQLError): Array<{ error: GraphQLError; wrapperStatus?: number }> {
  const wrapper = error.originalError as TransportError | undefined;
  const inner = wrapper?.errors;
  if (!Array.isArray(inner) || inner.length === 0) return [{ error }];
  return inner.map((e) => ({ error: asGraphQLError(e), wrapperStatus: wrapper?.statusCode }));
}

interface Formatted {
  error: GraphQLFormattedError;
  /** The HTTP status this error calls for when the request produced no data. */
  status?: number;
}

function internal(error: GraphQLError, status?: number): Formatted {
  const errorId = randomUUID();
  logger.error(`internal error ${errorId}: ${error.message}`, error.originalError?.stack ?? error.stack);
  const { locations, path } = error.toJSON();
  return {
    error: {
      message: `internal error; reference ${errorId}`,
      ...(locations && { locations }),
      ...(path && { path }),
      extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR, errorId },
    },
    status,
  };
}

function formatOne({ error, wrapperStatus }: { error: GraphQLError; wrapperStatus?: number }): Formatted {
  // The gateway's own errors (AllExceptionsFilter) already carry their code; they are answered as they are.
  // A coded error outside execution (the auth and limit hooks) refuses the whole request: its code's HTTP status.
  const code = error.extensions?.code;
  if (typeof code === 'string') {
    const requestStatus = error.path ? undefined : HTTP_STATUS[code as GatewayErrorCode];
    return { error: error.toJSON(), ...(requestStatus !== undefined && { status: requestStatus }) };
  }
  // An error inside execution without a code is a bug (e.g. null for a non-null field): never show its details.
  if (error.path) return internal(error);
  const original = error.originalError as TransportError | undefined;
  const transportStatus = wrapperStatus ?? original?.statusCode;
  // Syntax, validation and variable errors come from graphql-js with a location in the document (or no cause at
  // all); Fastify's refusals (malformed JSON, wrong content type, body too large) carry a 4xx status.
  const badRequest =
    transportStatus !== undefined
      ? transportStatus >= 400 && transportStatus < 500
      : original === undefined || original instanceof GraphQLError || error.locations !== undefined;
  if (!badRequest) return internal(error, 500);
  const fields = fieldsFromGraphQLMessage(error.message);
  return {
    error: {
      ...error.toJSON(),
      extensions: { ...error.extensions, code: GatewayErrorCode.BAD_USER_INPUT, ...(fields && { fields }) },
    },
    status: transportStatus ?? 400,
  };
}

/**
 * Mercurius `errorFormatter`: every GraphQL error leaves with an `extensions.code` from the gateway's one enum.
 * A request GraphQL cannot run (malformed JSON or query, wrong content type, unknown field, wrong variable or enum
 * type, missing required input field) is BAD_USER_INPUT with HTTP 400 (415/413 for Fastify's refusals), its message
 * naming the field; anything unexpected is INTERNAL_SERVER_ERROR with an error id that is logged, never a stack.
 * Errors from resolvers keep their code, and HTTP 200 as graphql-over-http asks for application/json.
 */
export function formatGraphQLErrors(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
  context?: GraphQLHttpContext,
): {
  statusCode: number;
  response: { data: ExecutionResult['data'] | null; errors: GraphQLFormattedError[] };
} {
  const formatted = execution.errors.flatMap(expand).map(formatOne);
  // The request's X-Request-Id (or the generated one) on every error, as problem+json carries it on REST.
  const requestId =
    context?.reply?.request.id ?? (context as { request?: { id?: string } } | undefined)?.request?.id;
  if (requestId)
    for (const f of formatted) f.error = { ...f.error, extensions: { ...f.error.extensions, requestId } };
  const requestStatus = formatted.find((f) => f.status !== undefined)?.status;
  const statusCode = execution.data ? 200 : (requestStatus ?? 200);
  statusHeaders(context, statusCode);
  negotiateMediaType(context);
  return {
    statusCode,
    response: { data: execution.data ?? null, errors: formatted.map((f) => f.error) },
  };
}
