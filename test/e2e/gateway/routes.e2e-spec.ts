import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

interface Attempt {
  number: number;
  connection: string;
  provider: string;
  outcome: string | null;
  errorCode: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface Message {
  id: string;
  status: string;
  connection: string;
  route: string | null;
  carriedBy: string | null;
  possibleDuplicate: boolean;
  providerMessageId: string | null;
  attempts: number;
  attemptHistory: Attempt[];
  error: { code: string } | null;
}

let counter = 0;
/** A recipient no other test uses (the journal is searched by recipient). */
const fresh = (): string =>
  `+96655${String(Date.now() % 100_000).padStart(5, '0')}${String(counter++ % 100).padStart(2, '0')}`;

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

  describe('sending by route', () => {
    const WESSAAL_SEND = { provider: 'wessaal', kind: 'error', method: 'POST', path: '**/messages/send' };
    const WAMESSENGER_SEND = {
      provider: 'wamessenger',
      kind: 'error',
      method: 'POST',
      path: '**/sendMessage/*',
    };
    const send = async (body: Record<string, unknown>) => {
      const res = await stack.rest('POST', '/v1/messages', body);
      return { status: res.status, message: res.json as Message, problem: res.json as Problem };
    };
    const sendsTo = async (provider: string, to: string): Promise<number> =>
      (await stack.simAdmin.requests(`?provider=${provider}&limit=1000`)).filter(
        (entry) => entry.method === 'POST' && JSON.stringify(entry.requestBody ?? null).includes(to.slice(1)),
      ).length;

    beforeAll(async () => {
      await stack.rest('POST', '/v1/routes', {
        name: 'failover',
        connections: ['wessaal-demo', 'wamessenger-demo'],
      });
      await stack.rest('POST', '/v1/routes', { name: 'otp', connections: ['watsal-demo', 'wessaal-demo'] });
      await stack.rest('POST', '/v1/routes', { name: 'templates-only', connections: ['watsal-demo'] });
    });
    afterEach(() => stack.simAdmin.clearFaults());

    it('refuses a send naming both a connection and a route, or neither, with 400 naming the field', async () => {
      const both = await send({ connection: 'wessaal-demo', route: 'failover', to: fresh(), text: 'x' });
      expect(both.status).toBe(400);
      expect(both.problem.fields).toHaveProperty('route');
      const neither = await send({ to: fresh(), text: 'x' });
      expect(neither.status).toBe(400);
      expect(neither.problem.fields).toHaveProperty('connection');
      const gql = await stack.gql(
        'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
        { input: { to: fresh(), text: 'x' } },
      );
      expect(gql.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await send({ route: 'no-such-route', to: fresh(), text: 'x' })).status).toBe(404);
      for (const route of ['r'.repeat(64), 'r\u0000', '', 42]) {
        const bad = await send({ route, to: fresh(), text: 'x' });
        expect(bad.status).toBe(400);
        expect(bad.problem.fields).toHaveProperty('route');
      }
    });

    it('skips the connections without the capability and refuses when none has it', async () => {
      const skipped = await send({ route: 'otp', to: fresh(), text: 'watsal sends no text' });
      expect(skipped.status).toBe(201);
      expect(skipped.message).toMatchObject({
        route: 'otp',
        connection: 'wessaal-demo',
        carriedBy: 'wessaal-demo',
      });
      expect(skipped.message.attemptHistory).toHaveLength(1);
      const none = await send({ route: 'templates-only', to: fresh(), text: 'x' });
      expect(none.status).toBe(422);
      expect(none.problem.code).toBe('UNSUPPORTED_CAPABILITY');
    });

    it('fails over within the request from a connection that fails transiently to the next, and records both attempts', async () => {
      await stack.simAdmin.addFault({ ...WESSAAL_SEND, status: 503, times: 1 });
      const to = fresh();
      const { status, message } = await send({ route: 'failover', to, text: 'failover please' });
      expect(status).toBe(201);
      expect(message).toMatchObject({
        route: 'failover',
        connection: 'wamessenger-demo',
        provider: 'wamessenger',
        carriedBy: 'wamessenger-demo',
        possibleDuplicate: false,
        attempts: 2,
        error: null,
      });
      expect(message.providerMessageId).not.toBeNull();
      expect(message.attemptHistory).toMatchObject([
        {
          number: 1,
          connection: 'wessaal-demo',
          provider: 'wessaal',
          outcome: 'TRANSIENT',
          errorCode: 'PROVIDER_UNAVAILABLE',
        },
        {
          number: 2,
          connection: 'wamessenger-demo',
          provider: 'wamessenger',
          outcome: 'ACCEPTED',
          errorCode: null,
        },
      ]);
      for (const attempt of message.attemptHistory) expect(attempt.finishedAt).not.toBeNull();
      expect(await sendsTo('wamessenger', to)).toBe(1);

      const gql = await stack.gql<{ message: Message }>(
        'query ($id: ID!) { message(id: $id) { route carriedBy possibleDuplicate attemptHistory { number connection outcome } } }',
        { id: message.id },
      );
      expect(gql.data?.message).toEqual({
        route: 'failover',
        carriedBy: 'wamessenger-demo',
        possibleDuplicate: false,
        attemptHistory: [
          { number: 1, connection: 'wessaal-demo', outcome: 'TRANSIENT' },
          { number: 2, connection: 'wamessenger-demo', outcome: 'ACCEPTED' },
        ],
      });
    });

    it('does not fail over on a definitive rejection of the recipient', async () => {
      const to = '+966500000002'; // the simulator's blocked contact
      const before = await sendsTo('wamessenger', to);
      const { status, message } = await send({ route: 'failover', to, text: 'blocked' });
      expect(status).toBe(201);
      expect(message.status).toBe('FAILED');
      expect(message.carriedBy).toBeNull();
      expect(message.attemptHistory).toMatchObject([
        { number: 1, connection: 'wessaal-demo', outcome: 'REJECTED', errorCode: message.error!.code },
      ]);
      expect(await sendsTo('wamessenger', to)).toBe(before);
    });

    it('moves on along the route on scheduler retries when every connection failed in the request', async () => {
      await stack.simAdmin.addFault({ ...WESSAAL_SEND, status: 503, times: 1 });
      await stack.simAdmin.addFault({ ...WAMESSENGER_SEND, status: 503, times: 1 });
      const to = fresh();
      const { message } = await send({ route: 'failover', to, text: 'later' });
      expect(message.status).toBe('QUEUED');
      expect(message.attemptHistory.map((a) => [a.connection, a.outcome])).toEqual([
        ['wessaal-demo', 'TRANSIENT'],
        ['wamessenger-demo', 'TRANSIENT'],
      ]);
      const done = await waitFor(
        'the scheduler retry on the next connection',
        async () => (await stack.rest('GET', `/v1/messages/${message.id}`)).json as Message,
        (m) => m.carriedBy !== null,
        30_000,
      );
      expect(done.attemptHistory.map((a) => [a.number, a.connection, a.outcome])).toEqual([
        [1, 'wessaal-demo', 'TRANSIENT'],
        [2, 'wamessenger-demo', 'TRANSIENT'],
        [3, 'wessaal-demo', 'ACCEPTED'],
      ]);
      expect(done).toMatchObject({ connection: 'wessaal-demo', carriedBy: 'wessaal-demo', attempts: 3 });
    });

    it('sends by route on GraphQL too, with the route, carrier and attempts on the answer', async () => {
      await stack.simAdmin.addFault({ ...WESSAAL_SEND, status: 503, times: 1 });
      const res = await stack.gql<{ sendMessage: Message }>(
        `mutation ($input: SendMessageInput!) {
          sendMessage(input: $input) { route connection carriedBy possibleDuplicate attemptHistory { number connection outcome errorCode } }
        }`,
        { input: { route: 'failover', to: fresh(), text: 'over GraphQL' } },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.sendMessage).toEqual({
        route: 'failover',
        connection: 'wamessenger-demo',
        carriedBy: 'wamessenger-demo',
        possibleDuplicate: false,
        attemptHistory: [
          { number: 1, connection: 'wessaal-demo', outcome: 'TRANSIENT', errorCode: 'PROVIDER_UNAVAILABLE' },
          { number: 2, connection: 'wamessenger-demo', outcome: 'ACCEPTED', errorCode: null },
        ],
      });
    });

    it('queues a send by route (Prefer: respond-async): the scheduler fails over along the route', async () => {
      await stack.simAdmin.addFault({ ...WESSAAL_SEND, status: 503, times: 1 });
      const res = await http(`${stack.url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.tenant.apiKey}`, prefer: 'respond-async' },
        json: { route: 'failover', to: fresh(), text: 'queued along a route' },
      });
      expect(res.status).toBe(202);
      const queued = res.json as Message;
      expect(queued).toMatchObject({ route: 'failover', connection: 'wessaal-demo' });
      const done = await waitFor(
        'the queued send to be carried',
        async () => (await stack.rest('GET', `/v1/messages/${queued.id}`)).json as Message,
        (m) => m.carriedBy !== null,
        30_000,
      );
      expect(done.attemptHistory.map((a) => [a.number, a.connection, a.outcome])).toEqual([
        [1, 'wessaal-demo', 'TRANSIENT'],
        [2, 'wamessenger-demo', 'ACCEPTED'],
      ]);
    });

    it('records the single attempt of a plain connection send too', async () => {
      const { message } = await send({ connection: 'wessaal-demo', to: fresh(), text: 'plain' });
      expect(message).toMatchObject({ route: null, carriedBy: 'wessaal-demo', possibleDuplicate: false });
      expect(message.attemptHistory).toMatchObject([
        { number: 1, connection: 'wessaal-demo', outcome: 'ACCEPTED' },
      ]);
    });
  });
});
