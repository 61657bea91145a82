import { types } from 'node:util';

/**
 * `instanceof Error` across realms: Node's own errors (a socket's ECONNRESET) are made in the main realm, so in a
 * Jest VM context they fail `instanceof Error` and a cause would be described as `Error: read ECONNRESET` in tests
 * but `ECONNRESET: read ECONNRESET` in production. isNativeError reads the object itself, whatever its realm.
 */
export function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}
