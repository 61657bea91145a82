import type { FastifyReply } from 'fastify';
import type { ProviderReply } from '../../core/sim-provider.js';
import type { FieldErrors } from './wessaal.validation.js';

/**
 * Wessaal's error envelope: `{success:false, message, errors?|error_code?}`. The 422 and 402 bodies are the
 * documented ones; the others are the simulator's choices (listed in the README as assumptions).
 */
export const UNAUTHENTICATED: ErrorBody = { success: false, message: 'Unauthenticated.' };
export const RATE_LIMITED: ErrorBody = {
  success: false,
  message: 'Too Many Attempts.',
  error_code: 'RATE_LIMITED',
};
export const INSUFFICIENT_CREDITS: ErrorBody = {
  success: false,
  message: 'Insufficient credits: not enough balance',
  error_code: 'INSUFFICIENT_CREDITS',
};
export const NOT_FOUND: ErrorBody = { success: false, message: 'Not found.' };
export const MALFORMED_JSON: ErrorBody = { success: false, message: 'Malformed JSON in request body.' };
export const PAYLOAD_TOO_LARGE: ErrorBody = { success: false, message: 'The request payload is too large.' };
export const SERVER_ERROR: ErrorBody = { success: false, message: 'Server Error' };

/** Every error body: `errors` on 422, `error_code` on the coded ones. */
export interface ErrorBody {
  success: false;
  message: string;
  error_code?: string;
  errors?: FieldErrors;
}

export function forbidden(scope: string): ErrorBody {
  return {
    success: false,
    message: `This API key does not have the required permission: ${scope}`,
    error_code: 'FORBIDDEN',
  };
}

export function validationFailed(errors: FieldErrors): ErrorBody {
  return { success: false, message: 'Validation failed', errors };
}

export type Resource = 'Instance' | 'Workspace' | 'Contact' | 'Template' | 'Message';

export function notFound(resource: Resource): ErrorBody {
  return { success: false, message: `${resource} not found.` };
}

export const DISABLED_ENDPOINTS: Record<string, string> = {
  'send-reaction':
    'This endpoint is permanently disabled: send-reaction is not available in this API version.',
  'send-list': 'This endpoint is permanently disabled: WhatsApp has deprecated interactive list messages.',
};

export function gone(message: string): ErrorBody {
  return { success: false, message, error_code: 'ENDPOINT_DISABLED' };
}

/** A check that refuses the request: the status and body to answer with. */
export class Refusal {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {}

  send(reply: FastifyReply): FastifyReply {
    return reply.code(this.status).send(this.body);
  }
}

const STATUS_BODIES: Record<number, unknown> = {
  400: { success: false, message: 'Bad Request' },
  401: UNAUTHENTICATED,
  402: INSUFFICIENT_CREDITS,
  403: { success: false, message: 'This action is unauthorized.', error_code: 'FORBIDDEN' },
  404: NOT_FOUND,
  405: { success: false, message: 'Method Not Allowed' },
  410: gone('This endpoint is permanently disabled.'),
  413: PAYLOAD_TOO_LARGE,
  422: validationFailed({}),
  429: RATE_LIMITED,
  500: SERVER_ERROR,
  502: { success: false, message: 'Bad Gateway' },
  503: { success: false, message: 'Service Unavailable' },
  504: { success: false, message: 'Gateway Timeout' },
};

/** The body an injected fault answers with when it brings none. */
export function errorReply(status: number): ProviderReply {
  const body = STATUS_BODIES[status] ?? { success: false, message: status >= 500 ? 'Server Error' : 'Error' };
  return status === 429 ? { status, body, headers: { 'retry-after': '60' } } : { status, body };
}
