import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http, type RawResponse } from '../../support/http.js';

/**
 * What /graphql answers when the request itself is wrong: every error has an `extensions.code` from the gateway's one
 * enum, bad input is HTTP 4xx with BAD_USER_INPUT and a message naming the field, and an internal failure answers an
 * error id, never a stack.
 */
interface GqlError {
  message: string;
  locations?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}
interface GqlBody {
  data?: unknown;
  errors?: GqlError[];
}

describe('gateway: GraphQL request errors', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  /** A raw POST /graphql with the tenant's key. */
  const post = (body: string, contentType = 'application/json'): Promise<RawResponse> =>
    http(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'content-type': contentType },
      body,
    });

  /** Every error is BAD_USER_INPUT, the status is 400 and one message names `field`. */
  function expectBadInput(res: { status: number; errors?: GqlError[] }, field: string | RegExp): void {
    expect(res.status).toBe(400);
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors!) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors!.map((e) => e.message).join('\n')).toMatch(field);
  }

  it('a variable of the wrong type', async () => {
    const res = await stack.gql('query ($first: Int) { messages(first: $first) { nodes { id } } }', {
      first: 'ten',
    });
    expectBadInput(res, /\$first/);
    expect(res.data ?? null).toBeNull();
  });

  it('a required input field missing, inline and in a variable', async () => {
    const inline = await stack.gql(
      'mutation { sendMessage(input: { connection: "washeej-demo", text: "hi" }) { id } }',
    );
    expectBadInput(inline, /SendMessageInput\.to/);
    const variable = await stack.gql(
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
      { input: { connection: 'washeej-demo', text: 'hi' } },
    );
    expectBadInput(variable, /"to"/);
  });

  it('an unknown field, in a selection and in an input', async () => {
    expectBadInput(await stack.gql('{ providers { id colour } }'), /"colour"/);
    expectBadInput(
      await stack.gql(
        'mutation { sendMessage(input: { connection: "washeej-demo", to: "+966551234567", colour: "red" }) { id } }',
      ),
      /"colour"/,
    );
    expectBadInput(
      await stack.gql('mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }', {
        input: { connection: 'washeej-demo', to: '+966551234567', text: 'hi', colour: 'red' },
      }),
      /"colour"/,
    );
  });

  it('a malformed query', async () => {
    const res = await stack.gql('{ providers { id ');
    expectBadInput(res, /Syntax Error/);
    expect((res.errors![0] as GqlError).locations).toEqual([{ line: 1, column: 18 }]);
  });

  it('a value outside an enum, inline and in a variable', async () => {
    expectBadInput(
      await stack.gql('{ messages(filter: { status: SHIPPED }) { nodes { id } } }'),
      /MessageStatus/,
    );
    expectBadInput(
      await stack.gql('query ($filter: MessageFilter) { messages(filter: $filter) { nodes { id } } }', {
        filter: { status: 'SHIPPED' },
      }),
      /\$filter.*status|MessageStatus/,
    );
  });

  it('several mistakes at once: each reported, still 400', async () => {
    const res = await stack.gql('{ providers { colour } connections { shade } }');
    expectBadInput(res, /"colour"/);
    expect(res.errors).toHaveLength(2);
    expect(res.errors![1]!.message).toMatch(/"shade"/);
  });

  it('an operation the document does not have', async () => {
    const res = await post(JSON.stringify({ query: '{ providers { id } }', operationName: 'Other' }));
    expectBadInput({ ...(res.json as GqlBody), status: res.status }, /Other/);
  });

  it('a malformed JSON body: 400 with a GraphQL-shaped error', async () => {
    const res = await post('{"query": "{ providers { id } }"');
    expect(res.status).toBe(400);
    const body = res.json as GqlBody;
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', requestId: expect.any(String) });
    expect(body.errors![0]!.message).toMatch(/JSON/i);
  });

  it('a body without a query', async () => {
    const res = await post(JSON.stringify({ variables: {} }));
    expect(res.status).toBe(400);
    expect((res.json as GqlBody).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  // Fastify refuses a type it has no parser for (415); text/plain parses to a string, which is no GraphQL request.
  it.each([
    ['text/xml', 415],
    ['application/octet-stream', 415],
    ['text/plain', 400],
  ])('a body of content type %s: %d with a GraphQL-shaped error', async (contentType, status) => {
    const res = await post('query={providers{id}}', contentType);
    expect(res.status).toBe(status);
    const body = res.json as GqlBody;
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves resolver errors their code and answers a valid request as before', async () => {
    const ok = await stack.gql<{ providers: Array<{ id: string }> }>('{ providers { id } }');
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.providers.length).toBe(5);
    const missing = await stack.gql('{ connection(name: "nope") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const noKey = await stack.gql('{ connections { nodes { name } } }', undefined, null);
    expect(noKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an internal failure answers an error id, never a stack or SQL', async () => {
    await stack.db.query('ALTER TABLE verifications RENAME TO verifications_away');
    let res: RawResponse;
    try {
      res = await post(
        JSON.stringify({
          query: 'query ($id: ID!) { verification(id: $id) { id } }',
          variables: { id: '00000000-0000-4000-8000-000000000000' },
        }),
      );
    } finally {
      await stack.db.query('ALTER TABLE verifications_away RENAME TO verifications');
    }
    const body = res.json as GqlBody;
    expect(body.errors).toHaveLength(1);
    const error = body.errors![0]!;
    expect(error.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      errorId: expect.any(String),
      requestId: expect.any(String),
    });
    expect(error.message).toBe(`internal error; reference ${error.extensions!.errorId as string}`);
    expect(res.text).not.toMatch(/verifications|SELECT|relation|\.ts:|\bat \w+ \(/);
    // The operator finds the stack under that id in the log.
    const logged = stack.logLines.find((line) => line.includes(error.extensions!.errorId as string));
    expect(logged).toMatch(/relation \\"verifications\\" does not exist/);
  });

  it('puts the request X-Request-Id (or the generated one) in every error, as problem+json does on REST', async () => {
    const res = await http(`${stack.url}/graphql`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.tenant.apiKey}`,
        'content-type': 'application/json',
        'x-request-id': 'gql-req-42',
      },
      body: JSON.stringify({ query: '{ nope providers { nope2 } }' }),
    });
    const errors = (res.json as GqlBody).errors ?? [];
    expect(errors.length).toBe(2);
    for (const e of errors)
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'gql-req-42' });
    const generated = await post(JSON.stringify({ query: '{ nope }' }));
    const id = generated.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((generated.json as GqlBody).errors?.[0]?.extensions?.requestId).toBe(id);
    // A resolver's own error too.
    const notFound = await post(
      JSON.stringify({ query: '{ message(id: "00000000-0000-4000-8000-000000000000") { id } }' }),
    );
    expect((notFound.json as GqlBody).errors?.[0]?.extensions).toMatchObject({
      requestId: notFound.headers.get('x-request-id'),
    });
    // REST: problem+json carries it.
    const problem = await http(`${stack.url}/v1/messages/not-a-uuid`, {
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'x-request-id': 'rest-req-7' },
    });
    expect(problem.json).toMatchObject({ requestId: 'rest-req-7' });
  });
});
