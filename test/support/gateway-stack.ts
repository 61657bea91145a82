import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createGatewayApp, type GatewayAppOptions } from '../../apps/gateway/src/app.factory.js';
import { SecretBox } from '../../apps/gateway/src/common/crypto/secret-box.js';
import { loadGatewayConfig, type GatewayConfig } from '../../apps/gateway/src/config/gateway-config.js';
import { openDataSource } from '../../apps/gateway/src/database/data-source.js';
import { seedTenant, type SeedConnection } from '../../apps/gateway/src/seed/demo-seed.js';
import { startSimulator, type StartedSimulator } from '../../apps/simulator/src/index.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { admin, http, type RawResponse } from './http.js';

export interface TestTenant {
  tenantId: string;
  apiKey: string;
}

export interface GatewayStack {
  url: string;
  /** The gateway's Nest application, for a test that must reach inside (a spy on a service). */
  app: Awaited<ReturnType<typeof createGatewayApp>>['app'];
  sim: StartedSimulator;
  simAdmin: ReturnType<typeof admin>;
  db: DataSource;
  config: GatewayConfig;
  /** A tenant seeded with the five demo connections (`washeej-demo`, ... `wamessenger-demo`) on the simulator. */
  tenant: TestTenant;
  /** The gateway's log lines (JSON) so far, unless `options.logDestination` took them. */
  logLines: string[];
  /** Another tenant, for isolation tests. */
  seedTenant(connections?: SeedConnection[]): Promise<TestTenant>;
  /** REST call with the tenant's key (or `apiKey: null` for none). */
  rest(method: string, path: string, body?: unknown, apiKey?: string | null): Promise<RawResponse>;
  /** GraphQL call; returns the parsed `{data, errors}`. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    apiKey?: string | null,
  ): Promise<{
    data?: T;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    status: number;
  }>;
  close(): Promise<void>;
}

/**
 * The real thing for e2e suites: the simulator in-process over real HTTP, a fresh PostgreSQL database, the gateway
 * listening on a free port, and a seeded tenant. Override config values with `env`; `options` reaches
 * createGatewayApp (a log destination, for instance).
 */
export async function startGatewayStack(
  env: Record<string, string> = {},
  options: GatewayAppOptions = {},
): Promise<GatewayStack> {
  const sim = await startSimulator({ port: 0 });
  const database: TestDatabase = await createTestDatabase();
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    GATEWAY_PORT: '0',
    GATEWAY_POLL_INTERVAL_MS: '100',
    // Connection-level pauses and the circuit breaker off: suites inject faults into the shared demo connections to
    // test per-message retries, and a pause or open breaker left by one test would hold the next one's sends.
    // test/e2e/gateway/pacing.e2e-spec.ts turns them on.
    GATEWAY_MAX_PAUSE_MS: '0',
    GATEWAY_BREAKER_THRESHOLD: '1000',
    ...env,
  });
  const db = await openDataSource(database.url);
  const box = new SecretBox(config.GATEWAY_ENCRYPTION_KEY);
  const seed = async (connections?: SeedConnection[]): Promise<TestTenant> => {
    const tenant = { tenantId: randomUUID(), apiKey: `gw_test_${randomUUID()}` };
    await seedTenant(db, box, {
      ...tenant,
      name: `tenant ${tenant.tenantId.slice(0, 8)}`,
      simulatorUrl: sim.url,
      connections,
    });
    return tenant;
  };
  const tenant = await seed();
  // The gateway's log lines are kept for the suite to assert on instead of being printed: suites provoke errors on
  // purpose. TEST_LOGS=1 prints them as well, for debugging.
  const logLines: string[] = [];
  const logDestination = options.logDestination ?? {
    write(line: string): void {
      logLines.push(line);
      if (process.env.TEST_LOGS === '1') process.stdout.write(line);
    },
  };
  const { app } = await createGatewayApp(config, database.url, { ...options, logDestination });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const auth = (apiKey: string | null | undefined): Record<string, string> =>
    apiKey === null ? {} : { authorization: `Bearer ${apiKey ?? tenant.apiKey}` };
  return {
    url,
    app,
    sim,
    simAdmin: admin(sim.url),
    db,
    config,
    tenant,
    logLines,
    seedTenant: seed,
    rest: (method, path, body, apiKey) =>
      http(`${url}${path}`, { method, headers: auth(apiKey), json: body }),
    async gql(query, variables, apiKey) {
      const res = await http(`${url}/graphql`, {
        method: 'POST',
        headers: auth(apiKey),
        json: { query, variables },
      });
      return { ...(res.json as object), status: res.status };
    },
    async close() {
      await app.close();
      await db.destroy();
      await sim.close();
      await database.drop();
    },
  };
}
