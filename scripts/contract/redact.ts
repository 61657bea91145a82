/**
 * Redaction for recorded fixtures: nothing secret or personal leaves a live run. Credential values are replaced
 * wherever they appear (headers, URL path segments such as WaMessenger's key, bodies echoing a key as `hash`), secret
 * keys by name, and phone numbers by a masked number of the same kind (a string stays a string, digits stay digits),
 * so the fixture keeps its shape.
 */

const SECRET_NAME =
  /(secret|password|passwd|token|api[-_]?key|apikey|authorization|client[-_]?id|^hash$|^x-api-key$)/i;
const PHONE_NAME = /(phone|mobile|recipient|^to$|^from$|number|msisdn|wuid|jid)/i;
/** In free text: a run of 10–15 digits, optionally after `+` (shorter runs are ids, counts, codes). */
const PHONE_IN_TEXT = /(?<![\d.])\+?\d{10,15}(?![\d.])/g;
/** The whole value of a phone-named field. */
const PHONE_VALUE = /^\+?\d{6,15}$/;

export interface Redactor {
  value(value: unknown, name?: string): unknown;
  text(text: string): string;
}

function maskDigits(digits: string): string {
  // Keep the country code's first digits so the number still looks like one, mask the rest.
  return digits.slice(0, 3) + '0'.repeat(Math.max(0, digits.length - 3));
}

export function createRedactor(secrets: Record<string, string>): Redactor {
  const replacements = Object.entries(secrets)
    .filter(([, value]) => typeof value === 'string' && value.length >= 4)
    .sort((a, b) => b[1].length - a[1].length)
    .map(([name, value]) => ({ value, placeholder: `<${name}>` }));

  const text = (input: string): string => {
    let out = input;
    for (const { value, placeholder } of replacements) out = out.split(value).join(placeholder);
    for (const { value, placeholder } of replacements) {
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(placeholder);
    }
    return out.replace(PHONE_IN_TEXT, (match) =>
      match.startsWith('+') ? `+${maskDigits(match.slice(1))}` : maskDigits(match),
    );
  };

  const value = (input: unknown, name?: string): unknown => {
    if (name !== undefined && SECRET_NAME.test(name) && typeof input === 'string') return '<redacted>';
    if (typeof input === 'string' && name !== undefined && PHONE_NAME.test(name) && PHONE_VALUE.test(input)) {
      return input.startsWith('+') ? `+${maskDigits(input.slice(1))}` : maskDigits(input);
    }
    if (typeof input === 'string') return text(input);
    if (
      typeof input === 'number' &&
      name !== undefined &&
      PHONE_NAME.test(name) &&
      String(input).length >= 6
    ) {
      return Number(maskDigits(String(input)));
    }
    if (Array.isArray(input)) return input.map((item) => value(item, name));
    if (input !== null && typeof input === 'object') {
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, value(v, k)]));
    }
    return input;
  };

  return { value, text };
}
