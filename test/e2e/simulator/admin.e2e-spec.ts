import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin, http } from '../../support/http.js';

/** The control API contract: names and shapes tests across the company rely on. */
describe('simulator control API (/__admin)', () => {
  let sim: StartedSimulator;
  let api: ReturnType<typeof admin>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    api = admin(sim.url);
  });
  afterAll(() => sim.close());
  afterEach(() => api.clearFaults());

  it('lists the demo seed accounts of every provider', async () => {
    const accounts = await api.call<Array<{ id: string; provider: string }>>('GET', '/accounts');
    expect(accounts.map((a) => a.id)).toEqual(
      expect.arrayContaining([
        'washeej-demo',
        'wutt-demo',
        'watsal-demo',
        'wessaal-demo',
        'wessaal-readonly',
        'wessaal-empty',
        'wamessenger-demo',
      ]),
    );
    const wessaal = await api.call<Array<{ provider: string }>>('GET', '/accounts?provider=wessaal');
    expect(new Set(wessaal.map((a) => a.provider))).toEqual(new Set(['wessaal']));
  });

  it('creates isolated accounts with fresh credentials for every provider, and patches them', async () => {
    for (const provider of ['washeej', 'wutt', 'watsal', 'wessaal', 'wamessenger']) {
      const a = await api.createAccount<{
        id: string;
        provider: string;
        credentials: Record<string, string>;
        seeded: boolean;
      }>(provider);
      const b = await api.createAccount<{ id: string; credentials: Record<string, string> }>(provider);
      expect(a).toMatchObject({ provider, seeded: false });
      expect(a.id).not.toBe(b.id);
      expect(a.credentials).not.toEqual(b.credentials);
    }
    const created = await api.createAccount<{ id: string }>('wessaal', { credits: 3 });
    const patched = await api.patchAccount(created.id, {
      ipWhitelist: ['10.0.0.1'],
      credits: 7,
      scopes: ['read_messages'],
      plan: 'expired',
      rateLimitPerMinute: 5,
    });
    expect(patched).toMatchObject({
      ipWhitelist: ['10.0.0.1'],
      credits: 7,
      scopes: ['read_messages'],
      plan: 'expired',
      rateLimitPerMinute: 5,
    });
  });

  it('rejects bad control input with 400 naming the field, and unknown ids with 404', async () => {
    const bad = await http(`${sim.url}/__admin/accounts`, { method: 'POST', json: { provider: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('provider');
    const badPlan = await http(`${sim.url}/__admin/accounts/wessaal-demo`, {
      method: 'PATCH',
      json: { plan: 'gold' },
    });
    expect(badPlan.status).toBe(400);
    expect(badPlan.text).toContain('plan');
    const extra = await http(`${sim.url}/__admin/accounts/wessaal-demo`, {
      method: 'PATCH',
      json: { hacker: true },
    });
    expect(extra.status).toBe(400);
    const malformed = await http(`${sim.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"provider":',
    });
    expect(malformed.status).toBe(400);
    expect((await http(`${sim.url}/__admin/accounts/missing`, { method: 'PATCH', json: {} })).status).toBe(
      404,
    );
    expect((await http(`${sim.url}/__admin/reset?account=missing`, { method: 'POST' })).status).toBe(404);
    expect((await http(`${sim.url}/__admin/faults/flt_missing`, { method: 'DELETE' })).status).toBe(404);
    expect((await http(`${sim.url}/__admin/otp/req_missing`)).status).toBe(404);
    expect(
      (await http(`${sim.url}/__admin/clock/advance`, { method: 'POST', json: { ms: -1 } })).status,
    ).toBe(400);
  });

  it('resets one account to its seed and everything with a full reset', async () => {
    await api.patchAccount('wessaal-demo', { credits: 1 });
    await api.patchAccount('watsal-demo', { rateLimitPerMinute: 9 });
    const one = await api.reset('wessaal-demo');
    expect(one).toMatchObject({ reset: 'account', account: { id: 'wessaal-demo', credits: 250 } });
    const watsal = await api.call<{ rateLimitPerMinute: number }>('GET', '/accounts/watsal-demo');
    expect(watsal.rateLimitPerMinute).toBe(9);
    const created = await api.createAccount<{ id: string }>('watsal');
    await api.reset();
    const after = await api.call<{ rateLimitPerMinute: number }>('GET', '/accounts/watsal-demo');
    expect(after.rateLimitPerMinute).toBe(0);
    expect((await http(`${sim.url}/__admin/accounts/${created.id}`)).status).toBe(404);
  });

  it('keeps a journal of provider requests, newest first, filtered by provider and limited', async () => {
    await http(`${sim.url}/wessaal/integration/v1/ping`, {
      headers: { 'x-api-key': 'sk_test_wessaal_demo' },
    });
    await http(`${sim.url}/watsal/v1/messages/req_nope`, {
      headers: { authorization: 'Bearer watsal-demo-key' },
    });
    const all = await api.requests('?limit=2');
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      provider: 'watsal',
      method: 'GET',
      status: 404,
      accountId: 'watsal-demo',
    });
    expect(all[1]).toMatchObject({ provider: 'wessaal', path: '/wessaal/integration/v1/ping', status: 200 });
    const wessaal = await api.requests('?provider=wessaal&limit=1');
    expect(wessaal[0]).toMatchObject({ provider: 'wessaal' });
  });

  it('never journals the WaMessenger key that travels in the path', async () => {
    await http(`${sim.url}/wamessenger/pending/wamessenger-demo-key`);
    const [entry] = await api.requests('?provider=wamessenger&limit=1');
    expect(JSON.stringify(entry)).not.toContain('wamessenger-demo-key');
  });

  it('injects error faults with a body or in the provider style, limited by times', async () => {
    await api.addFault({
      provider: 'wessaal',
      kind: 'error',
      path: '/integration/v1/ping',
      status: 503,
      times: 1,
    });
    const first = await http(`${sim.url}/wessaal/integration/v1/ping`, {
      headers: { 'x-api-key': 'sk_test_wessaal_demo' },
    });
    expect(first.status).toBe(503);
    expect(first.json).toMatchObject({ success: false });
    const second = await http(`${sim.url}/wessaal/integration/v1/ping`, {
      headers: { 'x-api-key': 'sk_test_wessaal_demo' },
    });
    expect(second.status).toBe(200);

    await api.addFault({ provider: 'wamessenger', kind: 'error', status: 502, body: 'upstream down' });
    const text = await http(`${sim.url}/wamessenger/pending/wamessenger-demo-key`);
    expect(text).toMatchObject({ status: 502, text: 'upstream down' });
  });

  it('lists and deletes faults one by one or all together', async () => {
    const a = await api.addFault({ provider: 'watsal', kind: 'delay', delayMs: 10 });
    await api.addFault({ provider: 'watsal', kind: 'reset', method: 'POST' });
    const listed = await api.call<Array<{ id: string }>>('GET', '/faults');
    expect(listed.map((f) => f.id)).toContain(a.id);
    await api.call('DELETE', `/faults/${a.id}`);
    expect((await api.call<unknown[]>('GET', '/faults')).length).toBe(1);
    expect(await api.call('DELETE', '/faults')).toEqual({ removed: 1 });
  });

  it('delays, resets and hangs requests', async () => {
    await api.addFault({ provider: 'wessaal', kind: 'delay', delayMs: 150, times: 1 });
    const started = Date.now();
    const delayed = await http(`${sim.url}/wessaal/integration/v1/ping`, {
      headers: { 'x-api-key': 'sk_test_wessaal_demo' },
    });
    expect(delayed.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    await api.addFault({ provider: 'wessaal', kind: 'reset', times: 1 });
    await expect(fetch(`${sim.url}/wessaal/integration/v1/ping`)).rejects.toThrow();

    await api.addFault({ provider: 'wessaal', kind: 'hang', times: 1 });
    await expect(
      fetch(`${sim.url}/wessaal/integration/v1/ping`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
  });

  it('repeats a probabilistic fault pattern for the same seed', async () => {
    const pattern = async (): Promise<number[]> => {
      await api.clearFaults();
      await api.addFault({ provider: 'wessaal', kind: 'error', status: 500, probability: 0.5, seed: 1234 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          (
            await http(`${sim.url}/wessaal/integration/v1/ping`, {
              headers: { 'x-api-key': 'sk_test_wessaal_demo' },
            })
          ).status,
        );
      }
      return statuses;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500]));
  });

  it('reads and advances the clock', async () => {
    const before = await api.call<{ offsetMs: number; now: string }>('GET', '/clock');
    const after = await api.advance(90_000);
    expect(after).toMatchObject({ offsetMs: before.offsetMs + 90_000 });
  });

  it('delivers an inbound customer message and shows phone messages and OTP codes', async () => {
    const inbound = await api.inbound({
      provider: 'wamessenger',
      from: '+989121234567',
      text: 'hello there',
    });
    expect(inbound).toMatchObject({ provider: 'wamessenger', account: 'wamessenger-demo' });
    const received = await http(`${sim.url}/wamessenger/showAllGetMessages/wamessenger-demo-key`);
    expect(JSON.stringify(received.json)).toContain('hello there');

    const sent = await http(`${sim.url}/watsal/v1/verify/send`, {
      method: 'POST',
      headers: { authorization: 'Bearer watsal-demo-key' },
      json: { phone: '+201012345678', length: 4 },
    });
    const requestId = (sent.json as { data: { request_id: string } }).data.request_id;
    const { code } = await api.otp(requestId);
    expect(code).toMatch(/^\d{4}$/);
    const phone = await api.messages('?provider=watsal&to=%2B201012345678');
    expect(phone.some((m) => String(m.text).includes(code))).toBe(true);
  });

  it('rejects inbound for an unknown account or a malformed number', async () => {
    expect(
      (
        await http(`${sim.url}/__admin/inbound`, {
          method: 'POST',
          json: { provider: 'wamessenger', account: 'missing', from: '+989121234567', text: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await http(`${sim.url}/__admin/inbound`, {
          method: 'POST',
          json: { provider: 'wamessenger', from: 'not-a-number', text: 'x' },
        })
      ).status,
    ).toBe(400);
  });
});
