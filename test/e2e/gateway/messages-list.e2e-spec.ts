import { startGatewayStack, type GatewayStack, type TestTenant } from '../../support/gateway-stack.js';

/** The messages query: filters, cursor pagination (createdAt desc, id desc), both APIs, tenant isolation. */

interface Message {
  id: string;
  connection: string;
  to: string;
  status: string;
  createdAt: string;
}
interface Page {
  items: Message[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}
interface RelayPage {
  edges: Array<{ cursor: string; node: { id: string } }>;
  nodes: Message[];
  pageInfo: {
    startCursor: string | null;
    endCursor: string | null;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
  };
}

describe('gateway messages: listing', () => {
  let stack: GatewayStack;
  let tenant: TestTenant;
  const sent: Message[] = [];
  const to = ['+966540000011', '+966540000022'];

  beforeAll(async () => {
    stack = await startGatewayStack();
    // A tenant of its own, so the other suites' messages never count here.
    tenant = await stack.seedTenant();
    for (let i = 0; i < 7; i += 1) {
      const res = await stack.rest(
        'POST',
        '/v1/messages',
        { connection: i < 5 ? 'wessaal-demo' : 'wamessenger-demo', to: to[i % 2], text: `message ${i}` },
        tenant.apiKey,
      );
      sent.push(res.json as Message);
    }
    const blocked = await stack.rest(
      'POST',
      '/v1/messages',
      { connection: 'wessaal-demo', to: '+966500000002', text: 'blocked' },
      tenant.apiKey,
    );
    sent.push(blocked.json as Message);
  });
  afterAll(() => stack.close());

  const restPage = async (query: string) => {
    const res = await stack.rest('GET', `/v1/messages${query}`, undefined, tenant.apiKey);
    expect(res.status).toBe(200);
    return res.json as Page;
  };
  const gqlPage = async (variables: Record<string, unknown>) => {
    const res = await stack.gql<{ messages: RelayPage }>(
      `query($filter: MessageFilter, $first: Int, $after: String, $last: Int, $before: String) {
        messages(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
          edges { cursor node { id } }
          nodes { id connection to status createdAt }
          pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`,
      variables,
      tenant.apiKey,
    );
    expect(res.errors).toBeUndefined();
    const page = res.data!.messages;
    // The Relay shape: nodes are the edges' nodes, start/end cursors those of the first/last edge.
    expect(page.edges.map((e) => e.node.id)).toEqual(page.nodes.map((m) => m.id));
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    return { items: page.nodes, pageInfo: page.pageInfo };
  };
  const newestFirst = () => [...sent].reverse().map((m) => m.id);

  it('pages newest first by opaque cursor, REST and GraphQL alike', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await restPage(`?first=3${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      seen.push(...page.items.map((m) => m.id));
      pages += 1;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      if (page.pageInfo.hasNextPage) expect(page.items).toHaveLength(3);
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst());

    const first = await gqlPage({ first: 5 });
    expect(first.items.map((m) => m.id)).toEqual(newestFirst().slice(0, 5));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await gqlPage({ first: 5, after: first.pageInfo.endCursor });
    expect(second.items.map((m) => m.id)).toEqual(newestFirst().slice(5));
    expect(second.pageInfo.hasNextPage).toBe(false);
    const all = await restPage('');
    expect(all.items).toHaveLength(8); // default page size 20
  });

  it('pages backward with last/before, and the two directions meet', async () => {
    const newest = await gqlPage({ first: 3 });
    expect(newest.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const oldest = await gqlPage({ last: 3 });
    expect(oldest.items.map((m) => m.id)).toEqual(newestFirst().slice(5));
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await gqlPage({ last: 2, before: oldest.pageInfo.startCursor });
    expect(before.items.map((m) => m.id)).toEqual(newestFirst().slice(3, 5));
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const upToNewest = await gqlPage({ last: 10, before: before.pageInfo.startCursor });
    expect(upToNewest.items.map((m) => m.id)).toEqual(newestFirst().slice(0, 3));
    expect(upToNewest.pageInfo.hasPreviousPage).toBe(false);
    const both = await stack.gql('{ messages(first: 1, last: 1) { nodes { id } } }', {}, tenant.apiKey);
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { first: expect.any(Array), last: expect.any(Array) },
    });
  });

  it('filters by connection, status, recipient and creation time', async () => {
    const wa = await restPage('?connection=wamessenger-demo');
    expect(wa.items.map((m) => m.id)).toEqual([sent[6]!.id, sent[5]!.id]);
    const failed = await gqlPage({ filter: { status: 'FAILED' } });
    expect(failed.items.map((m) => m.id)).toEqual([sent[7]!.id]);
    const byTo = await restPage(`?to=${encodeURIComponent(to[1]!)}`);
    expect(byTo.items.map((m) => m.to)).toEqual([to[1], to[1], to[1]]);
    const both = await gqlPage({ filter: { connection: 'wessaal-demo', to: to[0] } });
    expect(both.items).toHaveLength(3);
    const since = sent[4]!.createdAt;
    const recent = await restPage(`?createdAfter=${encodeURIComponent(since)}`);
    expect(recent.items.map((m) => m.id)).toEqual(newestFirst().slice(0, 4));
    const older = await gqlPage({ filter: { createdBefore: since } });
    expect(older.items.map((m) => m.id)).toEqual(newestFirst().slice(4));
  });

  it('answers 400 naming the parameter for a bad page size, cursor, status or date', async () => {
    const cases: Array<[string, string]> = [
      ['?first=0', 'first'],
      ['?first=101', 'first'],
      ['?first=abc', 'first'],
      ['?after=garbage', 'after'],
      [`?after=${Buffer.from('["msg","yesterday","x"]').toString('base64url')}`, 'after'],
      ['?status=LOST', 'status'],
      ['?createdAfter=someday', 'createdAfter'],
      ['?to=12345', 'to'],
      ['?color=blue', 'color'],
    ];
    for (const [query, field] of cases) {
      const res = await stack.rest('GET', `/v1/messages${query}`, undefined, tenant.apiKey);
      expect({ query, status: res.status, code: (res.json as { code?: string }).code }).toEqual({
        query,
        status: 400,
        code: 'BAD_USER_INPUT',
      });
      expect(Object.keys((res.json as { fields?: object }).fields ?? {})).toContain(field);
    }
    const gql = await stack.gql('{ messages(first: 500) { nodes { id } } }', {}, tenant.apiKey);
    expect(gql.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { first: expect.any(Array) },
    });
    const cursor = await stack.gql('{ messages(after: "nope") { nodes { id } } }', {}, tenant.apiKey);
    expect(cursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: expect.any(Array) },
    });
  });

  it("lists only the caller's messages", async () => {
    const mine = await restPage('');
    const demo = (await stack.rest('GET', '/v1/messages?first=100')).json as Page;
    const ids = new Set(mine.items.map((m) => m.id));
    expect(demo.items.some((m) => ids.has(m.id))).toBe(false);
    const stranger = await stack.seedTenant([]);
    const empty = await stack.gql<{ messages: RelayPage }>(
      '{ messages { edges { cursor } nodes { id } pageInfo { hasNextPage endCursor } } }',
      {},
      stranger.apiKey,
    );
    expect(empty.data?.messages).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
    // A cursor from one tenant reveals nothing to another.
    const page = await restPage('?first=2');
    const foreign = await stack.rest(
      'GET',
      `/v1/messages?after=${page.pageInfo.endCursor}`,
      undefined,
      stranger.apiKey,
    );
    expect(foreign.json).toEqual({ items: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
