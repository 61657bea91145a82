import nock from 'nock';
import { nodeTransport, TransportTimeout } from './node-transport.js';
import { useNock } from './testing/use-nock.js';

const BASE = 'https://provider.example.test';
/** nock answers at once, but a machine busy with other suites has delayed it past 1 s. */
const GENEROUS_MS = 15_000;

describe('nodeTransport', () => {
  useNock();

  it('sends the body with its length and reads status, text and headers (case-insensitive)', async () => {
    nock(BASE, { reqheaders: { 'content-length': '7', 'x-api-key': 'k' } })
      .post('/send', '{"a":1}')
      .reply(202, 'queued', { 'Retry-After': '3', 'Set-Cookie': ['a=1', 'b=2'] });
    const response = await nodeTransport(
      { method: 'POST', url: new URL(`${BASE}/send`), headers: { 'x-api-key': 'k' }, body: '{"a":1}' },
      GENEROUS_MS,
    );
    expect(response.status).toBe(202);
    expect(response.text).toBe('queued');
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('SET-COOKIE')).toBe('a=1, b=2');
    expect(response.headers.get('x-missing')).toBeNull();
  });

  it('follows a 303 as a GET without the body, keeping same-origin headers', async () => {
    nock(BASE).post('/start', 'x=1').reply(303, '', { Location: '/done' });
    nock(BASE, { reqheaders: { 'x-api-key': 'k' }, badheaders: ['content-type'] })
      .get('/done')
      .reply(200, 'ok');
    const response = await nodeTransport(
      {
        method: 'POST',
        url: new URL(`${BASE}/start`),
        headers: { 'x-api-key': 'k', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'x=1',
      },
      GENEROUS_MS,
    );
    expect(response).toMatchObject({ status: 200, text: 'ok' });
  });

  it('never carries credentials to another origin on a redirect', async () => {
    nock(BASE).get('/moved').reply(302, '', { Location: 'https://elsewhere.example.test/login' });
    nock('https://elsewhere.example.test', { badheaders: ['x-api-key', 'authorization'] })
      .get('/login')
      .reply(200, '<html>login</html>');
    const response = await nodeTransport(
      {
        method: 'GET',
        url: new URL(`${BASE}/moved`),
        headers: { accept: 'application/json', 'x-api-key': 'k', authorization: 'Bearer t' },
      },
      GENEROUS_MS,
    );
    expect(response.text).toBe('<html>login</html>');
  });

  it('answers a redirect loop with the last redirect instead of looping forever', async () => {
    nock(BASE).get('/loop').times(6).reply(307, '', { Location: '/loop' });
    const response = await nodeTransport(
      { method: 'GET', url: new URL(`${BASE}/loop`), headers: {} },
      GENEROUS_MS,
    );
    expect(response.status).toBe(307);
  });

  it('gives up after the whole-request budget with a TransportTimeout', async () => {
    nock(BASE).get('/slow').delay(500).reply(200, 'late');
    await expect(
      nodeTransport({ method: 'GET', url: new URL(`${BASE}/slow`), headers: {} }, 100),
    ).rejects.toBeInstanceOf(TransportTimeout);
  });
});
