import type { QueryDeepPartialEntity } from 'typeorm';

/**
 * TypeORM's insert/update value type cannot express jsonb columns typed `Record<string, unknown>` or `unknown`;
 * the values are plain entity fields, so this only restates their type for the query builder.
 */
export function rowValues<T>(values: Partial<T>): QueryDeepPartialEntity<T>;
export function rowValues<T>(values: Partial<T>[]): QueryDeepPartialEntity<T>[];
export function rowValues<T>(
  values: Partial<T> | Partial<T>[],
): QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[] {
  return values as QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[];
}
