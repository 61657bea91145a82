import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';

/** A local webhook endpoint that records JSON bodies and answers `status`. */
interface Receiver {
  url: string;
  bodies: unknown[];
  status: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const bodies: unknown[] = [];
  const receiver = { bodies, status: 200 } as Receiver;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      if (receiver.status < 300) bodies.push(JSON.parse(raw));
      res.statusCode = receiver.status;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('WaMessenger simulator: webhooks, receiving and settings', () => {
  let sim: StartedSimulator;
  let hook: Receiver;
  const SLOW = { sentMs: 10_000, deliveredMs: 10_000, readMs: 10_000 };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    hook = await startReceiver();
  });
  afterAll(async () => {
    await sim.close();
    await hook.close();
  });
  beforeEach(() => {
    hook.bodies.length = 0;
    hook.status = 200;
  });

  async function admin(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${sim.url}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function newAccount(): Promise<{ id: string; key: string }> {
    const res = await admin('POST', '/accounts', { provider: 'wamessenger', delays: SLOW });
    const account = (await res.json()) as { id: string; credentials: { apiKey: string } };
    return { id: account.id, key: account.credentials.apiKey };
  }

  const advance = (ms: number): Promise<Response> => admin('POST', '/clock/advance', { ms });
  const getJson = async (path: string): Promise<Record<string, unknown>> =>
    (await fetch(`${sim.url}/wamessenger${path}`)).json() as Promise<Record<string, unknown>>;

  async function inbound(account: string, from: string, text: string): Promise<Record<string, unknown>> {
    const res = await admin('POST', '/inbound', { provider: 'wamessenger', account, from, text });
    expect(res.status).toBe(201);
    return ((await res.json()) as { inbound: Record<string, unknown> }).inbound;
  }

  async function send(key: string, phonenumber: string): Promise<string> {
    const res = await fetch(`${sim.url}/wamessenger/sendMessage/${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `phonenumber=${phonenumber}&text=hello`,
    });
    expect(res.status).toBe(200);
    return res.text();
  }

  it('webhook set, invalid, missing and remove', async () => {
    const { key } = await newAccount();
    expect(await getJson(`/webhook/set/${key}?url=${encodeURIComponent('https://test.com')}`)).toEqual({
      set: 'true',
      url: 'https://test.com',
      message: 'Webhook has been set successfully',
    });
    expect(await getJson(`/webhook/set/${key}?url=not-a-url`)).toEqual({
      set: 'false',
      url: 'not-a-url',
      message: 'Webhook url is not valid',
    });
    const missing = await fetch(`${sim.url}/wamessenger/webhook/set/${key}`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toBe('Bad Request');
    expect(await getJson(`/webhook/pending/${key}`)).toMatchObject({ url: 'https://test.com' });
    expect(await getJson(`/webhook/remove/${key}`)).toEqual({
      set: 'true',
      url: '',
      message: 'Webhook successfully removed',
    });
    expect(await getJson(`/webhook/pending/${key}`)).toEqual({
      pending: 0,
      hash: key,
      message: 'You have 0 pending messages',
      url: '',
    });
  });

  it('posts delivery reports 1, 2, 3 with the exact documented-assumption shape', async () => {
    const { key } = await newAccount();
    await getJson(`/webhook/set/${key}?url=${encodeURIComponent(hook.url)}`);
    const id = await send(key, '989121234567');
    await advance(10_000);
    await until(() => hook.bodies.length === 1, 'the server report');
    await advance(20_000);
    await until(() => hook.bodies.length === 3, 'all three reports');
    expect(hook.bodies).toEqual(
      [1, 2, 3].map((delivery) => ({
        Hash: key,
        DataType: 'delivery',
        ID: id,
        delivery,
        phonenumber: '989121234567',
      })),
    );
    expect(Object.keys(hook.bodies[0] as object)).toEqual([
      'Hash',
      'DataType',
      'ID',
      'delivery',
      'phonenumber',
    ]);
  });

  it('receive is off for new accounts and turns on 30 s after the request', async () => {
    const { id, key } = await newAccount();
    expect(await inbound(id, '989121234567', 'lost')).toMatchObject({ received: false });
    expect(await getJson(`/receive/${key}?receive=on`)).toEqual({
      set: 'True',
      message: 'Receive changed to on',
    });
    await advance(29_000);
    expect(await inbound(id, '989121234567', 'still lost')).toMatchObject({ received: false });
    await advance(1_000);
    await getJson(`/webhook/set/${key}?url=${encodeURIComponent(hook.url)}`);
    const stored = await inbound(id, '+989121234567', 'test');
    expect(stored).toMatchObject({ received: true, seen: false });
    const received = (await getJson(`/showAllGetMessages/${key}`)) as {
      data: Array<Record<string, string>>;
    };
    expect(received).toMatchObject({ count: 1, pageCount: 1, page: 'page 1 from 1' });
    const item = received.data[0]!;
    expect(item).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'chat',
      from: '989121234567',
      to: expect.stringMatching(/^98912\d{7}$/),
      date: expect.stringMatching(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/),
      chat: 'test',
    });
    await until(() => hook.bodies.length === 1, 'the inbound webhook');
    expect(hook.bodies[0]).toEqual({
      Hash: key,
      DataType: 'message',
      ID: item.id,
      From: '989121234567',
      To: item.to,
      Type: 'chat',
      Chat: 'test',
      Date: item.date,
    });
    expect(Object.keys(hook.bodies[0] as object)).toEqual([
      'Hash',
      'DataType',
      'ID',
      'From',
      'To',
      'Type',
      'Chat',
      'Date',
    ]);
    expect(await getJson(`/receive/${key}?receive=off`)).toEqual({
      set: 'True',
      message: 'Receive changed to off',
    });
    await advance(30_000);
    expect(await inbound(id, '989121234567', 'off again')).toMatchObject({ received: false });
  });

  it('showAllGetMessages lists newest first and filters by sender number or prefix', async () => {
    const { id, key } = await newAccount();
    await getJson(`/receive/${key}?receive=on`);
    await advance(30_000);
    await inbound(id, '989351112233', 'from 0935');
    await inbound(id, '989121234567', 'from 0912');
    const all = (await getJson(`/showAllGetMessages/${key}`)) as { data: Array<Record<string, string>> };
    expect(all.data.map((m) => m.chat)).toEqual(['from 0912', 'from 0935']);
    expect(Number(all.data[0]!.id)).toBe(Number(all.data[1]!.id) + 1);
    const filtered = (await getJson(`/showAllGetMessages/${key}?phonenumber=0935`)) as {
      count: number;
      data: Array<Record<string, string>>;
    };
    expect(filtered.count).toBe(1);
    expect(filtered.data[0]!.chat).toBe('from 0935');
    const res = await fetch(`${sim.url}/wamessenger/showAllGetMessages/${key}?page=abc`);
    expect(res.status).toBe(400);
  });

  it('sendSeen: off by default, on 30 s after the request marks inbound messages seen', async () => {
    const { id, key } = await newAccount();
    await getJson(`/receive/${key}?receive=on`);
    expect(await getJson(`/sendSeen/${key}?seen=on`)).toEqual({
      set: 'True',
      message: 'sendSeen changed to on',
    });
    await advance(30_000);
    expect(await inbound(id, '989121234567', 'seen')).toMatchObject({ received: true, seen: true });
    expect(await getJson(`/sendSeen/${key}?seen=off`)).toEqual({
      set: 'True',
      message: 'sendSeen changed to off',
    });
    expect(await inbound(id, '989121234567', 'still seen')).toMatchObject({ seen: true });
    await advance(30_000);
    expect(await inbound(id, '989121234567', 'not seen')).toMatchObject({ received: true, seen: false });
    for (const q of ['', '?seen=maybe', '?seen=ON']) {
      const res = await fetch(`${sim.url}/wamessenger/sendSeen/${key}${q}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('Bad Request');
    }
    const badReceive = await fetch(`${sim.url}/wamessenger/receive/${key}?receive=1`);
    expect(badReceive.status).toBe(400);
  });

