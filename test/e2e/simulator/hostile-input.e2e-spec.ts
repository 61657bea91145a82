import { jest } from '@jest/globals';
import { Writable } from 'node:stream';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin, http } from '../../support/http.js';
import { rawRequest } from '../../../scripts/fuzz/raw-http.js';

/** Regressions found by fuzzing the simulator from outside (issue #16): each reproduced here first, then fixed. */
describe('simulator under hostile input: regressions', () => {
  let sim: StartedSimulator;
  let api: ReturnType<typeof admin>;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    sim = await startSimulator({ port: 0, logStream });
    api = admin(sim.url);
  }, 60_000);
  afterAll(() => sim.close());
  beforeEach(() => api.reset());

  it('keeps the request journal readable after a multipart part that fails to parse', async () => {
    const res = await http(`${sim.url}/washeej/external-api/contact/store`, {
      method: 'POST',
      headers: {
        'client-id': 'washeej-demo-id',
        'client-secret': 'washeej-demo-secret',
        'content-type': 'multipart/form-data; boundary=XB',
      },
      body: '--XB\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XB\r\nNo-Blank-Line: x\r\nstill',
    });
    expect(res.status).toBeLessThan(500);
    const journal = await http(`${sim.url}/__admin/requests?provider=washeej`);
    expect(journal.status).toBe(200);
    const [entry] = journal.json as Array<{ path: string; requestBody: unknown }>;
    expect(entry?.path).toBe('/washeej/external-api/contact/store');
    // What parsed before the broken part, as plain data.
    expect(JSON.stringify(entry?.requestBody)).not.toContain('_buf');
  });

  it.each([['ipWhitelist'], ['scopes'], ['credits'], ['plan'], ['rateLimitPerMinute'], ['delays']])(
    'answers null for %s with a 400 naming the field, on create and on patch',
    async (field) => {
      const created = await http(`${sim.url}/__admin/accounts`, {
        method: 'POST',
        json: { provider: 'washeej', [field]: null },
      });
      expect(created.status).toBe(400);
      expect(created.text).toContain(field);
      const patched = await http(`${sim.url}/__admin/accounts/washeej-demo`, {
        method: 'PATCH',
        json: { [field]: null },
      });
      expect(patched.status).toBe(400);
      expect(patched.text).toContain(field);
    },
  );

  it('answers null for a delay with a 400 naming it', async () => {
    const patched = await http(`${sim.url}/__admin/accounts/washeej-demo`, {
      method: 'PATCH',
      json: { delays: { sentMs: null } },
    });
    expect(patched.status).toBe(400);
    expect(patched.text).toContain('sentMs');
  });

  it.each([['/__admin/requests'], ['/watsal/v1/verify/send'], ['/wessaal/integration/v1/messages']])(
    'answers a HEAD %s with an oversized URL 431 without a body',
    async (path) => {
      const answer = await rawRequest(
        sim.url,
        `HEAD ${path}?q=${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      expect(answer.status).toBe(431);
      const [head, body] = answer.text.split('\r\n\r\n');
      expect(head).not.toMatch(/transfer-encoding: chunked/i);
      expect(body).toBe('');
    },
  );

  it('treats a client hanging up mid-body on /__admin as the client’s doing, not a server error', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      await rawRequest(
        sim.url,
        'POST /__admin/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"provider":',
        { destroyAfterWrite: true },
      );
      // The server sees the hang-up asynchronously; the next request goes after it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await http(`${sim.url}/__admin/clock`)).status).toBe(200);
    } finally {
      spy.mockRestore();
      stdout.mockRestore();
    }
    expect(errors.join('')).not.toMatch(/ExceptionsHandler|aborted/);
  });

  it.each([
    ['watsal', '/watsal/v1/verify/send', { authorization: 'Bearer watsal-demo-key' }],
    ['wessaal', '/wessaal/integration/v1/messages/send', { 'x-api-key': 'sk_test_wessaal_demo' }],
    ['wamessenger', '/wamessenger/sendMessage/wamessenger-demo-key', {}],
  ])('logs the stack of a %s 5xx', async (provider, path, headers) => {
    const findByCredential = sim.core.accounts.findByCredential.bind(sim.core.accounts);
    sim.core.accounts.findByCredential = () => {
      throw new Error(`boom in ${provider}`);
    };
    try {
      const res = await http(`${sim.url}${path}`, { method: 'POST', headers, json: {} });
      expect(res.status).toBe(500);
    } finally {
      sim.core.accounts.findByCredential = findByCredential;
    }
    expect(logLines.join('')).toContain(`boom in ${provider}`);
  });
});

/** Found by `npm run fuzz -- --app simulator --seed 1`: minimal reproductions. */
describe('simulator under hostile input: fuzz findings', () => {
  let sim: StartedSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  }, 60_000);
  afterAll(() => sim.close());

  it('answers a control body nested 3,000 deep with a 400, not a stack overflow', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3_000; i++) deep = i % 2 ? { a: deep } : [deep];
    const res = await http(`${sim.url}/__admin/accounts`, {
      method: 'POST',
      json: { provider: 'washeej', delays: deep },
    });
    expect(res.status).toBe(400);
    expect((res.json as { message: string }).message).toMatch(/deeper than 32/);
  });

  it('answers a URL the router cannot decode in the provider’s own shape', async () => {
    const res = await http(`${sim.url}/washeej/external-api/inbox/conversation-details/%ED%A0%80`, {
      headers: { 'client-id': 'washeej-demo-id', 'client-secret': 'washeej-demo-secret' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 'error', remark: expect.any(String) });
  });

  it('answers an oversized head in the shape of the provider the request line names', async () => {
    const answer = await rawRequest(
      sim.url,
      `GET /wessaal/integration/v1/messages?q=${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.text.split('\r\n\r\n')[1]!)).toMatchObject({
      success: false,
      message: expect.any(String),
    });
  });
});
