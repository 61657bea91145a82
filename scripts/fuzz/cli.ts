import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { curlOf, formatReport, runCampaign } from './campaign.js';
import type { OpenApiDocument } from './openapi.js';
import { gatewayTarget, simulatorTarget, type FuzzTarget } from './targets.js';

const USAGE = `npm run fuzz -- --app simulator|gateway [--seed N] [--requests N] [--base-url URL] [--api-key KEY]
  Seeded random requests over every operation of the app's OpenAPI document, then malformed HTTP over a raw
  socket and HEAD/OPTIONS on every route. Starts the app in-process unless --base-url is given (the gateway with
  an embedded PostgreSQL in a temporary directory, the simulator, and the demo tenant). Prints the seed, the counts
  and a minimal reproduction (a curl command) for every distinct failure; exits 1 when there is one.`;

interface Started {
  target: FuzzTarget;
  stop(): Promise<void>;
}

async function startSimulatorTarget(baseUrl: string | undefined): Promise<Started> {
  if (baseUrl) return { target: await simulatorTarget(baseUrl), stop: () => Promise.resolve() };
  const { startSimulator } = await import('../../apps/simulator/src/app.js');
  const sim = await startSimulator({ port: 0 });
  return { target: await simulatorTarget(sim.url), stop: () => sim.close() };
}

async function startGatewayTarget(baseUrl: string | undefined, apiKey: string | undefined): Promise<Started> {
  const { DEMO_API_KEY } = await import('../../apps/gateway/src/seed/demo-seed.js');
  if (baseUrl) {
    const doc = (await (await fetch(`${baseUrl}/docs-json`)).json()) as OpenApiDocument;
    return { target: gatewayTarget(baseUrl, apiKey ?? DEMO_API_KEY, doc), stop: () => Promise.resolve() };
  }
  const [
    { startEmbeddedPostgres },
    { startSimulator },
    { loadGatewayConfig },
    { openDataSource },
    { SecretBox },
  ] = await Promise.all([
    import('../../apps/gateway/src/database/embedded-postgres.js'),
    import('../../apps/simulator/src/app.js'),
    import('../../apps/gateway/src/config/gateway-config.js'),
    import('../../apps/gateway/src/database/data-source.js'),
    import('../../apps/gateway/src/common/crypto/secret-box.js'),
  ]);
  const { seedTenant, DEMO_TENANT_ID } = await import('../../apps/gateway/src/seed/demo-seed.js');
  const { startGateway } = await import('../../apps/gateway/src/gateway-server.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'fuzz-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data') });
  const sim = await startSimulator({ port: 0 });
  const config = loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1' });
  const db = await openDataSource(pg.url);
  await seedTenant(db, new SecretBox(config.GATEWAY_ENCRYPTION_KEY), {
    tenantId: DEMO_TENANT_ID,
    name: 'Fuzz',
    apiKey: DEMO_API_KEY,
    simulatorUrl: sim.url,
  });
  await db.destroy();
  const gateway = await startGateway(config, pg.url);
  const doc = JSON.parse(await readFile('apps/gateway/openapi.json', 'utf8')) as OpenApiDocument;
  return {
    target: gatewayTarget(gateway.url, DEMO_API_KEY, doc),
    async stop() {
      await gateway.close();
      await sim.close();
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      app: { type: 'string' },
      seed: { type: 'string' },
      requests: { type: 'string', default: '2000' },
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || (values.app !== 'simulator' && values.app !== 'gateway')) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  const requests = Number(values.requests);
  if (!Number.isInteger(seed) || !Number.isInteger(requests) || requests < 1) {
    console.log(USAGE);
    return 2;
  }
  const started =
    values.app === 'simulator'
      ? await startSimulatorTarget(values['base-url'])
      : await startGatewayTarget(values['base-url'], values['api-key']);
  try {
    console.log(`fuzz ${values.app} at ${started.target.baseUrl}: seed ${seed}, ${requests} requests`);
    const report = await runCampaign(started.target, { seed, requests, log: (line) => console.log(line) });
    await mkdir('reports', { recursive: true });
    const file = `reports/fuzz-${values.app}-${seed}.json`;
    const reproductions = report.failures.map((f) => ({
      ...f,
      curl: curlOf(started.target.baseUrl, f.minimal),
    }));
    await writeFile(file, `${JSON.stringify({ ...report, failures: reproductions }, null, 2)}\n`);
    console.log(formatReport(report, started.target.baseUrl, file));
    return report.failures.length || report.fixedCaseFailures.length || !report.alive ? 1 : 0;
  } finally {
    await started.stop();
  }
}

// exitCode, not exit(): exit() would cut off what is still buffered for a pipe (`npm run fuzz | tee`).
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('fuzz failed:', error);
    process.exitCode = 2;
  },
);
