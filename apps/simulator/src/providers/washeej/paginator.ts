import type { FastifyRequest } from 'fastify';
import { queryValue } from './body.js';

const POSITIVE = /^\d{1,9}$/;
const DEFAULT_PER_PAGE = 20;
const ON_EACH_SIDE = 3;

function positive(raw: string | undefined, fallback: number): number {
  if (raw === undefined || !POSITIVE.test(raw)) return fallback;
  const value = Number(raw);
  return value >= 1 ? value : fallback;
}

interface Link {
  url: string | null;
  label: string;
  active: boolean;
}

/** Laravel's UrlWindow: every page when there are few, else the first, a slider around the current, the last. */
function pageNumbers(current: number, last: number): Array<number | '...'> {
  const range = (from: number, to: number): number[] =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  if (last < ON_EACH_SIDE * 2 + 8) return range(1, last);
  const window = ON_EACH_SIDE + 4;
  if (current <= window) return [...range(1, window + ON_EACH_SIDE), '...', last - 1, last];
  if (current > last - window) return [1, 2, '...', ...range(last - (window + ON_EACH_SIDE - 1), last)];
  return [1, 2, '...', ...range(current - ON_EACH_SIDE, current + ON_EACH_SIDE), '...', last - 1, last];
}

/**
 * A Laravel LengthAwarePaginator as JSON, over `items` already filtered and ordered: `?page=` (default 1) and
 * `?paginate=` (page size, default 20). Page URLs carry only `page`, as Laravel's do without `withQueryString()`.
 */
export function paginate<T>(
  request: FastifyRequest,
  items: readonly T[],
  view: (item: T) => unknown,
): Record<string, unknown> {
  const page = positive(queryValue(request, 'page'), 1);
  const perPage = positive(queryValue(request, 'paginate'), DEFAULT_PER_PAGE);
  const total = items.length;
  const last = Math.max(1, Math.ceil(total / perPage));
  const path = `${request.protocol}://${request.host}${request.url.split('?', 1)[0]}`;
  const urlOf = (n: number): string => `${path}?page=${n}`;
  const start = (page - 1) * perPage;
  const slice = start < total ? items.slice(start, start + perPage) : [];
  const prev = page > 1 ? urlOf(page - 1) : null;
  const next = page < last ? urlOf(page + 1) : null;
  const links: Link[] = [{ url: prev, label: '&laquo; Previous', active: false }];
  for (const n of pageNumbers(page, last)) {
    links.push(
      n === '...'
        ? { url: null, label: '...', active: false }
        : { url: urlOf(n), label: String(n), active: n === page },
    );
  }
  links.push({ url: next, label: 'Next &raquo;', active: false });
  return {
    current_page: page,
    data: slice.map(view),
    first_page_url: urlOf(1),
    from: slice.length ? start + 1 : null,
    last_page: last,
    last_page_url: urlOf(last),
    links,
    next_page_url: next,
    path,
    per_page: perPage,
    prev_page_url: prev,
    to: slice.length ? start + slice.length : null,
    total,
  };
}
