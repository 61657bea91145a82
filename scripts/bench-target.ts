import { createServer } from 'node:http';
import Fastify from 'fastify';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * One benchmark target per process, so `taskset` can pin it to its own core: prints `READY <url>` when listening.
 * All three answer a POST with the same JSON shape the Wessaal send answers.
 */
const SEND_REPLY = {
  success: true,
  message: 'Message queued for sending',
  data: {
    message_id: 12345,
    status: 'pending',
    type: 'text',
    recipient: '+966501234567',
    queued_at: '2025-01-15T10:30:00.000000Z',
    instance: { id: 124, name: 'my-instance' },
    template_used: false,
    credits_charged: 1,
  },
};

async function main(kind: string): Promise<void> {
  if (kind === 'node') {
    const body = JSON.stringify(SEND_REPLY);
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(202, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address && typeof address === 'object') console.log(`READY http://127.0.0.1:${address.port}/send`);
    });
    return;
  }
  if (kind === 'fastify') {
    const app = Fastify();
    app.post('/send', async (_req, reply) => reply.code(202).send(SEND_REPLY));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    console.log(`READY ${url}/send`);
    return;
  }
  if (kind === 'simulator') {
    const sim = await startSimulator({ port: 0 });
    // A pocket that cannot run dry during the run; everything else stays as the demo seed has it.
    const account = sim.core.accounts.get('wessaal-demo');
    if (!account) throw new Error('wessaal-demo account missing from the seed');
    account.credits = 1_000_000_000;
    console.log(`READY ${sim.url}/wessaal/integration/v1/messages/send`);
    return;
  }
  if (kind === 'stack' || kind === 'backing') {
    // The whole product: PostgreSQL (embedded unless DATABASE_URL), simulator and gateway in this one process;
    // `backing` leaves the gateway out, for the multi-process run that starts gateway processes of its own.
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
    return;
  }
  throw new Error(`unknown target ${kind}`);
}

/** The key every gateway of the bench seals connection credentials with (the multi-process run passes it on). */
export const BENCH_ENCRYPTION_KEY = 'YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMDE=';

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
  const db = await openDataSource(url);
  await seedTenant(db, new SecretBox(config.GATEWAY_ENCRYPTION_KEY), {
    tenantId: DEMO_TENANT_ID,
    name: 'Bench',
    apiKey: DEMO_API_KEY,
    simulatorUrl: sim.url,
  });
  await db.destroy();
  return { sim, url, config, stopDatabase };
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  main(process.argv[2] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
