import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createGatewayApp, type GatewayApp } from '../../../apps/gateway/src/app.factory.js';
import { SecretBox } from '../../../apps/gateway/src/common/crypto/secret-box.js';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway-config.js';
import { openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import { seedTenant } from '../../../apps/gateway/src/seed/demo-seed.js';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { admin, http } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * Uploaded media bytes wait for a retry in PostgreSQL (sealed), not in one process's memory: a gateway that stops
 * while such a send is failing leaves it to the next one, which sends the same bytes.
 */
describe('requests held for retries survive a restart', () => {
  let sim: StartedSimulator;
  let database: TestDatabase;
  let db: DataSource;
  const apps: GatewayApp[] = [];
  const config = loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_POLL_INTERVAL_MS: '100' });
  const apiKey = `gw_test_${randomUUID()}`;

  const startApp = async (): Promise<string> => {
    const gateway = await createGatewayApp(config, database.url);
    apps.push(gateway);
    await gateway.app.listen(0, '127.0.0.1');
    const address = gateway.app.getHttpServer().address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    database = await createTestDatabase();
    db = await openDataSource(database.url);
    await seedTenant(db, new SecretBox(config.GATEWAY_ENCRYPTION_KEY), {
      tenantId: randomUUID(),
      name: 'held',
      apiKey,
      simulatorUrl: sim.url,
    });
  }, 60_000);
  afterAll(async () => {
    for (const gateway of apps) await gateway.app.close().catch(() => undefined);
    await db.destroy();
    await sim.close();
    await database.drop();
  });

  it('sends the uploaded bytes after the process that took the request is gone', async () => {
    const simAdmin = admin(sim.url);
    const to = '+966501230077';
    await simAdmin.inbound({
      provider: 'washeej',
      account: 'washeej-demo',
      from: to,
      text: 'send me the file',
    });
    await simAdmin.addFault({
      provider: 'washeej',
      kind: 'error',
      path: '**/inbox/send-message',
      status: 503,
    });
    const first = await startApp();
    const pdf = Buffer.from('%PDF-1.4\nheld across a restart\n%%EOF\n');
    const res = await http(`${first}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      json: {
        connection: 'washeej-demo',
        to,
        type: 'DOCUMENT',
        media: { base64: pdf.toString('base64'), filename: 'held.pdf', contentType: 'application/pdf' },
      },
    });
    expect(res.json).toMatchObject({ status: 'QUEUED', error: { code: 'PROVIDER_UNAVAILABLE' } });
    const id = (res.json as { id: string }).id;
    await apps[0]!.app.close();

    // Held sealed: neither the bytes nor their base64 are readable in the table.
    const [held] = (await db.query('SELECT sealed, bytes FROM held_requests WHERE message_id = $1', [
      id,
    ])) as Array<{
      sealed: string;
      bytes: number;
    }>;
    expect(held).toMatchObject({ bytes: pdf.byteLength, sealed: expect.stringMatching(/^v1\./) });
    expect(held!.sealed).not.toContain(pdf.toString('base64'));
    expect(held!.sealed).not.toContain('held across a restart');

    await simAdmin.clearFaults();
    await db.query('UPDATE message_schedule SET next_action_at = now() WHERE message_id = $1', [id]);
    await startApp();
    const [sent] = await waitFor(
      'the retry by the second process',
      () =>
        db.query('SELECT status, provider_message_id, error FROM messages WHERE id = $1', [id]) as Promise<
          Array<{ status: string; provider_message_id: string | null; error: unknown }>
        >,
      ([row]) => row!.provider_message_id !== null || row!.status === 'FAILED',
      30_000,
    );
    expect(sent).toMatchObject({ provider_message_id: expect.any(String), error: null });
    // Deleted right after the outcome is written (a moment after the row shows it).
    await waitFor(
      'the held request to be deleted',
      () => db.query('SELECT 1 FROM held_requests WHERE message_id = $1', [id]) as Promise<unknown[]>,
      (rows) => rows.length === 0,
    );
    const delivered = await simAdmin.messages(`?provider=washeej&to=${encodeURIComponent(to)}`);
    expect(delivered).toHaveLength(1);
  }, 90_000);
});
