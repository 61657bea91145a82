import nock from 'nock';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { WaMessengerClient } from './wamessenger.client.js';
import { useNock } from '../core/testing/use-nock.js';
import { useResettingServer } from '../core/testing/resetting-server.js';

const BASE = 'https://api.wamessenger.ir';
const KEY = 'Ab12Cd34Ef56';
const SEND = { phonenumber: '989121234567', text: 'test' };

function clientWith(timeoutMs = 5_000, baseUrl = BASE): WaMessengerClient {
  return new WaMessengerClient({ baseUrl, apiKey: KEY, timeoutMs });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  // Whatever went wrong, the key (which is in every URL) never shows.
  expect(providerError.message).not.toContain(KEY);
  expect(JSON.stringify(providerError.toJSON())).not.toContain(KEY);
  return providerError;
}

describe('WaMessenger error mapping', () => {
  useNock();
  const resetting = useResettingServer();

  it.each([400, 200])('plain-text "Bad Request" with HTTP %i → VALIDATION_FAILED', async (status) => {
    nock(BASE).post(`/sendMessage/${KEY}`).reply(status, 'Bad Request');
    const error = await failure(clientWith().sendMessage(SEND));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      provider: 'wamessenger',
      httpStatus: status,
      rawBody: 'Bad Request',
      providerCode: 'Bad Request',
      fieldErrors: { _: ['Bad Request'] },
      retryAfterSeconds: undefined,
    });
    expect(error.message).toBe(`wamessenger: sendMessage: HTTP ${status}: Bad Request`);
  });

  it('a JSON string "Bad Request" → VALIDATION_FAILED as well', async () => {
    nock(BASE)
      .post(`/sendMessage/${KEY}`)
      .reply(200, '"Bad Request"', { 'content-type': 'application/json' });
    const error = await failure(clientWith().sendMessage(SEND));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      providerCode: 'Bad Request',
      rawBody: 'Bad Request',
    });
  });

  it.each([401, 403])('HTTP %i → AUTH_FAILED', async (status) => {
    nock(BASE).get(`/pending/${KEY}`).reply(status, { message: 'Access denied' });
    const error = await failure(clientWith().pending());
    expect(error).toMatchObject({
      code: ProviderErrorCode.AUTH_FAILED,
      httpStatus: status,
      rawBody: { message: 'Access denied' },
      providerCode: undefined,
      fieldErrors: undefined,
    });
  });

  it.each([
    [200, 'Invalid api key'],
    [400, 'Invalid API Key'],
    [200, 'Unknown apikey'],
    [400, 'api key is not valid'],
  ])('HTTP %i JSON {message: "%s"} → AUTH_FAILED', async (status, message) => {
    nock(BASE).get(`/getStatus/${KEY}`).query({ id: '1' }).reply(status, { message });
    const error = await failure(clientWith().getStatus('1'));
    expect(error).toMatchObject({
      code: ProviderErrorCode.AUTH_FAILED,
      httpStatus: status,
      rawBody: { message },
    });
    expect(error.message).toContain(message);
  });

  it('redacts the key when the provider quotes it in a message', async () => {
    nock(BASE)
      .get(`/pending/${KEY}`)
      .reply(401, { message: `Unknown api key ${KEY}` });
    const error = await failure(clientWith().pending());
    expect(error.message).toContain('Unknown api key [redacted]');
    expect(error.rawBody).toEqual({ message: 'Unknown api key [redacted]' });
  });

  it('404 → NOT_FOUND', async () => {
    nock(BASE).get(`/getStatus/${KEY}`).query({ id: '999' }).reply(404, { message: 'Message not found' });
    const error = await failure(clientWith().getStatus('999'));
    expect(error).toMatchObject({
      code: ProviderErrorCode.NOT_FOUND,
      httpStatus: 404,
      rawBody: { message: 'Message not found' },
    });
  });

  it('429 → RATE_LIMITED with Retry-After', async () => {
    nock(BASE)
      .post(`/sendMessage/${KEY}`)
      .reply(429, { message: 'Too many requests' }, { 'Retry-After': '30' });
    const error = await failure(clientWith().sendMessage(SEND));
    expect(error).toMatchObject({
      code: ProviderErrorCode.RATE_LIMITED,
      httpStatus: 429,
      rawBody: { message: 'Too many requests' },
      retryAfterSeconds: 30,
    });
    expect(error.transient).toBe(true);
  });

  it('another 4xx with a JSON message → VALIDATION_FAILED carrying the message', async () => {
    nock(BASE).post(`/sendMessage/${KEY}`).reply(422, { message: 'The text field is required' });
    const error = await failure(clientWith().sendMessage({ phonenumber: '989121234567', text: '' }));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      httpStatus: 422,
      rawBody: { message: 'The text field is required' },
      providerCode: undefined,
      fieldErrors: { _: ['The text field is required'] },
    });
  });

  it.each([500, 502, 503])('HTTP %i → PROVIDER_UNAVAILABLE', async (status) => {
    nock(BASE).get(`/showAllMessages/${KEY}`).reply(status, '<html>Bad Gateway</html>');
    const error = await failure(clientWith().showAllMessages());
    expect(error).toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
      httpStatus: status,
      rawBody: '<html>Bad Gateway</html>',
    });
  });

  it('a timeout → PROVIDER_UNAVAILABLE, without the key in the message', async () => {
    nock(BASE).get(`/pending/${KEY}`).delay(500).reply(200, 'No Pending Message');
    const error = await failure(clientWith(50).pending());
    expect(error.code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
    expect(error.message).toContain('no answer within 50 ms');
    expect(error.message).toContain('pending/[redacted]');
  });

  it('a connection reset → PROVIDER_UNAVAILABLE, without the key in the message or the cause', async () => {
    const accepted = resetting.connections;
    const error = await failure(clientWith(15_000, resetting.origin).sendMessage(SEND));
    expect(error.code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
    expect(error.message).toContain('connection failed (ECONNRESET: read ECONNRESET)');
    // Node's own error, from the main realm (hence not toBeInstanceOf(Error) inside Jest's VM); it names no URL.
    expect(error.cause).toMatchObject({ code: 'ECONNRESET', message: 'read ECONNRESET' });
    expect(resetting.connections).toBe(accepted + 1);
  });

  // Node's socket errors name no URL (above); an agent's or a proxy's may, so a synthetic one stands in for them here.
  it('a transport Error naming the key is replaced by a redacted summary that keeps its code', async () => {
    nock(BASE)
      .get(`/pending/${KEY}`)
      .replyWithError(Object.assign(new Error(`socket hang up on /pending/${KEY}`), { code: 'ECONNRESET' }));
    const error = await failure(clientWith().pending());
    expect(error.code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
    expect(error.message).toContain('connection failed');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).toMatchObject({
      code: 'ECONNRESET',
      message: 'socket hang up on /pending/[redacted]',
    });
  });

  it('a transport error given as a bare message naming the key is redacted too', async () => {
    nock(BASE).get(`/pending/${KEY}`).replyWithError(`ECONNRESET on /pending/${KEY}`);
    const error = await failure(clientWith().pending());
    expect(error.code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).message).toContain('ECONNRESET on /pending/[redacted]');
  });

  it('a 2xx body of the wrong shape → UNEXPECTED_RESPONSE with the body kept', async () => {
    nock(BASE).get(`/showAllMessages/${KEY}`).reply(200, { message: 'Service moved' });
    const error = await failure(clientWith().showAllMessages());
    expect(error).toMatchObject({
      code: ProviderErrorCode.UNEXPECTED_RESPONSE,
      httpStatus: 200,
      rawBody: { message: 'Service moved' },
    });
  });

  it('a redirect that is not followed through → UNEXPECTED_RESPONSE (codeForHttpStatus fallback)', async () => {
    nock(BASE).get(`/pending/${KEY}`).reply(304, '');
    const error = await failure(clientWith().pending());
    expect(error).toMatchObject({ code: ProviderErrorCode.UNEXPECTED_RESPONSE, httpStatus: 304 });
  });
});
