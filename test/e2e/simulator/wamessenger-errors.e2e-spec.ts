import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';

/** WaMessenger auth, bad input, unknown paths, faults, the journal's key masking and the OpenAPI paths. */
describe('WaMessenger simulator: auth, bad input and the journal', () => {
  let sim: StartedSimulator;
  let key: string;
  let accountId: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    const res = await admin('POST', '/accounts', { provider: 'wamessenger' });
    const account = (await res.json()) as { id: string; credentials: { apiKey: string } };
    key = account.credentials.apiKey;
    accountId = account.id;
  });
  afterAll(() => sim.close());

  function admin(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${sim.url}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  function post(path: string, contentType: string | undefined, body: string | FormData): Promise<Response> {
    return fetch(`${sim.url}/wamessenger${path}`, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body,
    });
  }

  async function expectBadRequest(res: Response): Promise<void> {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Bad Request');
  }

  const GET_ROUTES = [
    '/getStatus/KEY?id=80379458',
    '/showAllMessages/KEY',
    '/pending/KEY',
    '/showAllGetMessages/KEY',
    '/webhook/set/KEY?url=https://test.com',
    '/webhook/remove/KEY',
    '/webhook/pending/KEY',
    '/webhook/resend/KEY',
    '/sendSeen/KEY?seen=on',
    '/receive/KEY?receive=on',
  ];

  it('an unknown or empty API key answers 401 {"message":"Invalid apikey"} on every method', async () => {
    for (const route of GET_ROUTES) {
      for (const bad of ['wrong-key', '']) {
        const res = await fetch(`${sim.url}/wamessenger${route.replace('KEY', bad)}`);
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ message: 'Invalid apikey' });
      }
    }
    const send = await post(
      '/sendMessage/wrong-key',
      'application/x-www-form-urlencoded',
      'phonenumber=1&text=x',
    );
    expect(send.status).toBe(401);
    expect(await send.json()).toEqual({ message: 'Invalid apikey' });
  });

  it('checks the key before reading the body', async () => {
    const res = await post('/sendMessage/wrong-key', 'application/json', '{"phonenumber":');
    expect(res.status).toBe(401);
    const huge = await post(
      '/sendMessage/wrong-key',
      'application/json',
      JSON.stringify({ t: 'x'.repeat(2e6) }),
    );
    expect(huge.status).toBe(401);
  });

  it('malformed bodies, wrong content types and wrong field types are Bad Request', async () => {
    const json = 'application/json';
    const form = 'application/x-www-form-urlencoded';
    const cases: Array<[string | undefined, string]> = [
      [json, '{"phonenumber":'],
      [json, ''],
      [json, '[1,2]'],
      [json, '"text"'],
      [json, '{"phonenumber":{"a":1},"text":"x"}'],
      [json, '{"phonenumber":"989121234567","text":{"a":1}}'],
      [json, '{"phonenumber":[["989121234567"]],"text":"x","url":"https://u.com/a.pdf"}'],
      [json, '{"phonenumber":[],"text":"x","url":"https://u.com/a.pdf"}'],
      [json, '{"phonenumber":"989121234567","text":"x","url":{"a":1}}'],
      [json, '{"phonenumber":"989121234567","text":""}'],
      [json, '{"phonenumber":"98912abc","text":"x"}'],
      [json, '{"phonenumber":true,"text":"x"}'],
      [json, '{"__proto__":{"x":1},"phonenumber":"989121234567","text":"x"}'],
      [form, 'phonenumber[a]=989121234567&text=x'],
      [form, 'phonenumber[5000]=989121234567&text=x&url=https://u.com/a.pdf'],
      [form, 'text=x'],
      [form, 'phonenumber=989121234567'],
      [form, 'phonenumber=989121234567&text[0]=x'],
      ['text/plain', 'phonenumber=989121234567&text=x'],
      ['application/xml', '<send/>'],
      [undefined, ''],
      ['multipart/form-data; boundary=xx', '--xx\r\nbroken'],
      ['multipart/form-data', 'no boundary'],
    ];
    for (const [type, body] of cases) await expectBadRequest(await post(`/sendMessage/${key}`, type, body));
    const group = Array.from({ length: 1_001 }, () => '989121234567');
    const tooMany = JSON.stringify({ phonenumber: group, text: 'x', url: 'https://u.com/a.pdf' });
    await expectBadRequest(await post(`/sendMessage/${key}`, json, tooMany));
  });

  it('huge bodies answer 413 in plain text, for JSON, form and multipart', async () => {
    const big = 'x'.repeat(1_100_000);
    for (const [type, body] of [
      ['application/json', JSON.stringify({ phonenumber: '989121234567', text: big })],
      ['application/x-www-form-urlencoded', `phonenumber=989121234567&text=${big}`],
    ]) {
      const res = await post(`/sendMessage/${key}`, type, body!);
      expect(res.status).toBe(413);
      expect(await res.text()).toBe('Payload Too Large');
    }
    const field = new FormData();
    field.append('phonenumber', '989121234567');
    field.append('text', big);
    expect((await post(`/sendMessage/${key}`, undefined, field)).status).toBe(413);
    const file = new FormData();
    file.append('phonenumber', '989121234567');
    file.append('text', 'x');
    file.append('upload', new Blob([new Uint8Array(1_100_000)]), 'a.bin');
    expect((await post(`/sendMessage/${key}`, undefined, file)).status).toBe(413);
  });

  it('a multipart upload is ignored: the send takes a url', async () => {
    const form = new FormData();
    form.append('phonenumber', '989121234567');
    form.append('text', 'with upload');
    form.append('upload', new Blob(['abc']), 'a.txt');
    const res = await post(`/sendMessage/${key}`, undefined, form);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^\d+$/);
  });

  it('unknown paths and wrong methods answer a plain-text 404', async () => {
    const paths = ['', '/', '/nope', `/sendmessage/${key}`, `/getStatus/${key}/extra?id=1`, '/webhook/set'];
    for (const path of paths) {
      const res = await fetch(`${sim.url}/wamessenger${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('Not Found');
    }
    expect((await fetch(`${sim.url}/wamessenger/sendMessage/${key}`)).status).toBe(404);
    const wrong = await fetch(`${sim.url}/wamessenger/getStatus/${key}?id=1`, { method: 'POST' });
    expect(wrong.status).toBe(404);
    expect((await fetch(`${sim.url}/wamessenger/pending/${key}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('never answers 5xx to bad query strings', async () => {
    for (const q of ['?id=%zz', '?id[]=1', '?id=99999999999999999999', '?id=-1']) {
      const res = await fetch(`${sim.url}/wamessenger/getStatus/${key}${q}`);
      expect(res.status).toBe(400);
    }
    const res = await fetch(`${sim.url}/wamessenger/webhook/set/${key}?url=${'a'.repeat(3000)}`);
    expect(res.status).toBeLessThan(500);
  });

  it('the journal masks the API key in paths and in answers that echo it', async () => {
    const pending = (await (await fetch(`${sim.url}/wamessenger/webhook/pending/${key}`)).json()) as {
      pending: number;
    };
    await fetch(`${sim.url}/wamessenger/webhook/resend/${key}`);
    await fetch(`${sim.url}/wamessenger/getStatus/${key}?id=1`);
    await fetch(`${sim.url}/wamessenger/sendmessage/${key}`);
    const entries = (await (
      await admin('GET', '/requests?provider=wamessenger&limit=1000')
    ).json()) as Array<{
      path: string;
      accountId?: string;
      responseBody: unknown;
    }>;
    expect(entries.length).toBeGreaterThan(10);
    expect(JSON.stringify(entries)).not.toContain(key);
    expect(entries[0]!.path).toBe('/wamessenger/***/***');
    expect(entries[1]).toMatchObject({ path: '/wamessenger/getStatus/***?id=1', accountId });
    expect(entries[3]!.path).toBe('/wamessenger/webhook/pending/***');
    expect(entries[3]!.responseBody).toMatchObject({ hash: '***', pending: pending.pending });
  });

  it('the journal keeps only the origin of a webhook URL set in the query (its path holds the receiver secret)', async () => {
    const hook = 'http://127.0.0.1:3000/v1/webhooks/wamessenger/secret-token-123';
    const res = await fetch(`${sim.url}/wamessenger/webhook/set/${key}?url=${encodeURIComponent(hook)}`);
    expect(res.status).toBe(200);
    const [entry] = (await (await admin('GET', '/requests?provider=wamessenger&limit=1')).json()) as Array<{
      path: string;
    }>;
    expect(entry!.path).toBe(
      `/wamessenger/webhook/set/***?url=${encodeURIComponent('http://127.0.0.1:3000/***')}`,
    );
    expect(JSON.stringify(entry)).not.toContain('secret-token-123');
    await fetch(`${sim.url}/wamessenger/webhook/remove/${key}`);
  });

  it('answers 429 with Retry-After over the account rate limit, then serves again in the next minute', async () => {
    const created = (await (await admin('POST', '/accounts', { provider: 'wamessenger' })).json()) as {
      id: string;
      credentials: { apiKey: string };
    };
    const limited = await admin('PATCH', `/accounts/${created.id}`, { rateLimitPerMinute: 2 });
    expect(limited.status).toBe(200);
    const call = (): Promise<Response> =>
      fetch(`${sim.url}/wamessenger/pending/${created.credentials.apiKey}`);
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.text()).toBe('Too Many Requests');
    expect((await admin('POST', '/clock/advance', { ms: 60_000 })).status).toBe(200);
    expect((await call()).status).toBe(200);
  });

  it('injected faults answer in the provider style', async () => {
    const fault = await admin('POST', '/faults', {
      provider: 'wamessenger',
      kind: 'error',
      status: 401,
      times: 1,
    });
    expect(fault.status).toBe(201);
    const res = await fetch(`${sim.url}/wamessenger/pending/${key}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Invalid apikey' });
    await admin('POST', '/faults', { provider: 'wamessenger', kind: 'error', status: 500, times: 1 });
    const down = await fetch(`${sim.url}/wamessenger/pending/${key}`);
    expect(down.status).toBe(500);
    expect(await down.text()).toBe('Internal Server Error');
    expect((await fetch(`${sim.url}/wamessenger/pending/${key}`)).status).toBe(200);
  });

  it('documents every endpoint in the OpenAPI document', async () => {
    const docs = (await (await fetch(`${sim.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { tags: string[]; parameters: Array<{ name: string }> }>>;
    };
    const expected = [
      ['post', '/sendMessage/{apikey}'],
      ...GET_ROUTES.map((r) => ['get', r.split('?')[0]!.replace('KEY', '{apikey}')]),
    ];
    for (const [method, path] of expected) {
      const op = docs.paths[`/wamessenger${path}`]?.[method!];
      expect(op?.tags).toEqual(['wamessenger']);
      expect(op?.parameters.map((p) => p.name)).toContain('apikey');
    }
  });
});
