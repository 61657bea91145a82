import { GatewayError } from '../common/errors/gateway-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's own text of created_at (microseconds), so the cursor compares exactly. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface MessageCursor {
  createdAt: string;
  id: string;
}

/** Opaque to clients: the sort key (createdAt desc, id desc) of the last message of a page. */
export function encodeMessageCursor(cursor: MessageCursor): string {
  return Buffer.from(JSON.stringify(['msg', cursor.createdAt, cursor.id])).toString('base64url');
}

/** The cursor, or BAD_USER_INPUT naming `after` when this API did not hand it out. */
export function decodeMessageCursor(value: string, field = 'after'): MessageCursor {
  const invalid = GatewayError.badInput(field, 'not a cursor from this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== 'msg') throw invalid;
  const [, createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || !TIMESTAMP.test(createdAt) || typeof id !== 'string' || !UUID.test(id))
    throw invalid;
  return { createdAt, id };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
