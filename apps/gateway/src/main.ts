import 'reflect-metadata';
import { SecretBox } from './common/crypto/secret-box.js';
import { loadGatewayConfig } from './config/gateway-config.js';
import { openDataSource } from './database/data-source.js';
import { assertMigrationsCurrent } from './database/migration-state.js';
import { startGateway } from './gateway-server.js';
import { DEMO_API_KEY, DEMO_TENANT_ID, seedTenant } from './seed/demo-seed.js';

/**
 * `npm run gateway` / `node dist/apps/gateway/src/main.js`: the gateway alone, for deployment. DATABASE_URL is
 * required and must be migrated (`npm run migrate`); provider base URLs come from the connections. Nothing else is
 * started; the demo tenant is seeded only with GATEWAY_SEED_DEMO=true. SIGTERM/SIGINT drain: no new connections,
 * in-flight requests and the scheduler's round finish (up to GATEWAY_SHUTDOWN_TIMEOUT_MS), leases are handed back,
 * exit 0.
 */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (postgres://user:password@host:5432/database)');
  const dataSource = await openDataSource(databaseUrl, { migrate: false });
  try {
    await assertMigrationsCurrent(dataSource);
    if (config.GATEWAY_SEED_DEMO)
      await seedTenant(dataSource, new SecretBox(config.GATEWAY_ENCRYPTION_KEY), {
        tenantId: DEMO_TENANT_ID,
        name: 'Demo',
        apiKey: DEMO_API_KEY,
        simulatorUrl: process.env.SIMULATOR_URL ?? 'http://127.0.0.1:4010',
      });
  } finally {
    await dataSource.destroy();
  }
  const gateway = await startGateway(config, databaseUrl, { migrate: false });
  gateway.logger.info({ url: gateway.url, pid: process.pid }, 'gateway listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    gateway.logger.info({ signal, timeoutMs: config.GATEWAY_SHUTDOWN_TIMEOUT_MS }, 'draining');
    // The scheduler gives up waiting at the timeout; this is the backstop for requests that would not finish.
    const backstop = setTimeout(() => {
      gateway.logger.warn('shutdown deadline passed with requests still running; exiting');
      process.exit(0);
    }, config.GATEWAY_SHUTDOWN_TIMEOUT_MS + 2_000);
    backstop.unref();
    gateway.close().then(
      () => {
        gateway.logger.info('stopped');
        gateway.logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        gateway.logger.error({ err: (error as Error).message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
