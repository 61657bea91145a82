import { MessageStatus } from './message-status.js';
import { ProviderError, ProviderErrorCode } from './provider-error.js';
import type { SentMessageQuery } from './sent-message.js';
import {
  recipientDigits,
  walkSentMessages,
  type DetailedContent,
  type SentListEntry,
  type SentMessageSource,
} from './sent-message-walk.js';

const SINCE = new Date('2026-12-03T10:00:00Z');
const UNTIL = new Date('2026-12-03T10:05:00Z');
const QUERY: SentMessageQuery = {
  request: { type: 'text', to: '+966501234567', text: 'Hello' },
  since: SINCE,
  until: UNTIL,
};
const SENT = { status: MessageStatus.SENT, providerStatus: 'sent' };
const BUDGET = { maxPages: 2, maxDetails: 1, toleranceMs: 1_000 };

function entry(id: string, at: string | undefined, overrides: Partial<SentListEntry> = {}): SentListEntry {
  return {
    providerMessageId: id,
    recipient: '966501234567',
    createdAt: at === undefined ? undefined : new Date(at),
    content: 'same',
    status: SENT,
    ...overrides,
  };
}

/** Pages as given, newest first; records every page and detail asked for. */
function source(pages: SentListEntry[][], details: Record<string, DetailedContent> = {}) {
  const asked = { pages: [] as number[], details: [] as string[] };
  const src: SentMessageSource = {
    provider: 'test',
    async listPage(page) {
      asked.pages.push(page);
      return { entries: pages[page - 1] ?? [], hasMore: page < pages.length };
    },
    async confirm(e) {
      asked.details.push(e.providerMessageId);
      return {
        content: details[e.providerMessageId] ?? 'unknown',
        status: { status: MessageStatus.DELIVERED, providerStatus: 'delivered' },
      };
    },
  };
  return { src, asked };
}

async function transientOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).code).toBe(ProviderErrorCode.PROVIDER_UNAVAILABLE);
  expect((error as ProviderError).transient).toBe(true);
  return error as ProviderError;
}

