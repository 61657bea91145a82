import { GatewayErrorCode } from '../errors/error-codes.js';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * PostgreSQL text and jsonb cannot hold U+0000 (it answers `invalid byte sequence` / `unsupported Unicode escape`),
 * and no field of this API has a use for it. So a NUL byte anywhere in what a client sends is refused at the edge,
 * before any service sees it, as BAD_USER_INPUT naming each field that carries one. (What a *provider* sends is
 * another matter: inbound messages are stored with their NULs dropped, see inbound/without-nul.ts.)
 */
export const NUL_BYTE_MESSAGE = 'must not contain a NUL byte (\\u0000)';

const NUL = '\u0000';
/** Deep enough for any input of this API; deeper input is refused elsewhere (body limits, validation). */
const MAX_DEPTH = 64;

function join(path: string, key: string): string {
  const shown = key.replaceAll(NUL, '\\u0000');
  return path ? `${path}.${shown}` : shown;
}

/**
 * The paths (`media.url`, `contacts.0.fullName`) of every string in `value` that contains a NUL byte, keys included:
 * a key with a NUL names the object's path plus the key shown with `\u0000`.
 */
export function nulBytePaths(value: unknown, path = '', out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push(path);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  if (depth > MAX_DEPTH) {
    // Past the depth worth walking, one look at the serialised rest (JSON writes U+0000 as the escape `\u0000`).
    if (deepHasNul(value)) out.push(path);
    return out;
  }
  const entries = Array.isArray(value)
    ? value.map((item, i) => [String(i), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const itemPath = join(path, key);
    if (key.includes(NUL)) out.push(itemPath);
    nulBytePaths(item, itemPath, out, depth + 1);
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
export function nulByteError(paths: string[]): GatewayError | undefined {
  if (paths.length === 0) return undefined;
  const unique = [...new Set(paths.map((p) => p || '(root)'))];
  const fields = Object.fromEntries(unique.map((p) => [p, [NUL_BYTE_MESSAGE]]));
  return new GatewayError(GatewayErrorCode.BAD_USER_INPUT, `${unique.join(', ')}: ${NUL_BYTE_MESSAGE}`, {
    fields,
  });
}
