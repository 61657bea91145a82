import nock from 'nock';
import { CAPABILITIES } from '../core/capabilities.js';
import { MessageStatus } from '../core/message-status.js';
import { ProviderErrorCode } from '../core/provider-error.js';
import type { SendRequest } from '../core/unified.js';
import { WasheejAdapter } from './washeej.adapter.js';
import {
  AUTH_HEADERS,
  ORIGIN,
  PREFIX,
  SENT_MESSAGE_EXAMPLE,
  bytes,
  failure,
  paginator,
  parseMultipart,
  providerErrorOf,
  recordAndReply,
  success,
  washeejTestClient,
} from './washeej.spec-support.js';
import { washeejMessageStatus } from './washeej.status.js';
import { useNock } from '../core/testing/use-nock.js';

describe('WasheejAdapter: sending', () => {
  useNock();

  const adapter = new WasheejAdapter(washeejTestClient(), { from: '+966512345678' });
  const api = () => nock(ORIGIN, { reqheaders: AUTH_HEADERS });
  const sent = (status: number | string = 1) =>
    success('success', ['Message sent successfully'], {
      conversation_id: 2,
      message: { ...SENT_MESSAGE_EXAMPLE, status },
    });
  const sendMessage = (status?: number | string) =>
    recordAndReply(api().post(`${PREFIX}/inbox/send-message`), 200, sent(status));

  it('text: splits the E.164 recipient into mobile_code/mobile and sends defaults.from as from_number digits', async () => {
    const recorded = sendMessage();

    const result = await adapter.send({ type: 'text', to: '+966500000000', text: 'Hello!' });

    expect(parseMultipart(recorded)).toEqual({
      fields: { mobile_code: '966', mobile: '500000000', from_number: '966512345678', message: 'Hello!' },
      files: {},
    });
    expect(result).toEqual({
      providerMessageId: '981',
      status: MessageStatus.SENT,
      providerStatus: '1',
      conversationId: '2',
      raw: sent(),
    });
  });

  it('uses libphonenumber for the split (country codes of 1 and 3 digits) and a per-message from', async () => {
    const recorded = sendMessage();

    await adapter.send({ type: 'text', to: '+12025550123', from: '+8801712345678', text: 'Hi' });

    expect(parseMultipart(recorded).fields).toMatchObject({
      mobile_code: '1',
      mobile: '2025550123',
      from_number: '8801712345678',
    });
  });

  it('sends no from_number when neither the message nor the defaults name a sender (first account)', async () => {
    const recorded = sendMessage();
    const noDefault = new WasheejAdapter(washeejTestClient());

    await noDefault.send({ type: 'text', to: '+966500000000', text: 'Hi' });

    expect(parseMultipart(recorded).fields).toEqual({
      mobile_code: '966',
      mobile: '500000000',
      message: 'Hi',
    });
  });

  it.each(['image', 'video', 'document', 'audio'] as const)(
    '%s: uploads the bytes under the field of that name with the caption as message',
    async (type) => {
      const recorded = sendMessage();
      const media = {
        data: bytes('BYTES'),
        filename: { image: 'a.png', video: 'a.mp4', document: 'a.pdf', audio: 'a.ogg' }[type],
        contentType: 'application/octet-stream',
      };

      await adapter.send({ type, to: '+966500000000', media, caption: 'Look' });

      const form = parseMultipart(recorded);
      expect(form.fields).toMatchObject({ message: 'Look' });
      expect(Object.keys(form.files)).toEqual([type]);
      expect(form.files[type]).toMatchObject({ filename: media.filename, content: 'BYTES' });
    },
  );

  it('refuses a {url} media source without a call, explaining that uploads are required', async () => {
    const error = await providerErrorOf(
      adapter.send({ type: 'image', to: '+966500000000', media: { url: 'https://example.com/a.png' } }),
    );

    expect(error).toMatchObject({ code: ProviderErrorCode.VALIDATION_FAILED, provider: 'washeej' });
    expect(error.fieldErrors?.media?.[0]).toContain('uploaded files');
  });

  it('location: latitude and longitude', async () => {
    const recorded = sendMessage();

    await adapter.send({
      type: 'location',
      to: '+966500000000',
      latitude: 24.7136,
      longitude: 46.6753,
      name: 'HQ',
    });

    expect(parseMultipart(recorded).fields).toEqual({
      mobile_code: '966',
      mobile: '500000000',
      from_number: '966512345678',
      latitude: '24.7136',
      longitude: '46.6753',
    });
  });

  it('template: send-template-message with template_id and positional variables; no message id comes back', async () => {
    const answer = success('template_sent', ['Message sent successfully'], { conversation_id: 2 });
    const recorded = recordAndReply(api().post(`${PREFIX}/inbox/send-template-message`), 200, answer);

    const result = await adapter.send({
      type: 'template',
      to: '+966500000000',
      template: '123',
      bodyVariables: ['John', 'Order #456'],
      headerVariables: ['Update'],
    });

    expect(parseMultipart(recorded).fields).toEqual({
      mobile_code: '966',
      mobile: '500000000',
      from_number: '966512345678',
      template_id: '123',
      'body_variables[0]': 'John',
      'body_variables[1]': 'Order #456',
      'header_variables[0]': 'Update',
    });
    expect(result).toEqual({
      providerMessageId: '',
      status: MessageStatus.SENT,
      providerStatus: '1',
      conversationId: '2',
      raw: answer,
    });
  });

  it('template: refuses named variables and a non-numeric template id without a call', async () => {
    const named = await providerErrorOf(
      adapter.send({ type: 'template', to: '+966500000000', template: '123', variables: { name: 'John' } }),
    );
    const slug = await providerErrorOf(
      adapter.send({ type: 'template', to: '+966500000000', template: 'order_update' }),
    );

    expect(named).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { variables: [expect.any(String)] },
    });
    expect(slug).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { template_id: [expect.any(String)] },
    });
  });

  it.each([
    [{ ctaUrlId: 4 }, { cta_url_id: '4' }],
    [{ interactiveListId: 9 }, { interactive_list_id: '9' }],
  ])('buttons %j: the body as message plus the dashboard id', async (ids, expected) => {
    const recorded = sendMessage();

    await adapter.send({ type: 'buttons', to: '+966500000000', body: 'Choose an option', ...ids });

    expect(parseMultipart(recorded).fields).toEqual({
      mobile_code: '966',
      mobile: '500000000',
      from_number: '966512345678',
      message: 'Choose an option',
      ...expected,
    });
  });

  it.each<[string, Partial<SendRequest>, string]>([
    ['neither id', {}, 'ctaUrlId'],
    ['both ids', { ctaUrlId: 1, interactiveListId: 2 }, 'interactiveListId'],
    ['inline buttons', { ctaUrlId: 1, buttons: [{ type: 'reply', displayText: 'Yes', id: 'y' }] }, 'buttons'],
  ])('buttons with %s → VALIDATION_FAILED without a call', async (_what, extra, field) => {
    const error = await providerErrorOf(
      adapter.send({ type: 'buttons', to: '+966500000000', body: 'Choose', ...extra } as SendRequest),
    );

    expect(error.code).toBe(ProviderErrorCode.VALIDATION_FAILED);
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
  });

  it('refuses a Device API instance id as `from` (no documented endpoint) and a non-E.164 recipient', async () => {
    const instance = await providerErrorOf(
      adapter.send({ type: 'text', to: '+966500000000', from: '8_abc123xyz', text: 'Hi' }),
    );
    const local = await providerErrorOf(adapter.send({ type: 'text', to: '0500000000', text: 'Hi' }));

    expect(instance).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { from: [expect.stringContaining('instance')] },
    });
    expect(local).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { to: [expect.any(String)] },
    });
  });

  it('passes provider refusals through: a blocked contact → CONTACT_BLOCKED', async () => {
    api()
      .post(`${PREFIX}/inbox/send-message`)
      .reply(
        200,
        failure('not_found', [
          'You cannot send or receive messages with this contact because they have been blocked.',
        ]),
      );

    const error = await providerErrorOf(adapter.send({ type: 'text', to: '+966500000000', text: 'Hi' }));

    expect(error).toMatchObject({
      code: ProviderErrorCode.CONTACT_BLOCKED,
      providerCode: 'not_found',
      httpStatus: 200,
    });
  });

  it('reads the stored message status of the answer (e.g. 9 failed)', async () => {
    sendMessage(9);

    const result = await adapter.send({ type: 'text', to: '+966500000000', text: 'Hi' });

    expect(result).toMatchObject({ status: MessageStatus.FAILED, providerStatus: '9' });
  });
});

