import { STATUS_CODES } from 'node:http';
import type { ProviderReply } from '../../core/sim-provider.js';

/** The platform's envelope: `message` and `data` are left out when empty. */
export interface Envelope {
  remark: string;
  status: 'success' | 'error';
  message?: string[];
  data?: Record<string, unknown>;
}

export function success(remark: string, message: string[], data?: Record<string, unknown>): Envelope {
  const body: Envelope = { remark, status: 'success' };
  if (message.length) body.message = message;
  if (data && Object.keys(data).length) body.data = data;
  return body;
}

export function failure(remark: string, message: string[]): Envelope {
  const body: Envelope = { remark, status: 'error' };
  if (message.length) body.message = message;
  return body;
}

export const validationError = (messages: string[]): Envelope => failure('validation_error', messages);

export const unauthorized = (messages: string[]): Envelope => failure('Unauthorized', messages);

/** Bodies for statuses the platform answers outside its handlers (and for injected faults). */
const BY_STATUS: Record<number, Envelope> = {
  400: failure('bad_request', ['The request could not be understood.']),
  401: unauthorized(['Invalid credentials']),
  404: failure('not_found', ['Route not found']),
  405: failure('not_found', ['Route not found']),
  413: failure('payload_too_large', ['The request body is too large.']),
  415: failure('unsupported_media_type', [
    'Send the body as multipart/form-data, application/x-www-form-urlencoded or application/json.',
  ]),
  419: failure('page_expired', ['Page Expired']),
  429: failure('too_many_requests', ['Too Many Attempts.']),
  500: failure('exception', ['Server Error']),
  503: failure('exception', ['Service Unavailable']),
};

/** The platform's own body for an HTTP status (used by injected faults and the scope's error handler). */
export function errorReply(status: number): ProviderReply {
  const body =
    BY_STATUS[status] ??
    (status >= 500
      ? failure('exception', [STATUS_CODES[status] ?? 'Server Error'])
      : failure('error', [STATUS_CODES[status] ?? 'Error']));
  const reply: ProviderReply = { status, body };
  if (status === 429) reply.headers = { 'retry-after': '60' };
  return reply;
}
