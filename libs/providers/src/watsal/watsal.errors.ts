import type { HttpResponse } from '../core/http-client.js';
import {
  ProviderError,
  ProviderErrorCode,
  codeForHttpStatus,
  parseRetryAfter,
  type FieldErrors,
} from '../core/provider-error.js';
import { rawBodyOf } from '../core/response-schema.js';
import { WATSAL_PROVIDER_ID } from './watsal.constants.js';
import { watsalErrorBodySchema, type WatsalErrorBody } from './watsal.schemas.js';

/**
 * Watsal's own codes, only consulted when an error arrives with a 2xx status (`success:false` on HTTP 200), where
 * the status itself says nothing. With an error status the status decides, as the assumed contract defines them.
 */
const CODE_BY_WATSAL_CODE: ReadonlyMap<string, ProviderErrorCode> = new Map([
  ['invalid_request', ProviderErrorCode.VALIDATION_FAILED],
  ['unauthorized', ProviderErrorCode.AUTH_FAILED],
  ['not_found', ProviderErrorCode.NOT_FOUND],
  ['validation_error', ProviderErrorCode.VALIDATION_FAILED],
  ['invalid_code', ProviderErrorCode.VALIDATION_FAILED],
  ['code_expired', ProviderErrorCode.VALIDATION_FAILED],
  ['rate_limited', ProviderErrorCode.RATE_LIMITED],
]);

const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;

/** True for an HTTP error status, and for a 2xx body that says `success: false`. */
export function isWatsalErrorResponse(response: HttpResponse): boolean {
  if (!isSuccessStatus(response.status)) return true;
  const body = response.json;
  if (typeof body !== 'object' || body === null || !('success' in body)) return false;
  return body.success === false || body.success === 'false';
}

/** A refusal because the recipient blocked the sender: undocumented, so a `contact_blocked` code or the word. */
function isBlockedRefusal(
  status: number,
  watsalCode: string | undefined,
  message: string | undefined,
): boolean {
  if (watsalCode === 'contact_blocked') return true;
  return status >= 400 && status < 500 && /\bblocked\b/i.test(message ?? '');
}

function errorCodeFor(status: number, watsalCode: string | undefined, message?: string): ProviderErrorCode {
  // A verification locked after too many wrong codes comes as a 429, but waiting does not help: not transient.
  if (watsalCode === 'too_many_attempts') return ProviderErrorCode.REJECTED;
  if (isBlockedRefusal(status, watsalCode, message)) return ProviderErrorCode.CONTACT_BLOCKED;
  if (!isSuccessStatus(status)) return codeForHttpStatus(status);
  // A 2xx that still says success:false: Watsal refused the request, whatever the status claims.
  return (watsalCode && CODE_BY_WATSAL_CODE.get(watsalCode)) || ProviderErrorCode.REJECTED;
}

/** Field messages for validation errors: under `error.field` when Watsal names one, else under `_`. */
function fieldErrorsOf(error: WatsalErrorBody['error'], code: ProviderErrorCode): FieldErrors | undefined {
  if (code !== ProviderErrorCode.VALIDATION_FAILED) return undefined;
  return { [error.field ?? '_']: [error.message ?? error.code] };
}

/** A readable excerpt of a body that is not Watsal's error shape (an HTML 502 page from a proxy, say). */
function excerptOf(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Turns an HttpResponse that `isWatsalErrorResponse` flagged into a ProviderError. */
export function watsalErrorFrom(response: HttpResponse): ProviderError {
  const common = {
    provider: WATSAL_PROVIDER_ID,
    httpStatus: response.status,
    rawBody: rawBodyOf(response),
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  };
  const parsed = watsalErrorBodySchema.safeParse(response.json);
  if (!parsed.success) {
    const excerpt = excerptOf(response.text);
    return new ProviderError(errorCodeFor(response.status, undefined), {
      ...common,
      message: `${WATSAL_PROVIDER_ID}: HTTP ${response.status}${excerpt ? `: ${excerpt}` : ' with an empty body'}`,
    });
  }
  const { error } = parsed.data;
  const code = errorCodeFor(response.status, error.code, error.message);
  return new ProviderError(code, {
    ...common,
    providerCode: error.code,
    fieldErrors: fieldErrorsOf(error, code),
    message: `${WATSAL_PROVIDER_ID}: HTTP ${response.status} ${error.code}${error.message ? `: ${error.message}` : ''}`,
  });
}
