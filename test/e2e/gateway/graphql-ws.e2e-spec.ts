import { jest } from '@jest/globals';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/** graphql-ws per its protocol, with the standard client: auth refusal 4403, queries and mutations, subscription errors. */
// Starting the stack and the simulator takes seconds on a busy machine: generous, not the 5 s default.
jest.setTimeout(60_000);

describe('gateway: GraphQL over WebSocket (graphql-ws)', () => {
  let stack: GatewayStack;
  const clients: Client[] = [];
  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stack.close();
  });

  const client = (apiKey: string | null, onClosed?: (event: unknown) => void): Client => {
    const c = createClient({
      url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
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
});
