import type { ObjectLiteral, QueryDeepPartialEntity, Repository } from 'typeorm';

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

/**
 * An entity from a raw row (`RETURNING *` of a hand-written statement), column by column as TypeORM maps them, so a
 * statement that writes can also answer the entity without a second query.
 */
export function entityFromRow<T extends ObjectLiteral>(
  repository: Repository<T>,
  row: Record<string, unknown>,
): T {
  const entity = repository.create();
  for (const column of repository.metadata.columns)
    (entity as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
  return entity;
}
