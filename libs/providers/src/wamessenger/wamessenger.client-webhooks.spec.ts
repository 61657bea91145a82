import nock from 'nock';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { WaMessengerClient } from './wamessenger.client.js';
import { useNock } from '../core/testing/use-nock.js';

const BASE = 'https://api.wamessenger.ir';
const KEY = 'Ab12Cd34Ef56';

const client = new WaMessengerClient({ baseUrl: BASE, apiKey: KEY, timeoutMs: 5_000 });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('WaMessengerClient webhook and settings endpoints', () => {
  useNock();

  describe('setWebhook', () => {
    it('GETs webhook/set/{key}?url= and reads set "true" as true', async () => {
      nock(BASE)
        .get(`/webhook/set/${KEY}`)
        .query({ url: 'https://test.com' })
        .reply(200, { set: 'true', url: 'https://test.com', message: 'Webhook has been set successfully' });
      await expect(client.setWebhook('https://test.com')).resolves.toEqual({
        set: true,
        url: 'https://test.com',
        message: 'Webhook has been set successfully',
      });
    });

    it('reads "True" and a JSON boolean as true', async () => {
      nock(BASE)
        .get(`/webhook/set/${KEY}`)
        .query(true)
        .reply(200, { set: 'True', url: 'https://a.test', message: 'ok' });
      nock(BASE)
        .get(`/webhook/set/${KEY}`)
        .query(true)
        .reply(200, { set: true, url: 'https://b.test', message: 'ok' });
      await expect(client.setWebhook('https://a.test')).resolves.toMatchObject({ set: true });
      await expect(client.setWebhook('https://b.test')).resolves.toMatchObject({ set: true });
    });

    it('turns set "false" into REJECTED with the provider message', async () => {
      const body = { set: 'false', url: '', message: 'Invalid webhook url' };
      nock(BASE).get(`/webhook/set/${KEY}`).query({ url: 'ftp://x' }).reply(200, body);
      const error = await failure(client.setWebhook('ftp://x'));
      expect(error).toMatchObject({
        code: ProviderErrorCode.REJECTED,
        httpStatus: 200,
        rawBody: body,
        fieldErrors: { _: ['Invalid webhook url'] },
      });
      expect(error.message).toContain('Invalid webhook url');
    });

    it('reports a set that is neither true nor false as UNEXPECTED_RESPONSE', async () => {
      nock(BASE).get(`/webhook/set/${KEY}`).query(true).reply(200, { set: 'maybe', url: '', message: 'x' });
      const error = await failure(client.setWebhook('https://a.test'));
      expect(error.code).toBe(ProviderErrorCode.UNEXPECTED_RESPONSE);
    });
  });

  describe('removeWebhook', () => {
    it('GETs webhook/remove/{key} and parses the documented answer', async () => {
      nock(BASE)
        .get(`/webhook/remove/${KEY}`)
        .reply(200, { set: 'true', url: '', message: 'Webhook successfully removed' });
      await expect(client.removeWebhook()).resolves.toEqual({
        set: true,
        url: '',
        message: 'Webhook successfully removed',
      });
    });
  });

  describe('webhookPending', () => {
    it('GETs webhook/pending/{key} and parses the documented answer', async () => {
      const body = { pending: 3, hash: KEY, message: 'You have 3 pending messages', url: 'https://test.com' };
      nock(BASE).get(`/webhook/pending/${KEY}`).reply(200, body);
      await expect(client.webhookPending()).resolves.toEqual(body);
    });

    it('accepts pending as a string (documented type String)', async () => {
      nock(BASE).get(`/webhook/pending/${KEY}`).reply(200, {
        pending: '0',
        hash: KEY,
        message: 'You have 0 pending messages',
        url: 'https://test.com',
      });
      await expect(client.webhookPending()).resolves.toMatchObject({ pending: 0 });
    });

    it('keeps the key out of a malformed answer it reports', async () => {
      nock(BASE)
        .get(`/webhook/pending/${KEY}`)
        .reply(200, { pending: 'many', hash: KEY, message: 'x', url: '' });
      const error = await failure(client.webhookPending());
      expect(error.code).toBe(ProviderErrorCode.UNEXPECTED_RESPONSE);
      expect(JSON.stringify(error.toJSON())).not.toContain(KEY);
      expect(error.rawBody).toMatchObject({ hash: '[redacted]', pending: 'many' });
    });
  });

  describe('webhookResend', () => {
    it('GETs webhook/resend/{key} and parses the documented answer', async () => {
      const body = {
        pending: 3,
        hash: KEY,
        message: 'Resend 3 messages to https://test.com',
        url: 'https://test.com',
      };
      nock(BASE).get(`/webhook/resend/${KEY}`).reply(200, body);
      await expect(client.webhookResend()).resolves.toEqual(body);
    });
  });

  describe('sendSeen', () => {
    it('GETs sendSeen/{key}?seen=on and reads set "True"', async () => {
      nock(BASE)
        .get(`/sendSeen/${KEY}`)
        .query({ seen: 'on' })
        .reply(200, { set: 'True', message: 'sendSeen changed to on' });
      await expect(client.sendSeen('on')).resolves.toEqual({ set: true, message: 'sendSeen changed to on' });
    });

    it('sends seen=off', async () => {
      nock(BASE)
        .get(`/sendSeen/${KEY}`)
        .query({ seen: 'off' })
        .reply(200, { set: 'True', message: 'sendSeen changed to off' });
      await expect(client.sendSeen('off')).resolves.toMatchObject({ message: 'sendSeen changed to off' });
    });

    it('turns set "False" into REJECTED', async () => {
      nock(BASE)
        .get(`/sendSeen/${KEY}`)
        .query({ seen: 'on' })
        .reply(200, { set: 'False', message: 'sendSeen not changed' });
      const error = await failure(client.sendSeen('on'));
      expect(error).toMatchObject({ code: ProviderErrorCode.REJECTED, httpStatus: 200 });
    });
  });

  describe('receive', () => {
    it('GETs receive/{key}?receive=on and reads set "True"', async () => {
      nock(BASE)
        .get(`/receive/${KEY}`)
        .query({ receive: 'on' })
        .reply(200, { set: 'True', message: 'Receive changed to on' });
      await expect(client.receive('on')).resolves.toEqual({ set: true, message: 'Receive changed to on' });
    });

    it('sends receive=off and keeps unknown fields', async () => {
      nock(BASE)
        .get(`/receive/${KEY}`)
        .query({ receive: 'off' })
        .reply(200, { set: 'True', message: 'Receive changed to off', appliesIn: 30 });
      await expect(client.receive('off')).resolves.toEqual({
        set: true,
        message: 'Receive changed to off',
        appliesIn: 30,
      });
    });
  });
});
