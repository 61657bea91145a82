import nock from 'nock';
import { MessageStatus } from '../core/message-status.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type { MessagingProvider } from '../core/messaging-provider.js';
import type { SendRequest } from '../core/unified.js';
import { wamessengerProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

const BASE = 'https://sim.wamessenger.test';
const KEY = 'Ab12Cd34Ef56';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function adapter(): MessagingProvider {
  return wamessengerProvider.create({ baseUrl: BASE, credentials: { apiKey: KEY }, timeoutMs: 5_000 });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

describe('WaMessengerAdapter', () => {
  useNock();

  describe('provider definition', () => {
    it('declares what the adapter implements and nothing else', () => {
      const supported = Object.entries(wamessengerProvider.capabilities)
        .filter(([, on]) => on)
        .map(([capability]) => capability);
      expect(supported.sort()).toEqual(
        [
          'audio',
          'bulk',
          'document',
          'image',
          'inbound_list',
          'message_list',
          'message_status',
          'text',
          'video',
          'webhooks',
        ].sort(),
      );
      expect(wamessengerProvider).toMatchObject({
        id: 'wamessenger',
        name: 'WaMessenger',
        defaultBaseUrl: 'https://api.wamessenger.ir',
        secretFields: ['apiKey'],
      });
      expect(adapter().capabilities).toBe(wamessengerProvider.capabilities);
    });

    it('requires a non-empty api key', () => {
      expect(wamessengerProvider.credentialsSchema.safeParse({ apiKey: KEY }).success).toBe(true);
      expect(wamessengerProvider.credentialsSchema.safeParse({ apiKey: ' ' }).success).toBe(false);
      expect(wamessengerProvider.credentialsSchema.safeParse({}).success).toBe(false);
    });

    it('takes the body encoding with the key: form unless the account is on the JSON successor', () => {
      const parse = (credentials: unknown) => wamessengerProvider.credentialsSchema.safeParse(credentials);
      expect(parse({ apiKey: KEY }).data).toEqual({ apiKey: KEY, bodyEncoding: 'form' });
      expect(parse({ apiKey: KEY, bodyEncoding: 'json' }).data).toEqual({
        apiKey: KEY,
        bodyEncoding: 'json',
      });
      expect(parse({ apiKey: KEY, bodyEncoding: 'xml' }).success).toBe(false);
    });

    it('defaults to the real base URL', async () => {
      nock('https://api.wamessenger.ir').get(`/pending/${KEY}`).reply(200, 'No Pending Message');
      await wamessengerProvider.create({ credentials: { apiKey: KEY } }).testConnection();
    });
  });

  describe('testConnection', () => {
    it('reads the send queue (read-only)', async () => {
      nock(BASE).get(`/pending/${KEY}`).reply(200, 'No Pending Message');
      await expect(adapter().testConnection()).resolves.toBeUndefined();
    });

    it('fails with AUTH_FAILED on a refused key', async () => {
      nock(BASE).get(`/pending/${KEY}`).reply(401, { message: 'Invalid api key' });
      const error = await failure(adapter().testConnection());
      expect(error.code).toBe(ProviderErrorCode.AUTH_FAILED);
    });
  });

  describe('send', () => {
    it('sends text to the E.164 recipient as digits without +', async () => {
      nock(BASE, { reqheaders: FORM })
        .post(`/sendMessage/${KEY}`, form({ phonenumber: '989121234567', text: 'salam' }))
        .reply(200, '80379458');
      const result = await adapter().send({ type: 'text', to: '+989121234567', text: 'salam' });
      expect(result).toEqual({
        providerMessageId: '80379458',
        status: MessageStatus.QUEUED,
        providerStatus: 'pending',
        raw: '80379458',
      });
    });

    it('sends a JSON body when the connection says bodyEncoding json', async () => {
      nock(BASE, { reqheaders: { 'content-type': /^application\/json/ } })
        .post(`/sendMessage/${KEY}`, { phonenumber: '989121234567', text: 'salam' })
        .reply(200, '80379459');
      const json = wamessengerProvider.create({
        baseUrl: BASE,
        credentials: { apiKey: KEY, bodyEncoding: 'json' },
        timeoutMs: 5_000,
      });
      const result = await json.send({ type: 'text', to: '+989121234567', text: 'salam' });
      expect(result.providerMessageId).toBe('80379459');
    });

    it.each([
      [
        'image with its caption as text',
        { type: 'image', media: { url: 'https://f.test/a.jpg' }, caption: 'look' },
        { text: 'look', url: 'https://f.test/a.jpg' },
      ],
      [
        'document without caption: the file name as text',
        { type: 'document', media: { url: 'https://f.test/d.pdf', filename: 'invoice.pdf' }, caption: ' ' },
        { text: 'invoice.pdf', url: 'https://f.test/d.pdf' },
      ],
      [
        'audio without caption or file name: the URL as text',
        { type: 'audio', media: { url: 'https://f.test/v.ogg' } },
        { text: 'https://f.test/v.ogg', url: 'https://f.test/v.ogg' },
      ],
      [
        'video with a caption',
        { type: 'video', media: { url: 'https://f.test/v.3gp', filename: 'v.3gp' }, caption: 'clip' },
        { text: 'clip', url: 'https://f.test/v.3gp' },
      ],
    ])('sends %s', async (_name, message, fields) => {
      nock(BASE)
        .post(`/sendMessage/${KEY}`, form({ phonenumber: '989121234567', ...fields }))
        .reply(200, '80379460');
      const result = await adapter().send({ to: '+989121234567', ...message } as SendRequest);
      expect(result.providerMessageId).toBe('80379460');
    });

    it('refuses media given as bytes before calling the provider', async () => {
      const error = await failure(
        adapter().send({
          type: 'image',
          to: '+989121234567',
          media: { data: new Uint8Array([1]), filename: 'a.png', contentType: 'image/png' },
        }),
      );
      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { media: [expect.stringContaining('URL')] },
      });
    });

    it('refuses a recipient that is not E.164', async () => {
      const error = await failure(adapter().send({ type: 'text', to: '09121234567', text: 'x' }));
      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { to: [expect.any(String)] },
      });
    });

    it.each([
      ['location', { type: 'location', to: '+989121234567', latitude: 35.7, longitude: 51.4 }],
      ['template', { type: 'template', to: '+989121234567', template: '1' }],
      ['contact_card', { type: 'contact_card', to: '+989121234567', contacts: [] }],
      ['poll', { type: 'poll', to: '+989121234567', question: 'q', options: ['a', 'b'] }],
      ['buttons', { type: 'buttons', to: '+989121234567', body: 'b' }],
    ])('rejects %s as UNSUPPORTED_CAPABILITY', async (capability, request) => {
      const error = await failure(adapter().send(request as SendRequest));
      expect(error).toMatchObject({
        code: ProviderErrorCode.UNSUPPORTED_CAPABILITY,
        provider: 'wamessenger',
        capability,
      });
      expect(error.message).toBe(`wamessenger does not support ${capability}`);
    });
  });

  describe('operations outside the capability table', () => {
    const provider = adapter();
    it.each([
      ['status_story', () => provider.sendStatusStory({ kind: 'text', content: 'x' })],
      ['contacts', () => provider.listContacts()],
      ['contacts', () => provider.createContact({ phone: '+989121234567' })],
      ['templates_list', () => provider.listTemplates()],
      ['templates_create', () => provider.createTemplate({ name: 'n', content: 'c' })],
      ['conversations', () => provider.listConversations()],
      ['otp', () => provider.startVerification({ to: '+989121234567' })],
      ['instances', () => provider.listInstances()],
      ['workspaces', () => provider.listWorkspaces()],
    ])('%s rejects with UNSUPPORTED_CAPABILITY', async (capability, call) => {
      const error = await failure(call());
      expect(error).toMatchObject({
        code: ProviderErrorCode.UNSUPPORTED_CAPABILITY,
        provider: 'wamessenger',
        capability,
      });
    });
  });
});
