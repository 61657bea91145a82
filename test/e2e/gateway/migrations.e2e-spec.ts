import type { DataSource } from 'typeorm';
import { openDataSource, pendingSchemaChanges } from '../../../apps/gateway/src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

describe('database migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDataSource(db.url);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('create every table the entities need', async () => {
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(
      expect.arrayContaining([
        'api_keys',
        'connections',
        'idempotency_records',
        'inbound_messages',
        'messages',
        'status_changes',
        'tenants',
        'verifications',
      ]),
    );
  });

  it('leave nothing for a migration generated from the entities (no drift)', async () => {
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('roll back cleanly and apply again', async () => {
    const applied = (await dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n;
    for (let i = 0; i < applied; i++) await dataSource.undoLastMigration();
    expect(
      (
        await dataSource.query(
          `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'messages'`,
        )
      )[0].n,
    ).toBe(0);
    await dataSource.runMigrations();
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });
});
