import { z } from 'zod';
import type { HttpResponse } from '../core/http-client.js';
import {
  codeForHttpStatus,
  type FieldErrors,
  parseRetryAfter,
  ProviderError,
  ProviderErrorCode,
} from '../core/provider-error.js';
import { rawBodyOf } from '../core/response-schema.js';

export const WESSAAL_PROVIDER_ID = 'wessaal';

/**
 * `{success:false, message, errors?|error_code?}`. Each field is read on its own (`.catch`), so one odd field never
 * hides the others.
 */
const errorBodySchema = z.looseObject({
  message: z.string().optional().catch(undefined),
  error_code: z.string().optional().catch(undefined),
  errors: z
    .record(z.string(), z.union([z.array(z.string()), z.string()]))
    .optional()
    .catch(undefined),
});

function fieldErrorsOf(errors: Record<string, string[] | string> | undefined): FieldErrors | undefined {
  if (!errors || Object.keys(errors).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [
      field,
      Array.isArray(messages) ? messages : [messages],
    ]),
  );
}

/** The real server also answers 422 for a blocked contact, with the word in its message or its field errors. */
function mentionsBlocked(message: string | undefined, fieldErrors: FieldErrors | undefined): boolean {
  const texts = [message ?? '', ...Object.values(fieldErrors ?? {}).flat()];
  return texts.some((text) => /\bblocked\b/i.test(text));
}

function codeFor(status: number, errorCode: string | undefined, blocked: boolean): ProviderErrorCode {
  if (errorCode === 'INSUFFICIENT_CREDITS') return ProviderErrorCode.INSUFFICIENT_CREDITS;
  if (status === 422 && blocked) return ProviderErrorCode.CONTACT_BLOCKED;
  return codeForHttpStatus(status);
}

/** The per-item `error_code` of a bulk answer (the codes the single-send errors carry, by name). */
const CODE_BY_ITEM_ERROR_CODE: Readonly<Record<string, ProviderErrorCode>> = {
  INSUFFICIENT_CREDITS: ProviderErrorCode.INSUFFICIENT_CREDITS,
  NOT_FOUND: ProviderErrorCode.NOT_FOUND,
  VALIDATION_FAILED: ProviderErrorCode.VALIDATION_FAILED,
  FORBIDDEN: ProviderErrorCode.PERMISSION_DENIED,
  RATE_LIMITED: ProviderErrorCode.RATE_LIMITED,
};

/**
 * A failed bulk item, read like a refused single send: its `error_code` by name, a blocked recipient (the word in
 * its message or field errors) as CONTACT_BLOCKED, anything else REJECTED.
 */
export function bulkItemFailure(item: {
  error?: string | null;
  message?: string | null;
  error_code?: unknown;
  errors?: unknown;
}): { errorCode: ProviderErrorCode; fieldErrors?: FieldErrors } {
  const parsed = errorBodySchema.safeParse({
    message: item.error ?? item.message,
    error_code: item.error_code,
    errors: item.errors,
  });
  const body = parsed.success ? parsed.data : {};
  const fieldErrors = fieldErrorsOf(body.errors);
  if (mentionsBlocked(body.message, fieldErrors))
    return { errorCode: ProviderErrorCode.CONTACT_BLOCKED, fieldErrors };
  const byName = body.error_code === undefined ? undefined : CODE_BY_ITEM_ERROR_CODE[body.error_code];
  // The doc's own partial-success example names no code, only "Insufficient credits".
  const byText = /\binsufficient credits\b/i.test(body.message ?? '')
    ? ProviderErrorCode.INSUFFICIENT_CREDITS
    : undefined;
  return { errorCode: byName ?? byText ?? ProviderErrorCode.REJECTED, fieldErrors };
}

/** Turns a non-2xx Wessaal answer into a ProviderError; `operation` (e.g. `POST messages/send`) goes in the message. */
export function wessaalErrorFrom(response: HttpResponse, operation: string): ProviderError {
  const parsed = errorBodySchema.safeParse(response.json);
  const body = parsed.success ? parsed.data : {};
  const declaredFieldErrors = fieldErrorsOf(body.errors);
  const code = codeFor(response.status, body.error_code, mentionsBlocked(body.message, declaredFieldErrors));
  const isInputProblem =
    code === ProviderErrorCode.VALIDATION_FAILED || code === ProviderErrorCode.CONTACT_BLOCKED;
  // A 400 or a blocked contact may carry only a sentence: keep it as the field-less `_` entry.
  const fieldErrors =
    declaredFieldErrors ?? (isInputProblem && body.message ? { _: [body.message] } : undefined);
  const reason = body.message ?? (response.text.trim().slice(0, 200) || 'no body');
  return new ProviderError(code, {
    provider: WESSAAL_PROVIDER_ID,
    message: `${WESSAAL_PROVIDER_ID}: ${operation}: HTTP ${response.status}: ${reason}`,
    httpStatus: response.status,
    rawBody: rawBodyOf(response),
    providerCode: body.error_code,
    fieldErrors,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  });
}
