import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

describe('gateway: auth, providers and connections', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  }, 120_000);
  afterAll(() => stack.close());

  it('answers health without a key and refuses everything else without one, on both APIs', async () => {
    expect((await stack.rest('GET', '/health', undefined, null)).status).toBe(200);
    const rest = await stack.rest('GET', '/v1/connections', undefined, null);
    expect(rest.status).toBe(401);
    expect(rest.headers.get('content-type')).toContain('application/problem+json');
    expect(rest.json).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect((await stack.rest('GET', '/v1/connections', undefined, 'gw_wrong')).status).toBe(401);
    const gql = await stack.gql('{ connections { nodes { name } } }', {}, null);
    expect(gql.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists providers with their capabilities', async () => {
    const res = await stack.rest('GET', '/v1/providers');
    const ids = (res.json as Array<{ id: string }>).map((p) => p.id);
    expect(ids).toEqual(['wamessenger', 'washeej', 'watsal', 'wessaal', 'wutt']);
    const gql = await stack.gql<{ providers: Array<{ id: string; capabilities: string[] }> }>(
      '{ providers { id capabilities } }',
    );
    expect(gql.data?.providers.find((p) => p.id === 'watsal')?.capabilities).toEqual([
      'template',
      'message_status',
      'otp',
    ]);
  });

  it('creates, tests, updates and deletes a connection; credentials are never returned', async () => {
    const created = await stack.rest('POST', '/v1/connections', {
      name: 'wessaal-second',
      provider: 'wessaal',
      credentials: { apiKey: 'sk_test_wessaal_demo' },
      baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      defaultFrom: 'my-instance',
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('sk_test_wessaal_demo');
    expect(created.json).toMatchObject({
      name: 'wessaal-second',
      provider: 'wessaal',
      credentialFields: ['apiKey'],
    });
    expect((await stack.rest('POST', '/v1/connections/wessaal-second/test')).json).toEqual({
      ok: true,
      code: null,
      message: null,
    });

    await stack.rest('PATCH', '/v1/connections/wessaal-second', { credentials: { apiKey: 'sk_wrong' } });
    expect((await stack.rest('POST', '/v1/connections/wessaal-second/test')).json).toMatchObject({
      ok: false,
      code: 'AUTH_FAILED',
    });

    const stored = await stack.db.query(
      `SELECT credentials_sealed FROM connections WHERE name = 'wessaal-second'`,
    );
    expect(stored[0].credentials_sealed).not.toContain('sk_wrong');
    expect(stored[0].credentials_sealed).toMatch(/^v1\./);

    expect((await stack.rest('DELETE', '/v1/connections/wessaal-second')).status).toBe(200);
    expect((await stack.rest('GET', '/v1/connections/wessaal-second')).json).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('reaches a WaMessenger account on the JSON successor when the connection says bodyEncoding json', async () => {
    const created = await stack.rest('POST', '/v1/connections', {
      name: 'wamessenger-json',
      provider: 'wamessenger',
      credentials: { apiKey: 'wamessenger-demo-key', bodyEncoding: 'json' },
      baseUrl: `${stack.sim.url}/wamessenger`,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ credentialFields: ['apiKey', 'bodyEncoding'] });
    const sent = await stack.rest('POST', '/v1/messages', {
      connection: 'wamessenger-json',
      to: '+989121234567',
      text: 'salam',
    });
    expect(sent.json).toMatchObject({ status: 'QUEUED', error: null });
    expect((sent.json as { providerMessageId: string | null }).providerMessageId).toMatch(/^\d+$/);

    const wrong = await stack.rest('POST', '/v1/connections', {
      name: 'wamessenger-xml',
      provider: 'wamessenger',
      credentials: { apiKey: 'wamessenger-demo-key', bodyEncoding: 'xml' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ fields: { 'credentials.bodyEncoding': [expect.any(String)] } });
  });

  it('names the bad field: unknown provider, bad credentials, duplicate names, malformed JSON', async () => {
    const unknown = await stack.rest('POST', '/v1/connections', {
      name: 'x',
      provider: 'nope',
      credentials: {},
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ code: 'BAD_USER_INPUT', fields: { provider: expect.any(Array) } });
    const creds = await stack.rest('POST', '/v1/connections', {
      name: 'x',
      provider: 'washeej',
      credentials: { clientId: 'a' },
    });
    expect(creds.json).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'credentials.clientSecret': expect.any(Array) },
    });
    const dup = await stack.rest('POST', '/v1/connections', {
      name: 'wessaal-demo',
      provider: 'wessaal',
      credentials: { apiKey: 'k' },
    });
    expect(dup).toMatchObject({ status: 409, json: { code: 'CONFLICT' } });
    const gql = await stack.gql(
      'mutation { createConnection(input: {name: "bad name!", provider: "wessaal", credentials: {}}) { id } }',
    );
    expect(gql.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { name: expect.any(Array) },
    });
  });

  it('answers malformed JSON and unknown routes with problem+json 4xx', async () => {
    const res = await fetch(`${stack.url}/v1/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
    const unknown = await stack.rest('GET', '/v1/nowhere');
    expect(unknown).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' } });
  });

  it('keeps tenants apart', async () => {
    const other = await stack.seedTenant([]);
    expect((await stack.rest('GET', '/v1/connections', undefined, other.apiKey)).json).toEqual([]);
    expect((await stack.rest('GET', '/v1/connections/wessaal-demo', undefined, other.apiKey)).status).toBe(
      404,
    );
    const mine = await stack.gql<{ connections: { nodes: Array<{ name: string }> } }>(
      '{ connections { nodes { name } } }',
    );
    expect(mine.data?.connections.nodes.map((c) => c.name)).toContain('wessaal-demo');
    const theirs = await stack.gql<{ connections: { nodes: unknown[]; totalCount: number } }>(
      '{ connections { nodes { name } totalCount } }',
      {},
      other.apiKey,
    );
    expect(theirs.data?.connections).toEqual({ nodes: [], totalCount: 0 });
  });
});
