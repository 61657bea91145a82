import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';

interface WatsalBody {
  success: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string; field?: string };
}
interface Reply {
  status: number;
  headers: Headers;
  body: WatsalBody;
}
interface CallOptions {
  key?: string | null;
  headers?: Record<string, string>;
  raw?: string;
}

const SLOW = { sentMs: 10_000, deliveredMs: 10_000, readMs: 10_000 };
const PHONE = '+201012345678';

describe('watsal simulator: notifications, messages, auth and bad input', () => {
  let sim: StartedSimulator;
  let key: string;
  let accountId: string;

  const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${sim.url}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json();
  };
  const newAccount = async (patch: Record<string, unknown> = {}) =>
    (await admin('POST', '/accounts', { provider: 'watsal', ...patch })) as {
      id: string;
      credentials: { apiKey: string };
    };
  const advance = (ms: number) => admin('POST', '/clock/advance', { ms });
  const phoneMessages = async (account: string) =>
    (await admin('GET', `/messages?provider=watsal&account=${account}`)) as Array<Record<string, unknown>>;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ): Promise<Reply> => {
    const apiKey = options.key === undefined ? key : options.key;
    const headers: Record<string, string> = apiKey === null ? {} : { authorization: `Bearer ${apiKey}` };
    if (body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${sim.url}/watsal${path}`, {
      method,
      headers: { ...headers, ...options.headers },
      body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as WatsalBody };
  };
  const notify = (body: unknown, options?: CallOptions) =>
    call('POST', '/v1/notifications/send', body, options);
  const notifyOk = async (body: Record<string, unknown> = {}, options?: CallOptions): Promise<string> => {
    const res = await notify({ phone: PHONE, template: 'order_confirmed', ...body }, options);
    expect(res.status).toBe(200);
    return res.body.data!.request_id as string;
  };
  const statusOf = async (id: string, options?: CallOptions) =>
    (await call('GET', `/v1/messages/${id}`, undefined, options)).body.data!;
  const expectError = (res: Reply, status: number, code: string, field?: string) => {
    expect(res.status).toBe(status);
    expect(res.body.success).toBe(false);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
    if (field === undefined) expect(res.body.error).not.toHaveProperty('field');
    else expect(res.body.error!.field).toBe(field);
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    const account = await newAccount({ delays: SLOW });
    key = account.credentials.apiKey;
    accountId = account.id;
  });
  afterAll(() => sim.close());

  describe('POST /v1/notifications/send', () => {
    it('queues the notification with the documented shape and renders the template', async () => {
      const res = await notify({
        phone: PHONE,
        template: 'order_confirmed',
        variables: { order_id: 123, name: 'Ahmed' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: { request_id: expect.stringMatching(/^req_[0-9a-f-]{18}$/), status: 'queued' },
      });
      const id = res.body.data!.request_id;
      expect((await phoneMessages(accountId)).find((m) => m.id === id)).toMatchObject({
        provider: 'watsal',
        to: PHONE,
        type: 'notification',
        status: 'queued',
        text: 'Hi Ahmed, your order 123 is confirmed.',
      });
    });

    it('sends order_update without variables (missing ones render empty)', async () => {
      const id = await notifyOk({ template: 'order_update' });
      expect((await phoneMessages(accountId)).find((m) => m.id === id)?.text).toBe(
        'Hi , your order  is now .',
      );
    });

    it('answers 404 not_found with field template for an unknown slug', async () => {
      expectError(await notify({ phone: PHONE, template: 'nope' }), 404, 'not_found', 'template');
    });

    it.each([
      [{ template: 'order_confirmed' }, 'phone'],
      [{ phone: '0101234567', template: 'order_confirmed' }, 'phone'],
      [{ phone: 201012345678, template: 'order_confirmed' }, 'phone'],
      [{ phone: PHONE }, 'template'],
      [{ phone: PHONE, template: '' }, 'template'],
      [{ phone: PHONE, template: 7 }, 'template'],
      [{ phone: PHONE, template: ['order_confirmed'] }, 'template'],
      [{ phone: PHONE, template: 'order_confirmed', variables: ['Ahmed'] }, 'variables'],
      [{ phone: PHONE, template: 'order_confirmed', variables: 'name=Ahmed' }, 'variables'],
      [{ phone: PHONE, template: 'order_confirmed', variables: { name: { first: 'A' } } }, 'variables'],
      [{ phone: PHONE, template: 'order_confirmed', variables: { name: true } }, 'variables'],
      [{ phone: PHONE, template: 'order_confirmed', variables: { name: null } }, 'variables'],
    ])('%j → 422 validation_error on %s', async (body, field) => {
      expectError(await notify(body), 422, 'validation_error', field);
    });

    it('magic number BLOCKED is refused with contact_blocked on phone', async () => {
      expectError(
        await notify({ phone: '+966500000002', template: 'order_confirmed' }),
        422,
        'contact_blocked',
        'phone',
      );
      expect((await phoneMessages(accountId)).some((m) => m.to === '+966500000002')).toBe(false);
    });
  });

  describe('GET /v1/messages/{id} and the lifecycle', () => {
    it('goes queued → sent → delivered → read with account.delays, timestamp = last change', async () => {
      const id = await notifyOk();
      const queued = await statusOf(id);
      expect(queued).toEqual({
        id,
        status: 'queued',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      });
      await advance(10_000);
      const sent = await statusOf(id);
      expect(sent.status).toBe('sent');
      expect(
        Date.parse(sent.timestamp as string) - Date.parse(queued.timestamp as string),
      ).toBeGreaterThanOrEqual(9_000);
      await advance(10_000);
      expect((await statusOf(id)).status).toBe('delivered');
      await advance(10_000);
      expect((await statusOf(id)).status).toBe('read');
    });

    it('follows delays patched on the account', async () => {
      const account = await newAccount({ delays: SLOW });
      await admin('PATCH', `/accounts/${account.id}`, { delays: { sentMs: 60_000 } });
      const id = await notifyOk({}, { key: account.credentials.apiKey });
      await advance(59_000);
      expect((await statusOf(id, { key: account.credentials.apiKey })).status).toBe('queued');
      await advance(1_000);
      expect((await statusOf(id, { key: account.credentials.apiKey })).status).toBe('sent');
    });

    it('magic numbers: FAILS → failed, NEVER_DELIVERED stays sent, READS_INSTANTLY is read once sent', async () => {
      const fails = await notifyOk({ phone: '+966500000001' });
      const never = await notifyOk({ phone: '+966500000003' });
      const reads = await notifyOk({ phone: '+966500000004' });
      for (const id of [fails, never, reads]) expect((await statusOf(id)).status).toBe('queued');
      await advance(10_000);
      expect((await statusOf(fails)).status).toBe('failed');
      expect((await statusOf(never)).status).toBe('sent');
      expect((await statusOf(reads)).status).toBe('read');
      await advance(3_600_000);
      expect((await statusOf(fails)).status).toBe('failed');
      expect((await statusOf(never)).status).toBe('sent');
    });

    it('answers 404 not_found for unknown ids, odd ids and another account’s message', async () => {
      expectError(await call('GET', '/v1/messages/req_00000000-0000-4000'), 404, 'not_found');
      expectError(await call('GET', `/v1/messages/${'x'.repeat(400)}`), 404, 'not_found');
      expectError(await call('GET', '/v1/messages/%00%7B%7D'), 404, 'not_found');
      expectError(await call('GET', '/v1/messages/12'), 404, 'not_found');
      const other = await newAccount();
      const id = await notifyOk();
      expectError(
        await call('GET', `/v1/messages/${id}`, undefined, { key: other.credentials.apiKey }),
        404,
        'not_found',
      );
    });

    it('keeps a message moving when another account is reset, and survives a reset of its own', async () => {
      const mine = await newAccount({ delays: SLOW });
      const other = await newAccount({ delays: SLOW });
      const id = await notifyOk({}, { key: mine.credentials.apiKey });
      const gone = await notifyOk({}, { key: other.credentials.apiKey });
      await admin('POST', `/reset?account=${other.id}`);
      await advance(10_000);
      expect((await statusOf(id, { key: mine.credentials.apiKey })).status).toBe('sent');
      await admin('POST', `/reset?account=${mine.id}`);
      await advance(30_000);
      expectError(
        await call('GET', `/v1/messages/${id}`, undefined, { key: mine.credentials.apiKey }),
        404,
        'not_found',
      );
      expectError(
        await call('GET', `/v1/messages/${gone}`, undefined, { key: other.credentials.apiKey }),
        404,
        'not_found',
      );
      expect(await notifyOk({}, { key: mine.credentials.apiKey })).toMatch(/^req_/);
    });
  });

  describe('auth and rate limit', () => {
    it.each([
      ['POST', '/v1/verify/send'],
      ['POST', '/v1/verify/check'],
      ['GET', '/v1/messages/req_x'],
      ['POST', '/v1/notifications/send'],
    ])(
      '%s %s: 401 unauthorized without a key, with another scheme, or with a wrong key',
      async (method, path) => {
        const body = method === 'POST' ? {} : undefined;
        expectError(await call(method, path, body, { key: null }), 401, 'unauthorized');
        expectError(
          await call(method, path, body, { key: null, headers: { authorization: `Basic ${key}` } }),
          401,
          'unauthorized',
        );
        expectError(
          await call(method, path, body, { key: null, headers: { authorization: 'Bearer ' } }),
          401,
          'unauthorized',
        );
        expectError(await call(method, path, body, { key: 'watsal_wrong' }), 401, 'unauthorized');
      },
    );

    it('takes the Bearer scheme in any case', async () => {
      for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
        const res = await notify(
          { phone: PHONE, template: 'order_confirmed' },
          { key: null, headers: { authorization: `${scheme} ${key}` } },
        );
        expect(res.status).toBe(200);
      }
    });

    it('checks auth before the body (no key + malformed JSON → 401)', async () => {
      expectError(
        await call('POST', '/v1/verify/send', undefined, { key: null, raw: '{oops' }),
        401,
        'unauthorized',
      );
    });

    it('the demo account answers with watsal-demo-key and has both templates', async () => {
      for (const template of ['order_confirmed', 'order_update']) {
        const res = await notify(
          { phone: PHONE, template, variables: { name: 'A' } },
          { key: 'watsal-demo-key' },
        );
        expect(res.status).toBe(200);
      }
      const journal = (await admin('GET', '/requests?provider=watsal&account=watsal-demo&limit=5')) as Array<{
        accountId: string;
        status: number;
      }>;
      expect(journal[0]).toMatchObject({ accountId: 'watsal-demo', status: 200 });
    });

    it('429 rate_limited with Retry-After past rateLimitPerMinute, per key, until the minute passes', async () => {
      const limited = await newAccount({ rateLimitPerMinute: 2 });
      const opts = { key: limited.credentials.apiKey };
      expect((await notify({ phone: PHONE, template: 'order_confirmed' }, opts)).status).toBe(200);
      expect((await call('GET', '/v1/messages/req_x', undefined, opts)).status).toBe(404);
      const res = await notify({ phone: PHONE, template: 'order_confirmed' }, opts);
      expectError(res, 429, 'rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect((await notify({ phone: PHONE, template: 'order_confirmed' })).status).toBe(200);
      await advance(60_000);
      expect((await notify({ phone: PHONE, template: 'order_confirmed' }, opts)).status).toBe(200);
    });
  });

  describe('bad input never answers 5xx', () => {
    const send = '/v1/verify/send';
    it('malformed JSON, empty JSON and a non-object body → 400 invalid_request', async () => {
      expectError(await call('POST', send, undefined, { raw: '{"phone": "+2010' }), 400, 'invalid_request');
      expectError(await call('POST', send, undefined, { raw: '' }), 400, 'invalid_request');
      for (const raw of ['[]', '"+201012345678"', '42', 'null', 'true'])
        expectError(await call('POST', '/v1/notifications/send', undefined, { raw }), 400, 'invalid_request');
      expectError(
        await call('POST', send, undefined, { raw: '{"__proto__": {"x": 1}}' }),
        400,
        'invalid_request',
      );
    });

    it('wrong content type or none → 400 invalid_request', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      expectError(
        await call('POST', send, undefined, { raw: 'phone=%2B201012345678', headers: form }),
        400,
        'invalid_request',
      );
      const text = { 'content-type': 'text/plain' };
      expectError(
        await call('POST', send, undefined, { raw: JSON.stringify({ phone: PHONE }), headers: text }),
        400,
        'invalid_request',
      );
      expectError(await call('POST', send), 400, 'invalid_request');
    });

    it('a huge body → 413 payload_too_large', async () => {
      const raw = JSON.stringify({ phone: PHONE, brand_name: 'x'.repeat(2 * 1024 * 1024) });
      expectError(await call('POST', send, undefined, { raw }), 413, 'payload_too_large');
    });

    it('unknown paths and wrong methods → 404 not_found', async () => {
      expectError(await call('GET', send), 404, 'not_found');
      expectError(await call('DELETE', '/v1/messages/req_x'), 404, 'not_found');
      expectError(await call('POST', '/v1/nope', {}), 404, 'not_found');
      expectError(await call('GET', '/v2/messages/req_x', undefined, { key: null }), 404, 'not_found');
      expectError(await call('GET', ''), 404, 'not_found');
    });
  });

  describe('control API integration', () => {
    it('an injected fault answers in Watsal’s error shape', async () => {
      const fault = (await admin('POST', '/faults', {
        provider: 'watsal',
        kind: 'error',
        status: 503,
        times: 1,
      })) as { id: string };
      expect(fault.id).toBeTruthy();
      expectError(await notify({ phone: PHONE, template: 'order_confirmed' }), 503, 'service_unavailable');
      await admin('POST', '/faults', { provider: 'watsal', kind: 'error', status: 429, times: 1 });
      const limited = await notify({ phone: PHONE, template: 'order_confirmed' });
      expectError(limited, 429, 'rate_limited');
      expect(limited.headers.get('retry-after')).toBe('60');
      expect((await notify({ phone: PHONE, template: 'order_confirmed' })).status).toBe(200);
    });

    it('POST /__admin/inbound stores nothing: Watsal has no inbound API', async () => {
      const res = (await admin('POST', '/inbound', {
        provider: 'watsal',
        account: accountId,
        from: '+201012345678',
        text: 'hi',
      })) as {
        inbound: { stored: boolean; reason: string };
      };
      expect(res.inbound).toEqual({ stored: false, reason: 'watsal has no inbound messages' });
    });

    it('documents every endpoint in /docs-json', async () => {
      const docs = (await fetch(`${sim.url}/docs-json`).then((r) => r.json())) as {
        paths: Record<string, Record<string, { tags: string[] }>>;
      };
      expect(docs.paths['/watsal/v1/verify/send']?.post?.tags).toEqual(['watsal']);
      expect(docs.paths['/watsal/v1/verify/check']?.post).toBeDefined();
      expect(docs.paths['/watsal/v1/messages/{id}']?.get).toBeDefined();
      expect(docs.paths['/watsal/v1/notifications/send']?.post).toBeDefined();
    });
  });
});
