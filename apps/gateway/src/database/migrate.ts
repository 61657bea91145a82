import 'reflect-metadata';
import { openDataSource } from './data-source.js';

/** `npm run migrate`: applies this build's migrations to DATABASE_URL (each in its own transaction), then exits. */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('error: DATABASE_URL is not set (the gateway database)\n');
  process.exitCode = 1;
} else {
  try {
    const dataSource = await openDataSource(databaseUrl, { migrate: false });
    const applied = await dataSource.runMigrations();
    await dataSource.destroy();
    process.stdout.write(
      applied.length === 0
        ? 'the database is up to date: no migration to apply\n'
        : `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`,
    );
  } catch (error) {
    process.stderr.write(`error: migration failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
