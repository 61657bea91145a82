import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadGatewayConfig, type GatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import { startEmbeddedPostgres } from '../apps/gateway/src/database/embedded-postgres.js';
import { startGateway, type StartedGateway } from '../apps/gateway/src/gateway-server.js';
import { startSimulator, type StartedSimulator } from '../apps/simulator/src/app.js';
import { openSeededDatabase } from './bench-seed.js';
import { BENCH_ENCRYPTION_KEY } from './bench-settings.js';

/** `BENCH_PIN=0`: autocannon unpinned. */
const HAS_TASKSET = existsSync('/usr/bin/taskset') && process.env.BENCH_PIN !== '0';
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** The product in this one process, for benches that read its database or time it from inside. */
export interface InProcessStack {
  sim: StartedSimulator;
  db: DataSource;
  gateway: StartedGateway;
  config: GatewayConfig;
  /** The gateway, then the simulator it calls, then the database they both needed. */
  stop(): Promise<void>;
}

/**
 * Simulator (a Wessaal pocket that cannot run dry), PostgreSQL (`DATABASE_URL`, else an embedded cluster in a
 * temporary folder), the demo tenant seeded, and a gateway configured with `env`.
 */
export async function startInProcessStack(
  name: string,
  env: Record<string, string>,
): Promise<InProcessStack> {
  const sim = await startSimulator({ port: 0 });
  const account = sim.core.accounts.get('wessaal-demo');
  if (!account) throw new Error('wessaal-demo account missing from the seed');
  account.credits = 1_000_000_000;
  const root = mkdtempSync(join(tmpdir(), `wa-bench-${name}-`));
  chmodSync(root, 0o755);
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: join(root, 'pg') });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    GATEWAY_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    ...env,
  });
  const db = await openSeededDatabase(url, config.GATEWAY_ENCRYPTION_KEY, sim.url);
  const gateway = await startGateway(config, url);
  return {
    sim,
    db,
    gateway,
    config,
    stop: async () => {
      await gateway.close();
      await db.destroy();
      await sim.close();
      await embedded?.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs autocannon with `args` (its `--json` answer parsed) on core 1 when taskset is there. */
export function runAutocannon<T>(args: string[]): Promise<T> {
  const command = [AUTOCANNON, ...args, '--json'];
  const child = HAS_TASKSET
    ? spawn('taskset', ['-c', '1', process.execPath, ...command], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, command, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`autocannon ${code}`)),
    );
  });
}
