import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { bannerLines } from '../../../apps/simulator/src/banner.js';
import { admin, http } from '../../support/http.js';

const WESSAAL_KEY = { 'x-api-key': 'sk_test_wessaal_demo' };

async function wessaalSend(sim: StartedSimulator): Promise<number> {
  const res = await http(`${sim.url}/wessaal/integration/v1/messages/send`, {
    method: 'POST',
    headers: WESSAAL_KEY,
    json: { instance: 'my-instance', recipient: '+966501234567', message_type: 'text', content: 'hi' },
  });
  expect(res.status).toBe(202);
  return (res.json as { data: { message_id: number } }).data.message_id;
}

async function wamessengerInbound(sim: StartedSimulator): Promise<string> {
  const stored = await admin(sim.url).call<{ inbound: { message: { id: string } } }>('POST', '/inbound', {
    provider: 'wamessenger',
    from: '989121110000',
    text: 'hello',
  });
  return stored.inbound.message.id;
}

describe('simulator ids survive restarts', () => {
  it('never hands out a message id or received id of an earlier run', async () => {
    const first = await startSimulator({ port: 0 });
    let firstSend: number;
    let firstInbound: string;
    try {
      firstSend = await wessaalSend(first);
      firstInbound = await wamessengerInbound(first);
    } finally {
      await first.close();
    }
    // The next start is at least a millisecond later, as any real restart is.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await startSimulator({ port: 0 });
    try {
      expect(await wessaalSend(second)).toBeGreaterThan(firstSend);
      expect(BigInt(await wamessengerInbound(second))).toBeGreaterThan(BigInt(firstInbound));
    } finally {
      await second.close();
    }
  });
});

describe('simulator banner and fault paths', () => {
  let sim: StartedSimulator;
  let api: ReturnType<typeof admin>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    api = admin(sim.url);
  });
  afterAll(() => sim.close());
  afterEach(() => api.clearFaults());

  it('prints base URLs that routes answer under, never a bare prefix', async () => {
    const lines = bannerLines(sim.url, sim.core).join('\n');
    expect(lines).toContain(`${sim.url}/wessaal/integration/v1`);
    expect(lines).toContain(`${sim.url}/washeej/external-api`);
    expect(lines).not.toMatch(/\/wessaal\/\s/);
    const listed = await api.call<
      Array<{ provider: string; basePath: string; routes: Array<{ path: string }> }>
    >('GET', '/routes');
    expect(listed.map((p) => p.provider).sort()).toEqual([
      'wamessenger',
      'washeej',
      'watsal',
      'wessaal',
      'wutt',
    ]);
    for (const provider of listed) {
      expect(lines).toContain(`${sim.url}${provider.basePath}`);
      expect(provider.routes.some((r) => r.path.startsWith(`${provider.basePath}/`))).toBe(true);
    }
    // The printed base answers: the ping under it is a route, not a 404.
    const ping = await http(`${sim.url}/wessaal/integration/v1/ping`, { headers: WESSAAL_KEY });
    expect(ping.status).toBe(200);
  });

  it('matches a fault by the full path or the path after the prefix', async () => {
    for (const path of [
      '/wessaal/integration/v1/ping',
      '/integration/v1/ping',
      '/wessaal/integration/v1/*',
    ]) {
      await api.addFault({ provider: 'wessaal', kind: 'error', status: 503, path, times: 1 });
      const res = await http(`${sim.url}/wessaal/integration/v1/ping`, { headers: WESSAAL_KEY });
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
    }
  });

  it('refuses with 400 a fault that could never fire, saying why', async () => {
    const wrongPrefix = await http(`${sim.url}/__admin/faults`, {
      method: 'POST',
      json: { provider: 'wessaal', kind: 'error', path: '/wessaal/v1/ping' },
    });
    expect(wrongPrefix.status).toBe(400);
    expect(wrongPrefix.text).toContain('could never fire');
    expect(wrongPrefix.text).toContain('/wessaal/v1/ping');
    const wrongProvider = await http(`${sim.url}/__admin/faults`, {
      method: 'POST',
      json: { provider: 'watsal', kind: 'error', path: '/integration/v1/ping' },
    });
    expect(wrongProvider.status).toBe(400);
    const wrongMethod = await http(`${sim.url}/__admin/faults`, {
      method: 'POST',
      json: { provider: 'wessaal', kind: 'error', method: 'DELETE', path: '/integration/v1/ping' },
    });
    expect(wrongMethod.status).toBe(400);
    expect(await api.call<unknown[]>('GET', '/faults')).toEqual([]);
    // A parameter in the route takes any value; `**` any depth.
    await api.addFault({
      provider: 'wessaal',
      kind: 'error',
      method: 'GET',
      path: '/integration/v1/messages/42',
    });
    await api.addFault({ provider: 'wamessenger', kind: 'delay', path: '/**', delayMs: 1 });
  });
});

describe('simulator per-account caps', () => {
  let sim: StartedSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, maxMessagesPerAccount: 16 });
  });
  afterAll(() => sim.close());

  it('evicts the oldest final messages first; an evicted id answers as an unknown one', async () => {
    const api = admin(sim.url);
    const account = await api.createAccount<{ id: string; credentials: { apiKey: string } }>('wessaal', {
      credits: 100,
    });
    const headers = { 'x-api-key': account.credentials.apiKey };
    const send = async (): Promise<number> => {
      const res = await http(`${sim.url}/wessaal/integration/v1/messages/send`, {
        method: 'POST',
        headers,
        json: { instance: 'my-instance', recipient: '+966501234567', message_type: 'text', content: 'hi' },
      });
      expect(res.status).toBe(202);
      return (res.json as { data: { message_id: number } }).data.message_id;
    };
    const delivered: number[] = [];
    for (let i = 0; i < 10; i++) delivered.push(await send());
    await api.call('POST', '/clock/advance', { ms: 60_000 });
    const inFlight: number[] = [];
    for (let i = 0; i < 10; i++) inFlight.push(await send());

    const status = async (id: number) =>
      http(`${sim.url}/wessaal/integration/v1/messages/${id}/status`, { headers });
    // 20 sent, cap 16 (headroom 1): the 17th and the 19th send each dropped the two oldest delivered messages.
    const unknown = await status(1);
    expect(unknown.status).toBe(404);
    for (const id of delivered.slice(0, 4))
      expect(await status(id)).toMatchObject({ status: 404, json: unknown.json });
    for (const id of delivered.slice(4)) expect((await status(id)).status).toBe(200);
    for (const id of inFlight) expect((await status(id)).status).toBe(200);
    const phone = await api.call<unknown[]>('GET', `/messages?account=${account.id}`);
    expect(phone.length).toBeLessThanOrEqual(16);
  });
});
