import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../../../apps/gateway/src/common/crypto/secret-box.js';
import { DEMO_ENCRYPTION_KEY } from '../../../apps/gateway/src/config/gateway-config.js';
import { openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import { seedTenant } from '../../../apps/gateway/src/seed/demo-seed.js';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { buildDist, spawnGateway, type GatewayProcess } from '../../support/gateway-process.js';
import { admin, http } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * No duplicates after a crash: a real gateway process is killed by the test-only fault hook
 * GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT right after the provider accepted a send and before the answer was
 * recorded; a second process (no hook) finds the attempt without outcome once the send's lease runs out and
 * resolves it. The simulator's request journal counts how many times the provider was really called.
 */
jest.setTimeout(240_000);

const LEASE_MS = 3_000;

interface Message {
  id: string;
  status: string;
  carriedBy: string | null;
  possibleDuplicate: boolean;
  providerMessageId: string | null;
  attemptHistory: Array<{ number: number; connection: string; outcome: string | null }>;
}

describe('crash between the provider accepting a send and the gateway recording it', () => {
  let sim: StartedSimulator;
  let database: TestDatabase;
  let db: DataSource;
  let apiKey: string;
  const processes: GatewayProcess[] = [];

  const start = async (env: Record<string, string> = {}): Promise<GatewayProcess> => {
    const gateway = await spawnGateway({
      DATABASE_URL: database.url,
      GATEWAY_ENCRYPTION_KEY: DEMO_ENCRYPTION_KEY,
      GATEWAY_POLL_INTERVAL_MS: '100',
      GATEWAY_SEND_LEASE_MS: String(LEASE_MS),
      ...env,
    });
    processes.push(gateway);
    return gateway;
  };
  const call = (gateway: GatewayProcess, method: string, path: string, json?: unknown) =>
    http(`${gateway.url}${path}`, { method, headers: { authorization: `Bearer ${apiKey}` }, json });
  /** The provider's send requests that carry this recipient (Washeej splits the number: its last 9 digits). */
  const sendsTo = async (provider: string, to: string): Promise<number> =>
    (await admin(sim.url).requests(`?provider=${provider}&limit=1000`)).filter(
      (entry) => entry.method === 'POST' && JSON.stringify(entry.requestBody ?? null).includes(to.slice(-9)),
    ).length;

  beforeAll(async () => {
    buildDist();
    sim = await startSimulator({ port: 0 });
    database = await createTestDatabase();
    db = await openDataSource(database.url);
    apiKey = `gw_test_${randomUUID()}`;
    await seedTenant(db, new SecretBox(DEMO_ENCRYPTION_KEY), {
      tenantId: randomUUID(),
      name: `crash ${randomUUID().slice(0, 8)}`,
      apiKey,
      simulatorUrl: sim.url,
    });
  });

  afterAll(async () => {
    for (const gateway of processes) if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await db?.destroy();
    await sim?.close();
    await database?.drop();
  });

  it('refuses to start with the fault hook when NODE_ENV=production', async () => {
    await expect(
      spawnGateway({
        DATABASE_URL: database.url,
        NODE_ENV: 'production',
        GATEWAY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
        GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: '1',
      }),
    ).rejects.toThrow(/GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT/);
  });

  it('Washeej (no lookup): sent again after the crash and flagged possibleDuplicate', async () => {
    const to = '+966501234987';
    // The customer writes first: Washeej takes a free-form text only inside the 24 h window.
    await admin(sim.url).inbound({ provider: 'washeej', from: to, text: 'hello' });
    const crashing = await start({ GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: '1' });
    const answer = call(crashing, 'POST', '/v1/messages', {
      connection: 'washeej-demo',
      to,
      text: 'crash me',
    });
    await expect(answer).rejects.toThrow();
    expect(await crashing.exited).toBe('SIGKILL');
    expect(await sendsTo('washeej', to)).toBe(1);

    // What the dead process left: the message QUEUED under its lease, its first attempt without outcome.
    const [row] = (await db.query(
      `SELECT m.id, m.status, a.outcome, a.finished_at FROM messages m JOIN message_attempts a ON a.message_id = m.id
       WHERE m.to_number = $1`,
      [to],
    )) as Array<{ id: string; status: string; outcome: string | null; finished_at: Date | null }>;
    expect(row).toMatchObject({ status: 'QUEUED', outcome: null, finished_at: null });

    const survivor = await start();
    const message = await waitFor(
      'the second process to finish the message',
      async () => (await call(survivor, 'GET', `/v1/messages/${row!.id}`)).json as Message,
      // Both: a GET reads the message, then its attempts, so it can see the accepted attempt before the id.
      (m) => m.carriedBy !== null && m.providerMessageId !== null,
      60_000,
      100,
    );
    expect(message).toMatchObject({ possibleDuplicate: true, carriedBy: 'washeej-demo' });
    expect(message.providerMessageId).not.toBeNull();
    expect(message.attemptHistory).toEqual([
      expect.objectContaining({ number: 1, connection: 'washeej-demo', outcome: 'LOST' }),
      expect.objectContaining({ number: 2, connection: 'washeej-demo', outcome: 'ACCEPTED' }),
    ]);
    expect(await sendsTo('washeej', to)).toBe(2);
  });

  // Providers whose adapter can look a sent message up (libs/providers `findSentMessage`): adopted, sent once.
  it.each([
    ['wessaal', 'wessaal-demo', '+966501234988'],
    ['wamessenger', 'wamessenger-demo', '+966501234989'],
  ])(
    '%s (lookup): the message is found and adopted, the provider called once',
    async (provider, connection, to) => {
      const crashing = await start({ GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: '1' });
      const answer = call(crashing, 'POST', '/v1/messages', {
        connection,
        to,
        text: `adopt me (${provider})`,
      });
      await expect(answer).rejects.toThrow();
      expect(await crashing.exited).toBe('SIGKILL');
      expect(await sendsTo(provider, to)).toBe(1);
      const [row] = (await db.query('SELECT id FROM messages WHERE to_number = $1', [to])) as Array<{
        id: string;
      }>;

      const survivor = await start();
      const message = await waitFor(
        'the second process to adopt the message',
        async () => (await call(survivor, 'GET', `/v1/messages/${row!.id}`)).json as Message,
        // Both: a GET reads the message, then its attempts, so it can see the accepted attempt before the id.
        (m) => m.carriedBy !== null && m.providerMessageId !== null,
        60_000,
        100,
      );
      expect(message).toMatchObject({ possibleDuplicate: false, carriedBy: connection });
      expect(message.providerMessageId).not.toBeNull();
      expect(message.attemptHistory).toEqual([
        expect.objectContaining({ number: 1, connection, outcome: 'ADOPTED' }),
      ]);
      // The provider's own record is the one adopted, and it was never sent a second time.
      const sent = (await admin(sim.url).messages(
        `?provider=${provider}&to=${encodeURIComponent(to)}`,
      )) as Array<Record<string, unknown>>;
      expect(sent).toHaveLength(1);
      expect(await sendsTo(provider, to)).toBe(1);
      survivor.child.kill('SIGKILL');
    },
  );
});
