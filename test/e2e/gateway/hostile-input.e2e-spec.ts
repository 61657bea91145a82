import { readFileSync } from 'node:fs';
import { rawRequest } from '../../../scripts/fuzz/raw-http.js';
import { http } from '../../support/http.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/**
 * A NUL byte (U+0000) in anything a client sends is BAD_USER_INPUT naming the field, on every route, before it can
 * reach PostgreSQL (which cannot store one and answered 500). REST: problem+json with `fields`; GraphQL:
 * `extensions.fields`; both map a field path to its messages.
 */
interface Operation {
  method: string;
  template: string;
  parameters: Array<{ in: string; name: string }>;
  hasBody: boolean;
}

const OPENAPI = JSON.parse(readFileSync('apps/gateway/openapi.json', 'utf8')) as {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>
  >;
};
const OPERATIONS: Operation[] = Object.entries(OPENAPI.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, op]) => ({
    method: method.toUpperCase(),
    template,
    parameters: op.parameters ?? [],
    hasBody: op.requestBody !== undefined,
  })),
);
const PROVIDER_BODIES = new Set(['/v1/webhooks/{provider}/{token}']);
const NUL = '\u0000';

function pathWith(template: string, nulIn?: string): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    name === nulIn ? encodeURIComponent(`a${NUL}b`) : name === 'provider' ? 'wamessenger' : 'washeej-demo',
  );
}

function expectProblem(res: { status: number; headers: Headers; json: unknown }, status: number): void {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(res.json).toMatchObject({ status, code: 'BAD_USER_INPUT', detail: expect.any(String) });
}

/** What a BAD_USER_INPUT for NUL bytes must say on REST. */
function expectNulProblem(
  res: { status: number; headers: Headers; json: unknown; text: string },
  fields: string[],
): void {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
    status: 400,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  const problem = res.json as { code: string; fields?: Record<string, string[]> };
  expect(problem.code).toBe('BAD_USER_INPUT');
  expect(Object.keys(problem.fields ?? {}).sort()).toEqual([...fields].sort());
  for (const field of fields) expect(problem.fields?.[field]?.[0]).toMatch(/NUL/);
}

