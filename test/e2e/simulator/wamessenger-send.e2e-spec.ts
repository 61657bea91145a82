import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';

/** WaMessenger sends, reports and the message lifecycle, through raw HTTP against the simulator. */
describe('WaMessenger simulator: sending and reports', () => {
  let sim: StartedSimulator;
  const FAILS = '966500000001';
  const BLOCKED = '966500000002';
  const NEVER_DELIVERED = '966500000003';
  const READS_INSTANTLY = '966500000004';
  const SLOW = { sentMs: 10_000, deliveredMs: 10_000, readMs: 10_000 };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  async function admin(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${sim.url}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function newAccount(delays = SLOW): Promise<{ id: string; key: string }> {
    const res = await admin('POST', '/accounts', { provider: 'wamessenger', delays });
    const account = (await res.json()) as { id: string; credentials: { apiKey: string } };
    return { id: account.id, key: account.credentials.apiKey };
  }

  const advance = (ms: number): Promise<Response> => admin('POST', '/clock/advance', { ms });
  const get = (path: string): Promise<Response> => fetch(`${sim.url}/wamessenger${path}`);

  function sendForm(key: string, form: string): Promise<Response> {
    return fetch(`${sim.url}/wamessenger/sendMessage/${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
  }

  function sendJson(key: string, body: unknown): Promise<Response> {
    return fetch(`${sim.url}/wamessenger/sendMessage/${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function sendOne(key: string, phonenumber: string, text = 'test'): Promise<string> {
    const res = await sendForm(key, new URLSearchParams({ phonenumber, text }).toString());
    expect(res.status).toBe(200);
    return res.text();
  }

  async function status(key: string, id: string): Promise<Record<string, string>> {
    const res = await get(`/getStatus/${key}?id=${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, string>;
  }

  it('single send (form-urlencoded) answers the bare id as text and queues the message', async () => {
    const { key } = await newAccount();
    const res = await sendForm(
      key,
      'phonenumber=989121234567&text=test&url=https%3A%2F%2Furl.com%2Fimage.jpeg',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const id = await res.text();
    expect(id).toMatch(/^\d{8,}$/);
    expect(Number(id)).toBeGreaterThanOrEqual(80379458);
    const queued = await status(key, id);
    expect(queued).toEqual({
      status: 'pending',
      statusInfo: 'Message is in the send queue',
      id,
      phonenumber: '989121234567',
      text: 'test',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      execute: '',
      delivery: '',
    });
    const pending = await get(`/pending/${key}`);
    expect(await pending.json()).toEqual([
      { status: 'pending', id, phonenumber: '989121234567', text: 'test', created: queued.created },
    ]);
  });

  it('single send as multipart (the PHP sample) and as JSON', async () => {
    const { key } = await newAccount();
    const form = new FormData();
    form.append('phonenumber', '989121234567');
    form.append('text', 'from multipart');
    form.append('url', 'https://url.com/file.pdf');
    const multi = await fetch(`${sim.url}/wamessenger/sendMessage/${key}`, { method: 'POST', body: form });
    expect(multi.status).toBe(200);
    const multiId = await multi.text();
    expect((await status(key, multiId)).text).toBe('from multipart');
    const json = await sendJson(key, { phonenumber: '989121234567', text: 'from json' });
    expect(json.status).toBe(200);
    const jsonId = await json.text();
    expect(Number(jsonId)).toBe(Number(multiId) + 1);
    expect((await status(key, jsonId)).text).toBe('from json');
    const plus = await sendJson(key, { phonenumber: '+989121234567', text: 'plus' });
    expect((await status(key, await plus.text())).phonenumber).toBe('989121234567');
  });

  it('group send (PHP http_build_query arrays) answers tracking codes per number', async () => {
    const { key } = await newAccount();
    const form =
      'phonenumber%5B0%5D=989121234567&phonenumber%5B1%5D=989121234568&text=test&url=https%3A%2F%2Furl.com%2Fimage.jpeg';
    const res = await sendForm(key, form);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Array<{ phonenumber: string; tracking_Code: number }>;
    expect(body).toEqual([
      { phonenumber: '989121234567', tracking_Code: expect.any(Number) },
      { phonenumber: '989121234568', tracking_Code: body[0]!.tracking_Code + 1 },
    ]);
    expect((await status(key, String(body[1]!.tracking_Code))).phonenumber).toBe('989121234568');

    const multi = new FormData();
    multi.append('phonenumber[]', '989121234567');
    multi.append('phonenumber[]', '989121234569');
    multi.append('text', 'test');
    multi.append('url', 'https://url.com/a.mp3');
    const res2 = await fetch(`${sim.url}/wamessenger/sendMessage/${key}`, { method: 'POST', body: multi });
    expect(((await res2.json()) as unknown[]).length).toBe(2);

    const json = await sendJson(key, {
      phonenumber: ['989121234567'],
      text: 'x',
      url: 'https://u.com/d.docx',
    });
    expect(await json.json()).toEqual([{ phonenumber: '989121234567', tracking_Code: expect.any(Number) }]);
  });

  it('group send without url: text-only to every number, one tracking code each (README, deviations)', async () => {
    const { key } = await newAccount();
    const res = await sendForm(key, 'phonenumber[0]=989121234567&phonenumber[1]=989121234568&text=test');
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Array<{ phonenumber: string; tracking_Code: number }>;
    expect(answer).toEqual([
      { phonenumber: '989121234567', tracking_Code: expect.any(Number) },
      { phonenumber: '989121234568', tracking_Code: expect.any(Number) },
    ]);
    expect(answer[1]!.tracking_Code).toBeGreaterThan(answer[0]!.tracking_Code);
    const one = await sendJson(key, { phonenumber: ['989121234569'], text: 'json, one number' });
    expect(await one.json()).toEqual([{ phonenumber: '989121234569', tracking_Code: expect.any(Number) }]);
    expect(await status(key, String(answer[0]!.tracking_Code))).toMatchObject({
      phonenumber: '989121234567',
      text: 'test',
    });
  });

  it('checks the media url format: supported, extensionless, and refused (mp4/gif soon, unknown)', async () => {
    const { key } = await newAccount();
    for (const url of [
      'https://u.com/a.ogg',
      'https://u.com/a.3GP',
      'https://u.com/dl?id=1',
      'http://u.com/x.apk',
    ]) {
      const res = await sendJson(key, { phonenumber: '989121234567', text: 't', url });
      expect(res.status).toBe(200);
    }
    for (const url of ['https://u.com/v.mp4', 'https://u.com/a.gif', 'https://u.com/a.txt']) {
      const res = await sendJson(key, { phonenumber: '989121234567', text: 't', url });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: 'Unsupported file format' });
    }
    const notUrl = await sendJson(key, { phonenumber: '989121234567', text: 't', url: 'ftp://u.com/a.pdf' });
    expect(notUrl.status).toBe(400);
    expect(await notUrl.text()).toBe('Bad Request');
  });

  it('lifecycle: pending → server → phone → read with the account delays', async () => {
    const { key } = await newAccount();
    const id = await sendOne(key, '989121234567');
    await advance(10_000);
    const sent = await status(key, id);
    expect(sent).toMatchObject({ status: 'OK', statusInfo: 'Message successfully sent', delivery: 'server' });
    expect(sent.execute).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(await (await get(`/pending/${key}`)).text()).toBe('No Pending Message');
    await advance(10_000);
    expect((await status(key, id)).delivery).toBe('phone');
    await advance(10_000);
    expect((await status(key, id)).delivery).toBe('read');
    const phone = (await (
      await admin('GET', `/messages?provider=wamessenger&to=989121234567`)
    ).json()) as Array<{
      id: string;
      status: string;
    }>;
    expect(phone.find((m) => m.id === id)?.status).toBe('read');
  });

  it('magic numbers: fails, blocked, never delivered, reads instantly', async () => {
    const { key } = await newAccount();
    const blocked = await sendOne(key, '989121234567').then(() =>
      sendForm(key, `phonenumber=${BLOCKED}&text=hi`),
    );
    expect(blocked.status).toBe(400);
    expect(await blocked.json()).toEqual({ message: `Phonenumber ${BLOCKED} is blocked` });
    const blockedGroup = await sendJson(key, {
      phonenumber: ['989121234567', BLOCKED],
      text: 'hi',
      url: 'https://u.com/a.pdf',
    });
    expect(blockedGroup.status).toBe(400);

    const fails = await sendOne(key, FAILS);
    const never = await sendOne(key, NEVER_DELIVERED);
    const instant = await sendOne(key, READS_INSTANTLY);
    expect((await status(key, fails)).status).toBe('pending');
    await advance(10_000);
    expect(await status(key, fails)).toMatchObject({
      status: 'Failed',
      statusInfo: 'Message failed to send',
      delivery: '',
    });
    expect((await status(key, never)).delivery).toBe('server');
    expect((await status(key, instant)).delivery).toBe('read');
    await advance(60_000);
    expect((await status(key, never)).delivery).toBe('server');
    expect((await status(key, fails)).status).toBe('Failed');
  });

  it('getStatus: missing or bad id is Bad Request, an unknown or foreign id is 404', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const id = await sendOne(a.key, '989121234567');
    for (const q of ['', '?id=', '?id=abc', '?id=1.5', '?id=1&id=2']) {
      const res = await get(`/getStatus/${a.key}${q}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('Bad Request');
    }
    const unknown = await get(`/getStatus/${a.key}?id=1`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Message not found' });
    expect((await get(`/getStatus/${b.key}?id=${id}`)).status).toBe(404);
  });

  it('showAllMessages: 100 per page, newest first, phonenumber prefix filter', async () => {
    const { key } = await newAccount();
    const numbers = Array.from({ length: 100 }, (_, i) => `9891200${String(i).padStart(5, '0')}`);
    const group = await sendJson(key, { phonenumber: numbers, text: 'bulk', url: 'https://u.com/a.pdf' });
    expect(group.status).toBe(200);
    const lastId = await sendOne(key, '989351112233', 'last');
    const first = (await (await get(`/showAllMessages/${key}`)).json()) as {
      count: number;
      pageCount: number;
      page: string;
      data: Array<Record<string, string>>;
    };
    expect(first).toMatchObject({ count: 101, pageCount: 2, page: 'page 1 from 2' });
    expect(first.data).toHaveLength(100);
    expect(first.data[0]).toMatchObject({ id: lastId, text: 'last', status: 'pending' });
    const second = (await (await get(`/showAllMessages/${key}?page=2`)).json()) as typeof first;
    expect(second.page).toBe('page 2 from 2');
    expect(second.data.map((m) => m.phonenumber)).toEqual([numbers[0]]);
    for (const prefix of ['0935', '935', '98935', '989351112233']) {
      const filtered = (await (
        await get(`/showAllMessages/${key}?phonenumber=${prefix}`)
      ).json()) as typeof first;
      expect(filtered).toMatchObject({ count: 1, pageCount: 1, page: 'page 1 from 1' });
      expect(filtered.data[0]!.id).toBe(lastId);
    }
    const none = (await (await get(`/showAllMessages/${key}?phonenumber=0999`)).json()) as typeof first;
    expect(none).toEqual({ count: 0, pageCount: 0, page: 'page 1 from 0', data: [] });
    for (const q of ['?page=0', '?page=x', '?page=-1', '?phonenumber=abc']) {
      const res = await get(`/showAllMessages/${key}${q}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('Bad Request');
    }
  });

  it('a reset of another account keeps the lifecycle going; a reset of its own does not crash', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const id = await sendOne(a.key, '989121234567');
    const idB = await sendOne(b.key, '989121234567');
    expect((await admin('POST', `/reset?account=${b.id}`)).status).toBe(200);
    await advance(30_000);
    expect((await status(a.key, id)).delivery).toBe('read');
    // b's state is empty again, its old timers run into nothing
    expect((await get(`/getStatus/${b.key}?id=${idB}`)).status).toBe(404);
    await sendOne(b.key, '989121234567');
    expect((await admin('POST', `/reset?account=${a.id}`)).status).toBe(200);
    await advance(30_000);
    expect(await (await get(`/showAllMessages/${a.key}`)).json()).toMatchObject({ count: 0 });
  });

  it('the demo account works with its seeded key', async () => {
    const res = await sendForm('wamessenger-demo-key', 'phonenumber=989121234567&text=demo');
    expect(res.status).toBe(200);
    const journal = (await (await admin('GET', '/requests?provider=wamessenger&limit=1')).json()) as Array<{
      accountId: string;
    }>;
    expect(journal[0]!.accountId).toBe('wamessenger-demo');
  });
});
