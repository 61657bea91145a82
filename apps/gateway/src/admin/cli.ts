import 'reflect-metadata';
import { openDataSource } from '../database/data-source.js';
import { assertMigrationsCurrent } from '../database/migration-state.js';
import { runAdminCli } from './admin-cli.js';

/** `npm run gateway:admin -- <command>`: tenants and API keys on the database named by DATABASE_URL. */
const databaseUrl = process.env.DATABASE_URL;
const code = databaseUrl
  ? await runAdminCli(process.argv.slice(2), () => openMigrated(databaseUrl), {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    })
  : (process.stderr.write('error: DATABASE_URL is not set (the gateway database)\n'), 1);
process.exitCode = code;

async function openMigrated(url: string) {
  const dataSource = await openDataSource(url, { migrate: false });
  try {
    await assertMigrationsCurrent(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
