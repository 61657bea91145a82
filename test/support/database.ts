import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../apps/gateway/src/database/data-source.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error('no PostgreSQL for tests: the jest globalSetup did not run (TEST_PG_SERVER_URL unset)');
  return url;
}

/** A fresh, empty database on the test server, so suites never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `gw_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A fresh database migrated by the gateway for one spec file: created in beforeAll, dropped in afterAll. Answers a
 * getter of its data source (open from beforeAll on).
 */
export function useMigratedDatabase(): () => DataSource {
  let db: TestDatabase | undefined;
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDataSource(db.url);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });
  return () => {
    if (!dataSource) throw new Error('useMigratedDatabase: the data source is open from beforeAll on');
    return dataSource;
  };
}
