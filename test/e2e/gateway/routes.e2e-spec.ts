import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

interface Problem {
  code: string;
  status: number;
  fields?: Record<string, string[]>;
}

describe('gateway: failover routes', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  }, 120_000);
  afterAll(() => stack.close());

  describe('CRUD', () => {
    it('creates, lists, reads, renames, reorders and deletes a route on REST', async () => {
      const created = await stack.rest('POST', '/v1/routes', {
        name: 'otp',
        connections: ['watsal-demo', 'wessaal-demo'],
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ name: 'otp', connections: ['watsal-demo', 'wessaal-demo'] });

      const listed = await stack.rest('GET', '/v1/routes');
      expect((listed.json as Array<{ name: string }>).map((r) => r.name)).toContain('otp');

      const patched = await stack.rest('PATCH', '/v1/routes/otp', {
        name: 'otp-2',
        connections: ['wessaal-demo', 'washeej-demo', 'watsal-demo'],
      });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({
        name: 'otp-2',
        connections: ['wessaal-demo', 'washeej-demo', 'watsal-demo'],
      });
      expect((await stack.rest('GET', '/v1/routes/otp')).status).toBe(404);
      expect((await stack.rest('GET', '/v1/routes/otp-2')).json).toMatchObject({ name: 'otp-2' });

      expect((await stack.rest('DELETE', '/v1/routes/otp-2')).status).toBe(200);
      expect((await stack.rest('GET', '/v1/routes/otp-2')).json).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('does the same on GraphQL', async () => {
      const created = await stack.gql<{ createRoute: { name: string; connections: string[] } }>(
        `mutation { createRoute(input: {name: "gql", connections: ["wessaal-demo", "wamessenger-demo"]}) { name connections } }`,
      );
      expect(created.data?.createRoute).toEqual({
        name: 'gql',
        connections: ['wessaal-demo', 'wamessenger-demo'],
      });
      const updated = await stack.gql<{ updateRoute: { connections: string[] } }>(
        `mutation { updateRoute(name: "gql", input: {connections: ["wamessenger-demo"]}) { connections } }`,
      );
      expect(updated.data?.updateRoute.connections).toEqual(['wamessenger-demo']);
      const read = await stack.gql<{ routes: Array<{ name: string }>; route: { connections: string[] } }>(
        '{ routes { name } route(name: "gql") { connections } }',
      );
      expect(read.data?.routes.map((r) => r.name)).toContain('gql');
      expect(read.data?.route.connections).toEqual(['wamessenger-demo']);
      const deleted = await stack.gql<{ deleteRoute: { name: string } }>(
        'mutation { deleteRoute(name: "gql") { name } }',
      );
      expect(deleted.data?.deleteRoute.name).toBe('gql');
      const gone = await stack.gql('{ route(name: "gql") { name } }');
      expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it.each([
      [{ name: 'bad', connections: ['wessaal-demo', 'nope'] }, 'connections.1'],
      [{ name: 'bad', connections: [] }, 'connections'],
      [{ name: 'bad', connections: ['wessaal-demo', 'watsal-demo', 'wessaal-demo'] }, 'connections.2'],
      [{ name: 'bad name!', connections: ['wessaal-demo'] }, 'name'],
      [{ name: 'bad' }, 'connections'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const res = await stack.rest('POST', '/v1/routes', body);
      expect(res.status).toBe(400);
      expect(Object.keys((res.json as Problem).fields ?? {})).toContain(field);
    });

    it('answers 409 for a name taken, on create and on rename', async () => {
      await stack.rest('POST', '/v1/routes', { name: 'taken', connections: ['wessaal-demo'] });
      await stack.rest('POST', '/v1/routes', { name: 'other', connections: ['wessaal-demo'] });
      const again = await stack.rest('POST', '/v1/routes', { name: 'taken', connections: ['watsal-demo'] });
      expect(again.status).toBe(409);
      expect((again.json as Problem).fields).toHaveProperty('name');
      const rename = await stack.rest('PATCH', '/v1/routes/other', { name: 'taken' });
      expect(rename.status).toBe(409);
      const gql = await stack.gql(
        'mutation { createRoute(input: {name: "taken", connections: ["wessaal-demo"]}) { id } }',
      );
      expect(gql.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('refuses to delete a connection a route uses (409 naming the route), then allows it once removed', async () => {
      await stack.rest('POST', '/v1/connections', {
        name: 'wessaal-spare',
        provider: 'wessaal',
        credentials: { apiKey: 'sk_test_wessaal_demo' },
        baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      });
      await stack.rest('POST', '/v1/routes', { name: 'spare-route', connections: ['wessaal-spare'] });
      const refused = await stack.rest('DELETE', '/v1/connections/wessaal-spare');
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.json)).toContain('spare-route');
      expect((await stack.rest('GET', '/v1/connections/wessaal-spare')).status).toBe(200);

      // A renamed connection stays on its route (kept by id).
      await stack.rest('PATCH', '/v1/connections/wessaal-spare', { name: 'wessaal-spare-2' });
      expect((await stack.rest('GET', '/v1/routes/spare-route')).json).toMatchObject({
        connections: ['wessaal-spare-2'],
      });

      await stack.rest('PATCH', '/v1/routes/spare-route', { connections: ['wessaal-demo'] });
      expect((await stack.rest('DELETE', '/v1/connections/wessaal-spare-2')).status).toBe(200);
    });

    it("keeps tenants apart: another tenant neither sees the route nor can name the first tenant's connections", async () => {
      await stack.rest('POST', '/v1/routes', { name: 'mine', connections: ['wessaal-demo'] });
      const other = await stack.seedTenant([]);
      expect((await stack.rest('GET', '/v1/routes/mine', undefined, other.apiKey)).status).toBe(404);
      const res = await stack.rest(
        'POST',
        '/v1/routes',
        { name: 'x', connections: ['wessaal-demo'] },
        other.apiKey,
      );
      expect(res.status).toBe(400);
      expect((res.json as Problem).fields).toHaveProperty(['connections.0']);
    });
  });
});
