import { jest } from '@jest/globals';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { CONNECTION_INIT_WAIT_MS } from '../../../apps/gateway/src/common/graphql/graphql-ws-guard.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/** graphql-ws per its protocol, with the standard client: auth refusal 4403, queries and mutations, subscription errors. */
// Starting the stack and the simulator takes seconds on a busy machine: generous, not the 5 s default.
jest.setTimeout(60_000);

describe('gateway: GraphQL over WebSocket (graphql-ws)', () => {
  let stack: GatewayStack;
  const clients: Client[] = [];
  beforeAll(async () => {
    // At info, to see each socket's access line (kept in stack.logLines, not printed).
    stack = await startGatewayStack({ LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stack.close();
  });

  /** A `ws` WebSocket that sends an X-Request-Id with its upgrade request. */
  const withRequestId = (requestId: string) =>
    class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { 'x-request-id': requestId } });
      }
    };

  const client = (apiKey: string | null, onClosed?: (event: unknown) => void, requestId?: string): Client => {
    const c = createClient({
      url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: requestId ? withRequestId(requestId) : WebSocket,
      connectionParams: apiKey === null ? {} : { authorization: `Bearer ${apiKey}` },
      retryAttempts: 0,
      ...(onClosed && { on: { closed: onClosed } }),
    });
    clients.push(c);
    return c;
  };

  /** One operation to its end: the results it gave, or the error that ended it. */
  const run = (c: Client, query: string, variables?: Record<string, unknown>) =>
    new Promise<{ results: FormattedExecutionResult<Record<string, unknown>, unknown>[]; error?: unknown }>(
      (resolve) => {
        const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
        c.subscribe(
          { query, variables },
          {
            next: (value) => results.push(value),
            error: (error) => resolve({ results, error }),
            complete: () => resolve({ results }),
          },
        );
      },
    );

  it('closes a connection whose key is missing or wrong with 4403 Forbidden', async () => {
    for (const key of [null, 'gw_wrong']) {
      let closed: { code?: number; reason?: string } | undefined;
      const c = client(key, (event) => (closed = event as { code: number; reason: string }));
      const { error } = await run(c, '{ providers { id } }');
      expect(error).toMatchObject({ code: 4403, reason: 'Forbidden' });
      expect(closed).toMatchObject({ code: 4403 });
    }
  });

  it('runs queries and mutations over the socket, not only subscriptions', async () => {
    const c = client(stack.tenant.apiKey);
    const query = await run(c, '{ providers { id } connections(first: 2) { nodes { name } totalCount } }');
    expect(query.error).toBeUndefined();
    expect(query.results[0]?.data).toMatchObject({
      providers: expect.arrayContaining([{ id: 'wessaal' }]),
      connections: { totalCount: 5 },
    });
    const mutation = await run(
      c,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id status to } }',
      { input: { connection: 'wessaal-demo', to: '+966501234567', text: 'over the socket' } },
    );
    expect(mutation.error).toBeUndefined();
    expect(mutation.results[0]?.data?.sendMessage).toMatchObject({ to: '+966501234567' });
    // The message is the tenant's like any other.
    const id = (mutation.results[0]!.data!.sendMessage as { id: string }).id;
    expect((await stack.rest('GET', `/v1/messages/${id}`)).status).toBe(200);
  });

  it('answers messageStatusChanged(messageId:) for an unknown or foreign id with NOT_FOUND, not silence', async () => {
    const c = client(stack.tenant.apiKey);
    const unknown = await run(
      c,
      'subscription { messageStatusChanged(messageId: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    expect(unknown.error ?? unknown.results[0]?.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);

    const mine = await stack.rest('POST', '/v1/messages', {
      connection: 'wessaal-demo',
      to: '+966501234567',
      text: 'x',
    });
    const other = await stack.seedTenant([]);
    const foreign = await run(
      client(other.apiKey),
      `subscription { messageStatusChanged(messageId: "${(mine.json as { id: string }).id}") { id } }`,
    );
    expect(foreign.error ?? foreign.results[0]?.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
  });

  /** The error an operation ended with (graphql-ws `error` message), or its result's errors. */
  const errorsOf = (outcome: { results: Array<{ errors?: unknown }>; error?: unknown }) =>
    (outcome.error ?? outcome.results[0]?.errors) as
      Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;

  it('screens operations like GraphQL over HTTP: syntax, validation, limits, NUL bytes, each BAD_USER_INPUT', async () => {
    const c = client(stack.tenant.apiKey, undefined, 'ws-screen-1');
    const aliases = `subscription { messageStatusChanged { ${Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    const cases: Array<{
      name: string;
      query: string;
      variables?: Record<string, unknown>;
      message?: RegExp;
    }> = [
      { name: 'syntax', query: 'subscription { messageStatusChanged { id ' },
      { name: 'unknown field', query: 'subscription { messageStatusChanged { nope } }', message: /nope/ },
      { name: 'unknown operationName', query: 'subscription A { messageStatusChanged { id } }' },
      { name: 'aliases', query: aliases, message: /aliases/ },
      { name: 'document nesting', query: `{ providers ${'{'.repeat(200)} }` },
      {
        name: 'NUL byte in a variable',
        query: 'subscription($id: ID) { messageStatusChanged(messageId: $id) { id } }',
        variables: { id: 'a\u0000b' },
        message: /messageId/,
      },
      {
        name: 'NUL byte in a mutation',
        query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
        variables: { input: { connection: 'wessaal-demo', to: '+966501234567', text: 'nul\u0000here' } },
        message: /text/,
      },
      {
        name: 'cost',
        query: `{ ${[1, 2, 3, 4, 5, 6, 7, 8, 9]
          .map(
            (n) => `m${n}: messages(first: 100) { nodes { id status statusHistory { status at source } } }`,
          )
          .join(' ')} }`,
        message: /costs/,
      },
    ];
    for (const { name, query, variables, message } of cases) {
      const outcome =
        name === 'unknown operationName'
          ? await new Promise<{ results: Array<{ errors?: unknown }>; error?: unknown }>((resolve) => {
              const results: Array<{ errors?: unknown }> = [];
              c.subscribe(
                { query, operationName: 'B' },
                {
                  next: (v) => results.push(v),
                  error: (error) => resolve({ results, error }),
                  complete: () => resolve({ results }),
                },
              );
            })
          : await run(c, query, variables);
      const errors = errorsOf(outcome);
      expect({ name, errors }).toEqual({
        name,
        errors: [
          expect.objectContaining({
            extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', requestId: 'ws-screen-1' }),
          }),
          ...Array.from({ length: (errors?.length ?? 1) - 1 }, () => expect.anything()),
        ],
      });
      if (message) expect(errors!.map((e) => e.message).join(' ')).toMatch(message);
    }
    // Nothing above killed the socket: it still answers.
    const after = await run(c, '{ providers { id } }');
    expect(after.error).toBeUndefined();
    expect(after.results[0]?.data).toMatchObject({ providers: expect.any(Array) });
  });

  it('refuses an operation nested deeper than the depth limit, naming the limit', async () => {
    const c = client(stack.tenant.apiKey);
    // 12 levels: __type, fields, type and nine ofType.
    const deepQuery = `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(9)}name ${'} '.repeat(9)}} } } }`;
    const deep = await run(c, deepQuery);
    expect(errorsOf(deep)).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'BAD_USER_INPUT',
          limit: expect.objectContaining({ name: 'maxDepth' }),
        }),
      }),
    ]);
  });

  it('carries the upgrade request X-Request-Id on resolver errors too', async () => {
    const c = client(stack.tenant.apiKey, undefined, 'ws-resolver-1');
    const unknown = await run(
      c,
      'subscription { messageStatusChanged(messageId: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    expect(errorsOf(unknown)).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'NOT_FOUND', requestId: 'ws-resolver-1' }),
      }),
    ]);
  });

  it('closes a socket offering an unsupported subprotocol with 4406, as graphql-ws specifies', async () => {
    for (const protocol of ['graphql-ws', 'nonsense']) {
      const socket = new WebSocket(`${stack.url.replace(/^http/, 'ws')}/graphql`, protocol);
      const code = await new Promise<number>((resolve) => socket.once('close', (c: number) => resolve(c)));
      expect({ protocol, code }).toEqual({ protocol, code: 4406 });
    }
  });

  /** A raw graphql-transport-ws socket: the messages it sends in order, then the close code and reason it got. */
  async function rawSession(messages: unknown[]) {
    const socket = new WebSocket(`${stack.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    const received: string[] = [];
    socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()).type));
    for (const message of messages) socket.send(JSON.stringify(message));
    return { ...(await closed), received };
  }
  const subscribe = { id: '1', type: 'subscribe', payload: { query: '{ __typename }' } };

  it('closes with 4429 on a second connection_init, as graphql-ws specifies, and logs the socket', async () => {
    const { apiKey, tenantId } = await stack.seedTenant([]);
    const authInit = { type: 'connection_init', payload: { authorization: `Bearer ${apiKey}` } };
    const socket = new WebSocket(`${stack.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    const acked = new Promise((resolve) => socket.once('message', resolve));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify(authInit));
    expect(JSON.parse(String(await acked))).toMatchObject({ type: 'connection_ack' });
    socket.send(JSON.stringify(authInit));
    expect(await closed).toBe(4429);
    // Like an HTTP request's `request` line, the socket's: its tenant, close code and duration, once closed.
    const socketLine = () =>
      stack.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'websocket' && l.closeCode === 4429);
    for (let waited = 0; !socketLine() && waited < 5_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const line = socketLine();
    expect(line).toMatchObject({ tenant: tenantId, route: '/graphql', durationMs: expect.any(Number) });
  });

  it('closes with 4401 on a subscribe before the connection is acknowledged', async () => {
    const outcome = await rawSession([subscribe]);
    expect(outcome).toMatchObject({ code: 4401, reason: 'Unauthorized', received: [] });
  });

  it('closes with 4408 a socket that sends no connection_init in time', async () => {
    const startedAt = Date.now();
    const outcome = await rawSession([]);
    expect(outcome.code).toBe(4408);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(CONNECTION_INIT_WAIT_MS - 100);
  });

  /** A subscriber with a fresh tenant's key; resolves with the close code and how long after `changed()` it came. */
  async function closedAfter(change: (tenant: { tenantId: string; keyId: string }) => Promise<unknown>) {
    const tenant = await stack.seedTenant([]);
    const [{ id: keyId }] = (await stack.db.query('SELECT id FROM api_keys WHERE tenant_id = $1', [
      tenant.tenantId,
    ])) as Array<{ id: string }>;
    let closedAt = 0;
    let code: number | undefined;
    const closed = new Promise<void>((resolve) => {
      const c = client(tenant.apiKey, (event) => {
        code = (event as { code: number }).code;
        closedAt = Date.now();
        resolve();
      });
      c.subscribe(
        { query: 'subscription { messageStatusChanged { id } }' },
        {
          next: () => undefined,
          error: () => undefined,
          complete: () => undefined,
        },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // connected and subscribed
    const changedAt = Date.now();
    await change({ tenantId: tenant.tenantId, keyId: keyId! });
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    return { code, delayMs: closedAt ? closedAt - changedAt : Infinity };
  }

  it('closes open sockets with 4403 within a second of their key being revoked, expired or its tenant disabled', async () => {
    const revoked = await closedAfter(({ keyId }) =>
      stack.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [keyId]),
    );
    const expired = await closedAfter(({ keyId }) =>
      stack.db.query(`UPDATE api_keys SET expires_at = now() WHERE id = $1`, [keyId]),
    );
    const disabled = await closedAfter(({ tenantId }) =>
      stack.db.query('UPDATE tenants SET disabled_at = now() WHERE id = $1', [tenantId]),
    );
    for (const [name, outcome] of Object.entries({ revoked, expired, disabled })) {
      expect({ name, code: outcome.code }).toEqual({ name, code: 4403 });
      expect({ name, fast: outcome.delayMs < 1_000 }).toEqual({ name, fast: true });
    }
  });
});
