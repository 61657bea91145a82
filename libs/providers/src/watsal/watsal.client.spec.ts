import nock from 'nock';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { WatsalClient } from './watsal.client.js';
import { useNock } from '../core/testing/use-nock.js';
import { useResettingServer } from '../core/testing/resetting-server.js';

const BASE = 'https://api.watsal.com';
const API_KEY = 'wk_test_123';
const JSON_HEADERS = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

const client = new WatsalClient({ baseUrl: BASE, apiKey: API_KEY, timeoutMs: 5_000 });

/** Captures the raw JSON text a request carried, so tests can assert its exact keys. */
function captureBody(): { matcher: (body: unknown) => boolean; sent: () => unknown } {
  let sent: unknown;
  return {
    matcher: (body) => {
      sent = body;
      return true;
    },
    sent: () => sent,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('WatsalClient', () => {
  useNock();

  describe('verifySend (POST /v1/verify/send)', () => {
    it('sends the doc example with Bearer auth and JSON, and parses the doc response', async () => {
      nock(BASE, { reqheaders: JSON_HEADERS })
        .post('/v1/verify/send', { phone: '+201012345678', length: 6, brand_name: 'Watsal App' })
        .reply(200, {
          success: true,
          data: { request_id: 'req_550e8400-e29b-41d4', status: 'sent', expires_in: 300 },
        });
      const res = await client.verifySend({ phone: '+201012345678', length: 6, brandName: 'Watsal App' });
      expect(res).toEqual({
        success: true,
        data: { request_id: 'req_550e8400-e29b-41d4', status: 'sent', expires_in: 300 },
      });
    });

    it('leaves length and brand_name out when not given, so Watsal applies its default of 6', async () => {
      const body = captureBody();
      nock(BASE)
        .post('/v1/verify/send', body.matcher)
        .reply(200, {
          success: true,
          data: { request_id: 'req_1', status: 'sent', expires_in: 300 },
        });
      await client.verifySend({ phone: '+201012345678' });
      expect(body.sent()).toEqual({ phone: '+201012345678' });
    });

    it.each([4, 8])('accepts length %i (the documented bounds)', async (length) => {
      nock(BASE)
        .post('/v1/verify/send', { phone: '+201012345678', length })
        .reply(200, {
          success: true,
          data: { request_id: 'req_1', status: 'sent', expires_in: 300 },
        });
      const res = await client.verifySend({ phone: '+201012345678', length });
      expect(res.data.request_id).toBe('req_1');
    });

    it.each([3, 9, 4.5, Number.NaN])(
      'refuses length %p before any request, naming `length`',
      async (length) => {
        // disableNetConnect makes any request fail differently, so VALIDATION_FAILED proves nothing was sent.
        const error = await rejectionOf(client.verifySend({ phone: '+201012345678', length }));
        expect(error.code).toBe(ProviderErrorCode.VALIDATION_FAILED);
        expect(error.provider).toBe('watsal');
        expect(error.httpStatus).toBeUndefined();
        expect(Object.keys(error.fieldErrors ?? {})).toEqual(['length']);
      },
    );

    it('accepts a numeric request id and a string expires_in, normalizing both', async () => {
      nock(BASE)
        .post('/v1/verify/send')
        .reply(200, {
          success: true,
          data: { request_id: 881, status: 'sent', expires_in: '300' },
        });
      const res = await client.verifySend({ phone: '+201012345678' });
      expect(res.data).toEqual({ request_id: '881', status: 'sent', expires_in: 300 });
    });
  });

  describe('verifyCheck (POST /v1/verify/check)', () => {
    it('sends request_id and code and parses the doc response', async () => {
      const body = captureBody();
      nock(BASE, { reqheaders: JSON_HEADERS })
        .post('/v1/verify/check', body.matcher)
        .reply(200, { success: true, data: { verified: true, timestamp: '2023-10-01T12:00:00Z' } });
      const res = await client.verifyCheck({ requestId: 'req_550e8400-e29b-41d4', code: '123456' });
      expect(body.sent()).toEqual({ request_id: 'req_550e8400-e29b-41d4', code: '123456' });
      expect(res.data).toEqual({ verified: true, timestamp: '2023-10-01T12:00:00Z' });
    });

    it.each([
      ['"True"', 'True', true],
      ['"false"', 'false', false],
      ['0', 0, false],
    ])('reads verified %s as a boolean', async (_label, verified, expected) => {
      nock(BASE).post('/v1/verify/check').reply(200, { success: true, data: { verified } });
      const res = await client.verifyCheck({ requestId: 'req_1', code: '0000' });
      expect(res.data.verified).toBe(expected);
    });
  });

  describe('getMessage (GET /v1/messages/{id})', () => {
    it('sends a GET with Bearer auth and no body, and parses the doc response', async () => {
      nock(BASE, { reqheaders: { authorization: `Bearer ${API_KEY}` }, badheaders: ['content-type'] })
        .get('/v1/messages/req_550e8400')
        .reply(200, {
          success: true,
          data: { id: 'req_550e8400', status: 'delivered', timestamp: '2023-10-01T12:05:00Z' },
        });
      const res = await client.getMessage('req_550e8400');
      expect(res.data).toEqual({
        id: 'req_550e8400',
        status: 'delivered',
        timestamp: '2023-10-01T12:05:00Z',
      });
    });

    it('escapes the id as one path segment', async () => {
      nock(BASE)
        .get('/v1/messages/req%2F..%2Fadmin%3Fx%3D1')
        .reply(200, { success: true, data: { id: 'req/../admin?x=1', status: 'sent', timestamp: 't' } });
      const res = await client.getMessage('req/../admin?x=1');
      expect(res.data.id).toBe('req/../admin?x=1');
    });

    it('refuses an empty id, which would address another route', async () => {
      const error = await rejectionOf(client.getMessage(' '));
      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { id: expect.any(Array) },
      });
    });
  });

  describe('notificationsSend (POST /v1/notifications/send)', () => {
    it('sends the doc example and parses the doc response', async () => {
      nock(BASE, { reqheaders: JSON_HEADERS })
        .post('/v1/notifications/send', {
          phone: '+201012345678',
          template: 'order_confirmed',
          variables: { order_id: '123', name: 'Ahmed' },
        })
        .reply(200, { success: true, data: { request_id: 'req_8812a', status: 'queued' } });
      const res = await client.notificationsSend({
        phone: '+201012345678',
        template: 'order_confirmed',
        variables: { order_id: '123', name: 'Ahmed' },
      });
      expect(res).toEqual({ success: true, data: { request_id: 'req_8812a', status: 'queued' } });
    });
  });

  describe('base URL and response contract', () => {
    it('keeps a path prefix of the base URL (the simulator serves Watsal under one)', async () => {
      const simulated = new WatsalClient({ baseUrl: 'http://localhost:4010/watsal/', apiKey: API_KEY });
      nock('http://localhost:4010')
        .get('/watsal/v1/messages/req_1')
        .reply(200, { success: true, data: { id: 'req_1', status: 'sent', timestamp: 't' } });
      await expect(simulated.getMessage('req_1')).resolves.toMatchObject({ data: { status: 'sent' } });
    });

    it('keeps unknown extra fields at every level', async () => {
      nock(BASE)
        .post('/v1/notifications/send')
        .reply(200, {
          success: true,
          meta: { credits_left: 41 },
          data: { request_id: 'req_8812a', status: 'queued', channel: 'whatsapp' },
        });
      const res = await client.notificationsSend({ phone: '+201012345678', template: 'order_confirmed' });
      expect(res).toMatchObject({ meta: { credits_left: 41 }, data: { channel: 'whatsapp' } });
    });

    it('turns a success body missing a documented field into UNEXPECTED_RESPONSE, keeping the body', async () => {
      const body = { success: true, data: { status: 'sent' } };
      nock(BASE).post('/v1/verify/send').reply(200, body);
      const error = await rejectionOf(client.verifySend({ phone: '+201012345678' }));
      expect(error).toMatchObject({
        code: ProviderErrorCode.UNEXPECTED_RESPONSE,
        httpStatus: 200,
        rawBody: body,
      });
      expect(error.message).toContain('data.request_id');
    });

    it('turns a 200 that is not JSON into UNEXPECTED_RESPONSE with the text as rawBody', async () => {
      nock(BASE).get('/v1/messages/req_1').reply(200, '<html>maintenance</html>');
      const error = await rejectionOf(client.getMessage('req_1'));
      expect(error).toMatchObject({
        code: ProviderErrorCode.UNEXPECTED_RESPONSE,
        rawBody: '<html>maintenance</html>',
      });
    });
  });

  describe('transport failures', () => {
    const resetting = useResettingServer();

    it('turns a 5xx into PROVIDER_UNAVAILABLE', async () => {
      nock(BASE)
        .post('/v1/verify/check')
        .reply(503, { success: false, error: { code: 'maintenance', message: 'Back soon' } });
      const error = await rejectionOf(client.verifyCheck({ requestId: 'req_1', code: '123456' }));
      expect(error).toMatchObject({
        code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
        httpStatus: 503,
        providerCode: 'maintenance',
      });
      expect(error.transient).toBe(true);
    });

    it('turns a timeout into PROVIDER_UNAVAILABLE', async () => {
      nock(BASE).get('/v1/messages/req_slow').delay(1_000).reply(200, {});
      const impatient = new WatsalClient({ baseUrl: BASE, apiKey: API_KEY, timeoutMs: 200 });
      const error = await rejectionOf(impatient.getMessage('req_slow'));
      expect(error.code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
      expect(error.message).toContain('no answer within 200 ms');
    });

    it('turns a connection reset into PROVIDER_UNAVAILABLE', async () => {
      const accepted = resetting.connections;
      const reset = new WatsalClient({ baseUrl: resetting.origin, apiKey: API_KEY, timeoutMs: 15_000 });
      const error = await rejectionOf(reset.notificationsSend({ phone: '+201012345678', template: 'x' }));
      expect(error.code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
      expect(error.httpStatus).toBeUndefined();
      expect(error.message).toContain('connection failed (ECONNRESET: read ECONNRESET)');
      expect(resetting.connections).toBe(accepted + 1);
    });
  });
});