describe('washeejMessageStatus', () => {
  it.each([
    [0, MessageStatus.QUEUED, '0'],
    [1, MessageStatus.SENT, '1'],
    [2, MessageStatus.DELIVERED, '2'],
    [3, MessageStatus.READ, '3'],
    [9, MessageStatus.FAILED, '9'],
    ['2', MessageStatus.DELIVERED, '2'],
    [7, MessageStatus.QUEUED, '7'],
    ['sent', MessageStatus.QUEUED, 'sent'],
    [null, MessageStatus.QUEUED, ''],
  ])('%j → %s (raw %j kept)', (raw, status, providerStatus) => {
    expect(washeejMessageStatus(raw)).toEqual({ status, providerStatus });
  });
});

describe('WasheejAdapter: capabilities and connection', () => {
  useNock();

  const adapter = new WasheejAdapter(washeejTestClient());
  const supported = [
    'text',
    'image',
    'video',
    'document',
    'audio',
    'location',
    'template',
    'buttons',
    'contacts',
    'templates_list',
    'conversations',
  ];

  it('declares exactly what it implements', () => {
    expect(CAPABILITIES.filter((capability) => adapter.capabilities[capability])).toEqual(supported);
  });

  it.each<[string, () => Promise<unknown>]>([
    [
      'contact_card',
      () =>
        adapter.send({
          type: 'contact_card',
          to: '+966500000000',
          contacts: [{ fullName: 'A', phoneNumber: '+966500000001' }],
        }),
    ],
    ['poll', () => adapter.send({ type: 'poll', to: '+966500000000', question: 'Q?', options: ['a', 'b'] })],
    ['status_story', () => adapter.sendStatusStory({ kind: 'text', content: 'Hi' })],
    ['bulk', () => adapter.sendBulk({ messages: [] })],
    ['message_status', () => adapter.getMessageStatus('981')],
    ['message_list', () => adapter.listMessages()],
    ['inbound_list', () => adapter.listInbound()],
    ['templates_create', () => adapter.createTemplate({ name: 'x', content: 'y' })],
    ['otp', () => adapter.startVerification({ to: '+966500000000' })],
    ['webhooks', () => adapter.setWebhook('https://example.com/hook')],
    ['instances', () => adapter.listInstances()],
    ['workspaces', () => adapter.listWorkspaces()],
  ])('%s → UNSUPPORTED_CAPABILITY naming provider and capability', async (capability, call) => {
    const error = await providerErrorOf(call());

    expect(error).toMatchObject({
      code: ProviderErrorCode.UNSUPPORTED_CAPABILITY,
      provider: 'washeej',
      capability,
    });
    expect(error.message).toBe(`washeej does not support ${capability}`);
  });

  it('testConnection lists one contact (GET contact/list?paginate=1) and changes nothing', async () => {
    nock(ORIGIN, { reqheaders: AUTH_HEADERS })
      .get(`${PREFIX}/contact/list`)
      .query({ paginate: '1' })
      .reply(
        200,
        success('contact-list', ['Contact data fetched successfully.'], {
          contacts: paginator('contact/list', [], 1, 1),
        }),
      );

    await expect(adapter.testConnection()).resolves.toBeUndefined();
  });

  it('testConnection surfaces an IP whitelist refusal', async () => {
    nock(ORIGIN)
      .get(`${PREFIX}/contact/list`)
      .query({ paginate: '1' })
      .reply(
        401,
        failure('Unauthorized', [
          'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
        ]),
      );

    const error = await providerErrorOf(adapter.testConnection());

    expect(error.code).toBe(ProviderErrorCode.IP_NOT_WHITELISTED);
  });
});
