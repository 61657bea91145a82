import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

/** One definition of the database for the app, the migration scripts and the tests. Never `synchronize`. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // Never TypeORM's console logging: a failed query would print its parameters (phone numbers, texts). Errors
    // reach the exception filter, which logs them with an error id.
    logging: false,
    extra: { max: 20 },
  };
}

export async function openDataSource(url: string, { migrate = true } = {}): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  if (migrate) await dataSource.runMigrations();
  return dataSource;
}

/** The SQL that would bring the database in line with the entities; empty when the migrations are complete. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
