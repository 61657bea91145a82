import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import {
  startEmbeddedPostgres,
  takeOverShutdownSignals,
} from '../apps/gateway/src/database/embedded-postgres.js';
import { startGateway } from '../apps/gateway/src/gateway-server.js';
import { startSimulator } from '../apps/simulator/src/app.js';
import { openSeededDatabase } from './bench-seed.js';
import { BENCH_ENCRYPTION_KEY } from './bench-settings.js';

/**
 * The whole product for the gateway benches: PostgreSQL (embedded unless DATABASE_URL), simulator and gateway in this one
 * process; `backing` leaves the gateway out, for the multi-process run that starts gateway processes of its own.
 */
export async function startStack(kind: 'stack' | 'backing'): Promise<void> {
  const { sim, url, config, stopDatabase } = await startBacking();
  const gateway = kind === 'stack' ? await startGateway(config, url) : undefined;
  // In order: the gateway (its scheduler and the requests still in flight finish), then the simulator it calls,
  // then the database they both needed; closing them at once had the last queries meet a stopping database.
  process.once('SIGTERM', () => {
    const quietly = (step: () => Promise<void>) => (): Promise<void> => step().catch(() => undefined);
    void Promise.resolve()
      .then(quietly(() => gateway?.close() ?? Promise.resolve()))
      .then(quietly(() => sim.close()))
      .then(quietly(stopDatabase))
      .finally(() => process.exit(0));
  });
  console.log(`READY ${sim.url} ${gateway?.url ?? url}`);
}

/** PostgreSQL (migrated), the simulator with a pocket that cannot run dry, and the demo tenant seeded on both. */
async function startBacking() {
  const sim = await startSimulator({ port: 0 });
  const account = sim.core.accounts.get('wessaal-demo');
  if (!account) throw new Error('wessaal-demo account missing from the seed');
  account.credits = 1_000_000_000;
  account.rateLimitPerMinute = 1_000_000_000;
  let url = process.env.DATABASE_URL;
  let stopDatabase = async (): Promise<void> => undefined;
  if (!url) {
    takeOverShutdownSignals(); // the SIGTERM handler stops the database last
    const root = mkdtempSync(join(tmpdir(), 'wa-bench-'));
    chmodSync(root, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: join(root, 'pg') });
    url = embedded.url;
    stopDatabase = async () => {
      await embedded.stop();
      rmSync(root, { recursive: true, force: true });
    };
  }
  const config = loadGatewayConfig({
    ...process.env,
    GATEWAY_PORT: '0',
    NODE_ENV: 'production',
    GATEWAY_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
  });
  const db = await openSeededDatabase(url, config.GATEWAY_ENCRYPTION_KEY, sim.url);
  await db.destroy();
  return { sim, url, config, stopDatabase };
}
