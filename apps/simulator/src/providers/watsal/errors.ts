import type { ProviderReply } from '../../core/sim-provider.js';

/**
 * Watsal's error envelope. The real shape is undocumented; this one is the project's stated assumption, shared
 * with the client library: `{"success":false,"error":{"code","message","field"?}}`.
 */
export interface WatsalErrorBody {
  success: false;
  error: { code: string; message: string; field?: string };
}

export function errorBody(code: string, message: string, field?: string): WatsalErrorBody {
  return { success: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** A refusal in Watsal's style; thrown by validation and handlers, answered by the scope's error handler. */
export class WatsalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'WatsalError';
  }

  body(): WatsalErrorBody {
    return errorBody(this.code, this.message, this.field);
  }
}

export const invalidRequest = (message: string): WatsalError =>
  new WatsalError(400, 'invalid_request', message);

export const validationError = (field: string, message: string): WatsalError =>
  new WatsalError(422, 'validation_error', message, field);

export const notFound = (message: string, field?: string): WatsalError =>
  new WatsalError(404, 'not_found', message, field);

export const rateLimited = (retryAfterSeconds: number): WatsalError =>
  new WatsalError(
    429,
    'rate_limited',
    `Too many requests. Retry after ${retryAfterSeconds} seconds.`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );

/** Code and message per HTTP status, for injected faults and unexpected framework errors. */
const BY_STATUS: Record<number, [string, string]> = {
  400: ['invalid_request', 'The request could not be understood.'],
  401: ['unauthorized', 'Invalid API key.'],
  403: ['forbidden', 'This API key may not perform this action.'],
  404: ['not_found', 'The requested resource does not exist.'],
  405: ['method_not_allowed', 'Method not allowed.'],
  408: ['request_timeout', 'The request took too long.'],
  409: ['conflict', 'The request conflicts with the current state.'],
  413: ['payload_too_large', 'The request body is too large.'],
  415: ['invalid_request', 'Content-Type must be application/json.'],
  422: ['validation_error', 'The given data was invalid.'],
  429: ['rate_limited', 'Too many requests. Retry after 60 seconds.'],
  500: ['internal_error', 'Internal server error.'],
  502: ['bad_gateway', 'Bad gateway.'],
  503: ['service_unavailable', 'The service is temporarily unavailable.'],
  504: ['gateway_timeout', 'Gateway timeout.'],
};

function byStatus(status: number): [string, string] {
  return (
    BY_STATUS[status] ?? (status >= 500 ? ['internal_error', 'Internal server error.'] : ['error', 'Error.'])
  );
}

/** The body an injected fault answers with when it names only a status. */
export function errorReply(status: number): ProviderReply {
  const [code, message] = byStatus(status);
  return {
    status,
    body: errorBody(code, message),
    headers: status === 429 ? { 'retry-after': '60' } : undefined,
  };
}

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/** Turns whatever reached the error handler (ours, Fastify's parser errors, bugs) into a Watsal error. */
export function toWatsalError(error: unknown): WatsalError {
  if (error instanceof WatsalError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as FrameworkError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return invalidRequest('Content-Type must be application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidRequest('The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new WatsalError(413, 'payload_too_large', 'The request body is too large.');
  }
  if (error instanceof SyntaxError || status === 400) return invalidRequest('Malformed JSON body.');
  if (status >= 400 && status < 500) {
    const [code, message] = byStatus(status);
    return new WatsalError(status, code, message);
  }
  return new WatsalError(500, 'internal_error', 'Internal server error.');
}
