import nock from 'nock';
import { HttpClient, flattenFormFields, pathOf } from './http-client.js';
import { ProviderError, ProviderErrorCode } from './provider-error.js';
import { useNock } from './testing/use-nock.js';
import { useResettingServer } from './testing/resetting-server.js';

const BASE = 'https://api.example.test/prefix';

describe('HttpClient', () => {
  useNock();

  // Generous: a loaded CI machine must not turn an ordinary request into a timeout; the timeout test has its own.
  const client = new HttpClient({ provider: 'test', baseUrl: `${BASE}/`, timeoutMs: 5_000 });

  it('joins the base URL path, escapes path values and drops undefined query values', async () => {
    nock('https://api.example.test').get('/prefix/items/a%2Fb').query({ page: '2' }).reply(200, { ok: true });
    const res = await client.request({
      method: 'GET',
      path: pathOf`items/${'a/b'}`,
      query: { page: 2, q: undefined },
    });
    expect(res).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('sends JSON with a JSON content type', async () => {
    nock(BASE, { reqheaders: { 'content-type': 'application/json' } })
      .post('/send', { a: 1 })
      .reply(202, { queued: true });
    const res = await client.request({
      method: 'POST',
      path: 'send',
      body: { kind: 'json', value: { a: 1 } },
    });
    expect(res.status).toBe(202);
  });

  it('form-encodes arrays the way PHP parses them', async () => {
    nock(BASE, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
      .post('/form', 'phonenumber%5B0%5D=1&phonenumber%5B1%5D=2&text=hi')
      .reply(200, '[]');
    await client.request({
      method: 'POST',
      path: 'form',
      body: { kind: 'form', fields: { phonenumber: ['1', '2'], text: 'hi', url: undefined } },
    });
  });

  it('sends multipart with fields and files', async () => {
    let body = '';
    let contentType = '';
    nock(BASE)
      .post('/upload', (b: string) => {
        body = b;
        return true;
      })
      .reply(function () {
        contentType = String(this.req.headers['content-type']);
        return [200, { ok: true }];
      });
    await client.request({
      method: 'POST',
      path: 'upload',
      body: {
        kind: 'multipart',
        fields: { mobile: '500000000', vars: ['x', 'y'] },
        files: [
          { field: 'image', filename: 'a.png', contentType: 'image/png', data: new Uint8Array([1, 2, 3]) },
        ],
      },
    });
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(body).toContain('name="mobile"');
    expect(body).toContain('name="vars[1]"');
    expect(body).toMatch(/name="image"; filename="a.png"/);
    expect(body).toContain('Content-Type: image/png');
  });

  it('keeps plain-text bodies as text with json undefined', async () => {
    nock(BASE).get('/pending').reply(200, 'No Pending Message');
    const res = await client.request({ method: 'GET', path: 'pending' });
    expect(res).toMatchObject({ text: 'No Pending Message', json: undefined });
  });

  it('turns a timeout into PROVIDER_UNAVAILABLE', async () => {
    nock(BASE).get('/slow').delay(1_000).reply(200, {});
    const impatient = new HttpClient({ provider: 'test', baseUrl: `${BASE}/`, timeoutMs: 200 });
    const error = await impatient.request({ method: 'GET', path: 'slow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE, provider: 'test' });
    expect((error as Error).message).toContain('no answer within 200 ms');
  });

  describe('on a connection the server resets', () => {
    const resetting = useResettingServer();

    it('turns the reset into PROVIDER_UNAVAILABLE, naming the socket error', async () => {
      const accepted = resetting.connections;
      const reset = new HttpClient({
        provider: 'test',
        baseUrl: `${resetting.origin}/prefix/`,
        timeoutMs: 15_000,
      });
      const error = await reset.request({ method: 'GET', path: 'reset' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE });
      expect((error as Error).message).toBe(
        'test: GET reset: connection failed (ECONNRESET: read ECONNRESET)',
      );
      expect(resetting.connections).toBe(accepted + 1);
    });
  });
});

describe('flattenFormFields', () => {
  it('encodes booleans as 1/0 and skips undefined', () => {
    expect(flattenFormFields({ a: true, b: false, c: undefined, d: [1] })).toEqual([
      ['a', '1'],
      ['b', '0'],
      ['d[0]', '1'],
    ]);
  });
});
