import { jest } from '@jest/globals';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http, type RawResponse } from '../../support/http.js';

/**
 * The GraphQL conventions the README states: GraphQL over HTTP (405 for a mutation over GET, 401 without a valid
 * key, application/graphql-response+json), field errors in `extensions.fields` (variable coercion included), and
 * the lookup rule: an unknown or foreign id is `null` plus a NOT_FOUND error, on every lookup.
 */
interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

// Starting the stack and the simulator takes seconds on a busy machine: generous, not the 5 s default.
jest.setTimeout(60_000);

describe('gateway: GraphQL conventions', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(() => stack.close());

  const graphql = (init: {
    method?: string;
    query?: string;
    headers?: Record<string, string>;
    key?: string | null;
  }) => {
    const key = init.key === undefined ? stack.tenant.apiKey : init.key;
    const headers: Record<string, string> = {
      ...(key !== null && { authorization: `Bearer ${key}` }),
      ...init.headers,
    };
    if (init.method === 'GET')
      return http(`${stack.url}/graphql?query=${encodeURIComponent(init.query ?? '')}`, { headers });
    return http(`${stack.url}/graphql`, { method: 'POST', headers, json: { query: init.query } });
  };
  const body = (res: RawResponse) => res.json as GqlBody;

  describe('GraphQL over HTTP', () => {
    it('answers a query over GET, and a mutation over GET with 405 and Allow: POST', async () => {
      const query = await graphql({ method: 'GET', query: '{ providers { id } }' });
      expect(query.status).toBe(200);
      expect((body(query).data?.providers as unknown[]).length).toBe(5);
      const mutation = await graphql({
        method: 'GET',
        query: 'mutation { deleteConnection(name: "x") { id } }',
      });
      expect(mutation.status).toBe(405);
      expect(mutation.headers.get('allow')).toBe('POST');
      expect(body(mutation).errors?.[0]).toMatchObject({
        message: expect.stringContaining('GET'),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('answers a GET whose query is not a document (?query=true, found by fuzzing: 500) with 400 naming it', async () => {
      for (const raw of ['true', '1']) {
        const res = await http(`${stack.url}/graphql?query=${raw}`, {
          headers: { authorization: `Bearer ${stack.tenant.apiKey}` },
        });
        expect(res.status).toBe(400);
        expect(body(res).errors?.[0]).toMatchObject({
          extensions: { code: 'BAD_USER_INPUT', fields: { query: expect.any(Array) } },
        });
      }
    });

    it('answers 401 UNAUTHENTICATED with WWW-Authenticate without a valid key, before reading the document', async () => {
      for (const key of [null, 'gw_wrong']) {
        const res = await graphql({ query: '{ providers { id } }', key });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(body(res)).toEqual({
          data: null,
          errors: [
            expect.objectContaining({
              extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) },
            }),
          ],
        });
      }
      // Not a validation error that would describe the schema to an anonymous client.
      const probe = await graphql({ query: '{ secrets { value } }', key: null });
      expect(probe.status).toBe(401);
      expect(probe.text).not.toContain('secrets');
    });

    it('speaks application/graphql-response+json when asked, with its status codes', async () => {
      const accept = { accept: 'application/graphql-response+json, application/json;q=0.9' };
      const ok = await graphql({ query: '{ providers { id } }', headers: accept });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('application/graphql-response+json');
      const invalid = await graphql({ query: '{ providers { colour } }', headers: accept });
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('content-type')).toContain('application/graphql-response+json');
      const anonymous = await graphql({ query: '{ providers { id } }', headers: accept, key: null });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/graphql-response+json');
      // A field error with data is a 200: the response is still a GraphQL response.
      const partial = await graphql({ query: '{ connection(name: "nope") { id } }', headers: accept });
      expect(partial.status).toBe(200);
      const plain = await graphql({ query: '{ providers { id } }' });
      expect(plain.headers.get('content-type')).toContain('application/json');
    });
  });

  describe('field errors', () => {
    it('names the field of a variable GraphQL itself refused, in extensions.fields', async () => {
      const send = await stack.gql(
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
        {
          input: { connection: 'wessaal-demo', to: 42 },
        },
      );
      expect(send.status).toBe(400);
      expect(send.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: { 'input.to': [expect.stringContaining('String cannot represent')] },
        requestId: expect.any(String),
      });
      const missing = await stack.gql(
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
        {
          input: { connection: 'wessaal-demo', text: 'hi' },
        },
      );
      expect(missing.errors?.[0]?.extensions?.fields).toEqual({
        'input.to': [expect.stringContaining('was not provided')],
      });
      const first = await stack.gql('query($first: Int) { messages(first: $first) { nodes { id } } }', {
        first: 'ten',
      });
      expect(Object.keys(first.errors?.[0]?.extensions?.fields as object)).toEqual(['first']);
    });
  });

  describe('lookups by id: null plus NOT_FOUND', () => {
    const unknownUuid = '00000000-0000-4000-8000-000000000000';
    const lookups: Array<[string, string]> = [
      ['message', `{ message(id: "${unknownUuid}") { id } }`],
      ['verification', `{ verification(id: "${unknownUuid}") { id } }`],
      ['inboundMessage', `{ inboundMessage(id: "${unknownUuid}") { id } }`],
      ['connection', '{ connection(name: "no-such-connection") { id } }'],
      ['conversation', '{ conversation(connection: "washeej-demo", id: "9999") { id } }'],
      ['instance', '{ instance(connection: "wessaal-demo", id: "9999") { id } }'],
      ['workspace', '{ workspace(connection: "wessaal-demo", id: "9999") { id } }'],
    ];
    it.each(lookups)('%s', async (field, query) => {
      const res = await stack.gql(query);
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ [field]: null });
      expect(res.errors).toEqual([
        expect.objectContaining({
          path: [field],
          extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
        }),
      ]);
    });

    it("another tenant's message is null plus NOT_FOUND too, next to the caller's own data", async () => {
      const sent = await stack.rest('POST', '/v1/messages', {
        connection: 'wessaal-demo',
        to: '+966501234567',
        text: 'x',
      });
      const id = (sent.json as { id: string }).id;
      const other = await stack.seedTenant([]);
      const res = await stack.gql(`{ message(id: "${id}") { id } providers { id } }`, {}, other.apiKey);
      expect(res.data?.message).toBeNull();
      expect(res.data?.providers).toHaveLength(5);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    });
  });

  describe('abuse limits', () => {
    const limitOf = (res: RawResponse) => body(res).errors?.[0]?.extensions;

    it('refuses 1,000 aliases of messages(first: 100) before running anything, naming the limit', async () => {
      const aliases = Array.from({ length: 1000 }, (_, i) => `m${i}: messages(first: 100) { nodes { id } }`);
      const res = await graphql({ query: `{ ${aliases.join(' ')} }` });
      expect(res.status).toBe(400);
      expect(limitOf(res)).toEqual({
        code: 'BAD_USER_INPUT',
        limit: { name: 'maxAliases', max: 30, actual: 1000 },
        requestId: expect.any(String),
      });
      expect((await stack.rest('GET', '/health', undefined, null)).status).toBe(200);
    });

    it('refuses an operation over the cost budget: lists count their selection once per item asked', async () => {
      const list = (n: number) =>
        `m${n}: messages(first: 100) { nodes { id status statusHistory { status at source } } }`;
      const res = await graphql({ query: `{ ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(list).join(' ')} }` });
      expect(res.status).toBe(400);
      expect(limitOf(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        limit: { name: 'maxCost', max: 5000, actual: expect.any(Number) },
      });
      // The same with small pages is within the budget; variables count too.
      const cheap = await stack.gql(
        `query($n: Int) { ${[1, 2, 3].map((n) => `m${n}: messages(first: $n) { nodes { id } }`).join(' ')} }`,
        { n: 5 },
      );
      expect(cheap.errors).toBeUndefined();
      const costly = await stack.gql(
        `query($n: Int) { ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => list(n).replace('first: 100', 'first: $n')).join(' ')} }`,
        { n: 100 },
      );
      expect(costly.errors?.[0]?.extensions).toMatchObject({ limit: { name: 'maxCost' } });
    });

    it('refuses a document nested deeper than the depth limit', async () => {
      const deep =
        '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }';
      const res = await graphql({ query: deep });
      expect(res.status).toBe(400);
      expect(body(res).errors?.[0]).toMatchObject({
        message: expect.stringContaining('depth'),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('caps page sizes at 100 on every list', async () => {
      for (const query of [
        '{ messages(first: 101) { nodes { id } } }',
        '{ inboundMessages(last: 101) { nodes { id } } }',
        '{ connections(first: 1000) { nodes { id } } }',
      ]) {
        const res = await stack.gql(query);
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      }
    });
  });
});
