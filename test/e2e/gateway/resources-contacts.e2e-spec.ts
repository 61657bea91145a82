import type { RawResponse } from '../../support/http.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

interface Contact {
  id: string;
  phone: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  notes: string | null;
  raw: unknown;
}
interface ContactPage {
  items: Contact[];
  page: number;
  pageCount: number | null;
  total: number | null;
}
/** GraphQL's Relay connection of contacts. */
interface ContactConnection {
  nodes: Contact[];
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}
type GqlResult<T> = Awaited<ReturnType<GatewayStack['gql']>> & { data?: T };

const CONTACT = 'id phone name firstName lastName email notes raw';
const LIST = `query($c: String!, $first: Int, $after: String, $search: String) {
  contacts(connection: $c, first: $first, after: $after, search: $search) {
    nodes { ${CONTACT} } totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
const CREATE = `mutation($c: String!, $input: ContactInput!) { createContact(connection: $c, input: $input) { ${CONTACT} } }`;
const UPDATE = `mutation($c: String!, $id: ID!, $input: ContactInput!) {
  updateContact(connection: $c, id: $id, input: $input) { ${CONTACT} }
}`;
const DELETE = `mutation($c: String!, $id: ID!) { deleteContact(connection: $c, id: $id) { id deleted } }`;

describe('gateway resources: contacts', () => {
  let stack: GatewayStack;
  /** Every status either API answered: none may be a 500. */
  const statuses: number[] = [];

  const rest = async (
    method: string,
    path: string,
    body?: unknown,
    apiKey?: string,
  ): Promise<RawResponse> => {
    const res = await stack.rest(method, path, body, apiKey);
    statuses.push(res.status);
    return res;
  };
  const gql = async <T>(query: string, variables: Record<string, unknown>, apiKey?: string) => {
    const res = (await stack.gql<T>(query, variables, apiKey)) as GqlResult<T>;
    statuses.push(res.status);
    for (const error of res.errors ?? [])
      if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') statuses.push(500);
    return res;
  };
  const gqlCode = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    res.errors?.[0]?.extensions?.code;
  const expectProblem = (res: RawResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({ code, status });
  };
  const path = (connection: string, rest = '') => `/v1/connections/${connection}/contacts${rest}`;

  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(() => stack.close());

  describe.each(['washeej-demo', 'wutt-demo'])('%s (the seeded address book)', (connection) => {
    it('lists page by page and searches, on both APIs', async () => {
      const first = await rest('GET', `${path(connection)}?page=1&pageSize=2`);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ page: 1, pageCount: 2, total: 4 });
      expect((first.json as ContactPage).items).toHaveLength(2);

      // GraphQL: the same provider pages behind a Relay connection; the cursor carries the provider's page.
      const gqlFirst = await gql<{ contacts: ContactConnection }>(LIST, { c: connection, first: 2 });
      expect(gqlFirst.errors).toBeUndefined();
      expect(gqlFirst.data?.contacts).toMatchObject({
        totalCount: 4,
        pageInfo: { hasNextPage: true, hasPreviousPage: false },
      });
      expect(gqlFirst.data?.contacts.nodes.map((c) => c.id)).toEqual(
        (first.json as ContactPage).items.map((c) => c.id),
      );
      const second = await gql<{ contacts: ContactConnection }>(LIST, {
        c: connection,
        first: 2,
        after: gqlFirst.data?.contacts.pageInfo.endCursor,
      });
      expect(second.errors).toBeUndefined();
      expect(second.data?.contacts).toMatchObject({
        totalCount: 4,
        pageInfo: { hasNextPage: false, hasPreviousPage: true },
      });
      expect(second.data?.contacts.nodes.map((c) => c.name)).toEqual(['Sara Khan', 'Ahmed Ali']);

      const search = await gql<{ contacts: ContactConnection }>(LIST, { c: connection, search: 'Sara' });
      expect(search.data?.contacts.nodes).toEqual([
        expect.objectContaining({
          phone: '+966502345678',
          firstName: 'Sara',
          lastName: 'Khan',
          email: null,
          raw: expect.objectContaining({ mobile_code: '966', mobile: '502345678' }),
        }),
      ]);
      const restSearch = await rest('GET', `${path(connection)}?search=Ahmed`);
      expect((restSearch.json as ContactPage).items.map((c) => c.phone)).toEqual(['+966501234567']);
    });

    it('creates, updates and deletes through REST and GraphQL', async () => {
      const created = await rest('POST', path(connection), { phone: '+966511000001', name: 'Rest Person' });
      expect(created.status).toBe(201);
      const restContact = created.json as Contact;
      expect(restContact).toMatchObject({ phone: '+966511000001', firstName: 'Rest', lastName: 'Person' });

      const gqlCreated = await gql<{ createContact: Contact }>(CREATE, {
        c: connection,
        input: { phone: '+966511000002', firstName: 'Gql', lastName: 'Person' },
      });
      expect(gqlCreated.errors).toBeUndefined();
      const gqlContact = gqlCreated.data!.createContact;
      expect(gqlContact).toMatchObject({ phone: '+966511000002', name: 'Gql Person' });

      const patched = await rest('PATCH', path(connection, `/${restContact.id}`), { firstName: 'Renamed' });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ id: restContact.id, firstName: 'Renamed', lastName: 'Person' });
      const gqlUpdated = await gql<{ updateContact: Contact }>(UPDATE, {
        c: connection,
        id: gqlContact.id,
        input: { phone: '+966511000003' },
      });
      expect(gqlUpdated.data?.updateContact).toMatchObject({ id: gqlContact.id, phone: '+966511000003' });

      expect((await rest('GET', path(connection))).json).toMatchObject({ total: 6 });
      const found = await gql<{ contacts: ContactConnection }>(LIST, { c: connection, search: 'Renamed' });
      expect(found.data?.contacts.nodes.map((c) => c.id)).toEqual([restContact.id]);

      const deleted = await rest('DELETE', path(connection, `/${restContact.id}`));
      expect(deleted).toMatchObject({ status: 200, json: { id: restContact.id, deleted: true } });
      const gqlDeleted = await gql<{ deleteContact: { id: string; deleted: boolean } }>(DELETE, {
        c: connection,
        id: gqlContact.id,
      });
      expect(gqlDeleted.data?.deleteContact).toEqual({ id: gqlContact.id, deleted: true });
      expect((await rest('GET', path(connection))).json).toMatchObject({ total: 4 });

      expectProblem(await rest('DELETE', path(connection, `/${restContact.id}`)), 404, 'NOT_FOUND');
      expect(gqlCode(await gql(DELETE, { c: connection, id: gqlContact.id }))).toBe('NOT_FOUND');
    });

    it("maps the provider's refusals: contact with messages, blocked contact, unknown contact", async () => {
      const page = (await rest('GET', `${path(connection)}?pageSize=10`)).json as ContactPage;
      const ahmed = page.items.find((c) => c.firstName === 'Ahmed')!;
      const blocked = page.items.find((c) => c.firstName === 'Blocked')!;

      const withMessages = await rest('DELETE', path(connection, `/${ahmed.id}`));
      expectProblem(withMessages, 422, 'REJECTED');
      expect(withMessages.json).toMatchObject({
        provider: connection.split('-')[0],
        providerCode: 'contact_error',
      });
      expect(gqlCode(await gql(DELETE, { c: connection, id: ahmed.id }))).toBe('REJECTED');
      expectProblem(await rest('DELETE', path(connection, `/${blocked.id}`)), 422, 'CONTACT_BLOCKED');

      expectProblem(await rest('PATCH', path(connection, '/999999'), { firstName: 'X' }), 404, 'NOT_FOUND');
      const gqlUnknown = await gql(UPDATE, { c: connection, id: '999999', input: { firstName: 'X' } });
      expect(gqlCode(gqlUnknown)).toBe('NOT_FOUND');
      expectProblem(await rest('DELETE', path(connection, '/999999')), 404, 'NOT_FOUND');

      // Still there: nothing was deleted.
      expect((await rest('GET', path(connection))).json).toMatchObject({ total: 4 });
    });

    it("refuses what the platform's contacts cannot hold, naming the field", async () => {
      const email = await rest('POST', path(connection), {
        phone: '+966511000009',
        name: 'Has Email',
        email: 'a@example.com',
      });
      expectProblem(email, 422, 'VALIDATION_FAILED');
      expect(email.json).toMatchObject({ fields: { email: expect.any(Array) } });
      const oneName = await gql(CREATE, {
        c: connection,
        input: { phone: '+966511000009', firstName: 'Solo' },
      });
      expect(oneName.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { lastName: expect.any(Array) },
      });
      const taken = await rest('POST', path(connection), { phone: '+966501234567', name: 'Ahmed Again' });
      expectProblem(taken, 422, 'VALIDATION_FAILED');
    });
  });

  describe('wessaal-demo', () => {
    const connection = 'wessaal-demo';

    it('creates, lists, updates and deletes through REST and GraphQL', async () => {
      expect((await rest('GET', path(connection))).json).toMatchObject({ items: [], total: 0 });

      const created = await rest('POST', path(connection), {
        phone: '+966501111111',
        name: 'Wessaal Rest',
        email: 'rest@example.com',
        notes: 'first',
      });
      expect(created.status).toBe(201);
      const restContact = created.json as Contact;
      expect(restContact).toMatchObject({
        phone: '+966501111111',
        name: 'Wessaal Rest',
        email: 'rest@example.com',
        notes: 'first',
      });
      const gqlCreated = await gql<{ createContact: Contact }>(CREATE, {
        c: connection,
        input: { phone: '+966501111112', firstName: 'Wessaal', lastName: 'Gql' },
      });
      const gqlContact = gqlCreated.data!.createContact;
      expect(gqlContact).toMatchObject({ phone: '+966501111112', name: 'Wessaal Gql', email: null });

      const patched = await rest('PATCH', path(connection, `/${restContact.id}`), { notes: 'second' });
      expect(patched.json).toMatchObject({ id: restContact.id, notes: 'second', email: 'rest@example.com' });
      const gqlUpdated = await gql<{ updateContact: Contact }>(UPDATE, {
        c: connection,
        id: gqlContact.id,
        input: { email: 'gql@example.com' },
      });
      expect(gqlUpdated.data?.updateContact).toMatchObject({ email: 'gql@example.com', name: 'Wessaal Gql' });

      const listed = await gql<{ contacts: ContactConnection }>(LIST, { c: connection });
      expect(listed.data?.contacts).toMatchObject({ totalCount: 2 });
      expect(listed.data?.contacts.nodes.map((c) => c.notes)).toEqual(['second', null]);

      expect((await rest('DELETE', path(connection, `/${restContact.id}`))).json).toEqual({
        id: restContact.id,
        deleted: true,
      });
      expect(
        (await gql<{ deleteContact: { deleted: boolean } }>(DELETE, { c: connection, id: gqlContact.id }))
          .data,
      ).toEqual({ deleteContact: { id: gqlContact.id, deleted: true } });
      expect((await rest('GET', path(connection))).json).toMatchObject({ total: 0 });
    });

    it("maps the provider's errors: unknown contact, unsupported search and fields", async () => {
      expectProblem(await rest('PATCH', path(connection, '/424242'), { notes: 'x' }), 404, 'NOT_FOUND');
      expect(gqlCode(await gql(DELETE, { c: connection, id: '424242' }))).toBe('NOT_FOUND');

      const search = await rest('GET', `${path(connection)}?search=Ahmed`);
      expectProblem(search, 422, 'VALIDATION_FAILED');
      expect(search.json).toMatchObject({ fields: { search: expect.any(Array) } });
      const city = await gql(CREATE, { c: connection, input: { phone: '+966501111113', city: 'Riyadh' } });
      expect(city.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { city: expect.any(Array) },
      });
    });

    it('answers PERMISSION_DENIED for a key without manage_contacts', async () => {
      const created = await rest('POST', '/v1/connections', {
        name: 'wessaal-readonly',
        provider: 'wessaal',
        credentials: { apiKey: 'sk_test_wessaal_readonly' },
        baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      });
      expect(created.status).toBe(201);
      const list = await rest('GET', path('wessaal-readonly'));
      expectProblem(list, 502, 'PERMISSION_DENIED');
      expect(list.json).toMatchObject({ provider: 'wessaal', providerHttpStatus: 403 });
      const create = await gql(CREATE, { c: 'wessaal-readonly', input: { phone: '+966501111114' } });
      expect(gqlCode(create)).toBe('PERMISSION_DENIED');
      expect(gqlCode(await gql(DELETE, { c: 'wessaal-readonly', id: '1' }))).toBe('PERMISSION_DENIED');
    });
  });

  it.each(['watsal-demo', 'wamessenger-demo'])(
    'answers UNSUPPORTED_CAPABILITY for every contact operation on %s',
    async (connection) => {
      for (const res of [
        await rest('GET', path(connection)),
        await rest('POST', path(connection), { phone: '+966501111115' }),
        await rest('PATCH', path(connection, '/1'), { name: 'x' }),
        await rest('DELETE', path(connection, '/1')),
      ]) {
        expectProblem(res, 422, 'UNSUPPORTED_CAPABILITY');
        expect(res.json).toMatchObject({ capability: 'contacts' });
      }
      for (const res of [
        await gql(LIST, { c: connection }),
        await gql(CREATE, { c: connection, input: { phone: '+966501111115' } }),
        await gql(UPDATE, { c: connection, id: '1', input: { name: 'x' } }),
        await gql(DELETE, { c: connection, id: '1' }),
      ]) {
        expect(res.errors?.[0]?.extensions).toMatchObject({
          code: 'UNSUPPORTED_CAPABILITY',
          capability: 'contacts',
        });
      }
    },
  );

  describe('bad input: 400 BAD_USER_INPUT naming the field', () => {
    const restCases: Array<[string, string, string, unknown, string]> = [
      ['page 0', 'GET', `${path('washeej-demo')}?page=0`, undefined, 'page'],
      ['page not a number', 'GET', `${path('washeej-demo')}?page=abc`, undefined, 'page'],
      ['pageSize 0', 'GET', `${path('washeej-demo')}?pageSize=0`, undefined, 'pageSize'],
      ['pageSize 101', 'GET', `${path('washeej-demo')}?pageSize=101`, undefined, 'pageSize'],
      ['an unknown query parameter', 'GET', `${path('washeej-demo')}?sort=name`, undefined, 'sort'],
      ['a national phone', 'POST', path('washeej-demo'), { phone: '0501234567', name: 'A B' }, 'phone'],
      ['an impossible phone', 'POST', path('wessaal-demo'), { phone: '+999123456' }, 'phone'],
      ['no phone on create', 'POST', path('wessaal-demo'), { name: 'No Phone' }, 'phone'],
      ['a bad email', 'POST', path('wessaal-demo'), { phone: '+966501111116', email: 'nope' }, 'email'],
      ['an empty name', 'POST', path('washeej-demo'), { phone: '+966501111116', firstName: '' }, 'firstName'],
      ['an unknown field', 'POST', path('wessaal-demo'), { phone: '+966501111116', age: 3 }, 'age'],
      ['an empty update', 'PATCH', path('wessaal-demo', '/1'), {}, 'input'],
      ['an update without a body', 'PATCH', path('wessaal-demo', '/1'), undefined, 'input'],
      ['an id that is no id', 'DELETE', path('washeej-demo', '/a%20b'), undefined, 'id'],
    ];
    it.each(restCases)('REST: %s', async (_case, method, url, body, field) => {
      const res = await rest(method, url, body);
      expectProblem(res, 400, 'BAD_USER_INPUT');
      expect(Object.keys((res.json as { fields: Record<string, unknown> }).fields)).toContain(field);
    });

    const gqlCases: Array<[string, string, Record<string, unknown>, string]> = [
      ['first 0', LIST, { c: 'washeej-demo', first: 0 }, 'first'],
      ['first 500', LIST, { c: 'washeej-demo', first: 500 }, 'first'],
      ['a foreign cursor', LIST, { c: 'washeej-demo', after: 'bm9wZQ' }, 'after'],
      ['a short phone', CREATE, { c: 'washeej-demo', input: { phone: '+12', name: 'A B' } }, 'phone'],
      ['no phone on create', CREATE, { c: 'wessaal-demo', input: { name: 'No Phone' } }, 'phone'],
      ['a bad email', UPDATE, { c: 'wessaal-demo', id: '1', input: { email: 'nope' } }, 'email'],
      ['an empty update', UPDATE, { c: 'wessaal-demo', id: '1', input: {} }, 'input'],
      ['an id that is no id', DELETE, { c: 'washeej-demo', id: '../1' }, 'id'],
    ];
    it.each(gqlCases)('GraphQL: %s', async (_case, query, variables, field) => {
      const res = await gql(query, variables);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(Object.keys(res.errors?.[0]?.extensions?.fields as Record<string, unknown>)).toContain(field);
    });

    it('an unknown connection is NOT_FOUND and a missing key UNAUTHENTICATED', async () => {
      expectProblem(await rest('GET', path('nope')), 404, 'NOT_FOUND');
      expect(gqlCode(await gql(LIST, { c: 'nope' }))).toBe('NOT_FOUND');
      const anonymous = await stack.rest('GET', path('washeej-demo'), undefined, null);
      expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    });
  });

  describe('tenant isolation', () => {
    it("another tenant cannot reach the first tenant's connections", async () => {
      const other = await stack.seedTenant([]);
      expectProblem(await rest('GET', path('washeej-demo'), undefined, other.apiKey), 404, 'NOT_FOUND');
      const create = await rest('POST', path('wessaal-demo'), { phone: '+966501111117' }, other.apiKey);
      expectProblem(create, 404, 'NOT_FOUND');
      expectProblem(
        await rest('DELETE', path('washeej-demo', '/4'), undefined, other.apiKey),
        404,
        'NOT_FOUND',
      );
      expect(gqlCode(await gql(LIST, { c: 'wessaal-demo' }, other.apiKey))).toBe('NOT_FOUND');
      const update = await gql(
        UPDATE,
        { c: 'washeej-demo', id: '4', input: { name: 'Hijacked' } },
        other.apiKey,
      );
      expect(gqlCode(update)).toBe('NOT_FOUND');
      // Nothing reached the first tenant's provider accounts.
      expect((await rest('GET', path('wessaal-demo'))).json).toMatchObject({ total: 0 });
      const john = await gql<{ contacts: ContactConnection }>(LIST, { c: 'washeej-demo', search: 'John' });
      expect(john.data?.contacts.nodes[0]).toMatchObject({ id: '4', name: 'John Doe' });
    });

    it('the same connection name in another tenant reaches that tenant’s own provider account', async () => {
      const account = await stack.simAdmin.createAccount<{
        credentials: { clientId: string; clientSecret: string };
      }>('washeej');
      const other = await stack.seedTenant([
        {
          name: 'washeej-demo',
          provider: 'washeej',
          simulatorPath: '/washeej/external-api',
          credentials: account.credentials,
        },
      ]);
      expect((await rest('GET', path('washeej-demo'), undefined, other.apiKey)).json).toMatchObject({
        total: 0,
      });
      expect((await rest('GET', path('washeej-demo'))).json).toMatchObject({ total: 4 });
    });
  });

  it('never answered a 500 on either API', () => {
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status === 500)).toEqual([]);
  });
});
