import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SecretBox } from '../apps/gateway/src/common/crypto/secret-box.js';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import { openDataSource } from '../apps/gateway/src/database/data-source.js';
import {
  startEmbeddedPostgres,
  takeOverShutdownSignals,
} from '../apps/gateway/src/database/embedded-postgres.js';
import { startGateway } from '../apps/gateway/src/gateway-server.js';
import { DEMO_API_KEY, DEMO_TENANT_ID, seedTenant } from '../apps/gateway/src/seed/demo-seed.js';
import { startSimulator } from '../apps/simulator/src/app.js';
import { configFromEnv } from '../apps/simulator/src/config.js';

/**
 * `npm start`: PostgreSQL (embedded under ./.data/ unless DATABASE_URL is set), migrations, the simulator, the
 * gateway, and a demo tenant whose connections point at the simulator. Ctrl-C stops everything; data is kept.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What `npm start` is doing, one line a step: a first start takes a while and should not look hung. */
function step(message: string): void {
  console.log(`[start] ${message}`);
}

async function main(): Promise<void> {
  // The demo's webhook endpoints live on this machine: allow private addresses unless the environment says otherwise.
  const config = loadGatewayConfig({ GATEWAY_WEBHOOK_ALLOW_PRIVATE: 'true', ...process.env });
  // Until everything runs, a signal stops what has started so far (the database last); then `stop` below takes over.
  takeOverShutdownSignals();
  const started: Array<() => Promise<void>> = [];
  const duringStartup = (): void => {
    step('Stopping what has started so far...');
    void started
      .reduceRight((done, close) => done.then(close).catch(() => undefined), Promise.resolve())
      .finally(() => process.exit(1));
  };
  for (const signal of SIGNALS) process.once(signal, duringStartup);

  const dataDir = resolve('.data/postgres');
  if (config.DATABASE_URL) step('Using the database in DATABASE_URL');
  else if (existsSync(join(dataDir, 'PG_VERSION')))
    step(`Starting the embedded PostgreSQL (data in ${dataDir})...`);
  else step(`Initializing the embedded PostgreSQL in ${dataDir} (first start: this takes a few seconds)...`);
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir,
        port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      });
  if (embedded) started.push(() => embedded.stop());
  const databaseUrl = config.DATABASE_URL ?? embedded!.url;

  step('Starting the simulator...');
  const sim = await startSimulator(configFromEnv());
  started.push(() => sim.close());
  step(`Simulator ready at ${sim.url} (web inbox ${sim.url}/inbox)`);
  step('Migrating the database and seeding the demo tenant...');
  const dataSource = await openDataSource(databaseUrl);
  await seedTenant(dataSource, new SecretBox(config.GATEWAY_ENCRYPTION_KEY), {
    tenantId: DEMO_TENANT_ID,
    name: 'Demo',
    apiKey: DEMO_API_KEY,
    simulatorUrl: sim.url,
  });
  await dataSource.destroy();
  step('Starting the gateway...');
  const gateway = await startGateway(config, databaseUrl);
  for (const signal of SIGNALS) process.removeListener(signal, duringStartup);

  console.log(`
  Gateway     ${gateway.url}
    GraphQL   ${gateway.url}/graphql   (GraphiQL: ${gateway.url}/graphiql)
    REST      ${gateway.url}/v1        (Swagger UI: ${gateway.url}/docs)
    API key   Authorization: Bearer ${DEMO_API_KEY}
  Simulator   ${sim.url}   (web inbox: ${sim.url}/inbox, Swagger UI: ${sim.url}/docs, control API: ${sim.url}/__admin)
  Database    ${embedded ? `embedded PostgreSQL, data in ${embedded.dataDir}` : 'DATABASE_URL'}
  ${config.usingDemoEncryptionKey ? 'Credentials are encrypted with the demo key: set GATEWAY_ENCRYPTION_KEY for real use.' : ''}
  Ctrl-C stops everything.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // In order: the gateway finishes its requests and scheduler round (which may still call the simulator and
    // write to the database), then the simulator, then the database.
    const quietly = (what: string, close: () => Promise<void>) => (): Promise<void> => {
      step(`Stopping ${what}...`);
      return close().catch((error: unknown) =>
        console.error(
          `[start] ${what} stopped with an error:`,
          error instanceof Error ? error.message : error,
        ),
      );
    };
    Promise.resolve()
      .then(quietly('the gateway', () => gateway.close()))
      .then(quietly('the simulator', () => sim.close()))
      .then(embedded ? quietly('the embedded PostgreSQL', () => embedded.stop()) : undefined)
      .then(
        () => {
          step('Stopped.');
          process.exit(0);
        },
        () => process.exit(1),
      );
  };
  for (const signal of SIGNALS) process.once(signal, stop);
}

main().catch((error: unknown) => {
  console.error('failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
