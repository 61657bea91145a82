import { jest } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

const WAM_KEY = 'wamessenger-demo-key';
const CUSTOMER = '+989121234567';

interface InboundMessage {
  id: string;
  connection: string;
  provider: string;
  providerMessageId: string;
  from: string;
  to: string | null;
  kind: string;
  text: string | null;
  receivedAt: string;
}
interface InboundPage {
  edges: Array<{ cursor: string; node: InboundMessage }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const FIELDS = 'id connection provider providerMessageId from to kind text receivedAt';
const LIST = `query ($filter: InboundMessageFilter, $first: Int, $after: String) {
  inboundMessages(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

function inboundBody(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Hash: WAM_KEY,
    DataType: 'message',
    ID: id,
    From: '989121234567',
    To: '989121234568',
    Type: 'chat',
    Chat: `text of ${id}`,
    Date: '2030/01/02 03:04:05',
    ...overrides,
  };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Waits on real timers (webhook posts, poll ticks) and boots a stack: more than the 5 s default under load.
jest.setTimeout(30_000);

describe('gateway: provider webhooks and inbound messages', () => {
  let stack: GatewayStack;
  let webhookPath: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    stack = await startGatewayStack();
    const connection = await stack.rest('GET', '/v1/connections/wamessenger-demo');
    webhookPath = (connection.json as { webhookPath: string }).webhookPath;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stack.close();
  });

  const postWebhook = (body: unknown, path = webhookPath, contentType = 'application/json') =>
    fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const storedCount = async (providerMessageId: string): Promise<number> => {
    const rows: Array<{ n: string }> = await stack.db.query(
      'SELECT count(*) AS n FROM inbound_messages WHERE provider_message_id = $1',
      [providerMessageId],
    );
    return Number(rows[0]?.n);
  };
  const restList = async (query = '', apiKey?: string): Promise<InboundPage> => {
    const res = await stack.rest('GET', `/v1/inbound-messages${query}`, undefined, apiKey);
    expect(res.status).toBe(200);
    return res.json as InboundPage;
  };

  /** A graphql-ws subscriber; resolves once the server acknowledged the connection and had time to subscribe. */
  async function subscribe(query: string, apiKey = stack.tenant.apiKey) {
    const received: unknown[] = [];
    const errors: unknown[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const client = createClient({
      url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
      lazy: false,
      retryAttempts: 0,
      on: { connected: () => connected() },
    });
    clients.push(client);
    client.subscribe(
      { query },
      {
        next: (value) => received.push(value.data),
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { received, errors };
  }

  it('configures the webhook through GraphQL and REST with the URL the caller used', async () => {
    const gql = await stack.gql<{ configureWebhook: { url: string; message: string | null } }>(
      'mutation { configureWebhook(connection: "wamessenger-demo") { url pending message } }',
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data?.configureWebhook.url).toBe(`${stack.url}${webhookPath}`);
    expect(gql.data?.configureWebhook.message).toMatch(/successfully/i);
    const rest = await stack.rest('POST', '/v1/connections/wamessenger-demo/webhook/configure');
    expect(rest.status).toBe(200);
    expect(rest.json).toMatchObject({ url: `${stack.url}${webhookPath}` });
    // The provider itself now holds that URL.
    const pending = await fetch(`${stack.sim.url}/wamessenger/webhook/pending/${WAM_KEY}`);
    expect(((await pending.json()) as { url: string }).url).toBe(`${stack.url}${webhookPath}`);
  });

  it('refuses configureWebhook where the provider has no webhooks, and for unknown connections', async () => {
    for (const name of ['washeej-demo', 'wutt-demo', 'watsal-demo', 'wessaal-demo']) {
      const rest = await stack.rest('POST', `/v1/connections/${name}/webhook/configure`);
      expect(rest.status).toBe(422);
      expect(rest.json).toMatchObject({ code: 'UNSUPPORTED_CAPABILITY', capability: 'webhooks' });
      const gql = await stack.gql(`mutation { configureWebhook(connection: "${name}") { url } }`);
      expect(gql.errors?.[0]?.extensions).toMatchObject({ code: 'UNSUPPORTED_CAPABILITY' });
    }
    expect((await stack.rest('POST', '/v1/connections/nope/webhook/configure')).status).toBe(404);
    const gql = await stack.gql('mutation { configureWebhook(connection: "nope") { url } }');
    expect(gql.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('stores a customer message the simulator posts, lists it on both APIs and pushes it to subscribers', async () => {
    await stack.rest('POST', '/v1/connections/wamessenger-demo/webhook/configure');
    const all = await subscribe(`subscription { inboundMessageReceived { ${FIELDS} } }`);
    const mine = await subscribe(
      `subscription { inboundMessageReceived(connection: "wamessenger-demo") { ${FIELDS} } }`,
    );
    const elsewhere = await subscribe(
      `subscription { inboundMessageReceived(connection: "washeej-demo") { ${FIELDS} } }`,
    );

    // The received list answers 500 meanwhile: what arrives can only have come through the webhook.
    const fault = await stack.simAdmin.addFault({
      provider: 'wamessenger',
      kind: 'error',
      path: '/showAllGetMessages/*',
      status: 500,
    });
    await stack.simAdmin.inbound({ provider: 'wamessenger', from: CUSTOMER, text: 'hi' });

    const pushed = await until(
      async () => mine.received[0] as { inboundMessageReceived: InboundMessage } | undefined,
      'the subscription event',
    );
    expect(pushed.inboundMessageReceived).toMatchObject({
      connection: 'wamessenger-demo',
      provider: 'wamessenger',
      from: CUSTOMER,
      to: '+989121234568',
      kind: 'text',
      text: 'hi',
    });
    await until(async () => (all.received.length ? true : undefined), 'the unfiltered subscription event');
    expect(all.received).toHaveLength(1);
    expect(elsewhere.received).toEqual([]);
    expect([...all.errors, ...mine.errors, ...elsewhere.errors]).toEqual([]);

    const id = pushed.inboundMessageReceived.id;
    const rest = await restList('?connection=wamessenger-demo');
    expect(rest.edges.map((e) => e.node.id)).toContain(id);
    const gql = await stack.gql<{ inboundMessages: InboundPage }>(LIST, {
      filter: { connection: 'wamessenger-demo', from: CUSTOMER },
    });
    expect(gql.data?.inboundMessages.edges.map((e) => e.node)).toContainEqual(pushed.inboundMessageReceived);
    expect((await stack.rest('GET', `/v1/inbound-messages/${id}`)).json).toMatchObject({ id, text: 'hi' });
    const one = await stack.gql<{ inboundMessage: InboundMessage | null }>(
      `query ($id: ID!) { inboundMessage(id: $id) { ${FIELDS} } }`,
      { id },
    );
    expect(one.data?.inboundMessage).toEqual(pushed.inboundMessageReceived);
    expect(await storedCount(pushed.inboundMessageReceived.providerMessageId)).toBe(1);
    // The poller did try (and fail) while the message was being delivered.
    await until(async () => {
      const faults = await stack.simAdmin.call<Array<{ id: string; fired: number }>>('GET', '/faults');
      return faults.find((f) => f.id === fault.id)!.fired > 0 ? true : undefined;
    }, 'a failed poll');
    await stack.simAdmin.call('DELETE', `/faults/${fault.id}`);
  });

  it('stores a redelivered webhook once and answers 200 each time', async () => {
    const body = inboundBody('7001');
    const first = await postWebhook(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ events: 1, stored: 1 });
    const again = await postWebhook([body, body]);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ events: 2, stored: 0 });
    expect(await storedCount('7001')).toBe(1);
    // What is kept of the provider's body never holds the connection's key.
    const raw: Array<{ raw: string }> = await stack.db.query(
      "SELECT raw::text AS raw FROM inbound_messages WHERE provider_message_id = '7001'",
    );
    expect(raw[0]?.raw).toContain('text of 7001');
    expect(raw[0]?.raw).not.toContain(WAM_KEY);
  });

  it('accepts form-encoded bodies, JSON sent as text or under a form type, and queue resends (arrays)', async () => {
    const form = new URLSearchParams(inboundBody('7101') as Record<string, string>).toString();
    const asForm = await postWebhook(form, webhookPath, 'application/x-www-form-urlencoded');
    expect(asForm.status).toBe(200);
    const asText = await postWebhook(JSON.stringify(inboundBody('7102')), webhookPath, 'text/plain');
    expect(asText.status).toBe(200);
    const jsonAsForm = await postWebhook(
      JSON.stringify(inboundBody('7103')),
      webhookPath,
      'application/x-www-form-urlencoded',
    );
    expect(jsonAsForm.status).toBe(200);
    const array = await postWebhook([inboundBody('7104'), inboundBody('7105')]);
    expect(await array.json()).toEqual({ events: 2, stored: 2 });
    for (const id of ['7101', '7102', '7103', '7104', '7105']) expect(await storedCount(id)).toBe(1);
    const stored = await restList(`?from=${encodeURIComponent(CUSTOMER)}&first=100`);
    expect(stored.edges.find((e) => e.node.providerMessageId === '7101')?.node).toMatchObject({
      text: 'text of 7101',
      receivedAt: '2030-01-02T03:04:05.000Z',
    });
  });

  it('refuses a forged body (wrong Hash) with 401 and stores nothing, whole body included', async () => {
    const forged = await postWebhook(inboundBody('7201', { Hash: 'not-the-key' }));
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    const problem = await forged.text();
    expect(problem).not.toContain('not-the-key');
    expect(problem).not.toContain(WAM_KEY);
    const mixed = await postWebhook([inboundBody('7202'), inboundBody('7203', { Hash: 'x' })]);
    expect(mixed.status).toBe(401);
    const unsigned = await postWebhook(inboundBody('7204', { Hash: undefined }));
    expect(unsigned.status).toBe(401);
    for (const id of ['7201', '7202', '7203', '7204']) expect(await storedCount(id)).toBe(0);
  });

  it('answers 404 for unknown tokens, providers and mismatches without saying which', async () => {
    const token = webhookPath.split('/').at(-1)!;
    const washeej = (await stack.rest('GET', '/v1/connections/washeej-demo')).json as { webhookPath: string };
    const paths = [
      '/v1/webhooks/wamessenger/unknown-token',
      `/v1/webhooks/wamessenger/${'x'.repeat(99)}`,
      `/v1/webhooks/nope/${token}`,
      `/v1/webhooks/wessaal/${token}`,
      washeej.webhookPath, // a real token of a provider without webhooks
      `/v1/webhooks/wamessenger/${washeej.webhookPath.split('/').at(-1)!}`, // a token of another provider
    ];
    const details = new Set<string>();
    for (const path of paths) {
      const res = await postWebhook(inboundBody('7301'), path);
      expect(res.status).toBe(404);
      const problem = (await res.json()) as { code: string; detail: string };
      expect(problem.code).toBe('NOT_FOUND');
      details.add(problem.detail);
    }
    expect([...details]).toEqual(['no such webhook']);
    const tooLong = await postWebhook(inboundBody('7301'), `/v1/webhooks/wamessenger/${'x'.repeat(500)}`);
    expect(tooLong.status).toBe(414);
    expect(await storedCount('7301')).toBe(0);
  });

  it('answers bad bodies with 4xx problem+json, never 5xx', async () => {
    const cases: Array<[string, string, number]> = [
      ['{"Hash":', 'application/json', 400],
      ['', 'application/json', 400],
      ['just words', 'text/plain', 400],
      ['[1, 2]', 'application/json', 400],
      [JSON.stringify({ Hash: WAM_KEY, DataType: 'gossip', ID: '1' }), 'application/json', 400],
      [JSON.stringify(inboundBody('7401', { From: 'not a number' })), 'application/json', 400],
      [
        JSON.stringify({ Hash: WAM_KEY, DataType: 'message', ID: '7402', From: '98912\u0000' }),
        'application/json',
        400,
      ],
      [JSON.stringify(inboundBody('7403', { Chat: 'x'.repeat(2 * 1024 * 1024) })), 'application/json', 400],
      ['<xml/>', 'application/xml', 415],
    ];
    for (const [body, type, status] of cases) {
      const res = await postWebhook(body, webhookPath, type);
      expect({ body: body.slice(0, 60), status: res.status }).toEqual({ body: body.slice(0, 60), status });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const fields = (await (await postWebhook(inboundBody('7405', { From: 'x' }))).json()) as {
      code: string;
      fields: Record<string, string[]>;
    };
    expect(fields.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(fields.fields)).toEqual(['body']);
    // A NUL inside a signed, well-formed message is dropped rather than answered with a 500.
    const nul = await postWebhook(inboundBody('7404', { Chat: 'a\u0000b' }));
    expect(nul.status).toBe(200);
    expect(await storedCount('7404')).toBe(1);
    expect(await storedCount('7403')).toBe(0);
  });

  it('pages newest first with opaque cursors and filters on both APIs', async () => {
    const from = '+989120000001';
    const bodies = [1, 2, 3, 4, 5].map((n) =>
      inboundBody(`750${n}`, { From: from.slice(1), Date: `2031/01/0${n} 00:00:00` }),
    );
    expect((await postWebhook(bodies)).status).toBe(200);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const query: string = `?from=${encodeURIComponent(from)}&first=2${after ? `&after=${after}` : ''}`;
      const page = await restList(query);
      seen.push(...page.edges.map((e) => e.node.providerMessageId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['7505', '7504', '7503', '7502', '7501']);

    const first = await stack.gql<{ inboundMessages: InboundPage }>(LIST, { filter: { from }, first: 3 });
    const second = await stack.gql<{ inboundMessages: InboundPage }>(LIST, {
      filter: { from },
      first: 3,
      after: first.data?.inboundMessages.pageInfo.endCursor,
    });
    expect(first.data?.inboundMessages.edges.map((e) => e.node.providerMessageId)).toEqual([
      '7505',
      '7504',
      '7503',
    ]);
    expect(second.data?.inboundMessages.edges.map((e) => e.node.providerMessageId)).toEqual(['7502', '7501']);
    expect(second.data?.inboundMessages.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: second.data?.inboundMessages.edges[1]?.cursor,
    });

    const since = await stack.gql<{ inboundMessages: InboundPage }>(LIST, {
      filter: { from, since: '2031-01-04T00:00:00Z', connection: 'wamessenger-demo' },
    });
    expect(since.data?.inboundMessages.edges.map((e) => e.node.providerMessageId)).toEqual(['7505', '7504']);
    const restSince = await restList(`?from=${encodeURIComponent(from)}&since=2031-01-04T00:00:00Z`);
    expect(restSince.edges).toHaveLength(2);
    expect((await restList('?connection=washeej-demo')).edges).toEqual([]);
    expect((await restList('?connection=deleted-or-never-was')).edges).toEqual([]);
  });

  it('names the bad argument: first, after, since, from, unknown parameters', async () => {
    const rest: Array<[string, string]> = [
      ['?first=0', 'first'],
      ['?first=101', 'first'],
      ['?first=ten', 'first'],
      ['?after=garbage', 'after'],
      [`?after=${Buffer.from('["in","x","y"]').toString('base64url')}`, 'after'],
      ['?since=yesterday', 'since'],
      ['?from=0912', 'from'],
      ['?color=blue', 'color'],
    ];
    for (const [query, field] of rest) {
      const res = await stack.rest('GET', `/v1/inbound-messages${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(Object.keys((res.json as { fields: Record<string, unknown> }).fields)).toContain(field);
    }
    const gql: Array<[Record<string, unknown>, string]> = [
      [{ first: 0 }, 'first'],
      [{ first: 1000 }, 'first'],
      [{ after: 'garbage' }, 'after'],
      [{ filter: { from: 'abc' } }, 'filter.from'],
    ];
    for (const [variables, field] of gql) {
      const res = await stack.gql(LIST, variables);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { [field]: expect.any(Array) },
      });
    }
    const badDate = await stack.gql(LIST, { filter: { since: 'yesterday' } });
    expect(badDate.errors?.length).toBeGreaterThan(0);
    expect(badDate.status).toBeLessThan(500);
    expect((await stack.rest('GET', '/v1/inbound-messages/not-a-uuid')).status).toBe(404);
    const missing = await stack.gql('{ inboundMessage(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(missing.data).toEqual({ inboundMessage: null });
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('keeps tenants apart: lists, lookups, subscriptions and webhooks', async () => {
    // The other tenant's WaMessenger connection is another provider account, with its own key.
    const account = await stack.simAdmin.createAccount('wamessenger');
    const theirKey = account.credentials.apiKey!;
    const other = await stack.seedTenant([
      {
        name: 'wamessenger-demo',
        provider: 'wamessenger',
        simulatorPath: '/wamessenger',
        credentials: { apiKey: theirKey },
      },
    ]);
    const theirs = (await stack.rest('GET', '/v1/connections/wamessenger-demo', undefined, other.apiKey))
      .json as { webhookPath: string };
    expect(theirs.webhookPath).not.toBe(webhookPath);
    const spy = await subscribe(`subscription { inboundMessageReceived { ${FIELDS} } }`, other.apiKey);

    const mine = await restList('?first=1');
    const myId = mine.edges[0]!.node.id;
    expect((await restList('', other.apiKey)).edges).toEqual([]);
    expect((await stack.rest('GET', `/v1/inbound-messages/${myId}`, undefined, other.apiKey)).status).toBe(
      404,
    );
    const gql = await stack.gql(`{ inboundMessage(id: "${myId}") { id } }`, {}, other.apiKey);
    expect(gql.data).toEqual({ inboundMessage: null });
    expect(gql.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // A body posted to this tenant's URL lands with this tenant only, and the other way round.
    expect((await postWebhook(inboundBody('7601'))).status).toBe(200);
    const signedByThem = inboundBody('7602', { Hash: theirKey });
    expect((await postWebhook(inboundBody('7602'), theirs.webhookPath)).status).toBe(401);
    expect((await postWebhook(signedByThem)).status).toBe(401);
    expect((await postWebhook(signedByThem, theirs.webhookPath)).status).toBe(200);
    await until(async () => (spy.received.length ? true : undefined), "the other tenant's event");
    expect(spy.received).toEqual([
      { inboundMessageReceived: expect.objectContaining({ providerMessageId: '7602' }) },
    ]);
    const theirList = await restList('', other.apiKey);
    expect(theirList.edges.map((e) => e.node.providerMessageId)).toEqual(['7602']);
    expect((await restList('?first=100')).edges.map((e) => e.node.providerMessageId)).not.toContain('7602');

    const noKey = await stack.rest('GET', '/v1/inbound-messages', undefined, null);
    expect(noKey.status).toBe(401);
    const noKeyConfigure = await stack.rest(
      'POST',
      '/v1/connections/wamessenger-demo/webhook/configure',
      undefined,
      null,
    );
    expect(noKeyConfigure.status).toBe(401);
  });
});
