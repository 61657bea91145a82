import { ProviderErrorCode } from '../core/provider-error.js';
import { WessaalClient } from './wessaal.client.js';
import * as doc from './wessaal.doc-examples.js';
import {
  rejectionOf,
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_BASE_URL,
  WESSAAL_TEST_PREFIX as P,
  wessaalBodylessApi,
  wessaalJsonApi,
} from './wessaal.test-support.js';
import { useNock } from '../core/testing/use-nock.js';

const jsonApi = wessaalJsonApi;
const getApi = wessaalBodylessApi;

describe('WessaalClient endpoints', () => {
  useNock();

  const client = new WessaalClient({ baseUrl: WESSAAL_TEST_BASE_URL, apiKey: KEY });

  describe('account', () => {
    it('GET ping sends X-API-Key and parses pong', async () => {
      getApi().get(`${P}/ping`).reply(200, doc.pingExample);
      await expect(client.ping()).resolves.toEqual(doc.pingExample);
    });

    it('GET me parses the user, permissions and pockets', async () => {
      getApi().get(`${P}/me`).reply(200, doc.meExample);
      const me = await client.me();
      expect(me).toEqual(doc.meExample);
      expect(me.data.pockets.whatsapp?.balance).toBe(250);
    });
  });

  describe('sending', () => {
    it('POST messages/send: text, as JSON, answered 202 with credits_charged', async () => {
      jsonApi().post(`${P}/messages/send`, doc.sendTextRequestExample).reply(202, doc.sendMessageExample);
      const sent = await client.sendMessage({
        instance: 'my-instance',
        recipient: '+966501234567',
        message_type: 'text',
        content: 'Hello from our API!',
      });
      expect(sent).toEqual(doc.sendMessageExample);
      expect(sent.data.credits_charged).toBe(1);
    });

    it('POST messages/send: image by public URL with filename', async () => {
      jsonApi().post(`${P}/messages/send`, doc.sendImageRequestExample).reply(202, doc.sendMessageExample);
      await expect(
        client.sendMessage({
          instance: 'my-instance',
          recipient: '+966501234567',
          message_type: 'image',
          content: 'Here is your invoice',
          media_url: 'https://example.com/invoice.png',
          filename: 'invoice.png',
        }),
      ).resolves.toMatchObject({ data: { message_id: 12345 } });
    });

    it('POST messages/send: saved template with variables', async () => {
      jsonApi().post(`${P}/messages/send`, doc.sendTemplateRequestExample).reply(202, doc.sendMessageExample);
      await expect(
        client.sendMessage({
          instance: 'my-instance',
          recipient: '+966501234567',
          template_id: 7,
          template_variables: { name: 'Ahmed', order_id: 'ORD-9988' },
        }),
      ).resolves.toMatchObject({ success: true });
    });

    it('POST messages/send: by contact_id instead of recipient', async () => {
      jsonApi()
        .post(`${P}/messages/send`, { instance: '124', contact_id: 501, content: 'Hi' })
        .reply(202, doc.sendMessageExample);
      await expect(
        client.sendMessage({ instance: '124', contact_id: 501, content: 'Hi' }),
      ).resolves.toBeDefined();
    });

    it('POST messages/send-bulk: 200 with per-item results', async () => {
      jsonApi().post(`${P}/messages/send-bulk`, doc.sendBulkRequestExample).reply(200, doc.sendBulkExample);
      const bulk = await client.sendBulk({
        instance: 'my-instance',
        messages: [
          { recipient: '+966501234567', message_type: 'text', content: 'Hello Customer 1!' },
          { recipient: '+966509876543', message_type: 'text', content: 'Hello Customer 2!' },
          {
            recipient: '+971501234567',
            message_type: 'image',
            content: 'Your receipt',
            media_url: 'https://example.com/receipt.png',
            filename: 'receipt.png',
          },
        ],
      });
      expect(bulk).toEqual(doc.sendBulkExample);
    });

    it('POST messages/send-bulk: partial success keeps the failed item', async () => {
      jsonApi().post(`${P}/messages/send-bulk`).reply(200, doc.sendBulkPartialExample);
      const bulk = await client.sendBulk({ instance: 'my-instance', messages: [] });
      expect(bulk.data.failure_count).toBe(1);
      expect(bulk.data.results[1]).toEqual({
        index: 1,
        recipient: '+966509876543',
        success: false,
        error: 'Insufficient credits',
      });
    });

    it('POST messages/send-status: a text story', async () => {
      jsonApi()
        .post(`${P}/messages/send-status`, doc.sendStatusRequestExample)
        .reply(202, doc.queuedExample('text'));
      const story = await client.sendStatus({
        instance: 'my-instance',
        type: 'text',
        content: 'New products just dropped!',
        background_color: '#25D366',
        font: 2,
        all_contacts: true,
      });
      expect(story.data.message_id).toBe(12400);
    });

    it('POST messages/send-location', async () => {
      jsonApi()
        .post(`${P}/messages/send-location`, doc.sendLocationRequestExample)
        .reply(202, doc.queuedExample('location'));
      const sent = await client.sendLocation({
        instance: 'my-instance',
        recipient: '+966501234567',
        latitude: 24.7136,
        longitude: 46.6753,
        name: 'Our Head Office',
        address: 'King Fahd Road, Riyadh',
      });
      expect(sent.data.type).toBe('location');
    });

    it('POST messages/send-contact: vCards with wuid digits', async () => {
      jsonApi()
        .post(`${P}/messages/send-contact`, doc.sendContactRequestExample)
        .reply(202, doc.queuedExample('contact'));
      await expect(
        client.sendContact({
          instance: 'my-instance',
          recipient: '+966501234567',
          contacts: [
            {
              fullName: 'Support Team',
              wuid: '966200001234',
              phoneNumber: '+966200001234',
              organization: 'Acme Corp',
              email: 'support@acme.com',
            },
          ],
        }),
      ).resolves.toMatchObject({ data: { message_id: 12400 } });
    });

    it('POST messages/send-poll', async () => {
      jsonApi()
        .post(`${P}/messages/send-poll`, doc.sendPollRequestExample)
        .reply(202, doc.queuedExample('poll'));
      await expect(
        client.sendPoll({
          instance: 'my-instance',
          recipient: '+966501234567',
          name: 'What is your preferred contact time?',
          values: ['Morning', 'Afternoon', 'Evening'],
          selectable_count: 1,
        }),
      ).resolves.toMatchObject({ data: { type: 'poll' } });
    });

    it('POST messages/send-buttons', async () => {
      jsonApi()
        .post(`${P}/messages/send-buttons`, doc.sendButtonsRequestExample)
        .reply(202, doc.queuedExample('buttons'));
      await expect(
        client.sendButtons({
          instance: 'my-instance',
          recipient: '+966501234567',
          title: 'Your Order is Ready',
          description: 'Order #5678 is packed and ready for pickup.',
          footer: 'Thank you for shopping with us',
          buttons: [
            { type: 'reply', displayText: 'Confirm Pickup', id: 'confirm_5678' },
            { type: 'url', displayText: 'View on Map', url: 'https://maps.google.com/?q=24.7,46.7' },
            { type: 'call', displayText: 'Call Us', phoneNumber: '+966200001234' },
          ],
        }),
      ).resolves.toMatchObject({ data: { type: 'buttons' } });
    });

    it('accepts a lenient queued answer with only message_id (undocumented send-* shapes)', async () => {
      jsonApi()
        .post(`${P}/messages/send-poll`)
        .reply(202, { success: true, data: { message_id: '12401' } });
      const sent = await client.sendPoll({
        instance: '1',
        recipient: '+966501234567',
        name: 'Q',
        values: ['a', 'b'],
      });
      expect(sent.data).toEqual({ message_id: '12401' });
    });
  });

  describe('disabled endpoints (410 whatever the body)', () => {
    it.each([
      ['send-reaction', (body: Record<string, unknown>) => client.sendReaction(body)],
      ['send-list', (body: Record<string, unknown>) => client.sendList(body)],
    ])('POST messages/%s calls the server and surfaces GONE', async (endpoint, call) => {
      const gone = { success: false, message: 'This endpoint has been disabled.' };
      const body = { instance: 'my-instance', recipient: '+966501234567', anything: [1] };
      jsonApi().post(`${P}/messages/${endpoint}`, body).reply(410, gone);
      const error = await rejectionOf(call(body));
      expect(error).toMatchObject({
        code: ProviderErrorCode.GONE,
        httpStatus: 410,
        rawBody: gone,
        provider: 'wessaal',
      });
    });

    it('sends an empty JSON object by default', async () => {
      jsonApi().post(`${P}/messages/send-list`, {}).reply(410, { success: false, message: 'Gone' });
      expect((await rejectionOf(client.sendList())).code).toBe(ProviderErrorCode.GONE);
    });

    it('a disabled endpoint answering 2xx breaks the contract: UNEXPECTED_RESPONSE', async () => {
      jsonApi().post(`${P}/messages/send-reaction`).reply(200, { success: true });
      const error = await rejectionOf(client.sendReaction({}));
      expect(error).toMatchObject({ code: ProviderErrorCode.UNEXPECTED_RESPONSE, httpStatus: 200 });
    });
  });

  describe('message records', () => {
    it('GET messages/{id}/status', async () => {
      getApi().get(`${P}/messages/12345/status`).reply(200, doc.messageStatusExample);
      await expect(client.getMessageStatus(12345)).resolves.toEqual(doc.messageStatusExample);
    });

    it('escapes ids as one path segment', async () => {
      getApi().get(`${P}/messages/a%2F..%2Fme/status`).reply(200, doc.messageStatusExample);
      await expect(client.getMessageStatus('a/../me')).resolves.toBeDefined();
    });

    it('GET messages/{id}: detail with timestamps and metadata', async () => {
      getApi().get(`${P}/messages/12345`).reply(200, doc.messageDetailExample);
      await expect(client.getMessage('12345')).resolves.toEqual(doc.messageDetailExample);
    });

    it('GET messages/{id}: accepts message_id instead of id, rejects neither', async () => {
      getApi()
        .get(`${P}/messages/9`)
        .reply(200, { success: true, data: { message_id: 9, status: 'sent' } });
      await expect(client.getMessage(9)).resolves.toMatchObject({ data: { message_id: 9 } });
      getApi()
        .get(`${P}/messages/10`)
        .reply(200, { success: true, data: { status: 'sent' } });
      expect((await rejectionOf(client.getMessage(10))).code).toBe(ProviderErrorCode.UNEXPECTED_RESPONSE);
    });

    it('GET messages with page, per_page, status and type', async () => {
      getApi()
        .get(`${P}/messages`)
        .query({ page: '2', per_page: '100', status: 'delivered', type: 'text' })
        .reply(200, doc.listMessagesExample);
      const list = await client.listMessages({ page: 2, per_page: 100, status: 'delivered', type: 'text' });
      expect(list).toEqual(doc.listMessagesExample);
    });

    it('GET messages without a query sends no query string', async () => {
      getApi().get(`${P}/messages`).query({}).reply(200, doc.listMessagesExample);
      await expect(client.listMessages()).resolves.toMatchObject({ data: { total: 150 } });
    });
  });
});
