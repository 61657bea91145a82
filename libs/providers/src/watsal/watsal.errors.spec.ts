import nock from 'nock';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { WatsalClient } from './watsal.client.js';
import { useNock } from '../core/testing/use-nock.js';

/**
 * Watsal documents no error body; these are the shapes we assume and share with the simulator:
 * `{"success":false,"error":{"code","message","field"?}}` with 400/401/404/422/429.
 */
const BASE = 'https://api.watsal.com';
const client = new WatsalClient({ baseUrl: BASE, apiKey: 'wk_test_123', timeoutMs: 5_000 });

const watsalError = (code: string, message: string, field?: string) => ({
  success: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

async function rejectionOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('Watsal error mapping', () => {
  useNock();

  const cases: Array<{
    name: string;
    status: number;
    body: ReturnType<typeof watsalError>;
    code: ProviderErrorCode;
    fieldErrors: Record<string, string[]> | undefined;
  }> = [
    {
      name: '400 invalid_request (malformed body)',
      status: 400,
      body: watsalError('invalid_request', 'Request body must be valid JSON'),
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { _: ['Request body must be valid JSON'] },
    },
    {
      name: '401 unauthorized',
      status: 401,
      body: watsalError('unauthorized', 'Invalid API key'),
      code: ProviderErrorCode.AUTH_FAILED,
      fieldErrors: undefined,
    },
    {
      name: '404 not_found (unknown request id or template slug)',
      status: 404,
      body: watsalError('not_found', 'Template order_confirmed not found'),
      code: ProviderErrorCode.NOT_FOUND,
      fieldErrors: undefined,
    },
    {
      name: '422 validation_error with error.field',
      status: 422,
      body: watsalError('validation_error', 'phone must be in E.164 format', 'phone'),
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { phone: ['phone must be in E.164 format'] },
    },
    {
      name: '422 validation_error without error.field',
      status: 422,
      body: watsalError('validation_error', 'template is required'),
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { _: ['template is required'] },
    },
    {
      name: '422 invalid_code',
      status: 422,
      body: watsalError('invalid_code', 'The code is incorrect'),
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { _: ['The code is incorrect'] },
    },
    {
      name: '422 code_expired',
      status: 422,
      body: watsalError('code_expired', 'The code has expired'),
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { _: ['The code has expired'] },
    },
    {
      name: '429 too_many_attempts (attempt limit of one verification: locked for good, so not transient)',
      status: 429,
      body: watsalError('too_many_attempts', 'Too many attempts for this request'),
      code: ProviderErrorCode.REJECTED,
      fieldErrors: undefined,
    },
  ];

  it.each(cases)('maps $name', async ({ status, body, code, fieldErrors }) => {
    nock(BASE).post('/v1/verify/check').reply(status, body);
    const error = await rejectionOf(client.verifyCheck({ requestId: 'req_1', code: '123456' }));
    expect(error.code).toBe(code);
    expect(error.provider).toBe('watsal');
    expect(error.httpStatus).toBe(status);
    expect(error.rawBody).toEqual(body);
    expect(error.providerCode).toBe(body.error.code);
    expect(error.fieldErrors).toEqual(fieldErrors);
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.message).toContain(body.error.message);
  });

  it('maps 429 rate_limited and reads Retry-After in seconds', async () => {
    const body = watsalError('rate_limited', 'Rate limit exceeded');
    nock(BASE).post('/v1/notifications/send').reply(429, body, { 'Retry-After': '30' });
    const error = await rejectionOf(
      client.notificationsSend({ phone: '+201012345678', template: 'order_update' }),
    );
    expect(error).toMatchObject({
      code: ProviderErrorCode.RATE_LIMITED,
      httpStatus: 429,
      rawBody: body,
      providerCode: 'rate_limited',
      fieldErrors: undefined,
      retryAfterSeconds: 30,
    });
    expect(error.transient).toBe(true);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    nock(BASE)
      .get('/v1/messages/req_1')
      .reply(429, watsalError('rate_limited', 'Slow down'), { 'Retry-After': at });
    const error = await rejectionOf(client.getMessage('req_1'));
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('treats success:false on HTTP 200 as an error, mapped by its code', async () => {
    const body = watsalError('validation_error', 'length must be between 4 and 8', 'length');
    nock(BASE).post('/v1/verify/send').reply(200, body);
    const error = await rejectionOf(client.verifySend({ phone: '+201012345678' }));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      httpStatus: 200,
      rawBody: body,
      providerCode: 'validation_error',
      fieldErrors: { length: ['length must be between 4 and 8'] },
    });
  });

  it('treats success:false on HTTP 200 with an unknown code as REJECTED', async () => {
    nock(BASE)
      .post('/v1/notifications/send')
      .reply(200, watsalError('template_paused', 'Template is paused'));
    const error = await rejectionOf(client.notificationsSend({ phone: '+201012345678', template: 'promo' }));
    expect(error).toMatchObject({ code: ProviderErrorCode.REJECTED, providerCode: 'template_paused' });
  });

  it('handles an HTML 502 page from a proxy: PROVIDER_UNAVAILABLE, text kept, readable message', async () => {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    nock(BASE).get('/v1/messages/req_1').reply(502, html, { 'Content-Type': 'text/html' });
    const error = await rejectionOf(client.getMessage('req_1'));
    expect(error).toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
      httpStatus: 502,
      rawBody: html,
      providerCode: undefined,
      fieldErrors: undefined,
    });
    expect(error.message).toBe('watsal: HTTP 502: 502 Bad Gateway 502 Bad Gateway');
  });

  it('handles a 401 whose JSON is not the assumed shape by its status alone', async () => {
    nock(BASE).post('/v1/verify/send').reply(401, { message: 'Unauthenticated.' });
    const error = await rejectionOf(client.verifySend({ phone: '+201012345678' }));
    expect(error).toMatchObject({
      code: ProviderErrorCode.AUTH_FAILED,
      httpStatus: 401,
      rawBody: { message: 'Unauthenticated.' },
      providerCode: undefined,
    });
  });

  it('handles an empty 503 body', async () => {
    nock(BASE).get('/v1/messages/req_1').reply(503, '', { 'Retry-After': '5' });
    const error = await rejectionOf(client.getMessage('req_1'));
    expect(error).toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
      rawBody: '',
      retryAfterSeconds: 5,
      message: 'watsal: HTTP 503 with an empty body',
    });
  });
});
