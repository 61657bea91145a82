import type { RawResponse } from '../../support/http.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

interface Template {
  id: string;
  name: string;
  status: string | null;
  content: string | null;
  messageType: string | null;
  raw: unknown;
}
interface Conversation {
  id: string;
  contactId: string | null;
  state: string | null;
  lastMessageAt: string | null;
  raw: unknown;
}
interface Page<T> {
  items: T[];
  page: number;
  pageCount: number | null;
  total: number | null;
}
/** GraphQL's Relay connection of a provider list. */
interface Connection<T> {
  nodes: T[];
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type GqlResult<T> = Awaited<ReturnType<GatewayStack['gql']>> & { data?: T };

const TEMPLATE = 'id name status content messageType raw';
const TEMPLATES = `query($c: String!, $first: Int, $after: String, $search: String) {
  templates(connection: $c, first: $first, after: $after, search: $search) {
    nodes { ${TEMPLATE} } totalCount pageInfo { hasNextPage endCursor }
  }
}`;
const CREATE_TEMPLATE = `mutation($c: String!, $input: CreateTemplateInput!) {
  createTemplate(connection: $c, input: $input) { ${TEMPLATE} }
}`;
const CONVERSATION = 'id contactId state lastMessageAt raw';
const CONVERSATIONS = `query($c: String!, $state: String, $first: Int, $after: String) {
  conversations(connection: $c, state: $state, first: $first, after: $after) {
    nodes { ${CONVERSATION} } totalCount pageInfo { hasNextPage endCursor }
  }
}`;
const GET_CONVERSATION = `query($c: String!, $id: ID!) { conversation(connection: $c, id: $id) { ${CONVERSATION} } }`;
const SET_STATE = `mutation($c: String!, $id: ID!, $state: String!) {
  setConversationState(connection: $c, id: $id, state: $state) { ${CONVERSATION} }
}`;

describe('gateway resources: templates and conversations', () => {
  let stack: GatewayStack;
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
  const gqlError = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    res.errors?.[0]?.extensions;
  const expectProblem = (res: RawResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({ code, status });
  };
  const fieldsOf = (res: RawResponse): string[] =>
    Object.keys((res.json as { fields?: Record<string, unknown> }).fields ?? {});

  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(() => stack.close());

  describe('templates', () => {
    it.each(['washeej-demo', 'wutt-demo'])(
      'lists the templates of %s with their status, on both APIs',
      async (c) => {
        const all = await rest('GET', `/v1/connections/${c}/templates`);
        expect(all.status).toBe(200);
        const page = all.json as Page<Template>;
        expect(page).toMatchObject({ page: 1, pageCount: 1, total: 5 });
        expect(Object.fromEntries(page.items.map((t) => [t.name, t.status]))).toEqual({
          order_confirmation: 'approved',
          appointment_reminder: 'pending',
          summer_sale: 'rejected',
          welcome_message: 'disabled',
          shipping_update: 'approved',
        });
        expect(page.items.find((t) => t.id === '1')?.content).toBe(
          'Hello {{1}}, your order {{2}} has been confirmed.',
        );

        // GraphQL pages the same list by cursor, two at a time: three pages, the last holding one.
        const pages: string[][] = [];
        let after: string | null = null;
        do {
          const paged: GqlResult<{ templates: Connection<Template> }> = await gql<{
            templates: Connection<Template>;
          }>(TEMPLATES, { c, first: 2, after });
          expect(paged.errors).toBeUndefined();
          expect(paged.data?.templates.totalCount).toBe(5);
          pages.push(paged.data!.templates.nodes.map((t) => t.id));
          after = paged.data!.templates.pageInfo.hasNextPage
            ? paged.data!.templates.pageInfo.endCursor
            : null;
        } while (after && pages.length < 5);
        expect(pages).toHaveLength(3);
        expect(pages[2]).toEqual(['1']);
        expect(pages.flat()).toEqual(page.items.map((t) => t.id));

        // The platform's template list has no search: the adapter says so rather than ignoring it.
        const search = await rest('GET', `/v1/connections/${c}/templates?search=order`);
        expectProblem(search, 422, 'VALIDATION_FAILED');
        expect(fieldsOf(search)).toEqual(['search']);
      },
    );

    it('lists and creates Wessaal templates through REST and GraphQL', async () => {
      const before = await gql<{ templates: Connection<Template> }>(TEMPLATES, { c: 'wessaal-demo' });
      expect(before.data?.templates.nodes).toEqual([
        expect.objectContaining({ id: '7', name: 'Order Shipped', status: 'active', messageType: 'text' }),
      ]);

      const created = await rest('POST', '/v1/connections/wessaal-demo/templates', {
        name: 'Payment Received',
        content: 'Hi {{name}}, we received {{amount}}.',
        workspaceId: '22',
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ name: 'Payment Received', status: 'active', messageType: 'text' });
      const gqlCreated = await gql<{ createTemplate: Template }>(CREATE_TEMPLATE, {
        c: 'wessaal-demo',
        input: {
          name: 'Invoice',
          content: 'Your invoice {{number}}',
          messageType: 'document',
          workspaceId: '22',
          isActive: false,
        },
      });
      expect(gqlCreated.errors).toBeUndefined();
      expect(gqlCreated.data?.createTemplate).toMatchObject({
        name: 'Invoice',
        status: 'inactive',
        messageType: 'document',
      });

      const after = await rest('GET', '/v1/connections/wessaal-demo/templates');
      expect((after.json as Page<Template>).items.map((t) => t.name)).toEqual([
        'Order Shipped',
        'Payment Received',
        'Invoice',
      ]);
    });

    it("maps Wessaal's refusals: no workspace, unknown workspace, readonly key", async () => {
      const noWorkspace = await rest('POST', '/v1/connections/wessaal-demo/templates', {
        name: 'X',
        content: 'Y',
      });
      expectProblem(noWorkspace, 422, 'VALIDATION_FAILED');
      expect(fieldsOf(noWorkspace)).toEqual(['workspaceId']);
      const unknown = await gql(CREATE_TEMPLATE, {
        c: 'wessaal-demo',
        input: { name: 'X', content: 'Y', workspaceId: '999' },
      });
      expect(gqlError(unknown)).toMatchObject({
        code: 'NOT_FOUND',
        provider: 'wessaal',
        providerHttpStatus: 404,
      });

      await rest('POST', '/v1/connections', {
        name: 'wessaal-readonly',
        provider: 'wessaal',
        credentials: { apiKey: 'sk_test_wessaal_readonly' },
        baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      });
      expectProblem(
        await rest('GET', '/v1/connections/wessaal-readonly/templates'),
        502,
        'PERMISSION_DENIED',
      );
      expect(gqlError(await gql(TEMPLATES, { c: 'wessaal-readonly' }))?.code).toBe('PERMISSION_DENIED');
    });

    it('answers UNSUPPORTED_CAPABILITY where the provider lacks templates_list or templates_create', async () => {
      for (const c of ['watsal-demo', 'wamessenger-demo']) {
        const res = await rest('GET', `/v1/connections/${c}/templates`);
        expectProblem(res, 422, 'UNSUPPORTED_CAPABILITY');
        expect(res.json).toMatchObject({ capability: 'templates_list' });
        expect(gqlError(await gql(TEMPLATES, { c }))).toMatchObject({
          code: 'UNSUPPORTED_CAPABILITY',
          capability: 'templates_list',
        });
      }
      const input = { name: 'X', content: 'Y', workspaceId: '22' };
      for (const c of ['washeej-demo', 'wutt-demo', 'watsal-demo']) {
        const res = await rest('POST', `/v1/connections/${c}/templates`, input);
        expectProblem(res, 422, 'UNSUPPORTED_CAPABILITY');
        expect(res.json).toMatchObject({ capability: 'templates_create' });
        expect(gqlError(await gql(CREATE_TEMPLATE, { c, input }))).toMatchObject({
          code: 'UNSUPPORTED_CAPABILITY',
          capability: 'templates_create',
        });
      }
    });

    it('refuses bad template input with BAD_USER_INPUT naming the field', async () => {
      const url = '/v1/connections/wessaal-demo/templates';
      const cases: Array<[unknown, string]> = [
        [{ content: 'Y', workspaceId: '22' }, 'name'],
        [{ name: '', content: 'Y', workspaceId: '22' }, 'name'],
        [{ name: 'X', workspaceId: '22' }, 'content'],
        [{ name: 'X', content: 'Y', messageType: 'gif', workspaceId: '22' }, 'messageType'],
        [{ name: 'X', content: 'Y', isActive: 'yes', workspaceId: '22' }, 'isActive'],
      ];
      for (const [body, field] of cases) {
        const res = await rest('POST', url, body);
        expectProblem(res, 400, 'BAD_USER_INPUT');
        expect(fieldsOf(res)).toContain(field);
      }
      const gqlBad = await gql(CREATE_TEMPLATE, {
        c: 'wessaal-demo',
        input: { name: 'X', content: 'Y', messageType: 'sticker', workspaceId: '22' },
      });
      expect(gqlError(gqlBad)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { messageType: expect.any(Array) },
      });
      expectProblem(await rest('GET', `${url}?pageSize=1000`), 400, 'BAD_USER_INPUT');
      expect(gqlError(await gql(TEMPLATES, { c: 'wessaal-demo', first: -1 }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { first: expect.any(Array) },
      });
      // Nothing was created by the refused calls.
      expect((await rest('GET', url)).json).toMatchObject({ total: 3 });
    });
  });

  describe.each(['washeej-demo', 'wutt-demo'])('conversations on %s', (c) => {
    const url = (rest = '') => `/v1/connections/${c}/conversations${rest}`;

    it('lists newest first, filters by state and gets one, on both APIs', async () => {
      const all = await rest('GET', url());
      expect(all.status).toBe(200);
      const page = all.json as Page<Conversation>;
      expect(page).toMatchObject({ page: 1, total: 2 });
      expect(page.items.map((i) => [i.id, i.state])).toEqual([
        ['1', 'unread'],
        ['2', 'done'],
      ]);
      expect(page.items[0]!.contactId).toBe('1');
      expect(page.items[0]!.lastMessageAt).toEqual(expect.any(String));

      const unread = await gql<{ conversations: Connection<Conversation> }>(CONVERSATIONS, {
        c,
        state: 'unread',
      });
      expect(unread.data?.conversations.nodes.map((i) => i.id)).toEqual(['1']);
      const done = await rest('GET', url('?state=done&page=1&pageSize=5'));
      expect((done.json as Page<Conversation>).items.map((i) => i.id)).toEqual(['2']);
      const pending = await gql<{ conversations: Connection<Conversation> }>(CONVERSATIONS, {
        c,
        state: 'pending',
      });
      expect(pending.data?.conversations).toMatchObject({ nodes: [], totalCount: 0 });

      const one = await rest('GET', url('/2'));
      expect(one.json).toMatchObject({ id: '2', contactId: '2', state: 'done' });
      const gqlOne = await gql<{ conversation: Conversation }>(GET_CONVERSATION, { c, id: '1' });
      expect(gqlOne.data?.conversation).toMatchObject({ id: '1', state: 'unread', raw: expect.any(Object) });
    });

    it('sets the state through REST and GraphQL and answers the conversation as it now is', async () => {
      const important = await rest('PUT', url('/1/state'), { state: 'important' });
      expect(important.status).toBe(200);
      expect(important.json).toMatchObject({ id: '1', state: 'important' });
      const filtered = await gql<{ conversations: Connection<Conversation> }>(CONVERSATIONS, {
        c,
        state: 'important',
      });
      expect(filtered.data?.conversations.nodes.map((i) => i.id)).toEqual(['1']);

      const pending = await gql<{ setConversationState: Conversation }>(SET_STATE, {
        c,
        id: '2',
        state: 'pending',
      });
      expect(pending.errors).toBeUndefined();
      expect(pending.data?.setConversationState).toMatchObject({ id: '2', state: 'pending' });
      expect((await rest('GET', url('/2'))).json).toMatchObject({ state: 'pending' });
    });

    it("maps the provider's refusals: unread cannot be set, unknown conversations", async () => {
      const unread = await rest('PUT', url('/1/state'), { state: 'unread' });
      expectProblem(unread, 422, 'VALIDATION_FAILED');
      expect(fieldsOf(unread)).toEqual(['state']);
      expect(gqlError(await gql(SET_STATE, { c, id: '1', state: 'unread' }))?.code).toBe('VALIDATION_FAILED');

      expectProblem(await rest('GET', url('/9999')), 404, 'NOT_FOUND');
      expect(gqlError(await gql(GET_CONVERSATION, { c, id: '9999' }))?.code).toBe('NOT_FOUND');
      expectProblem(await rest('PUT', url('/9999/state'), { state: 'done' }), 404, 'NOT_FOUND');
      expect(gqlError(await gql(SET_STATE, { c, id: '9999', state: 'done' }))?.code).toBe('NOT_FOUND');
    });

    it('refuses a bad state, page or id with BAD_USER_INPUT naming the field', async () => {
      const cases: Array<[RawResponse, string]> = [
        [await rest('GET', url('?state=closed')), 'state'],
        [await rest('GET', url('?page=0')), 'page'],
        [await rest('PUT', url('/1/state'), { state: 'closed' }), 'state'],
        [await rest('PUT', url('/1/state'), {}), 'state'],
        [await rest('PUT', url('/1/state'), { state: 'done', extra: 1 }), 'extra'],
        [await rest('GET', url('/a%3Fb')), 'id'],
      ];
      for (const [res, field] of cases) {
        expectProblem(res, 400, 'BAD_USER_INPUT');
        expect(fieldsOf(res)).toContain(field);
      }
      for (const [query, variables, field] of [
        [CONVERSATIONS, { c, state: 'closed' }, 'state'],
        [CONVERSATIONS, { c, first: 101 }, 'first'],
        [SET_STATE, { c, id: '1', state: 'DONE' }, 'state'],
        [SET_STATE, { c, id: 'x/y', state: 'done' }, 'id'],
        [GET_CONVERSATION, { c, id: '' }, 'id'],
      ] as const) {
        expect(gqlError(await gql(query, variables))).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { [field]: expect.any(Array) },
        });
      }
      // The refused calls changed nothing.
      expect((await rest('GET', url('/1'))).json).toMatchObject({ state: 'important' });
    });
  });

