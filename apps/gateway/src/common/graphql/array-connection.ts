import { decodeCursor, encodeCursor, type ConnectionWindow } from './connection.args.js';
import { GatewayError } from '../errors/gateway-error.js';
import { toConnection, type ConnectionModel } from './connection.types.js';

const TAG = 'ix';

function positionOf(cursor: string, field: string, length: number): number {
  const [index] = decodeCursor(cursor, TAG, field);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > length)
    throw GatewayError.badInput(field, 'not a cursor of this list');
  return index;
}

/**
 * A connection over a list the gateway holds whole (a tenant's connections, a provider's instances, which the
 * provider does not page): the cursor is the item's position, and totalCount is the list's length.
 */
export function connectionFromArray<T>(items: T[], window: ConnectionWindow): ConnectionModel<T> {
  const start = window.after !== undefined ? positionOf(window.after, 'after', items.length) + 1 : 0;
  const end = window.before !== undefined ? positionOf(window.before, 'before', items.length) : items.length;
  const from = window.direction === 'forward' ? start : Math.max(start, end - window.size);
  const to = window.direction === 'forward' ? Math.min(end, start + window.size) : end;
  const edges = items
    .slice(from, Math.max(from, to))
    .map((node, offset) => ({ cursor: encodeCursor(TAG, [from + offset]), node }));
  return toConnection(edges, { hasPreviousPage: from > 0, hasNextPage: to < items.length }, items.length);
}
