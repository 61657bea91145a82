import { GatewayError } from '../common/errors/gateway-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface InboundCursor {
  receivedAt: Date;
  id: string;
}

/** Opaque to clients: the sort key (receivedAt desc, id desc) of the last message of a page. */
export function encodeInboundCursor(cursor: InboundCursor): string {
  return Buffer.from(JSON.stringify(['in', cursor.receivedAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

/** The cursor, or BAD_USER_INPUT naming `after` when it is not one this API handed out. */
export function decodeInboundCursor(value: string, field = 'after'): InboundCursor {
  const invalid = GatewayError.badInput(field, 'not a cursor from this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== 'in') throw invalid;
  const [, at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw invalid;
  const receivedAt = new Date(at);
  if (Number.isNaN(receivedAt.getTime())) throw invalid;
  return { receivedAt, id };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