  it.each(['wessaal-demo', 'watsal-demo', 'wamessenger-demo'])(
    'answers UNSUPPORTED_CAPABILITY for conversations on %s',
    async (c) => {
      for (const res of [
        await rest('GET', `/v1/connections/${c}/conversations`),
        await rest('GET', `/v1/connections/${c}/conversations/1`),
        await rest('PUT', `/v1/connections/${c}/conversations/1/state`, { state: 'done' }),
      ]) {
        expectProblem(res, 422, 'UNSUPPORTED_CAPABILITY');
        expect(res.json).toMatchObject({ capability: 'conversations' });
      }
      for (const res of [
        await gql(CONVERSATIONS, { c }),
        await gql(GET_CONVERSATION, { c, id: '1' }),
        await gql(SET_STATE, { c, id: '1', state: 'done' }),
      ]) {
        expect(gqlError(res)).toMatchObject({ code: 'UNSUPPORTED_CAPABILITY', capability: 'conversations' });
      }
    },
  );

  it("keeps tenants apart: another tenant's calls with these connection names are NOT_FOUND", async () => {
    const other = await stack.seedTenant([]);
    expectProblem(
      await rest('GET', '/v1/connections/washeej-demo/templates', undefined, other.apiKey),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await rest(
        'PUT',
        '/v1/connections/washeej-demo/conversations/1/state',
        { state: 'done' },
        other.apiKey,
      ),
      404,
      'NOT_FOUND',
    );
    expect(gqlError(await gql(CONVERSATIONS, { c: 'wutt-demo' }, other.apiKey))?.code).toBe('NOT_FOUND');
    const create = await gql(
      CREATE_TEMPLATE,
      { c: 'wessaal-demo', input: { name: 'Theirs', content: 'x', workspaceId: '22' } },
      other.apiKey,
    );
    expect(gqlError(create)?.code).toBe('NOT_FOUND');
    // The first tenant's conversation kept its state and no template was added.
    expect((await rest('GET', '/v1/connections/washeej-demo/conversations/1')).json).toMatchObject({
      state: 'important',
    });
    expect((await rest('GET', '/v1/connections/wessaal-demo/templates')).json).toMatchObject({ total: 3 });
  });

  it('never answered a 500 on either API', () => {
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status === 500)).toEqual([]);
  });
});
