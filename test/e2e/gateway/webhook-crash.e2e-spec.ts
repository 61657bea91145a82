import { jest } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../../../apps/gateway/src/common/crypto/secret-box.js';
import { DEMO_ENCRYPTION_KEY } from '../../../apps/gateway/src/config/gateway-config.js';
import { openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import { seedTenant } from '../../../apps/gateway/src/seed/demo-seed.js';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { http } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

// Compiles the gateway, boots it twice as a real child process and waits out a delivery lease.
jest.setTimeout(120_000);

const ROOT = resolve(import.meta.dirname, '../../..');

/** A gateway in its own process, as production runs it, so it can be killed with SIGKILL. */
function startChild(
  build: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const script = `
    import { loadGatewayConfig } from '${build}/apps/gateway/src/config/gateway-config.js';
    import { startGateway } from '${build}/apps/gateway/src/gateway-server.js';
    const config = loadGatewayConfig();
    const gateway = await startGateway(config, config.DATABASE_URL);
    console.log('READY ' + gateway.url);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolveStart({ url: ready[1]!, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`gateway child exited with ${code}: ${err}`)));
  });
}

describe('gateway: a webhook delivery survives SIGKILL mid-delivery', () => {
  let build: string;
  let database: TestDatabase;
  let db: DataSource;
  let sim: StartedSimulator;
  let receiver: WebhookReceiver;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // Inside the repository, so the compiled files find node_modules and package.json's "type": "module".
    build = join(ROOT, '.data', `e2e-build-${randomUUID()}`);
    mkdirSync(build, { recursive: true });
    await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/swc'),
      ['apps', 'libs', '--config-file', '.swcrc', '-d', build, '--copy-files', '--quiet'],
      { cwd: ROOT },
    );
    sim = await startSimulator({ port: 0 });
    database = await createTestDatabase();
    db = await openDataSource(database.url);
    receiver = await startWebhookReceiver(() => 'hang');
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await receiver.close();
    await db.destroy();
    await sim.close();
    await database.drop();
    rmSync(build, { recursive: true, force: true });
  });

  it('delivers after a restart, with the same webhook-id', async () => {
    const tenant = { tenantId: randomUUID(), apiKey: `gw_test_${randomUUID()}` };
    await seedTenant(db, new SecretBox(DEMO_ENCRYPTION_KEY), {
      ...tenant,
      name: 'crash',
      simulatorUrl: sim.url,
    });
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      GATEWAY_PORT: '0',
      GATEWAY_WEBHOOK_ALLOW_PRIVATE: 'true',
      GATEWAY_WEBHOOK_TIMEOUT_MS: '2000',
      GATEWAY_WEBHOOK_POLL_INTERVAL_MS: '50',
    };
    const auth = { authorization: `Bearer ${tenant.apiKey}` };

    const first = await startChild(build, env);
    children.push(first.child);
    const created = await http(`${first.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: auth,
      json: { url: receiver.url, events: ['message.status_changed'] },
    });
    expect(created.status).toBe(201);
    const secret = (created.json as { secret: string }).secret;
    const sent = await http(`${first.url}/v1/messages`, {
      method: 'POST',
      headers: auth,
      json: { connection: 'wessaal-demo', to: '+966512345678', text: 'crash me' },
    });
    expect(sent.status).toBe(201);

    // The receiver holds the first attempt open; the gateway dies while it waits for the answer.
    const [held] = await waitFor(
      'the first attempt',
      async () => [...receiver.received],
      (r) => r.length >= 1,
    );
    const webhookId = held!.headers['webhook-id']!;
    const exited = new Promise((done) => first.child.once('exit', done));
    first.child.kill('SIGKILL');
    await exited;
    receiver.behave(() => ({ status: 204 }));

    const second = await startChild(build, env);
    children.push(second.child);
    const delivered = await waitFor(
      'the delivery after the restart',
      async () =>
        receiver.received.filter((r) => r.headers['webhook-id'] === webhookId && r.answered === 204),
      (r) => r.length >= 1,
      60_000,
      100,
    );
    expect(receiver.verify(delivered[0]!, secret)).toMatchObject({ type: 'message.status_changed' });
    expect(delivered[0]!.body).toBe(held!.body);
    // One delivery row for the event: the restart took over the same row, it did not enqueue another.
    const statuses = await waitFor(
      'the delivery recorded as succeeded',
      async () =>
        (
          (await db.query(`SELECT d.status FROM webhook_deliveries d WHERE 'evt_' || d.event_id::text = $1`, [
            webhookId,
          ])) as Array<{ status: string }>
        ).map((r) => r.status),
      (found) => found.includes('succeeded'),
    );
    expect(statuses).toEqual(['succeeded']);

    const stopped = new Promise((done) => second.child.once('exit', done));
    second.child.kill('SIGTERM');
    await stopped;
  });
});
