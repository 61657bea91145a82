import { writeFileSync } from 'node:fs';
import { openDataSource, pendingSchemaChanges } from '../apps/gateway/src/database/data-source.js';
import { startEmbeddedPostgres } from '../apps/gateway/src/database/embedded-postgres.js';

/**
 * `npm run migration:generate -- Name`: migrates a scratch database, diffs it against the entities and writes the
 * difference as a new migration in apps/gateway/src/database/migrations/ (then register it in migrations/index.ts).
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('usage: migration:generate -- PascalCaseName');
  const db = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: '.data/migration-scratch', database: `scratch_${Date.now()}` });
  try {
    const dataSource = await openDataSource(db.url);
    const up = await pendingSchemaChanges(dataSource);
    const down = (await dataSource.driver.createSchemaBuilder().log()).downQueries
      .map((q) => q.query)
      .reverse();
    await dataSource.destroy();
    if (up.length === 0) return console.log('entities and migrations agree: nothing to generate');
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const lines = (queries: string[]) =>
      queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
    const file = `apps/gateway/src/database/migrations/${timestamp}-${name}.ts`;
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${lines(up)}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${lines(down)}\n  }\n}\n`,
    );
    console.log(`wrote ${file}: add ${className} to migrations/index.ts`);
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
