import { MessageStatus } from '../core/message-status.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type { SentMessageQuery } from '../core/sent-message.js';
import { useNock } from '../core/testing/use-nock.js';
import type { SendRequest } from '../core/unified.js';
import { wessaalProvider } from './index.js';
import {
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_BASE_URL,
  WESSAAL_TEST_PREFIX as P,
  wessaalBodylessApi,
} from './wessaal.test-support.js';

const TO = '+966501234567';
const SINCE = new Date('2026-12-03T10:00:00Z');
const UNTIL = new Date('2026-12-03T10:05:00Z');

const adapter = wessaalProvider.create({
  baseUrl: WESSAAL_TEST_BASE_URL,
  credentials: { apiKey: KEY },
  defaults: { from: 'my-instance' },
});

function query(request: SendRequest): SentMessageQuery {
  return { request, since: SINCE, until: UNTIL };
}

/** A `GET /messages` item as the doc shows it. */
function item(id: number, createdAt: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    type: 'text',
    recipient: TO,
    content: 'Hello!',
    status: 'delivered',
    created_at: createdAt,
    ...fields,
  };
}

function paginator(currentPage: number, lastPage: number, data: unknown[]) {
  return {
    success: true,
    data: { current_page: currentPage, data, per_page: 100, total: lastPage * 100, last_page: lastPage },
  };
}

function listed(page: number, type: string | undefined, status: number, body: unknown): void {
  const q: Record<string, string> = { page: String(page), per_page: '100' };
  if (type !== undefined) q.type = type;
  wessaalBodylessApi()
    .get(`${P}/messages`)
    .query(q)
    .reply(status, body as Record<string, unknown>);
}

function detailed(id: number, data: Record<string, unknown>): void {
  wessaalBodylessApi()
    .get(`${P}/messages/${id}`)
    .reply(200, { success: true, data: { id, recipient: TO, status: 'sent', ...data } });
}

async function findSent(q: SentMessageQuery) {
  if (!adapter.findSentMessage) throw new Error('Wessaal must implement findSentMessage');
  return adapter.findSentMessage(q);
}

async function transientOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE, transient: true });
  return error as ProviderError;
}

const TEXT: SendRequest = { type: 'text', to: TO, text: 'Hello!' };
const IMAGE: SendRequest = {
  type: 'image',
  to: TO,
  caption: 'Your receipt',
  media: { url: 'https://example.com/receipt.png' },
};
const TEMPLATE: SendRequest = { type: 'template', to: TO, template: '7', variables: { name: 'Ahmed' } };

describe('WessaalAdapter.findSentMessage', () => {
  useNock();

  it('finds a text by recipient and content in the list, newest first, with the list status', async () => {
    listed(
      1,
      'text',
      200,
      paginator(1, 1, [
        item(12347, '2026-12-03T10:06:00.000000Z'),
        item(12346, '2026-12-03T10:03:00.000000Z', { recipient: '+966509999999' }),
        item(12345, '2026-12-03T10:02:00.000000Z'),
      ]),
    );
    await expect(findSent(query(TEXT))).resolves.toEqual({
      providerMessageId: '12345',
      status: MessageStatus.DELIVERED,
      providerStatus: 'delivered',
    });
  });

  it('answers null for different content and for the same content before the window', async () => {
    listed(
      1,
      'text',
      200,
      paginator(1, 4, [
        item(12346, '2026-12-03T10:03:00.000000Z', { content: 'Hello?' }),
        item(12345, '2026-12-03T09:30:00.000000Z'),
      ]),
    );
    await expect(findSent(query(TEXT))).resolves.toBeNull();
  });

  it('confirms a media message with the detail (caption in the list, media URL in the detail)', async () => {
    listed(
      1,
      'image',
      200,
      paginator(1, 1, [
        item(12349, '2026-12-03T10:04:00.000000Z', { type: 'image', content: 'Your receipt' }),
        item(12348, '2026-12-03T10:03:00.000000Z', { type: 'image', content: 'Your receipt' }),
      ]),
    );
    detailed(12349, {
      type: 'image',
      content: 'Your receipt',
      metadata: { media_url: 'https://example.com/other.png' },
    });
    detailed(12348, { type: 'image', content: 'Your receipt', media_url: 'https://example.com/receipt.png' });
    await expect(findSent(query(IMAGE))).resolves.toEqual({
      providerMessageId: '12348',
      status: MessageStatus.SENT,
      providerStatus: 'sent',
    });
  });

  it('confirms a template by its id and variables in the detail, whatever type the list shows', async () => {
    listed(
      1,
      undefined,
      200,
      paginator(1, 1, [
        item(12351, '2026-12-03T10:04:00.000000Z', { content: 'Hi Ahmed' }),
        item(12350, '2026-12-03T10:03:00.000000Z', { content: 'Hi Ahmed' }),
      ]),
    );
    detailed(12351, { template_id: 8, metadata: { template_variables: { name: 'Ahmed' } } });
    detailed(12350, { template_id: '7', metadata: { template_variables: { name: 'Ahmed' } } });
    await expect(findSent(query(TEMPLATE))).resolves.toMatchObject({ providerMessageId: '12350' });
  });

  it('is transient when the detail does not show what the list hides', async () => {
    listed(
      1,
      undefined,
      200,
      paginator(1, 1, [item(12350, '2026-12-03T10:03:00.000000Z', { content: 'Hi Ahmed' })]),
    );
    detailed(12350, { content: 'Hi Ahmed' });
    expect((await transientOf(findSent(query(TEMPLATE)))).message).toContain('does not show its content');
  });

  it('is transient when a created_at has no zone (an ambiguous time)', async () => {
    listed(1, 'text', 200, paginator(1, 1, [item(12345, '2026-12-03 10:02:00')]));
    expect((await transientOf(findSent(query(TEXT)))).message).toContain('no readable time');
  });

  it('is transient when the window reaches past the page budget', async () => {
    const busy = Array.from({ length: 100 }, (_, i) =>
      item(20_000 - i, '2026-12-03T10:04:00.000000Z', { content: 'Other' }),
    );
    for (let page = 1; page <= 5; page++) listed(page, 'text', 200, paginator(page, 50, busy));
    expect((await transientOf(findSent(query(TEXT)))).message).toContain('past 5 list pages');
  });

  it('is transient on a 500 and on a key without read_messages (403)', async () => {
    listed(1, 'text', 500, { success: false, message: 'Server Error' });
    await transientOf(findSent(query(TEXT)));
    listed(1, 'text', 403, { success: false, message: 'This API key lacks the read_messages permission' });
    const error = await transientOf(findSent(query(TEXT)));
    expect(error.httpStatus).toBe(403);
    expect(error.cause).toMatchObject({ code: ProviderErrorCode.PERMISSION_DENIED });
  });

  it('answers null without a call for a request the adapter refuses before sending (media without caption)', async () => {
    await expect(
      findSent(query({ type: 'image', to: TO, media: { url: 'https://example.com/a.png' } })),
    ).resolves.toBeNull();
  });
});
