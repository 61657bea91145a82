import { GatewayError } from '../common/errors/gateway-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A timestamp column as PostgreSQL keeps it (microseconds), so a cursor compares exactly. */
export const cursorTime = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface WebhookCursor {
  at: string;
  id: string;
}

/** Opaque to clients: the sort key (time desc, id desc) of an item, tagged with the list it came from. */
export function encodeWebhookCursor(kind: string, cursor: WebhookCursor): string {
  return Buffer.from(JSON.stringify([kind, cursor.at, cursor.id])).toString('base64url');
}

/** The cursor, or BAD_USER_INPUT naming `after` when it is not one of this list's. */
export function decodeWebhookCursor(kind: string, value: string): WebhookCursor {
  const invalid = GatewayError.badInput('after', 'not a cursor from this list');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== kind) throw invalid;
  const [, at, id] = parsed as unknown[];
  if (typeof at !== 'string' || !TIMESTAMP.test(at) || typeof id !== 'string' || !UUID.test(id))
    throw invalid;
  return { at, id };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A Relay connection from a page fetched with one extra row (which only says whether more follow). */
export function toConnection<Row extends { cursor_at: string; id: string }, Node>(
  kind: string,
  rows: Row[],
  first: number,
  after: string | undefined,
  toNode: (row: Row) => Node,
): {
  edges: Array<{ cursor: string; node: Node }>;
  nodes: Node[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
} {
  const edges = rows.slice(0, first).map((row) => ({
    cursor: encodeWebhookCursor(kind, { at: row.cursor_at, id: row.id }),
    node: toNode(row),
  }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
