import type { RawResponse } from '../../support/http.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

interface Instance {
  id: string;
  name: string;
  status: string;
  phoneNumber: string | null;
  workspace: { id: string; name: string } | null;
}
type GqlResult<T> = Awaited<ReturnType<GatewayStack['gql']>> & { data?: T };

const INSTANCE = 'id name status phoneNumber workspace { id name } raw';
const INSTANCES = `query($c: String!, $first: Int, $after: String) {
  instances(connection: $c, first: $first, after: $after) { nodes { ${INSTANCE} } totalCount pageInfo { hasNextPage endCursor } }
}`;
const GET_INSTANCE = `query($c: String!, $id: ID!) { instance(connection: $c, id: $id) { ${INSTANCE} } }`;
const WORKSPACES = `query($c: String!) { workspaces(connection: $c) { nodes { id name raw } } }`;
const GET_WORKSPACE = `query($c: String!, $id: ID!) { workspace(connection: $c, id: $id) { id name raw } }`;

describe('gateway resources: Wessaal instances and workspaces', () => {
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
    const created = await stack.rest('POST', '/v1/connections', {
      name: 'wessaal-readonly',
      provider: 'wessaal',
      credentials: { apiKey: 'sk_test_wessaal_readonly' },
      baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => stack.close());

  describe('Wessaal instances and workspaces', () => {
    it('lists instances and gets one by id or name, on both APIs', async () => {
      const list = await rest('GET', '/v1/connections/wessaal-demo/instances');
      expect(list.status).toBe(200);
      expect((list.json as Instance[]).map((i) => [i.id, i.name, i.status])).toEqual([
        ['124', 'my-instance', 'open'],
        ['125', 'backup-instance', 'close'],
        ['126', 'pairing-instance', 'connecting'],
      ]);
      expect((list.json as Instance[])[0]!.workspace).toEqual({ id: '22', name: 'Main Workspace' });
      type InstanceConnection = {
        nodes: Instance[];
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      const gqlList = await gql<{ instances: InstanceConnection }>(INSTANCES, { c: 'wessaal-demo' });
      expect(gqlList.data?.instances.nodes.map((i) => i.name)).toEqual([
        'my-instance',
        'backup-instance',
        'pairing-instance',
      ]);
      // The provider lists them whole; the gateway pages them behind the same connection shape.
      const two = await gql<{ instances: InstanceConnection }>(INSTANCES, { c: 'wessaal-demo', first: 2 });
      expect(two.data?.instances).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      const last = await gql<{ instances: InstanceConnection }>(INSTANCES, {
        c: 'wessaal-demo',
        first: 2,
        after: two.data?.instances.pageInfo.endCursor,
      });
      expect(last.data?.instances.nodes.map((i) => i.name)).toEqual(['pairing-instance']);
      expect(last.data?.instances.pageInfo.hasNextPage).toBe(false);

      const open = await rest('GET', '/v1/connections/wessaal-demo/instances/124');
      expect(open.json).toMatchObject({ id: '124', status: 'open', phoneNumber: '+966501234567' });
      const byName = await gql<{ instance: Instance }>(GET_INSTANCE, {
        c: 'wessaal-demo',
        id: 'backup-instance',
      });
      expect(byName.data?.instance).toMatchObject({
        id: '125',
        status: 'close',
        phoneNumber: '+966507654321',
        workspace: { id: '22', name: 'Main Workspace' },
      });
    });

    it('lists workspaces and gets one, on both APIs', async () => {
      const list = await rest('GET', '/v1/connections/wessaal-demo/workspaces');
      expect(list.json).toEqual([expect.objectContaining({ id: '22', name: 'Main Workspace' })]);
      expect(
        (await gql<{ workspaces: { nodes: unknown[] } }>(WORKSPACES, { c: 'wessaal-demo' })).data?.workspaces
          .nodes,
      ).toEqual([expect.objectContaining({ id: '22', name: 'Main Workspace' })]);
      expect((await rest('GET', '/v1/connections/wessaal-demo/workspaces/22')).json).toMatchObject({
        id: '22',
        name: 'Main Workspace',
      });
      const one = await gql<{ workspace: { id: string; name: string } }>(GET_WORKSPACE, {
        c: 'wessaal-demo',
        id: '22',
      });
      expect(one.data?.workspace).toMatchObject({ id: '22', name: 'Main Workspace' });
    });

    it("maps the provider's errors: unknown ids, missing scope, an unavailable provider", async () => {
      expectProblem(await rest('GET', '/v1/connections/wessaal-demo/instances/999'), 404, 'NOT_FOUND');
      expect(gqlError(await gql(GET_INSTANCE, { c: 'wessaal-demo', id: 'nope' }))?.code).toBe('NOT_FOUND');
      expectProblem(await rest('GET', '/v1/connections/wessaal-demo/workspaces/999'), 404, 'NOT_FOUND');
      expect(gqlError(await gql(GET_WORKSPACE, { c: 'wessaal-demo', id: '999' }))?.code).toBe('NOT_FOUND');

      expectProblem(
        await rest('GET', '/v1/connections/wessaal-readonly/instances'),
        502,
        'PERMISSION_DENIED',
      );
      expect(gqlError(await gql(WORKSPACES, { c: 'wessaal-readonly' }))?.code).toBe('PERMISSION_DENIED');

      await stack.simAdmin.addFault({
        provider: 'wessaal',
        kind: 'error',
        method: 'GET',
        path: '/integration/v1/instances',
        status: 503,
        times: 2,
      });
      try {
        expectProblem(
          await rest('GET', '/v1/connections/wessaal-demo/instances'),
          503,
          'PROVIDER_UNAVAILABLE',
        );
        expect(gqlError(await gql(INSTANCES, { c: 'wessaal-demo' }))?.code).toBe('PROVIDER_UNAVAILABLE');
      } finally {
        await stack.simAdmin.clearFaults();
      }
      expect((await rest('GET', '/v1/connections/wessaal-demo/instances')).status).toBe(200);
    });

    it('answers UNSUPPORTED_CAPABILITY for instances and workspaces elsewhere', async () => {
      for (const c of ['washeej-demo', 'wutt-demo', 'watsal-demo', 'wamessenger-demo']) {
        for (const [kind, capability] of [
          ['instances', 'instances'],
          ['instances/1', 'instances'],
          ['workspaces', 'workspaces'],
          ['workspaces/1', 'workspaces'],
        ]) {
          const res = await rest('GET', `/v1/connections/${c}/${kind}`);
          expectProblem(res, 422, 'UNSUPPORTED_CAPABILITY');
          expect(res.json).toMatchObject({ capability });
        }
        expect(gqlError(await gql(INSTANCES, { c }))).toMatchObject({
          code: 'UNSUPPORTED_CAPABILITY',
          capability: 'instances',
        });
        expect(gqlError(await gql(GET_INSTANCE, { c, id: '1' }))?.capability).toBe('instances');
        expect(gqlError(await gql(WORKSPACES, { c }))?.capability).toBe('workspaces');
        expect(gqlError(await gql(GET_WORKSPACE, { c, id: '1' }))?.capability).toBe('workspaces');
      }
    });

    it('refuses an id that is no id with BAD_USER_INPUT', async () => {
      const res = await rest('GET', '/v1/connections/wessaal-demo/instances/a%20b');
      expectProblem(res, 400, 'BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['id']);
      expect(gqlError(await gql(GET_WORKSPACE, { c: 'wessaal-demo', id: '22/../1' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { id: expect.any(Array) },
      });
    });
  });

  it("keeps tenants apart: another tenant's calls with these connection names are NOT_FOUND", async () => {
    const other = await stack.seedTenant([]);
    for (const path of [
      '/v1/connections/wessaal-demo/instances',
      '/v1/connections/wessaal-demo/instances/124',
      '/v1/connections/wessaal-demo/workspaces',
      '/v1/connections/wessaal-demo/workspaces/22',
    ]) {
      expectProblem(await rest('GET', path, undefined, other.apiKey), 404, 'NOT_FOUND');
    }
    expect(gqlError(await gql(INSTANCES, { c: 'wessaal-demo' }, other.apiKey))?.code).toBe('NOT_FOUND');
    expect(gqlError(await gql(GET_WORKSPACE, { c: 'wessaal-demo', id: '22' }, other.apiKey))?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('never answered a 500 on either API', () => {
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status === 500)).toEqual([]);
  });
});