  it('failed deliveries stay queued; webhook/pending counts them and resend redelivers for real', async () => {
    const { key } = await newAccount();
    hook.status = 500;
    await getJson(`/webhook/set/${key}?url=${encodeURIComponent(hook.url)}`);
    const id = await send(key, '966500000004'); // reads instantly: three reports at once
    await advance(10_000);
    let pending = 0;
    for (let i = 0; i < 200 && pending < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      pending = (await getJson(`/webhook/pending/${key}`)).pending as number;
    }
    expect(await getJson(`/webhook/pending/${key}`)).toEqual({
      pending: 3,
      hash: key,
      message: 'You have 3 pending messages',
      url: hook.url,
    });
    hook.status = 200;
    expect(await getJson(`/webhook/resend/${key}`)).toEqual({
      pending: 3,
      hash: key,
      message: `Resend 3 messages to ${hook.url}`,
      url: hook.url,
    });
    expect(hook.bodies.map((b) => (b as { delivery: number }).delivery)).toEqual([1, 2, 3]);
    expect((hook.bodies[0] as { ID: string }).ID).toBe(id);
    expect(await getJson(`/webhook/pending/${key}`)).toMatchObject({ pending: 0 });
  });

  it('events without a webhook URL are queued for 48 h of simulator time', async () => {
    const { key } = await newAccount();
    await send(key, '966500000003'); // never delivered: one report (server)
    await advance(10_000);
    expect(await getJson(`/webhook/pending/${key}`)).toMatchObject({ pending: 1, url: '' });
    expect(await getJson(`/webhook/resend/${key}`)).toEqual({
      pending: 1,
      hash: key,
      message: 'Webhook url is not set',
      url: '',
    });
    await advance(48 * 3_600_000 + 1_000);
    expect(await getJson(`/webhook/pending/${key}`)).toMatchObject({ pending: 0 });
  });

  it('the demo account receives at once and keeps events queued (no webhook URL)', async () => {
    const stored = await inbound('wamessenger-demo', '989121234567', 'hi demo');
    expect(stored).toMatchObject({ received: true, message: { to: '989121234568', chat: 'hi demo' } });
    const pending = await getJson('/webhook/pending/wamessenger-demo-key');
    expect(pending).toMatchObject({ hash: 'wamessenger-demo-key', url: '' });
    expect(pending.pending).toBeGreaterThanOrEqual(1);
  });
});
