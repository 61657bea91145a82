import type { DataSource } from 'typeorm';

/** What an operator runs to bring the database up to date. */
export const MIGRATE_COMMAND = 'npm run migrate';

/**
 * The names of this build's migrations the database has not run yet, read without writing anything (TypeORM's
 * showMigrations would create its table): the gateway refuses to start, and /health/ready fails, while any remain.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ present }] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS present', [
    table,
  ])) as [{ present: boolean }];
  const applied = new Set(
    present
      ? ((await dataSource.query(`SELECT name FROM "${table}"`)) as Array<{ name: string }>).map(
          (r) => r.name,
        )
      : [],
  );
  return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}

/** Throws the message an operator needs when the database is behind this build. */
export async function assertMigrationsCurrent(dataSource: DataSource): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length > 0)
    throw new Error(
      `the database is behind this gateway build: ${pending.length} migration(s) not applied (${pending.join(', ')}); run \`${MIGRATE_COMMAND}\` with the same DATABASE_URL first`,
    );
}