describe('walkSentMessages', () => {
  it('finds the same recipient and content inside the window, whatever the number format', async () => {
    const { src, asked } = source([
      [
        entry('3', '2026-12-03T10:06:30Z'),
        entry('2', '2026-12-03T10:02:00Z', { recipient: '+966 50 123 4567' }),
      ],
    ]);
    await expect(walkSentMessages(src, QUERY, BUDGET)).resolves.toEqual({
      providerMessageId: '2',
      status: MessageStatus.SENT,
      providerStatus: 'sent',
    });
    expect(asked.pages).toEqual([1]);
  });

  it('answers null once it reaches entries older than the window, without reading further pages', async () => {
    const { src, asked } = source([
      [entry('4', '2026-12-03T10:03:00Z', { content: 'different' }), entry('3', '2026-12-03T09:58:00Z')],
      [entry('2', '2026-12-03T09:50:00Z')],
    ]);
    await expect(walkSentMessages(src, QUERY, BUDGET)).resolves.toBeNull();
    expect(asked.pages).toEqual([1]);
  });

  it('skips other recipients, different content and messages newer than the window; null at the end of the list', async () => {
    const { src } = source([
      [
        entry('5', '2026-12-03T10:06:00Z'),
        entry('4', '2026-12-03T10:04:00Z', { recipient: '966509999999' }),
        entry('3', '2026-12-03T10:03:00Z', { content: 'different' }),
      ],
    ]);
    await expect(walkSentMessages(src, QUERY, BUDGET)).resolves.toBeNull();
  });

  it('counts whole-second provider times within the tolerance as inside the window', async () => {
    const { src } = source([[entry('1', '2026-12-03T09:59:59.500Z')]]);
    await expect(walkSentMessages(src, QUERY, BUDGET)).resolves.toMatchObject({ providerMessageId: '1' });
  });

  it('is transient when the window reaches past the page budget', async () => {
    const { src, asked } = source([
      [entry('9', '2026-12-03T10:04:00Z', { content: 'different' })],
      [entry('8', '2026-12-03T10:03:00Z', { content: 'different' })],
      [entry('7', '2026-12-03T10:02:00Z')],
    ]);
    const error = await transientOf(walkSentMessages(src, QUERY, BUDGET));
    expect(error.message).toContain('past 2 list pages');
    expect(asked.pages).toEqual([1, 2]);
  });

  it('settles a `check` entry with a detail call and takes the detail status', async () => {
    const { src, asked } = source([[entry('2', '2026-12-03T10:01:00Z', { content: 'check' })]], {
      '2': 'same',
    });
    await expect(walkSentMessages(src, QUERY, BUDGET)).resolves.toEqual({
      providerMessageId: '2',
      status: MessageStatus.DELIVERED,
      providerStatus: 'delivered',
    });
    expect(asked.details).toEqual(['2']);
  });

  it('goes on past a detail that differs, and is transient when the detail budget runs out first', async () => {
    const { src, asked } = source(
      [
        [
          entry('3', '2026-12-03T10:02:00Z', { content: 'check' }),
          entry('2', '2026-12-03T10:01:00Z', { content: 'check' }),
        ],
      ],
      { '3': 'different', '2': 'same' },
    );
    const error = await transientOf(walkSentMessages(src, QUERY, BUDGET));
    expect(error.message).toContain('message 2 needs a detail call');
    expect(asked.details).toEqual(['3']);
  });

  it('is transient when a candidate has no readable time, or a detail cannot show the content', async () => {
    const untimed = source([[entry('2', undefined)]]);
    expect((await transientOf(walkSentMessages(untimed.src, QUERY, BUDGET))).message).toContain(
      'no readable time',
    );
    const hidden = source([[entry('2', '2026-12-03T10:01:00Z', { content: 'check' })]], { '2': 'unknown' });
    expect((await transientOf(walkSentMessages(hidden.src, QUERY, BUDGET))).message).toContain(
      'does not show',
    );
  });

  it('ignores an untimed entry for another recipient', async () => {
    const { src } = source([[entry('2', undefined, { recipient: '966509999999' })]]);
    await expect(walkSentMessages(src, QUERY, BUDGET)).resolves.toBeNull();
  });

  it('is transient when the list is not newest first', async () => {
    const { src } = source([
      [entry('1', '2026-12-03T09:00:00Z', { content: 'different' }), entry('2', '2026-12-03T10:01:00Z')],
    ]);
    // The first entry is older than the window: a newest-first list would end there, so this one is not checked.
    await expect(walkSentMessages(src, QUERY, BUDGET)).resolves.toBeNull();
    const shuffled = source([
      [entry('1', '2026-12-03T10:01:00Z', { content: 'different' }), entry('2', '2026-12-03T10:04:00Z')],
    ]);
    expect((await transientOf(walkSentMessages(shuffled.src, QUERY, BUDGET))).message).toContain(
      'not newest first',
    );
  });

  it('turns any provider error into a transient one that keeps the original as cause and fields', async () => {
    const denied = new ProviderError(ProviderErrorCode.PERMISSION_DENIED, {
      provider: 'test',
      message: 'missing scope read_messages',
      httpStatus: 403,
      rawBody: { success: false },
    });
    const src: SentMessageSource = {
      provider: 'test',
      listPage: () => Promise.reject(denied),
    };
    const error = await transientOf(walkSentMessages(src, QUERY, BUDGET));
    expect(error).toMatchObject({ httpStatus: 403, rawBody: { success: false } });
    expect(error.message).toContain('PERMISSION_DENIED');
    expect(error.cause).toBe(denied);

    const down = new ProviderError(ProviderErrorCode.PROVIDER_UNAVAILABLE, {
      provider: 'test',
      message: '503',
    });
    await expect(
      walkSentMessages({ provider: 'test', listPage: () => Promise.reject(down) }, QUERY),
    ).rejects.toBe(down);
  });

  it('refuses a window that ends before it starts', async () => {
    const { src } = source([]);
    await expect(walkSentMessages(src, { ...QUERY, since: UNTIL, until: SINCE })).rejects.toMatchObject({
      code: ProviderErrorCode.VALIDATION_FAILED,
    });
  });
});

describe('recipientDigits', () => {
  it('compares numbers by digits, an international 00 dropped', () => {
    expect(recipientDigits('+966 50-123-4567')).toBe('966501234567');
    expect(recipientDigits('00966501234567')).toBe('966501234567');
    expect(recipientDigits(null)).toBe('');
  });
});
