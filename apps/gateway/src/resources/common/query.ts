import type { PageQuery as UnifiedPageQuery } from '@app/providers';
import type { PageQuery } from './page.query.js';

/** The validated query as the adapters take it (absent and null arguments left out). */
export function unifiedPageQuery(query: PageQuery): UnifiedPageQuery {
  return definedFields({ page: query.page, pageSize: query.pageSize, search: query.search });
}

/** Drops `undefined` and `null` (GraphQL clients may send either for "not given"). */
export function definedFields<T extends object>(input: T): T {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined && value !== null),
  ) as T;
}
