const JSON_START = /^\s*[[{]/;
/** Form fields some senders wrap a JSON body in. */
const WRAPPER_FIELDS = /^(data|json|payload|body)$/i;

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A webhook body as it arrived (JSON, form fields, plain text, bytes) turned into what the adapter parses. Lenient on
 * purpose: WaMessenger documents no content type. Handles JSON sent as text, JSON sent under a form content type
 * (one field whose name is the JSON, or one `data`/`json`/`payload`/`body` field holding it) and plain form fields.
 * Anything else is passed on unchanged for the adapter to reject.
 */
export function webhookPayload(body: unknown): unknown {
  if (body instanceof Uint8Array) return webhookPayload(Buffer.from(body).toString('utf8'));
  if (typeof body === 'string') {
    const text = body.trim();
    if (JSON_START.test(text)) return tryJson(text) ?? body;
    if (text.includes('=')) return webhookPayload(Object.fromEntries(new URLSearchParams(text)));
    return body;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length === 1) {
    const [name, value] = entries[0]!;
    if ((value === '' || value === undefined) && JSON_START.test(name)) return tryJson(name) ?? body;
    if (typeof value === 'string' && WRAPPER_FIELDS.test(name) && JSON_START.test(value))
      return tryJson(value) ?? body;
  }
  return body;
}
