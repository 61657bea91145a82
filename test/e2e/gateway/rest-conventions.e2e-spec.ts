import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http } from '../../support/http.js';

/** HTTP conventions of the REST API that client libraries and browsers rely on: 405 + Allow, 401 + WWW-Authenticate, CORS. */
describe('gateway REST: HTTP conventions', () => {
  const allowedOrigin = 'https://app.example.com';
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({ GATEWAY_CORS_ORIGINS: `${allowedOrigin},http://localhost:5173` });
  }, 120_000);
  afterAll(() => stack.close());

  it('answers a wrong method on an existing path 405 with Allow, as problem+json', async () => {
    const cases: Array<[string, string, string]> = [
      ['DELETE', '/v1/messages', 'GET, HEAD, POST'],
      ['PUT', '/v1/messages/00000000-0000-4000-8000-000000000000', 'GET, HEAD'],
      ['GET', '/v1/connections/wessaal-demo/test', 'POST'],
      ['POST', '/health?x=1', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await stack.rest(method, path, method === 'GET' ? undefined : {});
      expect({ method, path, status: res.status, allow: res.headers.get('allow') }).toEqual({
        method,
        path,
        status: 405,
        allow,
      });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json).toMatchObject({
        status: 405,
        code: 'BAD_USER_INPUT',
        detail: expect.stringContaining(allow),
      });
    }
  });

  it('still answers 404 for a path no route has', async () => {
    const res = await stack.rest('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
    expect(res.json).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 401 with WWW-Authenticate: Bearer, with no key and with a wrong one', async () => {
    for (const apiKey of [null, 'gw_wrong']) {
      const res = await stack.rest('GET', '/v1/messages', undefined, apiKey);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="wa-gateway"/);
      expect(res.json).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const ok = await stack.rest('GET', '/v1/messages');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('www-authenticate')).toBeNull();
  });

  it('gives one clear message for a list parameter of the wrong type (first=abc)', async () => {
    const res = await stack.rest('GET', '/v1/messages?first=abc');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      detail: 'first: first must be an integer number',
      fields: { first: ['first must be an integer number'] },
    });
  });

  describe('CORS (GATEWAY_CORS_ORIGINS)', () => {
    it('answers a preflight from a listed origin, with the headers a client needs', async () => {
      const res = await http(`${stack.url}/v1/messages`, {
        method: 'OPTIONS',
        headers: {
          origin: allowedOrigin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('lets a listed origin read answers, errors included, and exposes the replay header', async () => {
      const res = await http(`${stack.url}/v1/messages`, { headers: { origin: allowedOrigin } });
      expect(res.status).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(res.headers.get('access-control-expose-headers')).toContain('Idempotent-Replayed');
    });

    it('gives an origin not listed no CORS header (the browser refuses the read)', async () => {
      const res = await http(`${stack.url}/v1/messages`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
