const MAX_DEPTH = 32;

/** A part @fastify/multipart leaves on `request.body` when a later part fails to parse (it points back at its body). */
interface MultipartPart {
  type: 'field' | 'file';
  fieldname: string;
  value?: unknown;
  filename?: string;
  mimetype?: string;
}

function isMultipartPart(value: object): value is MultipartPart {
  const part = value as Partial<MultipartPart>;
  return (part.type === 'field' || part.type === 'file') && typeof part.fieldname === 'string';
}

/**
 * A JSON-safe copy of what a request carried, for the journal: multipart parts become their values, bytes become a
 * byte count, cycles and anything past 32 levels a marker. The journal stores bodies as they arrive (a write must
 * cost nothing) and copies them like this only when someone reads it, so one odd body cannot break every read.
 */
export function plainData(value: unknown, seen: Set<object> = new Set(), depth = 0): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (ArrayBuffer.isView(value)) return `<${value.byteLength} bytes>`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => plainData(item, seen, depth + 1));
    if (isMultipartPart(value)) {
      if (value.value !== undefined) return plainData(value.value, seen, depth + 1);
      return value.type === 'file' ? { filename: value.filename, mimetype: value.mimetype } : null;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    // Streams, sockets and the like: their state is not what the request said.
    if (typeof (value as { pipe?: unknown }).pipe === 'function')
      return `<${proto === null ? 'object' : (value.constructor?.name ?? 'object')}>`;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = plainData(item, seen, depth + 1);
    return out;
  } finally {
    seen.delete(value);
  }
}
