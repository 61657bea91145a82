import type { z } from 'zod';
import { ProviderError, ProviderErrorCode } from './provider-error.js';
import type { HttpResponse } from './http-client.js';

/**
 * Validates a provider's answer at run time. Schemas are written with `z.looseObject`, so fields a provider adds
 * later are kept rather than rejected; only a missing or mistyped documented field is an error.
 */
export function parseResponse<S extends z.ZodType>(
  provider: string,
  schema: S,
  response: HttpResponse,
  what: string,
  value: unknown = response.json,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ProviderError(ProviderErrorCode.UNEXPECTED_RESPONSE, {
    provider,
    httpStatus: response.status,
    rawBody: response.json ?? response.text,
    message: `${provider}: unexpected ${what} response: ${summarizeIssues(result.error)}`,
  });
}

export function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}

/** The body a ProviderError keeps: parsed JSON when there was JSON, else the text. */
export function rawBodyOf(response: HttpResponse): unknown {
  return response.json ?? response.text;
}
