import { ProviderErrorCode } from '../core/provider-error.js';
import { WessaalClient } from './wessaal.client.js';
import * as doc from './wessaal.doc-examples.js';
import {
  rejectionOf,
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_BASE_URL,
  WESSAAL_TEST_PREFIX as P,
  wessaalAnyApi,
} from './wessaal.test-support.js';
import { useNock } from '../core/testing/use-nock.js';
import { useResettingServer } from '../core/testing/resetting-server.js';

const SEND = `${P}/messages/send`;
const text = { instance: 'my-instance', recipient: '+966501234567', content: 'Hi' };

describe('Wessaal error mapping', () => {
  useNock();
  const resetting = useResettingServer();

  const client = new WessaalClient({ baseUrl: WESSAAL_TEST_BASE_URL, apiKey: KEY, timeoutMs: 5_000 });
  const api = wessaalAnyApi;

  it('401 {success:false, message:"Unauthenticated."} → AUTH_FAILED', async () => {
    api().get(`${P}/ping`).reply(401, doc.unauthenticatedExample);
    const error = await rejectionOf(client.ping());
    expect(error).toMatchObject({
      code: ProviderErrorCode.AUTH_FAILED,
      provider: 'wessaal',
      httpStatus: 401,
      rawBody: doc.unauthenticatedExample,
      providerCode: undefined,
      fieldErrors: undefined,
      retryAfterSeconds: undefined,
    });
    expect(error.message).toBe('wessaal: GET ping: HTTP 401: Unauthenticated.');
  });

  it('402 error_code INSUFFICIENT_CREDITS → INSUFFICIENT_CREDITS with providerCode', async () => {
    api().post(SEND).reply(402, doc.insufficientCreditsExample);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.INSUFFICIENT_CREDITS,
      httpStatus: 402,
      rawBody: doc.insufficientCreditsExample,
      providerCode: 'INSUFFICIENT_CREDITS',
      fieldErrors: undefined,
    });
  });

  it('403 for a key without the scope → PERMISSION_DENIED', async () => {
    const body = { success: false, message: 'API key lacks the required permission: manage_contacts' };
    api().get(`${P}/contacts`).reply(403, body);
    const error = await rejectionOf(client.listContacts());
    expect(error).toMatchObject({
      code: ProviderErrorCode.PERMISSION_DENIED,
      httpStatus: 403,
      rawBody: body,
      providerCode: undefined,
      fieldErrors: undefined,
    });
  });

  it('404 for a resource the key does not own → NOT_FOUND', async () => {
    const body = { success: false, message: 'Instance not found' };
    api().get(`${P}/instances/999`).reply(404, body);
    const error = await rejectionOf(client.getInstance(999));
    expect(error).toMatchObject({ code: ProviderErrorCode.NOT_FOUND, httpStatus: 404, rawBody: body });
  });

  it('410 → GONE', async () => {
    const body = { success: false, message: 'Not available in this API version.' };
    api().post(`${P}/messages/send-reaction`).reply(410, body);
    const error = await rejectionOf(client.sendReaction({ emoji: '👍' }));
    expect(error).toMatchObject({ code: ProviderErrorCode.GONE, httpStatus: 410, rawBody: body });
  });

  it('422 "Validation failed" → VALIDATION_FAILED with the errors map as fieldErrors', async () => {
    api().post(SEND).reply(422, doc.validationErrorExample);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      httpStatus: 422,
      rawBody: doc.validationErrorExample,
      providerCode: undefined,
      fieldErrors: doc.validationErrorExample.errors,
    });
  });

  it('422 for an unusable template stays VALIDATION_FAILED', async () => {
    const body = {
      success: false,
      message: 'Validation failed',
      errors: { template_id: ['Template is inactive.'] },
    };
    api().post(SEND).reply(422, body);
    const error = await rejectionOf(client.sendMessage({ ...text, template_id: 7 }));
    expect(error).toMatchObject({ code: ProviderErrorCode.VALIDATION_FAILED, fieldErrors: body.errors });
  });

  it('422 whose message says the contact is blocked → CONTACT_BLOCKED', async () => {
    const body = { success: false, message: 'This contact is blocked and cannot receive messages.' };
    api().post(SEND).reply(422, body);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.CONTACT_BLOCKED,
      httpStatus: 422,
      rawBody: body,
      fieldErrors: { _: [body.message] },
    });
  });

  it('422 whose field errors say blocked → CONTACT_BLOCKED keeping the field', async () => {
    const body = {
      success: false,
      message: 'Validation failed',
      errors: { recipient: ['The recipient is blocked.'] },
    };
    api().post(SEND).reply(422, body);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({ code: ProviderErrorCode.CONTACT_BLOCKED, fieldErrors: body.errors });
  });

  it('a single-string field error is normalized to a list', async () => {
    const body = {
      success: false,
      message: 'Validation failed',
      errors: { per_page: 'Must be at most 100.' },
    };
    api().get(`${P}/messages`).query({ per_page: '500' }).reply(422, body);
    const error = await rejectionOf(client.listMessages({ per_page: 500 }));
    expect(error.fieldErrors).toEqual({ per_page: ['Must be at most 100.'] });
  });

  it('429 with Retry-After seconds → RATE_LIMITED with retryAfterSeconds', async () => {
    const body = { message: 'Too Many Attempts.' };
    api().post(SEND).reply(429, body, { 'Retry-After': '42' });
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.RATE_LIMITED,
      httpStatus: 429,
      rawBody: body,
      retryAfterSeconds: 42,
    });
    expect(error.transient).toBe(true);
  });

  it('429 with an HTTP-date Retry-After is read as seconds from now', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    api().get(`${P}/me`).reply(429, { message: 'Too Many Attempts.' }, { 'Retry-After': at });
    const error = await rejectionOf(client.me());
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('400 → VALIDATION_FAILED with the sentence under `_`', async () => {
    const body = { success: false, message: 'Malformed JSON body' };
    api().post(SEND).reply(400, body);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      httpStatus: 400,
      rawBody: body,
      fieldErrors: { _: ['Malformed JSON body'] },
    });
  });

  it('error_code is the providerCode on any status', async () => {
    const body = { success: false, message: 'Instance disconnected', error_code: 'INSTANCE_NOT_CONNECTED' };
    api().post(SEND).reply(422, body);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      providerCode: 'INSTANCE_NOT_CONNECTED',
    });
  });

  it('500 → PROVIDER_UNAVAILABLE', async () => {
    const body = { success: false, message: 'Server Error' };
    api().get(`${P}/instances/124/status`).reply(500, body);
    const error = await rejectionOf(client.getInstanceStatus(124));
    expect(error).toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
      httpStatus: 500,
      rawBody: body,
    });
  });

  it('502 with an HTML page → PROVIDER_UNAVAILABLE keeping the text', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    api().post(SEND).reply(502, html);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
      httpStatus: 502,
      rawBody: html,
    });
  });

  it('a timeout → PROVIDER_UNAVAILABLE', async () => {
    api().get(`${P}/ping`).delay(500).reply(200, doc.pingExample);
    const impatient = new WessaalClient({ baseUrl: WESSAAL_TEST_BASE_URL, apiKey: KEY, timeoutMs: 100 });
    const error = await rejectionOf(impatient.ping());
    expect(error).toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE, httpStatus: undefined });
    expect(error.message).toContain('no answer within 100 ms');
  });

  it('a connection reset → PROVIDER_UNAVAILABLE', async () => {
    const accepted = resetting.connections;
    const reset = new WessaalClient({ baseUrl: `${resetting.origin}${P}`, apiKey: KEY, timeoutMs: 15_000 });
    const error = await rejectionOf(reset.sendMessage(text));
    expect(error.code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
    expect(error.message).toContain('connection failed (ECONNRESET: read ECONNRESET)');
    expect(resetting.connections).toBe(accepted + 1);
  });

  it('a success body missing a documented field → UNEXPECTED_RESPONSE with the body', async () => {
    const body = { success: true, message: 'Message queued for sending', data: { status: 'pending' } };
    api().post(SEND).reply(202, body);
    const error = await rejectionOf(client.sendMessage(text));
    expect(error).toMatchObject({
      code: ProviderErrorCode.UNEXPECTED_RESPONSE,
      httpStatus: 202,
      rawBody: body,
    });
    expect(error.message).toContain('data.message_id');
  });

  it('a 200 saying success:false → UNEXPECTED_RESPONSE', async () => {
    const body = { success: false, message: 'Something odd' };
    api().get(`${P}/me`).reply(200, body);
    expect(await rejectionOf(client.me())).toMatchObject({
      code: ProviderErrorCode.UNEXPECTED_RESPONSE,
      rawBody: body,
    });
  });

  it('a 200 that is not JSON → UNEXPECTED_RESPONSE with the text', async () => {
    api().get(`${P}/ping`).reply(200, 'pong');
    expect(await rejectionOf(client.ping())).toMatchObject({
      code: ProviderErrorCode.UNEXPECTED_RESPONSE,
      rawBody: 'pong',
    });
  });

  it('extra unknown fields are kept in the parsed result', async () => {
    const body = {
      ...doc.sendMessageExample,
      request_id: 'abc',
      data: {
        ...doc.sendMessageExample.data,
        pocket_balance: 249,
        instance: { id: 124, name: 'my-instance', x: 1 },
      },
    };
    api().post(SEND).reply(202, body);
    const sent = await client.sendMessage(text);
    expect(sent).toEqual(body);
    expect(sent.data).toHaveProperty('pocket_balance', 249);
  });

  it('ids and counts sent as strings by the real server are accepted', async () => {
    const body = {
      ...doc.sendMessageExample,
      data: { ...doc.sendMessageExample.data, message_id: '12345', credits_charged: '1', template_used: 0 },
    };
    api().post(SEND).reply(202, body);
    const sent = await client.sendMessage(text);
    expect(sent.data).toMatchObject({ message_id: '12345', credits_charged: 1, template_used: false });
  });
});
