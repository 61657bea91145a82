import nock from 'nock';
import { ProviderErrorCode } from '../core/provider-error.js';
import type { WasheejSendMessageParams } from './washeej.requests.js';
import {
  AUTH_HEADERS,
  CONTACT_EXAMPLE,
  CONVERSATION_EXAMPLE,
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
import { useNock } from '../core/testing/use-nock.js';

describe('WasheejClient: inbox', () => {
  useNock();

  const client = washeejTestClient();
  const api = () => nock(ORIGIN, { reqheaders: AUTH_HEADERS });
  const recipient = { mobileCode: '966', mobile: '500000000' };

  describe('GET inbox/conversation-list', () => {
    it('filters by status with page and paginate, and parses data.conversation with contact and notes', async () => {
      api()
        .get(`${PREFIX}/inbox/conversation-list`)
        .query({ status: '2', page: '1', paginate: '10' })
        .reply(
          200,
          success('inbox', ['Conversation data fetched successfully'], {
            conversation: paginator('inbox/conversation-list', [CONVERSATION_EXAMPLE], 1, 10),
          }),
        );

      const answer = await client.conversationList({ status: 2, page: 1, paginate: 10 });

      const [conversation] = answer.data.conversation.data;
      expect(conversation).toMatchObject({ id: 2, contact_id: 17, status: 2, needs_human_reply: 1 });
      expect(conversation?.contact).toMatchObject({ firstname: 'John' });
      expect(conversation?.notes?.[0]).toMatchObject({ note: 'Asked for a callback' });
    });
  });

  describe('POST inbox/change-conversation-status/{id}', () => {
    it('posts status as a multipart integer and reads status_updated', async () => {
      const recorded = recordAndReply(api().post(`${PREFIX}/inbox/change-conversation-status/2`), 200, {
        remark: 'status_updated',
        status: 'success',
        message: ['Status updated successfully'],
      });

      const answer = await client.changeConversationStatus(2, 1);

      expect(parseMultipart(recorded)).toEqual({ fields: { status: '1' }, files: {} });
      expect(answer.remark).toBe('status_updated');
    });

    it('refuses status 4 without a call: the real server accepts 0..3 only', async () => {
      const error = await providerErrorOf(client.changeConversationStatus(2, 4));

      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { status: [expect.stringContaining('0, 1, 2, 3')] },
      });
    });

    it('maps the server validation_error for a status to fieldErrors.status', async () => {
      const body = failure('validation_error', ['The selected status is invalid.']);
      api().post(`${PREFIX}/inbox/change-conversation-status/2`).reply(200, body);

      const error = await providerErrorOf(client.changeConversationStatus(2, 0));

      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        providerCode: 'validation_error',
        fieldErrors: { status: ['The selected status is invalid.'] },
        rawBody: body,
      });
    });

    it('maps an unknown conversation (not_found) to NOT_FOUND', async () => {
      api()
        .post(`${PREFIX}/inbox/change-conversation-status/77`)
        .reply(200, failure('not_found', ['Conversation not found']));

      const error = await providerErrorOf(client.changeConversationStatus(77, 3));

      expect(error.code).toBe(ProviderErrorCode.NOT_FOUND);
    });
  });

  describe('GET inbox/conversation-details/{id}', () => {
    it('parses the conversation with its contact, tags and lists', async () => {
      const contact = {
        ...CONTACT_EXAMPLE,
        tags: [{ id: 1, name: 'VIP' }],
        lists: [{ id: 4, name: 'Newsletter' }],
      };
      api()
        .get(`${PREFIX}/inbox/conversation-details/2`)
        .reply(
          200,
          success('conversation_details', ['Conversation details fetched successfully.'], {
            conversation: { ...CONVERSATION_EXAMPLE, contact },
          }),
        );

      const answer = await client.conversationDetails(2);

      expect(answer.remark).toBe('conversation_details');
      expect(answer.data.conversation.contact?.tags).toEqual([{ id: 1, name: 'VIP' }]);
      expect(answer.data.conversation.contact?.lists).toEqual([{ id: 4, name: 'Newsletter' }]);
    });
  });

  describe('POST inbox/send-message', () => {
    const sent = success('success', ['Message sent successfully'], {
      conversation_id: 2,
      message: SENT_MESSAGE_EXAMPLE,
    });

    it('sends the docs example as multipart fields and parses conversation_id and the stored message', async () => {
      const recorded = recordAndReply(api().post(`${PREFIX}/inbox/send-message`), 200, sent);

      const answer = await client.sendMessage({
        ...recipient,
        fromNumber: '966512345678',
        message: 'Hello! This is a test message.',
      });

      expect(parseMultipart(recorded)).toEqual({
        fields: {
          mobile_code: '966',
          mobile: '500000000',
          from_number: '966512345678',
          message: 'Hello! This is a test message.',
        },
        files: {},
      });
      expect(answer.remark).toBe('success');
      expect(answer.data).toMatchObject({
        conversation_id: 2,
        message: { id: 981, status: 1, whatsapp_message_id: SENT_MESSAGE_EXAMPLE.whatsapp_message_id },
      });
    });

    it.each([
      ['image', { data: bytes('JPEG'), filename: 'photo.jpg', contentType: 'image/jpeg' }],
      ['document', { data: bytes('%PDF-1.7'), filename: 'invoice.pdf', contentType: 'application/pdf' }],
      ['video', { data: bytes('MP4'), filename: 'clip.mp4', contentType: 'video/mp4' }],
      ['audio', { data: bytes('OGG'), filename: 'note.ogg', contentType: 'audio/ogg' }],
    ] as const)(
      'uploads %s as a file part named after the field, with the caption as message',
      async (field, upload) => {
        const recorded = recordAndReply(api().post(`${PREFIX}/inbox/send-message`), 200, sent);

        await client.sendMessage({ ...recipient, message: 'caption', [field]: upload });

        const form = parseMultipart(recorded);
        expect(form.fields).toEqual({ mobile_code: '966', mobile: '500000000', message: 'caption' });
        expect(form.files).toEqual({
          [field]: {
            filename: upload.filename,
            contentType: upload.contentType,
            content: new TextDecoder().decode(upload.data),
          },
        });
      },
    );

    it('sends latitude and longitude together, and the dashboard ids as integers', async () => {
      const recorded = recordAndReply(api().post(`${PREFIX}/inbox/send-message`), 200, sent);

      await client.sendMessage({ ...recipient, latitude: 24.7136, longitude: 46.6753 });
      const location = parseMultipart(recorded).fields;
      const second = recordAndReply(api().post(`${PREFIX}/inbox/send-message`), 200, sent);
      await client.sendMessage({ ...recipient, message: 'Pick one', ctaUrlId: 4, interactiveListId: 9 });

      expect(location).toEqual({
        mobile_code: '966',
        mobile: '500000000',
        latitude: '24.7136',
        longitude: '46.6753',
      });
      expect(parseMultipart(second).fields).toMatchObject({
        cta_url_id: '4',
        interactive_list_id: '9',
        message: 'Pick one',
      });
    });

    const big = (megabytes: number) => new Uint8Array(megabytes * 1024 * 1024 + 1);
    it.each<[string, string, Partial<WasheejSendMessageParams>]>([
      [
        'an image over 5 MB',
        'image',
        { image: { data: big(5), filename: 'a.png', contentType: 'image/png' } },
      ],
      [
        'a gif image',
        'image',
        { image: { data: bytes('GIF'), filename: 'a.gif', contentType: 'image/gif' } },
      ],
      [
        'a document over 100 MB',
        'document',
        { document: { data: big(100), filename: 'a.pdf', contentType: 'application/pdf' } },
      ],
      [
        'an xlsx document',
        'document',
        { document: { data: bytes('PK'), filename: 'a.xlsx', contentType: 'application/octet-stream' } },
      ],
      [
        'a video over 16 MB',
        'video',
        { video: { data: big(16), filename: 'a.mp4', contentType: 'video/mp4' } },
      ],
      [
        'a mov video',
        'video',
        { video: { data: bytes('MOV'), filename: 'a.mov', contentType: 'video/quicktime' } },
      ],
      [
        'an audio over 16 MB',
        'audio',
        { audio: { data: big(16), filename: 'a.mp3', contentType: 'audio/mpeg' } },
      ],
      [
        'an empty file',
        'audio',
        { audio: { data: new Uint8Array(0), filename: 'a.mp3', contentType: 'audio/mpeg' } },
      ],
      ['latitude without longitude', 'longitude', { latitude: 24.7 }],
      ['longitude without latitude', 'latitude', { longitude: 46.6 }],
      ['nothing to send', 'message', { message: '  ' }],
      ['a from_number with +', 'from_number', { message: 'x', fromNumber: '+966512345678' }],
      ['a non-integer cta_url_id', 'cta_url_id', { ctaUrlId: 1.5 }],
    ])('refuses %s without a call (VALIDATION_FAILED naming %s)', async (_what, field, params) => {
      const error = await providerErrorOf(client.sendMessage({ ...recipient, ...params }));

      expect(error.code).toBe(ProviderErrorCode.VALIDATION_FAILED);
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    });

    it('accepts a file named without extension when its content type is allowed', async () => {
      const recorded = recordAndReply(api().post(`${PREFIX}/inbox/send-message`), 200, sent);

      await client.sendMessage({
        ...recipient,
        image: { data: bytes('PNG'), filename: 'upload', contentType: 'image/png' },
      });

      expect(parseMultipart(recorded).files.image?.filename).toBe('upload');
    });
  });

  describe('POST inbox/send-template-message', () => {
    it('sends template_id and PHP-indexed body_variables[n] / header_variables[n] as multipart; reads template_sent', async () => {
      const recorded = recordAndReply(
        api().post(`${PREFIX}/inbox/send-template-message`),
        200,
        success('template_sent', ['Message sent successfully'], { conversation_id: 2 }),
      );

      const answer = await client.sendTemplateMessage({
        ...recipient,
        fromNumber: '966512345678',
        templateId: 123,
        bodyVariables: ['John', 'Order #456'],
        headerVariables: ['Shipping'],
      });

      expect(parseMultipart(recorded).fields).toEqual({
        mobile_code: '966',
        mobile: '500000000',
        from_number: '966512345678',
        template_id: '123',
        'body_variables[0]': 'John',
        'body_variables[1]': 'Order #456',
        'header_variables[0]': 'Shipping',
      });
      expect(answer).toMatchObject({ remark: 'template_sent', data: { conversation_id: 2 } });
    });

    it('accepts a template_sent envelope without data (conversation id missing in some versions)', async () => {
      api()
        .post(`${PREFIX}/inbox/send-template-message`)
        .reply(200, { remark: 'template_sent', status: 'success', message: ['Message sent successfully'] });

      const answer = await client.sendTemplateMessage({ ...recipient, templateId: '123' });

      expect(answer.data).toBeUndefined();
    });

    it('maps an unknown or unapproved template (not_found) to NOT_FOUND', async () => {
      const body = failure('not_found', ['The template is not found']);
      api().post(`${PREFIX}/inbox/send-template-message`).reply(200, body);

      const error = await providerErrorOf(client.sendTemplateMessage({ ...recipient, templateId: 999 }));

      expect(error).toMatchObject({
        code: ProviderErrorCode.NOT_FOUND,
        providerCode: 'not_found',
        rawBody: body,
      });
    });

    it('refuses a non-numeric template id without a call', async () => {
      const error = await providerErrorOf(
        client.sendTemplateMessage({ ...recipient, templateId: 'order_update' }),
      );

      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { template_id: [expect.any(String)] },
      });
    });
  });
});
