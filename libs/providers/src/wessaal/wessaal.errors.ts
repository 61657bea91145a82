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
