import { MessageStatus } from '../core/message-status.js';
import { ProviderErrorCode } from '../core/provider-error.js';
import * as doc from './wessaal.doc-examples.js';
import {
  rejectionOf,
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_PREFIX as P,
  wessaalBodylessApi,
  wessaalJsonApi,
} from './wessaal.test-support.js';
import { wessaalProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

const jsonApi = wessaalJsonApi;

describe('WessaalAdapter sending', () => {
  useNock();

  const adapter = wessaalProvider.create({ credentials: { apiKey: KEY }, defaults: { from: 'my-instance' } });

  it('testConnection calls GET ping', async () => {
    wessaalBodylessApi().get(`${P}/ping`).reply(200, doc.pingExample);
    await expect(adapter.testConnection()).resolves.toBeUndefined();
  });

  it('text → messages/send with the default instance; reports id, status and credits', async () => {
    jsonApi().post(`${P}/messages/send`, doc.sendTextRequestExample).reply(202, doc.sendMessageExample);
    const result = await adapter.send({ type: 'text', to: '+966501234567', text: 'Hello from our API!' });
    expect(result).toEqual({
      providerMessageId: '12345',
      status: MessageStatus.QUEUED,
      providerStatus: 'pending',
      creditsCharged: 1,
      raw: doc.sendMessageExample,
    });
  });

  it('text: `from` wins over the default and linkPreview becomes link_preview', async () => {
    jsonApi()
      .post(`${P}/messages/send`, {
        instance: '124',
        recipient: '+966501234567',
        message_type: 'text',
        content: 'Hi',
        link_preview: false,
      })
      .reply(202, doc.sendMessageExample);
    await adapter.send({ type: 'text', from: '124', to: '+966501234567', text: 'Hi', linkPreview: false });
  });

  it('image with a filename → the doc example', async () => {
    jsonApi().post(`${P}/messages/send`, doc.sendImageRequestExample).reply(202, doc.sendMessageExample);
    await adapter.send({
      type: 'image',
      to: '+966501234567',
      caption: 'Here is your invoice',
      media: { url: 'https://example.com/invoice.png', filename: 'invoice.png' },
    });
  });

  it.each([
    ['video', 'https://cdn.example.com/clips/launch%20day.mp4?sig=1', 'launch day.mp4'],
    ['document', 'https://example.com/files/report.pdf', 'report.pdf'],
    ['audio', 'https://example.com/', 'audio'],
  ] as const)('%s without a filename derives it from the URL path', async (type, url, filename) => {
    jsonApi()
      .post(`${P}/messages/send`, {
        instance: 'my-instance',
        recipient: '+966501234567',
        message_type: type,
        content: 'see this',
        media_url: url,
        filename,
      })
      .reply(202, doc.sendMessageExample);
    await adapter.send({ type, to: '+966501234567', media: { url }, caption: 'see this' });
  });

  it('media without a caption is refused before any call (the doc requires content unless template_id)', async () => {
    const error = await rejectionOf(
      adapter.send({ type: 'image', to: '+966501234567', media: { url: 'https://example.com/a.png' } }),
    );
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { caption: [expect.any(String)] },
    });
  });

  it('media as bytes is refused before any call (wessaal takes public URLs)', async () => {
    const error = await rejectionOf(
      adapter.send({
        type: 'document',
        to: '+966501234567',
        media: { data: new Uint8Array([1]), filename: 'a.pdf', contentType: 'application/pdf' },
      }),
    );
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { media: [expect.any(String)] },
    });
  });

  it('template → template_id (numeric) and template_variables', async () => {
    jsonApi().post(`${P}/messages/send`, doc.sendTemplateRequestExample).reply(202, doc.sendMessageExample);
    await adapter.send({
      type: 'template',
      to: '+966501234567',
      template: '7',
      variables: { name: 'Ahmed', order_id: 'ORD-9988' },
    });
  });

  it('template: a non-numeric id or positional variables are refused', async () => {
    const slug = await rejectionOf(
      adapter.send({ type: 'template', to: '+966501234567', template: 'order-shipped' }),
    );
    expect(slug).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { template: expect.any(Array) },
    });
    const positional = await rejectionOf(
      adapter.send({ type: 'template', to: '+966501234567', template: '7', bodyVariables: ['a'] }),
    );
    expect(positional.fieldErrors).toHaveProperty('bodyVariables');
  });

  it('location → messages/send-location', async () => {
    jsonApi()
      .post(`${P}/messages/send-location`, doc.sendLocationRequestExample)
      .reply(202, doc.queuedExample('location'));
    const result = await adapter.send({
      type: 'location',
      to: '+966501234567',
      latitude: 24.7136,
      longitude: 46.6753,
      name: 'Our Head Office',
      address: 'King Fahd Road, Riyadh',
    });
    expect(result.providerMessageId).toBe('12400');
  });

  it('contact_card → messages/send-contact with wuid = digits of the E.164 phone', async () => {
    jsonApi()
      .post(`${P}/messages/send-contact`, doc.sendContactRequestExample)
      .reply(202, doc.queuedExample('contact'));
    await adapter.send({
      type: 'contact_card',
      to: '+966501234567',
      contacts: [
        {
          fullName: 'Support Team',
          phoneNumber: '+966200001234',
          organization: 'Acme Corp',
          email: 'support@acme.com',
        },
      ],
    });
  });

  it('contact_card: a phone that is not E.164 is refused, naming the card', async () => {
    const error = await rejectionOf(
      adapter.send({
        type: 'contact_card',
        to: '+966501234567',
        contacts: [{ fullName: 'X', phoneNumber: '0500' }],
      }),
    );
    expect(error.fieldErrors).toHaveProperty(['contacts.0.phoneNumber']);
  });

  it('poll → messages/send-poll (question → name, options → values)', async () => {
    jsonApi()
      .post(`${P}/messages/send-poll`, doc.sendPollRequestExample)
      .reply(202, doc.queuedExample('poll'));
    await adapter.send({
      type: 'poll',
      to: '+966501234567',
      question: 'What is your preferred contact time?',
      options: ['Morning', 'Afternoon', 'Evening'],
      selectableCount: 1,
    });
  });

  it('buttons → messages/send-buttons (body → description)', async () => {
    jsonApi()
      .post(`${P}/messages/send-buttons`, doc.sendButtonsRequestExample)
      .reply(202, doc.queuedExample('buttons'));
    await adapter.send({
      type: 'buttons',
      to: '+966501234567',
      title: 'Your Order is Ready',
      body: 'Order #5678 is packed and ready for pickup.',
      footer: 'Thank you for shopping with us',
      buttons: [
        { type: 'reply', displayText: 'Confirm Pickup', id: 'confirm_5678' },
        { type: 'url', displayText: 'View on Map', url: 'https://maps.google.com/?q=24.7,46.7' },
        { type: 'call', displayText: 'Call Us', phoneNumber: '+966200001234' },
      ],
    });
  });

  it('buttons without a title, or with a dashboard list id, are refused', async () => {
    const noTitle = await rejectionOf(
      adapter.send({
        type: 'buttons',
        to: '+966501234567',
        body: 'b',
        buttons: [{ type: 'copy', displayText: 'c', copyCode: 'X' }],
      }),
    );
    expect(noTitle.fieldErrors).toHaveProperty('title');
    const list = await rejectionOf(
      adapter.send({ type: 'buttons', to: '+966501234567', title: 't', body: 'b', interactiveListId: 3 }),
    );
    expect(list.code).toBe(ProviderErrorCode.VALIDATION_FAILED);
  });

  it('status_story → messages/send-status, to all contacts by default', async () => {
    jsonApi()
      .post(`${P}/messages/send-status`, doc.sendStatusRequestExample)
      .reply(202, doc.queuedExample('text'));
    const result = await adapter.sendStatusStory({
      kind: 'text',
      content: 'New products just dropped!',
      backgroundColor: '#25D366',
      font: 2,
    });
    expect(result).toMatchObject({ providerMessageId: '12400', status: MessageStatus.QUEUED });
  });

  it('status_story with an audience → status_jid_list and all_contacts false', async () => {
    jsonApi()
      .post(`${P}/messages/send-status`, {
        instance: '124',
        type: 'image',
        content: 'https://example.com/new.png',
        caption: 'New!',
        all_contacts: false,
        status_jid_list: ['966501234567@s.whatsapp.net'],
      })
      .reply(202, { success: true, data: { message_id: 77 } });
    const result = await adapter.sendStatusStory({
      from: '124',
      kind: 'image',
      content: 'https://example.com/new.png',
      caption: 'New!',
      audience: ['+966501234567'],
    });
    // The answer omitted status: a queued message starts as pending.
    expect(result).toMatchObject({
      providerMessageId: '77',
      providerStatus: 'pending',
      creditsCharged: undefined,
    });
  });

  it('a recipient that is not E.164 is refused before any call', async () => {
    const error = await rejectionOf(adapter.send({ type: 'text', to: '0501234567', text: 'x' }));
    expect(error).toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
      fieldErrors: { to: expect.any(Array) },
    });
  });

  it('without `from` or a default instance → VALIDATION_FAILED naming `from`', async () => {
    const bare = wessaalProvider.create({ credentials: { apiKey: KEY } });
    const error = await rejectionOf(bare.send({ type: 'text', to: '+966501234567', text: 'x' }));
    expect(error).toMatchObject({ code: ProviderErrorCode.VALIDATION_FAILED, provider: 'wessaal' });
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['from']);
  });

  it('a server refusal surfaces as the mapped ProviderError', async () => {
    jsonApi().post(`${P}/messages/send`).reply(402, doc.insufficientCreditsExample);
    const error = await rejectionOf(adapter.send({ type: 'text', to: '+966501234567', text: 'x' }));
    expect(error).toMatchObject({
      code: ProviderErrorCode.INSUFFICIENT_CREDITS,
      providerCode: 'INSUFFICIENT_CREDITS',
    });
  });
});
