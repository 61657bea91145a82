/**
 * WaMessenger puts the api key in every URL, and the webhook queue and webhook bodies echo it as `hash`/`Hash`.
 * Everything this provider hands out (error messages, raw bodies kept for debugging) goes through a redactor first.
 */
export const REDACTED = '[redacted]';

export type Redactor = <T>(value: T) => T;

export function createRedactor(apiKey: string): Redactor {
  // The key appears verbatim in bodies and percent-encoded in paths (pathOf escapes it).
  const forms = [...new Set([apiKey, encodeURIComponent(apiKey)])].filter((form) => form.length > 0);
  const redactText = (text: string): string =>
    forms.reduce((acc, form) => acc.split(form).join(REDACTED), text);

  const redact = (value: unknown): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (Array.isArray(value)) return value.map(redact);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item)]));
    }
    return value;
  };
  return redact as Redactor;
}
