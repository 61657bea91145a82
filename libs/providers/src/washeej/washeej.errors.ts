import type { HttpResponse } from '../core/http-client.js';
import {
  ProviderError,
  ProviderErrorCode,
  codeForHttpStatus,
  parseRetryAfter,
  type FieldErrors,
} from '../core/provider-error.js';
import { rawBodyOf } from '../core/response-schema.js';
import { fieldErrorsFromSentences } from './washeej.field-errors.js';

/** What an error body says, read defensively: the body may be HTML (a 404 or 502 page) or not JSON at all. */
interface ErrorEnvelope {
  remark?: string;
  sentences: string[];
}

function readErrorEnvelope(json: unknown): ErrorEnvelope {
  if (typeof json !== 'object' || json === null) return { sentences: [] };
  const body = json as Record<string, unknown>;
  const remark = typeof body.remark === 'string' ? body.remark : undefined;
  const message = body.message;
  const sentences = Array.isArray(message)
    ? message.filter((item): item is string => typeof item === 'string')
    : typeof message === 'string'
      ? [message]
      : [];
  return { remark, sentences };
}

const isSuccessfulHttp = (status: number): boolean => status >= 200 && status < 300;

/**
 * Most of this platform's errors come back as HTTP 200 with `status: "error"`, so a response is an error when
 * either the HTTP status or the envelope says so.
 */
export function isWasheejErrorResponse(response: HttpResponse): boolean {
  if (!isSuccessfulHttp(response.status)) return true;
  const json = response.json;
  return typeof json === 'object' && json !== null && (json as { status?: unknown }).status === 'error';
}

/** Remarks whose meaning is fixed whatever the sentences say. */
const REMARK_CODES: Readonly<Record<string, ProviderErrorCode>> = {
  Unauthorized: ProviderErrorCode.AUTH_FAILED,
  // "No user found for provided credentials": the credentials matched no account after the auth middleware.
  user_error: ProviderErrorCode.AUTH_FAILED,
  validation_error: ProviderErrorCode.VALIDATION_FAILED,
  subscription_required: ProviderErrorCode.SUBSCRIPTION_REQUIRED,
  not_available: ProviderErrorCode.SUBSCRIPTION_REQUIRED,
  not_found: ProviderErrorCode.NOT_FOUND,
  unknown_contact: ProviderErrorCode.NOT_FOUND,
  exception: ProviderErrorCode.PROVIDER_UNAVAILABLE,
};

// The platform reuses remarks loosely: a blocked contact comes back as `not_found` on send and `contact_error` on
// delete, and a plan lacking a feature ("Your current plan does not support interactive messages. Please upgrade
// your plan.") as `not_found`. The sentences are what tell these apart.
const BLOCKED_CONTACT = /\bblocked\b/i;
const PLAN_LIMIT = /upgrade your plan|plan does not support/i;
const IP_WHITELIST = /whitelist|white list/i;

function classify(httpStatus: number, { remark, sentences }: ErrorEnvelope): ProviderErrorCode {
  const text = sentences.join(' ');
  if (httpStatus === 401 || remark === 'Unauthorized') {
    return IP_WHITELIST.test(text) ? ProviderErrorCode.IP_NOT_WHITELISTED : ProviderErrorCode.AUTH_FAILED;
  }
  // Unknown routes (404), throttling (429) and server failures are told by the HTTP status whatever the body says.
  if (httpStatus === 404 || httpStatus === 429 || httpStatus >= 500) return codeForHttpStatus(httpStatus);
  if (remark === undefined) {
    return isSuccessfulHttp(httpStatus) ? ProviderErrorCode.REJECTED : codeForHttpStatus(httpStatus);
  }
  if (remark !== 'validation_error') {
    if (BLOCKED_CONTACT.test(text) || /block/i.test(remark)) return ProviderErrorCode.CONTACT_BLOCKED;
    if (PLAN_LIMIT.test(text)) return ProviderErrorCode.SUBSCRIPTION_REQUIRED;
  }
  const known = REMARK_CODES[remark];
  if (known) return known;
  // Business refusals (24-hour window, sender type, contact_error "with messages", ...): remark kept as providerCode.
  return isSuccessfulHttp(httpStatus) ? ProviderErrorCode.REJECTED : codeForHttpStatus(httpStatus);
}

function errorMessage(
  provider: string,
  code: ProviderErrorCode,
  httpStatus: number,
  envelope: ErrorEnvelope,
): string {
  const label = envelope.remark ?? `HTTP ${httpStatus}`;
  const said = envelope.sentences.length ? envelope.sentences.join(' ') : 'no message';
  if (code === ProviderErrorCode.IP_NOT_WHITELISTED) {
    // The server reports the caller's IP as it saw it: "please add your IP address (203.0.113.7) to the white list".
    const ip = /IP address \(([^)]+)\)/i.exec(said)?.[1];
    const who = ip ? `caller IP ${ip}` : 'the caller IP';
    return `${provider}: ${who} is not on the account's IP whitelist: ${said}`;
  }
  return `${provider}: ${label}: ${said}`;
}

/** Turns an error answer (HTTP error or `status: "error"` envelope) into a ProviderError. */
export function washeejErrorFrom(response: HttpResponse, provider: string): ProviderError {
  const envelope = readErrorEnvelope(response.json);
  const code = classify(response.status, envelope);
  let fieldErrors: FieldErrors | undefined;
  if (envelope.remark === 'validation_error') fieldErrors = fieldErrorsFromSentences(envelope.sentences);
  return new ProviderError(code, {
    provider,
    message: errorMessage(provider, code, response.status, envelope),
    httpStatus: response.status,
    rawBody: rawBodyOf(response),
    providerCode: envelope.remark,
    fieldErrors,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  });
}
