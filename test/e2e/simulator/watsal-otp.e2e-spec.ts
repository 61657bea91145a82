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

const SLOW = { sentMs: 10_000, deliveredMs: 10_000, readMs: 10_000 };

describe('watsal simulator: OTP verification', () => {
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
  const otpOf = async (id: string) => ((await admin('GET', `/otp/${id}`)) as { code: string }).code;

  const call = async (method: string, path: string, body?: unknown, apiKey = key): Promise<Reply> => {
    const res = await fetch(`${sim.url}/watsal${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as WatsalBody };
  };
  const send = (body: unknown, apiKey?: string) => call('POST', '/v1/verify/send', body, apiKey);
  const check = (body: unknown, apiKey?: string) => call('POST', '/v1/verify/check', body, apiKey);
  const sendOk = async (body: Record<string, unknown> = {}): Promise<string> => {
    const res = await send({ phone: '+201012345678', ...body });
    expect(res.status).toBe(200);
    return res.body.data!.request_id as string;
  };
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

  it('POST /v1/verify/send answers the documented shape with a 6-digit code by default', async () => {
    const res = await send({ phone: '+201012345678', length: 6, brand_name: 'Watsal App' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: {
        request_id: expect.stringMatching(/^req_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}$/),
        status: 'sent',
        expires_in: 300,
      },
    });
    const id = res.body.data!.request_id as string;
    expect(await otpOf(id)).toMatch(/^\d{6}$/);
    const noLength = await sendOk();
    expect(await otpOf(noLength)).toMatch(/^\d{6}$/);
  });

  it('honours length 4 and 8', async () => {
    expect(await otpOf(await sendOk({ length: 4 }))).toMatch(/^\d{4}$/);
    expect(await otpOf(await sendOk({ length: 8 }))).toMatch(/^\d{8}$/);
  });

  it('delivers the OTP text with the brand name to the phone', async () => {
    const id = await sendOk({ phone: '+201011112222', brand_name: 'Acme' });
    const code = await otpOf(id);
    const messages = (await admin(
      'GET',
      `/messages?provider=watsal&account=${accountId}&to=%2B201011112222`,
    )) as Array<Record<string, unknown>>;
    expect(messages).toEqual([
      expect.objectContaining({
        id,
        to: '+201011112222',
        type: 'otp',
        status: 'sent',
        text: `${code} is your Acme verification code.`,
      }),
    ]);
  });

  it('POST /v1/verify/check verifies the right code with the simulator time, then refuses a second check', async () => {
    const id = await sendOk();
    const code = await otpOf(id);
    const clock = (await admin('GET', '/clock')) as { now: string };
    const res = await check({ request_id: id, code });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: { verified: true, timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
    });
    const drift = Date.parse(res.body.data!.timestamp as string) - Date.parse(clock.now);
    expect(Math.abs(drift)).toBeLessThan(5_000);
    expectError(await check({ request_id: id, code }), 422, 'already_verified');
  });

  it('answers invalid_code for a wrong code, then too_many_attempts after 5 wrong ones, even for the right code', async () => {
    const id = await sendOk({ length: 4 });
    const code = await otpOf(id);
    const wrong = code === '0000' ? '1111' : '0000';
    for (let i = 0; i < 5; i++)
      expectError(await check({ request_id: id, code: wrong }), 422, 'invalid_code');
    expectError(await check({ request_id: id, code }), 429, 'too_many_attempts');
    expectError(await check({ request_id: id, code: wrong }), 429, 'too_many_attempts');
  });

  it('accepts the right code after 4 wrong ones', async () => {
    const id = await sendOk({ length: 4 });
    const code = await otpOf(id);
    const wrong = code === '0000' ? '1111' : '0000';
    for (let i = 0; i < 4; i++)
      expectError(await check({ request_id: id, code: wrong }), 422, 'invalid_code');
    expect((await check({ request_id: id, code })).body.data).toMatchObject({ verified: true });
  });

  it('expires the code after 300 s of simulator time', async () => {
    const fresh = await sendOk();
    const stale = await sendOk();
    await advance(299_000);
    expect((await check({ request_id: fresh, code: await otpOf(fresh) })).status).toBe(200);
    await advance(1_000);
    expectError(await check({ request_id: stale, code: await otpOf(stale) }), 422, 'code_expired');
  });

  it('answers 404 not_found for an unknown request id, another account’s, and a notification id', async () => {
    expectError(
      await check({ request_id: 'req_00000000-0000-4000', code: '123456' }),
      404,
      'not_found',
      'request_id',
    );
    const other = await newAccount();
    const id = await sendOk();
    expectError(
      await check({ request_id: id, code: await otpOf(id) }, other.credentials.apiKey),
      404,
      'not_found',
      'request_id',
    );
    const note = await call('POST', '/v1/notifications/send', {
      phone: '+201012345678',
      template: 'order_update',
    });
    expectError(
      await check({ request_id: note.body.data!.request_id, code: '123456' }),
      404,
      'not_found',
      'request_id',
    );
  });

  it.each([
    [{}, 'phone'],
    [{ phone: '' }, 'phone'],
    [{ phone: '201012345678' }, 'phone'],
    [{ phone: '+0201012345678' }, 'phone'],
    [{ phone: '+2010123456789012' }, 'phone'],
    [{ phone: 201012345678 }, 'phone'],
    [{ phone: ['+201012345678'] }, 'phone'],
    [{ phone: { n: '+201012345678' } }, 'phone'],
    [{ phone: '+201012345678', length: 3 }, 'length'],
    [{ phone: '+201012345678', length: 9 }, 'length'],
    [{ phone: '+201012345678', length: 6.5 }, 'length'],
    [{ phone: '+201012345678', length: '6' }, 'length'],
    [{ phone: '+201012345678', length: {} }, 'length'],
    [{ phone: '+201012345678', brand_name: 5 }, 'brand_name'],
    [{ phone: '+201012345678', brand_name: ['x'] }, 'brand_name'],
  ])('verify/send %j → 422 validation_error on %s', async (body, field) => {
    expectError(await send(body), 422, 'validation_error', field);
  });

  it.each([
    [{ code: '123456' }, 'request_id'],
    [{ request_id: 12, code: '123456' }, 'request_id'],
    [{ request_id: 'req_x' }, 'code'],
    [{ request_id: 'req_x', code: '123' }, 'code'],
    [{ request_id: 'req_x', code: '123456789' }, 'code'],
    [{ request_id: 'req_x', code: '12a456' }, 'code'],
    [{ request_id: 'req_x', code: 123456 }, 'code'],
    [{ request_id: 'req_x', code: ['123456'] }, 'code'],
  ])('verify/check %j → 422 validation_error on %s', async (body, field) => {
    expectError(await check(body), 422, 'validation_error', field);
  });

  it('a wrong-format code does not count as a wrong attempt', async () => {
    const id = await sendOk({ length: 4 });
    for (let i = 0; i < 6; i++)
      expectError(await check({ request_id: id, code: 'abcd' }), 422, 'validation_error', 'code');
    expect((await check({ request_id: id, code: await otpOf(id) })).status).toBe(200);
  });

  it('the OTP is a message: GET /v1/messages/{id} goes sent → delivered → read on the clock', async () => {
    const id = await sendOk();
    const status = async () => (await call('GET', `/v1/messages/${id}`)).body.data!;
    const first = await status();
    expect(first).toEqual({ id, status: 'sent', timestamp: expect.stringMatching(/Z$/) });
    await advance(10_000);
    const delivered = await status();
    expect(delivered.status).toBe('delivered');
    expect(
      Date.parse(delivered.timestamp as string) - Date.parse(first.timestamp as string),
    ).toBeGreaterThanOrEqual(9_000);
    await advance(10_000);
    expect((await status()).status).toBe('read');
  });

  it('magic numbers: FAILS fails after sending, NEVER_DELIVERED stays sent, READS_INSTANTLY is read at once', async () => {
    const fails = await sendOk({ phone: '+966500000001' });
    const never = await sendOk({ phone: '+966500000003' });
    const reads = await sendOk({ phone: '+966500000004' });
    const statusOf = async (id: string) => (await call('GET', `/v1/messages/${id}`)).body.data!.status;
    expect(await statusOf(fails)).toBe('sent');
    expect(await statusOf(reads)).toBe('read');
    await advance(3_600_000);
    expect(await statusOf(fails)).toBe('failed');
    expect(await statusOf(never)).toBe('sent');
  });

  it('magic number BLOCKED: the send is refused with contact_blocked on phone and nothing is sent', async () => {
    expectError(await send({ phone: '+966500000002' }), 422, 'contact_blocked', 'phone');
    const messages = (await admin(
      'GET',
      `/messages?provider=watsal&account=${accountId}&to=966500000002`,
    )) as unknown[];
    expect(messages).toEqual([]);
  });

  it('GET /__admin/otp/:id answers 404 for an unknown request', async () => {
    const res = await fetch(`${sim.url}/__admin/otp/req_nope`);
    expect(res.status).toBe(404);
  });
});