describe('gateway under hostile input', () => {
  let stack: GatewayStack;
  const call = (method: string, path: string, body?: unknown) =>
    http(`${stack.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${stack.tenant.apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });

  beforeAll(async () => {
    stack = await startGatewayStack();
  }, 120_000);
  afterAll(() => stack.close());

  it('reads every operation of the committed OpenAPI document', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(35);
  });

  it('refuses a NUL byte in any path parameter, naming it', async () => {
    const cases = OPERATIONS.flatMap((op) =>
      op.parameters.filter((p) => p.in === 'path').map((p) => ({ op, name: p.name })),
    );
    expect(cases.length).toBeGreaterThan(20);
    for (const { op, name } of cases) {
      const res = await call(op.method, pathWith(op.template, name), op.hasBody ? {} : undefined);
      expectNulProblem(res, [name]);
    }
  }, 120_000);

  it('refuses a NUL byte in any query parameter, naming it', async () => {
    const cases = OPERATIONS.flatMap((op) =>
      op.parameters.filter((p) => p.in === 'query').map((p) => ({ op, name: p.name })),
    );
    expect(cases.length).toBeGreaterThan(10);
    for (const { op, name } of cases) {
      const res = await call(op.method, `${pathWith(op.template)}?${name}=x%00y`);
      expectNulProblem(res, [name]);
    }
  }, 120_000);

  it('refuses a NUL byte anywhere in a client body, naming each path, keys included', async () => {
    const withBody = OPERATIONS.filter((op) => op.hasBody && !PROVIDER_BODIES.has(op.template));
    expect(withBody.length).toBeGreaterThan(10);
    for (const op of withBody) {
      const res = await call(op.method, pathWith(op.template), {
        text: `hi${NUL}`,
        media: { list: ['ok', `${NUL}`], [`k${NUL}`]: 1 },
      });
      expectNulProblem(res, ['text', 'media.list.1', 'media.k\\u0000']);
    }
  }, 120_000);

  it('refuses NUL bytes in the places that reached PostgreSQL and answered 500 before the check', async () => {
    // Found by sending otherwise valid requests with one NUL each, the check switched off: these answered 500.
    const send = { connection: 'wessaal-demo', to: '+966501234567', text: 'a' };
    const x = encodeURIComponent(`x${NUL}`);
    const places: Array<[string, string, unknown, string]> = [
      ['POST', '/v1/messages', { ...send, text: `a${NUL}` }, 'text'],
      ['POST', '/v1/messages', { ...send, connection: `w${NUL}` }, 'connection'],
      ['POST', '/v1/messages', { ...send, idempotencyKey: `k${NUL}` }, 'idempotencyKey'],
      [
        'POST',
        '/v1/messages',
        { ...send, text: undefined, type: 'IMAGE', media: { url: `https://e.com/a${NUL}.png` } },
        'media.url',
      ],
      ['POST', '/v1/verifications', { connection: `w${NUL}`, to: '+966501234567' }, 'connection'],
      [
        'POST',
        '/v1/connections',
        { name: 'n2', provider: 'wessaal', credentials: {}, defaultFrom: `f${NUL}` },
        'defaultFrom',
      ],
      ['PATCH', '/v1/connections/wessaal-demo', { defaultFrom: `f${NUL}` }, 'defaultFrom'],
      ['GET', `/v1/messages?connection=${x}`, undefined, 'connection'],
      ['GET', `/v1/inbound-messages?connection=${x}`, undefined, 'connection'],
      ['GET', `/v1/connections/${x}`, undefined, 'name'],
      ['PATCH', `/v1/connections/${x}`, {}, 'name'],
      ['DELETE', `/v1/connections/${x}`, undefined, 'name'],
      ['POST', `/v1/connections/${x}/test`, undefined, 'name'],
      ['GET', `/v1/connections/${x}/contacts`, undefined, 'name'],
      ['POST', `/v1/webhooks/wamessenger/${x}`, {}, 'token'],
    ];
    for (const [method, path, body, field] of places)
      expectNulProblem(await call(method, path, body), [field]);
  }, 120_000);

  it("does not refuse a provider's webhook body for its NULs (inbound storage drops them)", async () => {
    const res = await call('POST', '/v1/webhooks/wamessenger/unknown-token', { text: `a${NUL}` });
    expect(res.status).not.toBe(400);
    expect(res.status).toBeLessThan(500);
  });

  describe('GraphQL', () => {
    it.each([
      [
        'a variable',
        'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }',
        { i: { connection: 'wessaal-demo', to: '+966501234567', text: `a${NUL}` } },
        ['input.text'],
      ],
      [
        'a literal',
        'mutation { sendMessage(input: {connection: "wessaal-demo", to: "+966501234567", text: "a\\u0000"}) { id } }',
        {},
        ['input.text'],
      ],
      ['an ID', 'query($id: ID!) { message(id: $id) { id } }', { id: `x${NUL}` }, ['id']],
      [
        'a connection name',
        'query($c: String!) { connection(name: $c) { name } }',
        { c: `x${NUL}` },
        ['name'],
      ],
      [
        'the connection of a send',
        'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }',
        { i: { connection: `w${NUL}`, to: '+966501234567', text: 'a' } },
        ['input.connection'],
      ],
      ['a default value', 'query($c: String = "a\\u0000") { connection(name: $c) { name } }', {}, ['name']],
      [
        'a fragment’s argument and a list item',
        'query($c: String!) { ...F } fragment F on Query { contacts(connection: $c, search: "s\\u0000") { pageInfo { hasNextPage } } }',
        { c: `c${NUL}` },
        ['connection', 'search'],
      ],
    ])('refuses a NUL byte in %s, naming it', async (_what, query, variables, fields) => {
      const res = await stack.gql(query, variables);
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      const named = res.errors?.[0]?.extensions?.fields as Record<string, string[]>;
      expect(Object.keys(named).sort()).toEqual([...fields].sort());
    });

    it('lets the same operation through without the NUL', async () => {
      const res = await stack.gql('query($id: ID!) { message(id: $id) { id } }', {
        id: '00000000-0000-0000-0000-000000000000',
      });
      expect(res.errors?.[0]?.extensions?.code).not.toBe('BAD_USER_INPUT');
    });
  });

  describe('fuzz findings (npm run fuzz -- --app gateway --seed 1), minimal reproductions', () => {
    it('answers a body nested thousands deep with a 400, not a stack overflow in validation', async () => {
      const res = await http(`${stack.url}/v1/connections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'content-type': 'application/json' },
        body: `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      });
      expectProblem(res, 400);
      expect((res.json as { detail: string }).detail).toMatch(/deeper than 32/);
    });

    it.each([['%zz'], ['%C0%AF'], ['%ED%A0%80']])(
      'answers the undecodable path parameter %s in problem+json',
      async (raw) => {
        expectProblem(await call('GET', `/v1/messages/${raw}`), 400);
      },
    );

    it('answers a form body with a __proto__ key 400 in problem+json (seed 2)', async () => {
      const res = await http(`${stack.url}/v1/verifications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.tenant.apiKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: '__proto__=x',
      });
      expectProblem(res, 400);
    });

    it('answers a path parameter over the router’s length limit 414 in problem+json', async () => {
      expectProblem(await call('GET', `/v1/messages/${'x'.repeat(600)}`), 414);
    });

    it('answers an oversized head 431 in problem+json, and without a body to a HEAD', async () => {
      const big = 'a'.repeat(17 * 1024);
      const get = await rawRequest(stack.url, `GET /v1/messages?q=${big} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(get.status).toBe(431);
      expect(get.text).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(get.text.split('\r\n\r\n')[1]!)).toMatchObject({
        status: 431,
        code: 'BAD_USER_INPUT',
      });
      const head = await rawRequest(stack.url, `HEAD /v1/messages?q=${big} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(head.status).toBe(431);
      expect(head.text.split('\r\n\r\n')[1]).toBe('');
    });
  });

  describe('found probing GraphQL and jsonb with the fuzz values, minimal reproductions', () => {
    const send = 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }';
    const deep = (levels: number): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i++) value = { a: value };
      return value;
    };

    it('refuses an unpaired surrogate (PostgreSQL: invalid input syntax for type json) on REST and GraphQL', async () => {
      const rest = await call('POST', '/v1/messages', {
        connection: 'wessaal-demo',
        to: '+966501234567',
        text: '\ud800',
      });
      expect(rest.status).toBe(400);
      expect((rest.json as { fields: Record<string, string[]> }).fields.text?.[0]).toMatch(
        /unpaired UTF-16 surrogate/,
      );
      const gql = await stack.gql(send, {
        i: { connection: 'wessaal-demo', to: '+966501234567', text: 'a\udc00' },
      });
      expect(gql.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { 'input.text': [expect.stringMatching(/surrogate/)] },
      });
    });

    it('refuses variables nested thousands deep (validation overflowed the stack) with BAD_USER_INPUT', async () => {
      const template = { id: '1', variables: deep(3_000) };
      const res = await stack.gql(send, {
        i: { connection: 'wessaal-demo', to: '+966501234567', type: 'TEMPLATE', template },
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/deeper than 32/);
    });

    it('refuses a document nested thousands deep (the parser overflowed the stack) with BAD_USER_INPUT', async () => {
      const res = await stack.gql(`query { message(id: ${'['.repeat(3_000)}1${']'.repeat(3_000)}) { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/deeper than 128/);
    });
  });
});
