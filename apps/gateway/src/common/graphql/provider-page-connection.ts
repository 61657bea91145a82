import { GatewayError } from '../errors/gateway-error.js';
import { decodeCursor, encodeCursor, type ConnectionWindow } from './connection.args.js';
import { toConnection, type ConnectionModel, type EdgeModel } from './connection.types.js';

const TAG = 'pg';
/** Provider calls one GraphQL page may cost at most (a page of `first` can straddle provider pages). */
export const MAX_PROVIDER_CALLS = 3;

/** One page as a page-numbered provider answers it (the unified Page, without its raw body). */
export interface ProviderPage<T> {
  items: T[];
  pageCount?: number | null;
  total?: number | null;
}

/** Fetches provider page `page` (from 1) of `pageSize` items; a provider may keep its own fixed page size. */
export type FetchProviderPage<T> = (page: number, pageSize: number) => Promise<ProviderPage<T>>;

/** Where an item sits upstream: provider page, index in that page, and the page size the walk asked for. */
interface Position {
  page: number;
  index: number;
  size: number;
  /** The last item of its provider page: a walk after it starts at the next page without refetching this one. */
  closesPage: boolean;
}

function decodePosition(cursor: string, field: string): Position {
  const [page, index, size, closesPage] = decodeCursor(cursor, TAG, field);
  const valid = [page, index, size].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);
  if (!valid || (page as number) < 1 || (size as number) < 1 || typeof closesPage !== 'boolean')
    throw GatewayError.badInput(field, 'not a cursor of this list');
  return { page, index, size, closesPage } as Position;
}

const compare = (a: Position, b: Position): number => a.page - b.page || a.index - b.index;

function isLastPage(page: number, fetched: ProviderPage<unknown>, size: number): boolean {
  if (fetched.items.length === 0) return true;
  if (fetched.pageCount != null) return page >= fetched.pageCount;
  return fetched.items.length < size;
}

interface Walk<T> {
  found: Array<EdgeModel<T>>;
  /** Pages beyond the walk may hold more items. */
  more: boolean;
  total?: number | null;
}

/**
 * A Relay connection over a provider list that pages by number: each edge's cursor carries the provider page,
 * the index in it and the page size, so `after`/`before` resume exactly where an edge sits even when the provider
 * keeps its own page size (WaMessenger: 100). A request costs at most MAX_PROVIDER_CALLS provider calls.
 */
export async function providerPageConnection<T>(
  fetch: FetchProviderPage<T>,
  window: ConnectionWindow,
): Promise<ConnectionModel<T>> {
  const after = window.after !== undefined ? decodePosition(window.after, 'after') : undefined;
  const before = window.before !== undefined ? decodePosition(window.before, 'before') : undefined;
  if (after && before && after.size !== before.size)
    throw GatewayError.badInput('before', 'after and before come from different pages sizes');
  const inBounds = (p: Position) => (!after || compare(p, after) > 0) && (!before || compare(p, before) < 0);
  const size = after?.size ?? before?.size ?? window.size;
  const positionsOf = async (page: number) => {
    const fetched = await fetch(page, size);
    const edges = fetched.items
      .map((node, index) => {
        const closesPage = index === fetched.items.length - 1;
        const edge = { cursor: encodeCursor(TAG, [page, index, size, closesPage]), node };
        return { position: { page, index, size, closesPage }, edge };
      })
      .filter(({ position }) => inBounds(position))
      .map(({ edge }) => edge);
    return { fetched, edges };
  };

  if (window.direction === 'forward') {
    const walk: Walk<T> = { found: [], more: false };
    let page = after ? after.page + (after.closesPage ? 1 : 0) : 1;
    for (let calls = 0; ; calls += 1) {
      if (calls === MAX_PROVIDER_CALLS) {
        walk.more = true;
        break;
      }
      const { fetched, edges } = await positionsOf(page);
      walk.total = fetched.total;
      walk.found.push(...edges);
      const stoppedByBefore = before !== undefined && page >= before.page;
      const lastPage = isLastPage(page, fetched, size);
      // A full page is enough: whether more follow, the page count (or a short page) says without another call.
      if (walk.found.length >= window.size || stoppedByBefore || lastPage) {
        walk.more = !lastPage && !stoppedByBefore;
        break;
      }
      page += 1;
    }
    const hasNextPage = walk.found.length > window.size || walk.more;
    return toConnection(
      walk.found.slice(0, window.size),
      { hasNextPage, hasPreviousPage: after !== undefined },
      walk.total ?? null,
    );
  }

  if (!before) {
    throw GatewayError.badInput(
      'last',
      'needs `before` on this list: the provider pages from the start (page forward with first/after)',
    );
  }
  const walk: Walk<T> = { found: [], more: false };
  for (let page = before.page, calls = 0; page >= 1; page -= 1, calls += 1) {
    if (calls === MAX_PROVIDER_CALLS) {
      walk.more = true;
      break;
    }
    const { fetched, edges } = await positionsOf(page);
    walk.total = fetched.total;
    walk.found.unshift(...edges);
    if (walk.found.length > window.size || (after !== undefined && page <= after.page)) break;
  }
  const hasPreviousPage = walk.found.length > window.size || walk.more;
  return toConnection(
    walk.found.slice(-window.size),
    { hasNextPage: true, hasPreviousPage },
    walk.total ?? null,
  );
}
