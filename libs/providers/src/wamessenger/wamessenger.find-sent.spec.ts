import nock from 'nock';
import { MessageStatus } from '../core/message-status.js';
import type { MessagingProvider } from '../core/messaging-provider.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type { SentMessageQuery } from '../core/sent-message.js';
import { useNock } from '../core/testing/use-nock.js';
import { wamessengerProvider } from './index.js';

const BASE = 'https://sim.wamessenger.test';
const KEY = 'Ab12Cd34Ef56';
const TO = '+989121234567';
const DIGITS = '989121234567';

function adapter(): MessagingProvider {
  return wamessengerProvider.create({ baseUrl: BASE, credentials: { apiKey: KEY }, timeoutMs: 5_000 });
}

const QUERY: SentMessageQuery = {
  request: { type: 'text', to: TO, text: 'Salam' },
  since: new Date('2026-12-03T10:00:00Z'),
  until: new Date('2026-12-03T10:05:00Z'),
};

/** A showAllMessages item; `created` in the provider's zone-less form (read as UTC). */
function item(id: string, created: string, text = 'Salam', extra: Record<string, string> = {}) {
  return {
    status: 'OK',
    statusInfo: 'Message successfully sent',
    id,
    phonenumber: DIGITS,
    text,
    created,
    execute: created,
    delivery: 'phone',
    ...extra,
  };
}

function page(number: number, pageCount: number, data: unknown[]) {
  return { count: pageCount * 100, pageCount, page: `page ${number} from ${pageCount}`, data };
}

function listed(pageNumber: number, body: unknown, status = 200): nock.Scope {
  return nock(BASE)
    .get(`/showAllMessages/${KEY}`)
    .query({ page: String(pageNumber), phonenumber: DIGITS })
    .reply(status, body as nock.Body);
}

async function findSent(query: SentMessageQuery = QUERY) {
  const provider = adapter();
  if (!provider.findSentMessage) throw new Error('WaMessenger must implement findSentMessage');
  return provider.findSentMessage(query);
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

describe('WaMessengerAdapter.findSentMessage', () => {
  useNock();

  it('finds the message sent to the number within the window, filtering by the number without +', async () => {
    listed(1, page(1, 1, [item('80406106', '2026-12-03 10:06:30'), item('80406105', '2026-12-03 10:01:02')]));
    await expect(findSent()).resolves.toEqual({
      providerMessageId: '80406105',
      status: MessageStatus.DELIVERED,
      providerStatus: 'phone',
    });
  });

  it('answers null when the list holds nothing of that content in the window', async () => {
    listed(1, page(1, 1, [item('3', '2026-12-03 10:02:00', 'Other text'), item('2', '2026-12-03 09:10:00')]));
    await expect(findSent()).resolves.toBeNull();
  });

  it('answers null for the same content outside the window, without reading further pages', async () => {
    listed(1, page(1, 3, [item('2', '2026-12-03 09:59:00')]));
    await expect(findSent()).resolves.toBeNull();
  });

  it('answers null on an empty list (data null)', async () => {
    listed(1, { count: 0, pageCount: 0, page: 'page 1 from 0', data: null });
    await expect(findSent()).resolves.toBeNull();
  });

  it('compares a media message by the text the adapter sends for it (caption, else file name, else URL)', async () => {
    const image: SentMessageQuery = {
      ...QUERY,
      request: { type: 'image', to: TO, media: { url: 'https://cdn.example.com/a.jpg' }, caption: 'Receipt' },
    };
    listed(1, page(1, 1, [item('7', '2026-12-03 10:03:00', 'Receipt', { status: 'pending', delivery: '' })]));
    await expect(findSent(image)).resolves.toEqual({
      providerMessageId: '7',
      status: MessageStatus.QUEUED,
      providerStatus: 'pending',
    });
  });

  it('is transient when the window reaches past the page budget (a busy recipient)', async () => {
    const newer = Array.from({ length: 100 }, (_, i) =>
      item(String(1000 - i), '2026-12-03 10:04:00', 'Other'),
    );
    for (let p = 1; p <= 5; p++) listed(p, page(p, 9, newer));
    const error = await transientOf(findSent());
    expect(error.message).toContain('past 5 list pages');
  });

  it('is transient on a 5xx and on a refused key', async () => {
    listed(1, 'Bad Gateway', 502);
    await transientOf(findSent());
    listed(1, { message: 'Invalid apikey' }, 401);
    const error = await transientOf(findSent());
    expect(error.httpStatus).toBe(401);
    expect(error.cause).toMatchObject({ code: ProviderErrorCode.AUTH_FAILED });
  });

  it('answers null without a call for types the adapter never sends', async () => {
    await expect(
      findSent({ ...QUERY, request: { type: 'location', to: TO, latitude: 1, longitude: 2 } }),
    ).resolves.toBeNull();
  });
});
