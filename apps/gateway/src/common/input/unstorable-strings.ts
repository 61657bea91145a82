import { GatewayErrorCode } from '../errors/error-codes.js';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * PostgreSQL text and jsonb cannot hold U+0000 (it answers `invalid byte sequence` / `unsupported Unicode escape`)
 * nor half a surrogate pair, and no field of this API has a use for either. So such a string anywhere in what a
 * client sends is refused at the edge,
 * before any service sees it, as BAD_USER_INPUT naming each field that carries one. (What a *provider* sends is
 * another matter: inbound messages are stored with their NULs dropped, see inbound/without-nul.ts.)
 */
export const NUL_BYTE_MESSAGE = 'must not contain a NUL byte (\\u0000)';
/** The other string PostgreSQL refuses (`invalid input syntax for type json`): half a UTF-16 surrogate pair. */
export const LONE_SURROGATE_MESSAGE = 'must be valid Unicode (it has an unpaired UTF-16 surrogate)';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL could not store `text`, or undefined when it can. */
function unstorable(text: string): string | undefined {
  if (text.includes(NUL)) return NUL_BYTE_MESSAGE;
  return LONE_SURROGATE.test(text) ? LONE_SURROGATE_MESSAGE : undefined;
}

const NUL = '\u0000';
/** Deep enough for any input of this API; deeper input is refused elsewhere (body limits, validation). */
const MAX_DEPTH = 64;

function join(path: string, key: string): string {
  const shown = key.replaceAll(NUL, '\\u0000').replace(/[\uD800-\uDFFF]/g, '\uFFFD');
  return path ? `${path}.${shown}` : shown;
}

/** A field path and why its value cannot be stored. */
export type Unstorable = [path: string, message: string];

/**
 * The paths (`media.url`, `contacts.0.fullName`) of every string in `value` that PostgreSQL could not store (a NUL
 * byte, an unpaired surrogate), keys included: a bad key names the object's path plus the key (NUL shown as `\u0000`).
 */
export function unstorablePaths(value: unknown, path = '', out: Unstorable[] = [], depth = 0): Unstorable[] {
  if (typeof value === 'string') {
    const why = unstorable(value);
    if (why) out.push([path, why]);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  if (depth > MAX_DEPTH) {
    // Past the depth worth walking, one look at the serialised rest (JSON writes U+0000 as the escape `\u0000`).
    if (deepHasNul(value)) out.push([path, NUL_BYTE_MESSAGE]);
    return out;
  }
  const entries = Array.isArray(value)
    ? value.map((item, i) => [String(i), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const itemPath = join(path, key);
    const why = unstorable(key);
    if (why) out.push([itemPath, why]);
    unstorablePaths(item, itemPath, out, depth + 1);
  }
  return out;
}

function deepHasNul(value: object): boolean {
  try {
    return JSON.stringify(value).includes('\\u0000');
  } catch {
    return false; // Too deep even for JSON.stringify: no store below accepts it either.
  }
}

/** BAD_USER_INPUT naming every path (`fields`: path → messages), or undefined when there is none. */
export function unstorableInputError(found: Unstorable[]): GatewayError | undefined {
  if (found.length === 0) return undefined;
  // A Map, not an object literal: a field called `constructor` or `__proto__` would find Object.prototype's (500).
  const byPath = new Map<string, string[]>();
  for (const [path, message] of found) {
    const messages = byPath.get(path || '(root)') ?? [];
    if (!messages.includes(message)) messages.push(message);
    byPath.set(path || '(root)', messages);
  }
  const fields = Object.fromEntries(byPath);
  const summary = Object.entries(fields)
    .map(([path, messages]) => `${path}: ${messages.join(', ')}`)
    .join('; ');
  return new GatewayError(GatewayErrorCode.BAD_USER_INPUT, summary, { fields });
}
