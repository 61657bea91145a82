import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin, api, createAccount, DEMO, type TestAccount } from './washeej.e2e-helpers.js';

describe('Washeej/Wutt simulator: auth, plans, prefixes and mounts', () => {
  let sim: StartedSimulator;
  let account: TestAccount;
  const list = (headers: Record<string, string>, provider = 'washeej') =>
    fetch(`${sim.url}/${provider}/external-api/contact/list`, { headers }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    account = await createAccount(sim);
  });
  afterAll(() => sim.close());

  it('checks client-id first, then client-secret, then the pair (all 401 Unauthorized)', async () => {
    expect(await list({})).toEqual({
      status: 401,
      body: { remark: 'Unauthorized', status: 'error', message: ['The client id is required'] },
    });
    expect(await list({ 'client-secret': account.clientSecret })).toMatchObject({
      status: 401,
      body: { message: ['The client id is required'] },
    });
    expect(await list({ 'client-id': account.clientId })).toEqual({
      status: 401,
      body: { remark: 'Unauthorized', status: 'error', message: ['The client secret is required'] },
    });
    expect(await list({ 'client-id': account.clientId, 'client-secret': 'wrong' })).toEqual({
      status: 401,
      body: { remark: 'Unauthorized', status: 'error', message: ['Invalid credentials'] },
    });
    expect(await list({ 'client-id': 'nobody', 'client-secret': account.clientSecret })).toMatchObject({
      status: 401,
      body: { message: ['Invalid credentials'] },
    });
  });

  it('refuses a caller IP outside the whitelist with the doc sentences and the real IP', async () => {
    const other = await createAccount(sim, 'washeej', { ipWhitelist: ['10.1.2.3'], plan: 'none' });
    const reply = await api(sim, other).get('/contact/list');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      remark: 'Unauthorized',
      status: 'error',
      message: [
        'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
        'In order to access this API endpoint, please add your IP address (127.0.0.1) to the white list from the user dashboard.',
      ],
    });
    const journal = await admin(sim, 'GET', `/requests?account=${other.id}`);
    expect((journal.body as unknown as Array<{ status: number }>)[0]).toMatchObject({ status: 401 });
  });

  it.each([
    ['none', 'subscription_required'],
    ['expired', 'subscription_required'],
    ['no_api', 'not_available'],
  ])('plan %s answers HTTP 200 remark %s on every endpoint', async (plan, remark) => {
    const other = await createAccount(sim, 'washeej', { plan });
    const client = api(sim, other);
    for (const reply of [
      await client.get('/contact/list'),
      await client.post('/inbox/send-message', { mobile_code: '966', mobile: '500000000', message: 'x' }),
    ]) {
      expect(reply.status).toBe(200);
      expect(reply.body.remark).toBe(remark);
      expect(reply.body.status).toBe('error');
      expect(reply.body.message?.length).toBeGreaterThan(0);
      expect(reply.body).not.toHaveProperty('data');
    }
  });

  it('answers 429 in the platform style when the account has a rate limit', async () => {
    const limited = await createAccount(sim, 'washeej', { rateLimitPerMinute: 2 });
    const client = api(sim, limited);
    expect((await client.get('/contact/list')).status).toBe(200);
    expect((await client.get('/contact/list')).status).toBe(200);
    const third = await client.get('/contact/list');
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ remark: 'too_many_requests', status: 'error' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('serves the docs prefix extern-api as an alias of external-api', async () => {
    const headers = { 'client-id': DEMO.washeej.clientId, 'client-secret': DEMO.washeej.clientSecret };
    const alias = await fetch(`${sim.url}/washeej/extern-api/contact/list`, { headers });
    expect(alias.status).toBe(200);
    expect(await alias.json()).toMatchObject({ remark: 'contact-list', status: 'success' });
  });

  it('keeps the two mounts apart: each has its own demo account and credentials', async () => {
    const wutt = await api(sim, DEMO.wutt, 'wutt').get('/contact/list');
    expect(wutt.status).toBe(200);
    expect(wutt.body.remark).toBe('contact-list');
    const crossed = await api(sim, DEMO.washeej, 'wutt').get('/contact/list');
    expect(crossed).toMatchObject({ status: 401, body: { message: ['Invalid credentials'] } });
    const wuttFresh = await createAccount(sim, 'wutt');
    expect(wuttFresh.clientId.startsWith('wutt-id-')).toBe(true);
    expect((await api(sim, wuttFresh, 'washeej').get('/contact/list')).status).toBe(401);
    expect((await api(sim, wuttFresh, 'wutt').get('/inbox/template-list')).body.remark).toBe('template_list');
  });

  it('answers unknown routes and wrong methods with a 404 in the platform style, before auth', async () => {
    const notFound = { remark: 'not_found', status: 'error', message: ['Route not found'] };
    const unknown = await fetch(`${sim.url}/washeej/external-api/contact/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(notFound);
    const wrongMethod = await api(sim, account).raw('PUT', '/contact/list');
    expect(wrongMethod).toMatchObject({ status: 404, body: notFound });
    const getOnPost = await api(sim, account).get('/inbox/send-message');
    expect(getOnPost).toMatchObject({ status: 404, body: notFound });
    const outside = await fetch(`${sim.url}/wutt/api/v1/contacts`);
    expect(outside.status).toBe(404);
    expect(await outside.json()).toEqual(notFound);
  });

  it('answers injected faults with the platform body for the status', async () => {
    const fault = await admin(sim, 'POST', '/faults', {
      provider: 'washeej',
      kind: 'error',
      status: 500,
      path: '/external-api/contact/list',
      times: 1,
    });
    expect(fault.status).toBe(201);
    const reply = await api(sim, account).get('/contact/list');
    expect(reply.status).toBe(500);
    expect(reply.body).toMatchObject({ remark: 'exception', status: 'error' });
    expect((await api(sim, account).get('/contact/list')).status).toBe(200);
  });
});
