import type { HttpResponse } from '../core/http-client.js';
import {
  ProviderError,
  ProviderErrorCode,
  codeForHttpStatus,
  parseRetryAfter,
} from '../core/provider-error.js';
import { rawBodyOf } from '../core/response-schema.js';
import { isError } from '../core/is-error.js';
import type { Redactor } from './wamessenger.redact.js';

export const WAMESSENGER_PROVIDER_ID = 'wamessenger';

/**
 * HTTP codes are undocumented. What is known from public client code: errors are a plain-text `Bad Request` or
 * JSON with a `message`. The rest is the assumption shared with the simulator: 401/403 or an "invalid api key"
 * message → AUTH_FAILED, 404, 429 (Retry-After), 5xx, any other 4xx → VALIDATION_FAILED with the message.
 */
const BAD_REQUEST_TEXT = /^bad request$/i;
const INVALID_KEY_MESSAGE =
  /\b(invalid|unknown|wrong|incorrect|expired)\W+(api[\s_-]?key|apikey|key)\b|\b(api[\s_-]?key|apikey)\W+(is\s+)?(invalid|unknown|wrong|incorrect|expired|not\s+(found|valid|exists?))\b/i;
const MAX_MESSAGE_LENGTH = 300;

/** A plain-text `Bad Request` is the server's answer to any invalid request, whatever the HTTP status (even 200). */
function isBadRequestText(response: HttpResponse): boolean {
  const text =
    typeof response.json === 'string' ? response.json : response.json === undefined ? response.text : '';
  return BAD_REQUEST_TEXT.test(text.trim());
}

function jsonMessage(response: HttpResponse): string | undefined {
  const body = response.json;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

function isInvalidKeyMessage(response: HttpResponse): boolean {
  const message = jsonMessage(response);
  return message !== undefined && INVALID_KEY_MESSAGE.test(message);
}

/** True when the response must be reported as an error rather than parsed as a success. */
export function isWaMessengerErrorResponse(response: HttpResponse): boolean {
  const ok = response.status >= 200 && response.status < 300;
  return !ok || isBadRequestText(response) || isInvalidKeyMessage(response);
}

/** `{"message":"Phonenumber 98... is blocked"}`: the recipient blocked the sender. */
function isBlockedMessage(response: HttpResponse): boolean {
  const body = response.json;
  return (
    typeof body === 'object' &&
    body !== null &&
    'message' in body &&
    /\bblocked\b/i.test(String(body.message))
  );
}

function codeFor(response: HttpResponse): ProviderErrorCode {
  const { status } = response;
  if (isBadRequestText(response)) return ProviderErrorCode.VALIDATION_FAILED;
  if (isInvalidKeyMessage(response) || status === 401 || status === 403) return ProviderErrorCode.AUTH_FAILED;
  if (status >= 400 && status < 500 && isBlockedMessage(response)) return ProviderErrorCode.CONTACT_BLOCKED;
  if (status === 404) return ProviderErrorCode.NOT_FOUND;
  if (status === 429) return ProviderErrorCode.RATE_LIMITED;
  if (status >= 500) return ProviderErrorCode.PROVIDER_UNAVAILABLE;
  // 402, 408 and 410 keep their general meaning; every other 4xx is the request's fault.
  if (status >= 400 && status < 500 && ![402, 408, 410].includes(status))
    return ProviderErrorCode.VALIDATION_FAILED;
  return codeForHttpStatus(status);
}

/** Turns an error response (see isWaMessengerErrorResponse) into a ProviderError that never shows the api key. */
export function toWaMessengerError(
  response: HttpResponse,
  endpoint: string,
  redact: Redactor,
): ProviderError {
  const code = codeFor(response);
  const badRequest = isBadRequestText(response);
  const providerMessage = redact(jsonMessage(response) ?? response.text.trim()).slice(0, MAX_MESSAGE_LENGTH);
  const retryAfterSeconds =
    code === ProviderErrorCode.RATE_LIMITED
      ? parseRetryAfter(response.headers.get('retry-after'))
      : undefined;
  return new ProviderError(code, {
    provider: WAMESSENGER_PROVIDER_ID,
    message: `${WAMESSENGER_PROVIDER_ID}: ${endpoint}: HTTP ${response.status}: ${providerMessage || 'empty body'}`,
    httpStatus: response.status,
    rawBody: redact(rawBodyOf(response)),
    // The plain-text answer is the provider's only error label; JSON errors carry a sentence, not a code.
    providerCode: badRequest ? 'Bad Request' : undefined,
    // The provider never names fields: its message goes under `_`.
    fieldErrors:
      code === ProviderErrorCode.VALIDATION_FAILED && providerMessage ? { _: [providerMessage] } : undefined,
    retryAfterSeconds,
  });
}

/** `webhook/set`, `sendSeen` and `receive` answer HTTP 200 with `set: "false"` when they refuse. */
export function waMessengerRefusal(
  response: HttpResponse,
  endpoint: string,
  message: string,
  redact: Redactor,
): ProviderError {
  const providerMessage = redact(message).slice(0, MAX_MESSAGE_LENGTH);
  return new ProviderError(ProviderErrorCode.REJECTED, {
    provider: WAMESSENGER_PROVIDER_ID,
    message: `${WAMESSENGER_PROVIDER_ID}: ${endpoint}: refused: ${providerMessage || 'set is false'}`,
    httpStatus: response.status,
    rawBody: redact(rawBodyOf(response)),
    fieldErrors: providerMessage ? { _: [providerMessage] } : undefined,
  });
}

/**
 * Errors raised below the client (transport errors name the request path, parse errors keep the body) are rebuilt
 * with the api key removed from the message, the raw body and the cause.
 */
export function redactProviderError(error: ProviderError, redact: Redactor): ProviderError {
  return new ProviderError(error.code, {
    provider: error.provider,
    message: redact(error.message),
    httpStatus: error.httpStatus,
    rawBody: redact(error.rawBody),
    providerCode: error.providerCode,
    fieldErrors: redact(error.fieldErrors),
    retryAfterSeconds: error.retryAfterSeconds,
    capability: error.capability,
    cause: redactCause(error.cause, redact),
  });
}

function redactCause(cause: unknown, redact: Redactor): unknown {
  // Strings and plain objects (nock and some agents reject with `{ code, message }`) are redacted in place.
  if (!isError(cause)) return redact(cause);
  const texts: string[] = [];
  for (let link: unknown = cause; link !== undefined && texts.length < 5;) {
    texts.push(isError(link) ? link.message : safeJson(link));
    link = isError(link) ? link.cause : undefined;
  }
  if (texts.every((text) => redact(text) === text)) return cause;
  // Some link of the chain names the key: keep a redacted summary instead of the chain itself.
  const summary = new Error(redact(texts.join(' <- ')));
  summary.name = cause.name;
  const code = (cause as Error & { code?: unknown }).code; // ECONNRESET and the like: safe, and what callers test
  if (typeof code === 'string') Object.assign(summary, { code });
  return summary;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
