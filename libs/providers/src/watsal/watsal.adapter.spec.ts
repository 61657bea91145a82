import nock from 'nock';
import { MessageStatus } from '../core/message-status.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { watsalProvider } from './index.js';
import { watsalStatusReading } from './watsal.status.js';
import { useNock } from '../core/testing/use-nock.js';

const BASE = 'http://localhost:4010/watsal';
const API_KEY = 'wk_test_123';
const AUTH = { authorization: `Bearer ${API_KEY}` };

const adapter = watsalProvider.create({ baseUrl: BASE, credentials: { apiKey: API_KEY }, timeoutMs: 5_000 });
const watsal = nock.bind(null, BASE);
const watsalError = (code: string, message: string) => ({ success: false, error: { code, message } });

async function rejectionOf(run: () => unknown): Promise<ProviderError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('WatsalAdapter', () => {
  useNock();

  describe('send template (POST /v1/notifications/send)', () => {
    it('maps a unified template message to phone, slug and variables', async () => {
      const response = { success: true, data: { request_id: 'req_8812a', status: 'queued' } };
      watsal({ reqheaders: { ...AUTH, 'content-type': 'application/json' } })
        .post('/v1/notifications/send', {
          phone: '+201012345678',
          template: 'order_confirmed',
          variables: { order_id: '123', name: 'Ahmed' },
        })
        .reply(200, response);
      const result = await adapter.send({
        type: 'template',
        to: '+201012345678',
        template: 'order_confirmed',
        variables: { order_id: '123', name: 'Ahmed' },
      });
      expect(result).toEqual({
        providerMessageId: 'req_8812a',
        status: MessageStatus.QUEUED,
        providerStatus: 'queued',
        raw: response,
      });
    });

    it('refuses a recipient that is not E.164 before any request', async () => {
      const error = await rejectionOf(() =>
        adapter.send({ type: 'template', to: '01012345678', template: 'x' }),
      );
      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { to: expect.any(Array) },
      });
    });

    it('refuses positional variables, which Watsal templates cannot take', async () => {
      const error = await rejectionOf(() =>
        adapter.send({ type: 'template', to: '+201012345678', template: 'x', bodyVariables: ['Ahmed'] }),
      );
      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { bodyVariables: expect.any(Array) },
      });
    });

    it('passes a 404 for an unknown template slug through as NOT_FOUND', async () => {
      watsal().post('/v1/notifications/send').reply(404, watsalError('not_found', 'Template nope not found'));
      const error = await rejectionOf(() =>
        adapter.send({ type: 'template', to: '+201012345678', template: 'nope' }),
      );
      expect(error).toMatchObject({ code: ProviderErrorCode.NOT_FOUND, providerCode: 'not_found' });
    });
  });

  describe('getMessageStatus (GET /v1/messages/{id})', () => {
    it('maps the doc example to a unified status result', async () => {
      const response = {
        success: true,
        data: { id: 'req_550e8400', status: 'delivered', timestamp: '2023-10-01T12:05:00Z' },
      };
      watsal({ reqheaders: AUTH }).get('/v1/messages/req_550e8400').reply(200, response);
      await expect(adapter.getMessageStatus('req_550e8400')).resolves.toEqual({
        providerMessageId: 'req_550e8400',
        status: MessageStatus.DELIVERED,
        providerStatus: 'delivered',
        updatedAt: '2023-10-01T12:05:00Z',
        raw: response,
      });
    });

    it('reads an OTP request id as a message id (one namespace) and its `verified` status as DELIVERED', async () => {
      watsal()
        .post('/v1/verify/send')
        .reply(200, { success: true, data: { request_id: 'req_otp1', status: 'sent', expires_in: 300 } });
      watsal()
        .get('/v1/messages/req_otp1')
        .reply(200, {
          success: true,
          data: { id: 'req_otp1', status: 'verified', timestamp: '2023-10-01T12:01:00Z' },
        });
      const started = await adapter.startVerification({ to: '+201012345678' });
      const status = await adapter.getMessageStatus(started.requestId);
      expect(status).toMatchObject({ status: MessageStatus.DELIVERED, providerStatus: 'verified' });
    });
  });

  describe('status mapping', () => {
    it.each([
      ['queued', MessageStatus.QUEUED],
      ['pending', MessageStatus.QUEUED],
      ['sent', MessageStatus.SENT],
      ['delivered', MessageStatus.DELIVERED],
      ['verified', MessageStatus.DELIVERED],
      ['read', MessageStatus.READ],
      ['failed', MessageStatus.FAILED],
      ['expired', MessageStatus.FAILED],
      ['undelivered', MessageStatus.FAILED],
      ['Delivered', MessageStatus.DELIVERED],
      ['bounced_somewhere', MessageStatus.QUEUED],
      ['constructor', MessageStatus.QUEUED],
      ['', MessageStatus.QUEUED],
    ])('%p → %s, keeping the raw value', (providerStatus, status) => {
      expect(watsalStatusReading(providerStatus)).toEqual({ status, providerStatus });
    });
  });

  describe('startVerification (POST /v1/verify/send)', () => {
    it('maps to, codeLength and brandName onto phone, length and brand_name', async () => {
      const response = {
        success: true,
        data: { request_id: 'req_550e8400-e29b-41d4', status: 'sent', expires_in: 300 },
      };
      watsal({ reqheaders: { ...AUTH, 'content-type': 'application/json' } })
        .post('/v1/verify/send', { phone: '+201012345678', length: 6, brand_name: 'Watsal App' })
        .reply(200, response);
      await expect(
        adapter.startVerification({ to: '+201012345678', codeLength: 6, brandName: 'Watsal App' }),
      ).resolves.toEqual({
        requestId: 'req_550e8400-e29b-41d4',
        status: 'sent',
        expiresInSeconds: 300,
        raw: response,
      });
    });

    it('refuses a code length outside 4–8, naming `length`', async () => {
      const error = await rejectionOf(() =>
        adapter.startVerification({ to: '+201012345678', codeLength: 10 }),
      );
      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { length: expect.any(Array) },
      });
    });
  });

  describe('checkVerification (POST /v1/verify/check)', () => {
    it('returns verified true with the check moment', async () => {
      const response = { success: true, data: { verified: true, timestamp: '2023-10-01T12:00:00Z' } };
      watsal({ reqheaders: AUTH })
        .post('/v1/verify/check', { request_id: 'req_550e8400-e29b-41d4', code: '123456' })
        .reply(200, response);
      await expect(adapter.checkVerification('req_550e8400-e29b-41d4', '123456')).resolves.toEqual({
        verified: true,
        checkedAt: '2023-10-01T12:00:00Z',
        raw: response,
      });
    });

    it('returns a 200 verified:false as such, without inventing a reason', async () => {
      const response = { success: true, data: { verified: false } };
      watsal().post('/v1/verify/check').reply(200, response);
      await expect(adapter.checkVerification('req_1', '000000')).resolves.toEqual({
        verified: false,
        checkedAt: undefined,
        raw: response,
      });
    });

    it.each([
      [422, 'invalid_code', 'INVALID_CODE'],
      [422, 'code_expired', 'EXPIRED'],
      [429, 'too_many_attempts', 'TOO_MANY_ATTEMPTS'],
      [404, 'not_found', 'NOT_FOUND'],
      [422, 'already_verified', 'ALREADY_VERIFIED'],
    ])('turns %i %s into verified:false with reason %s', async (status, code, reason) => {
      const body = watsalError(code, 'no');
      watsal().post('/v1/verify/check').reply(status, body);
      await expect(adapter.checkVerification('req_1', '123456')).resolves.toEqual({
        verified: false,
        reason,
        raw: body,
      });
    });

    it.each([
      [401, 'unauthorized', ProviderErrorCode.AUTH_FAILED],
      [429, 'rate_limited', ProviderErrorCode.RATE_LIMITED],
      [422, 'validation_error', ProviderErrorCode.VALIDATION_FAILED],
      [500, 'server_error', ProviderErrorCode.PROVIDER_UNAVAILABLE],
    ])('lets %i %s propagate as %s', async (status, code, expected) => {
      watsal().post('/v1/verify/check').reply(status, watsalError(code, 'no'));
      const error = await rejectionOf(() => adapter.checkVerification('req_1', '123456'));
      expect(error).toMatchObject({ code: expected, providerCode: code });
    });
  });

  describe('testConnection (no ping endpoint: looks up an id that cannot exist)', () => {
    it("resolves on Watsal's own 404 not_found, which proves the key was accepted", async () => {
      watsal({ reqheaders: AUTH })
        .get('/v1/messages/req_connection_test')
        .reply(404, watsalError('not_found', 'Message not found'));
      await expect(adapter.testConnection()).resolves.toBeUndefined();
    });

    it('rejects a 401 as AUTH_FAILED', async () => {
      watsal()
        .get('/v1/messages/req_connection_test')
        .reply(401, watsalError('unauthorized', 'Invalid API key'));
      const error = await rejectionOf(() => adapter.testConnection());
      expect(error).toMatchObject({ code: ProviderErrorCode.AUTH_FAILED, httpStatus: 401 });
    });

    it('rejects a 404 that is not Watsal speaking (wrong base URL)', async () => {
      watsal().get('/v1/messages/req_connection_test').reply(404, '<h1>Not Found</h1>');
      const error = await rejectionOf(() => adapter.testConnection());
      expect(error).toMatchObject({ code: ProviderErrorCode.NOT_FOUND, providerCode: undefined });
    });
  });
});
