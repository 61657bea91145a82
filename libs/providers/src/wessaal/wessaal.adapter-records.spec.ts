import { MessageStatus } from '../core/message-status.js';
import { ProviderErrorCode } from '../core/provider-error.js';
import type { BulkRequest } from '../core/unified.js';
import * as doc from './wessaal.doc-examples.js';
import {
  rejectionOf,
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_BASE_URL,
  WESSAAL_TEST_PREFIX as P,
  wessaalBodylessApi,
  wessaalJsonApi,
} from './wessaal.test-support.js';
import { wessaalProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

const jsonApi = wessaalJsonApi;
const getApi = wessaalBodylessApi;

describe('WessaalAdapter bulk and message records', () => {
  useNock();

  const adapter = wessaalProvider.create({
    baseUrl: WESSAAL_TEST_BASE_URL,
    credentials: { apiKey: KEY },
    defaults: { from: 'my-instance' },
  });

  describe('bulk', () => {
    it('maps text and media messages onto the doc example and reads the results', async () => {
      jsonApi().post(`${P}/messages/send-bulk`, doc.sendBulkRequestExample).reply(200, doc.sendBulkExample);
      const result = await adapter.sendBulk({
        messages: [
          { type: 'text', to: '+966501234567', text: 'Hello Customer 1!' },
          { type: 'text', to: '+966509876543', text: 'Hello Customer 2!' },
          {
            type: 'image',
            to: '+971501234567',
            caption: 'Your receipt',
            media: { url: 'https://example.com/receipt.png' },
          },
        ],
      });
      expect(result.results[2]).toEqual({
        index: 2,
        to: '+971501234567',
        ok: true,
        providerMessageId: '12347',
        status: MessageStatus.QUEUED,
        providerStatus: 'pending',
        error: undefined,
      });
      expect(result.raw).toEqual(doc.sendBulkExample);
    });

    it('reports a partial success item by item', async () => {
      jsonApi().post(`${P}/messages/send-bulk`).reply(200, doc.sendBulkPartialExample);
      const result = await adapter.sendBulk({
        from: '124',
        messages: [
          { type: 'template', to: '+966501234567', template: '7', variables: { name: 'A' } },
          { type: 'text', to: '+966509876543', text: 'Hi' },
        ],
      });
      expect(result.results.map((r) => [r.ok, r.providerMessageId, r.error, r.errorCode])).toEqual([
        [true, '12345', undefined, undefined],
        [false, undefined, 'Insufficient credits', ProviderErrorCode.INSUFFICIENT_CREDITS],
      ]);
    });

    it('reads each failed item like a refused send: its error_code, a blocked recipient, field messages', async () => {
      const failed = (index: number, extra: Record<string, unknown>) => ({
        index,
        recipient: `+96650000000${index}`,
        success: false,
        ...extra,
      });
      jsonApi()
        .post(`${P}/messages/send-bulk`)
        .reply(200, {
          success: true,
          message: 'Bulk: 0 queued, 4 failed',
          data: {
            total: 4,
            success_count: 0,
            failure_count: 4,
            results: [
              failed(0, { error: 'Template not found', error_code: 'NOT_FOUND' }),
              failed(1, {
                error: 'Validation failed',
                error_code: 'VALIDATION_FAILED',
                errors: { recipient: ['The recipient has blocked this number.'] },
              }),
              failed(2, {
                error: 'Validation failed',
                error_code: 'VALIDATION_FAILED',
                errors: { content: 'Too long' },
              }),
              failed(3, { error: 'Something else' }),
            ],
          },
        });
      const result = await adapter.sendBulk({
        from: '124',
        messages: [0, 1, 2, 3].map((i) => ({ type: 'text' as const, to: `+96650000000${i}`, text: 'Hi' })),
      });
      expect(result.results.map((r) => [r.errorCode, r.fieldErrors])).toEqual([
        [ProviderErrorCode.NOT_FOUND, undefined],
        [ProviderErrorCode.CONTACT_BLOCKED, { recipient: ['The recipient has blocked this number.'] }],
        [ProviderErrorCode.VALIDATION_FAILED, { content: ['Too long'] }],
        [ProviderErrorCode.REJECTED, undefined],
      ]);
    });

    it.each([
      ['no messages', { messages: [] }, 'messages'],
      [
        'more than 100',
        {
          messages: Array.from({ length: 101 }, () => ({
            type: 'text' as const,
            to: '+966501234567',
            text: 'x',
          })),
        },
        'messages',
      ],
      [
        'an item from another instance',
        { messages: [{ type: 'text' as const, from: 'other', to: '+966501234567', text: 'x' }] },
        'messages.0.from',
      ],
      [
        'an item that is not E.164',
        { messages: [{ type: 'text' as const, to: '966', text: 'x' }] },
        'messages.0.to',
      ],
      [
        'a location item',
        { messages: [{ type: 'location', to: '+966501234567' }] as unknown as BulkRequest['messages'] },
        'messages.0.type',
      ],
    ])('refuses %s before any call', async (_label, request: BulkRequest, field) => {
      const error = await rejectionOf(adapter.sendBulk(request));
      expect(error.code).toBe(ProviderErrorCode.VALIDATION_FAILED);
      expect(error.fieldErrors).toHaveProperty([field]);
    });
  });

  describe('message status and list', () => {
    it('getMessageStatus reads the status, recipient and latest timestamp', async () => {
      getApi().get(`${P}/messages/12345/status`).reply(200, doc.messageStatusExample);
      await expect(adapter.getMessageStatus('12345')).resolves.toEqual({
        providerMessageId: '12345',
        status: MessageStatus.DELIVERED,
        providerStatus: 'delivered',
        to: '+966501234567',
        errorMessage: undefined,
        updatedAt: '2025-01-15T10:30:07.000000Z',
        raw: doc.messageStatusExample,
      });
    });

    it('getMessageStatus: refunded is FAILED with the error message', async () => {
      const body = {
        success: true,
        data: {
          ...doc.messageStatusExample.data,
          status: 'refunded',
          failed_at: '2025-01-15T10:31:00.000000Z',
          error_message: 'Number not on WhatsApp',
        },
      };
      getApi().get(`${P}/messages/12345/status`).reply(200, body);
      await expect(adapter.getMessageStatus('12345')).resolves.toMatchObject({
        status: MessageStatus.FAILED,
        providerStatus: 'refunded',
        errorMessage: 'Number not on WhatsApp',
        updatedAt: '2025-01-15T10:31:00.000000Z',
      });
    });

    it('listMessages maps the query and the Laravel page', async () => {
      getApi()
        .get(`${P}/messages`)
        .query({ page: '1', per_page: '50', status: 'delivered', type: 'text' })
        .reply(200, doc.listMessagesExample);
      const page = await adapter.listMessages({
        page: 1,
        pageSize: 50,
        providerStatus: 'delivered',
        type: 'text',
      });
      expect(page).toEqual({
        items: [
          {
            providerMessageId: '12345',
            to: '+966501234567',
            status: MessageStatus.DELIVERED,
            providerStatus: 'delivered',
            text: 'Hello!',
            createdAt: '2025-01-15T10:30:00.000000Z',
            raw: doc.listMessagesExample.data.data[0],
          },
        ],
        page: 1,
        pageCount: 3,
        total: 150,
        raw: doc.listMessagesExample,
      });
    });

    it('listMessages: pendingOnly filters on status=pending', async () => {
      getApi().get(`${P}/messages`).query({ status: 'pending' }).reply(200, doc.listMessagesExample);
      await expect(adapter.listMessages({ pendingOnly: true })).resolves.toMatchObject({ total: 150 });
    });

    it.each([
      [{ pageSize: 101 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ search: '0501' }, 'search'],
    ])('listMessages refuses %j before any call', async (query, field) => {
      const error = await rejectionOf(adapter.listMessages(query));
      expect(error.fieldErrors).toHaveProperty([field]);
    });
  });
});
