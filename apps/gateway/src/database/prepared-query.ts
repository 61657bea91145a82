import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const names = new Map<string, string>();

/** One name per distinct statement text (a statement built from its fields has a few variants, each its own). */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `gw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a hot-path statement (the send's insert and update, the scheduler's claim) as a named prepared statement on
 * the pool behind TypeORM, and answers its rows. PostgreSQL then parses and plans it once per connection instead of
 * on every call: under load, parsing and planning these CTEs were the largest part of PostgreSQL's CPU (perf, see
 * docs/benchmarks.md). Outside a transaction only: a transaction's statements go through its EntityManager.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) throw new Error('preparedQuery needs the PostgreSQL driver and an initialized data source');
  const { rows } = await pool.query({ name: statementName(text), text, values });
  return rows as T[];
}
