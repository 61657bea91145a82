import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { runAdminCli, type AdminIo } from '../../../apps/gateway/src/admin/admin-cli.js';
import { hashApiKey } from '../../../apps/gateway/src/common/crypto/secret-box.js';
import { openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('tenants, API keys and scopes', () => {
  let stack: GatewayStack;
  let databaseUrl: string;

  beforeAll(async () => {
    stack = await startGatewayStack();
    databaseUrl = (stack.db.options as { url: string }).url;
  }, 60_000);
  afterAll(() => stack.close());

  const admin = async (...argv: string[]): Promise<Run> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: AdminIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
    const code = await runAdminCli(argv, () => openDataSource(databaseUrl, { migrate: false }), io);
    return { code, out, err };
  };
  const newTenant = async (): Promise<string> => {
    const name = `acme-${randomUUID().slice(0, 8)}`;
    expect((await admin('tenant', 'create', name)).code).toBe(0);
    return name;
  };
  const newKey = async (tenant: string, ...options: string[]): Promise<string> => {
    const run = await admin('key', 'create', '--tenant', tenant, ...options);
    expect(run).toMatchObject({ code: 0, err: [] });
    return run.out.at(-1)!;
  };
  /** Waits out the per-process key cache (KEY_CACHE_TTL_MS, 500 ms): the bound is one second. */
  const oneSecond = () => new Promise((resolve) => setTimeout(resolve, 1_000));

  it('creates a tenant and a key printed once, alone on the last line; stores only its hash and last four', async () => {
    const tenant = await newTenant();
    const run = await admin(
      'key',
      'create',
      '--tenant',
      tenant,
      '--scopes',
      'send,read',
      '--expires',
      '2099-01-01T00:00:00Z',
    );
    expect(run.code).toBe(0);
    const key = run.out.at(-1)!;
    expect(key).toMatch(/^gw_live_[A-Za-z0-9_-]{32}$/);
    expect(run.out.slice(0, -1).join('\n')).not.toContain(key);
    const [row] = (await stack.db.query(
      'SELECT k.* FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE t.name = $1',
      [tenant],
    )) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({
      key_hash: hashApiKey(key),
      prefix: 'gw_live_',
      last_four: key.slice(-4),
      scopes: ['send', 'read'],
    });
    expect(JSON.stringify(row)).not.toContain(key);
    expect(await newKey(tenant, '--test')).toMatch(/^gw_test_/);

    const listed = await admin('key', 'list', '--tenant', tenant);
    expect(listed.code).toBe(0);
    expect(listed.out.join('\n')).toContain(`gw_live_…${key.slice(-4)}`);
    expect(listed.out.join('\n')).not.toContain(key);
    expect((await admin('tenant', 'list')).out.join('\n')).toContain(tenant);
  });

  it('exits 2 on a usage error and 1 on a failure, with a message', async () => {
    const tenant = await newTenant();
    for (const argv of [
      [],
      ['tenant'],
      ['tenant', 'create'],
      ['key', 'create'],
      ['key', 'create', '--tenant', tenant, '--scopes', 'send,admin'],
      ['key', 'create', '--tenant', tenant, '--expires', 'tomorrow'],
      ['key', 'create', '--tenant', tenant, '--expires', '2001-01-01T00:00:00Z'],
      ['key', 'create', '--tenant', tenant, '--bogus'],
      ['key', 'revoke'],
    ]) {
      const run = await admin(...argv);
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.err[0]).toMatch(/^error: /);
    }
    for (const argv of [
      ['tenant', 'create', tenant],
      ['key', 'create', '--tenant', 'no-such-tenant'],
      ['tenant', 'disable', 'no-such-tenant'],
      ['key', 'revoke', randomUUID()],
    ]) {
      const run = await admin(...argv);
      expect({ argv, code: run.code }).toEqual({ argv, code: 1 });
      expect(run.err[0]).toMatch(/^error: /);
    }
  });

  it('answers 403 FORBIDDEN naming the scope a key lacks, on REST and GraphQL', async () => {
    const tenant = await newTenant();
    const reader = await newKey(tenant, '--scopes', 'read');
    const sender = await newKey(tenant, '--scopes', 'send');

    expect((await stack.rest('GET', '/v1/messages', undefined, reader)).status).toBe(200);
    const refused = await stack.rest(
      'POST',
      '/v1/messages',
      { connection: 'x', to: '+966501234567', text: 'hi' },
      reader,
    );
    expect(refused).toMatchObject({
      status: 403,
      json: { code: 'FORBIDDEN', detail: expect.stringContaining('"send"') },
    });
    expect(await stack.rest('GET', '/v1/messages', undefined, sender)).toMatchObject({
      status: 403,
      json: { code: 'FORBIDDEN', detail: expect.stringContaining('"read"') },
    });
    // Past the scope check: the tenant has no connection named x.
    expect(
      (await stack.rest('POST', '/v1/messages', { connection: 'x', to: '+966501234567', text: 'hi' }, sender))
        .json,
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await stack.rest(
        'POST',
        '/v1/connections',
        { name: 'n', provider: 'watsal', credentials: { apiKey: 'k' } },
        sender,
      ),
    ).toMatchObject({ status: 403, json: { detail: expect.stringContaining('"connections"') } });

    const mutation = await stack.gql(
      'mutation { sendMessage(input: {connection: "x", to: "+966501234567", text: "hi"}) { id } }',
      undefined,
      reader,
    );
    expect(mutation.errors?.[0]).toMatchObject({
      message: expect.stringContaining('"send"'),
      extensions: { code: 'FORBIDDEN' },
    });
    const query = await stack.gql('{ connections { nodes { name } } }', undefined, reader);
    expect(query.errors).toBeUndefined();

    // Webhook endpoints are the `webhooks` scope's alone, reads included: their URLs may carry tokens.
    expect(await stack.rest('GET', '/v1/webhook-endpoints', undefined, reader)).toMatchObject({
      status: 403,
      json: { code: 'FORBIDDEN', detail: expect.stringContaining('"webhooks"') },
    });
    const hooksQuery = await stack.gql('{ webhookEndpoints { nodes { id } } }', undefined, reader);
    expect(hooksQuery.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const hooksKey = await newKey(tenant, '--scopes', 'webhooks');
    expect((await stack.rest('GET', '/v1/webhook-endpoints', undefined, hooksKey)).status).toBe(200);
  });

  it('refuses a subscription to a key without the read scope', async () => {
    const tenant = await newTenant();
    const sender = await newKey(tenant, '--scopes', 'send');
    const client = createClient({
      url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${sender}` },
      retryAttempts: 0,
    });
    try {
      const outcome = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { messageStatusChanged { id } }' },
          {
            next: (result) => resolve(result.errors),
            error: (error) => resolve(error),
            complete: () => resolve('completed without an error'),
          },
        );
      });
      expect(JSON.stringify(outcome)).toContain('FORBIDDEN');
      expect(JSON.stringify(outcome)).toContain('"read');
    } finally {
      await client.dispose();
    }
  });

  it('refuses a revoked key, an expired key and the keys of a disabled tenant within a second', async () => {
    const tenant = await newTenant();
    const revoked = await newKey(tenant);
    const expiring = await newKey(tenant);
    const list = (key: string) => stack.rest('GET', '/v1/messages', undefined, key);
    expect((await list(revoked)).status).toBe(200);
    expect((await list(expiring)).status).toBe(200);

    const id = (await admin('key', 'list', '--tenant', tenant)).out[0]!.split(' ')[0]!;
    expect((await admin('key', 'revoke', id)).code).toBe(0);
    await stack.db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE key_hash = $1", [
      hashApiKey(expiring),
    ]);
    await oneSecond();
    expect(await list(revoked)).toMatchObject({ status: 401, json: { code: 'UNAUTHENTICATED' } });
    expect((await list(expiring)).status).toBe(401);

    const other = await newTenant();
    const key = await newKey(other);
    expect((await list(key)).status).toBe(200);
    expect((await admin('tenant', 'disable', other)).code).toBe(0);
    await oneSecond();
    expect((await list(key)).status).toBe(401);
    expect((await admin('key', 'create', '--tenant', other)).code).toBe(1);
  });

  it('gives the keys that existed before scopes (the demo seed) every scope', async () => {
    const [row] = (await stack.db.query('SELECT scopes FROM api_keys WHERE key_hash = $1', [
      hashApiKey(stack.tenant.apiKey),
    ])) as Array<{ scopes: string[] }>;
    expect(row!.scopes.sort()).toEqual(['connections', 'read', 'send', 'webhooks']);
  });
});
