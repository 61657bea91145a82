import { MessageStatus } from '../core/message-status.js';
import { ProviderErrorCode } from '../core/provider-error.js';
import { useNock } from '../core/testing/use-nock.js';
import type { MessagingProvider } from '../core/messaging-provider.js';
import { wessaalProvider } from './index.js';
import { listMessagesExample } from './wessaal.doc-examples.js';
import { MAX_STATUS_LIST_PAGES, statusListBudget } from './wessaal.status-list.js';
import {
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_BASE_URL,
  WESSAAL_TEST_PREFIX as P,
  rejectionOf,
  wessaalBodylessApi,
} from './wessaal.test-support.js';

function newAdapter(): MessagingProvider {
  return wessaalProvider.create({ baseUrl: WESSAAL_TEST_BASE_URL, credentials: { apiKey: KEY } });
}

/** A `GET /messages` item shaped as the doc's example, with another id and status. */
function item(id: number, status = 'delivered') {
  return { ...listMessagesExample.data.data[0], id, status };
}

/** Items with the ids from `newest` down to `oldest` (the list is newest first). */
function items(newest: number, oldest: number, status?: (id: number) => string) {
  return Array.from({ length: newest - oldest + 1 }, (_, i) => item(newest - i, status?.(newest - i)));
}

/** One page of the list as the doc's Laravel paginator shows it, `total` items in all. */
function listed(page: number, data: unknown[], total = 10_000): void {
  wessaalBodylessApi()
    .get(`${P}/messages`)
    .query({ page: String(page), per_page: '100' })
    .reply(200, { success: true, data: { current_page: page, data, per_page: 100, total } });
}

async function statusesOf(adapter: MessagingProvider, ids: string[]) {
  if (!adapter.getMessageStatuses) throw new Error('Wessaal must implement getMessageStatuses');
  return adapter.getMessageStatuses(ids);
}

const ids = (...values: number[]) => values.map(String);

describe('WessaalAdapter.getMessageStatuses (statuses from GET /messages)', () => {
  useNock();

  it('asks nothing for fewer than 4 ids (one status call each is cheaper than a page)', async () => {
    expect(statusListBudget(3)).toBe(0);
    expect(await statusesOf(newAdapter(), ids(12345, 12344, 12343))).toEqual(new Map());
  });

  it('reads the doc example: the listed status as a reading, the item as raw', async () => {
    wessaalBodylessApi()
      .get(`${P}/messages`)
      .query({ page: '1', per_page: '100' })
      .reply(200, listMessagesExample);
    // The others are newer than anything the list shows: no page before page 1 to look on.
    const answer = await statusesOf(newAdapter(), ids(12348, 12347, 12346, 12345));
    expect([...answer.keys()]).toEqual(['12345']);
    expect(answer.get('12345')).toEqual({
      providerMessageId: '12345',
      status: MessageStatus.DELIVERED,
      providerStatus: 'delivered',
      to: '+966501234567',
      raw: listMessagesExample.data.data[0],
    });
  });

  it('answers the ids on page 1 in one call; a failure is left to the status call (its reason is only there)', async () => {
    listed(
      1,
      items(1000, 901, (id) =>
        id === 998 ? 'failed' : id === 997 ? 'refunded' : id === 996 ? 'sent' : 'pending',
      ),
    );
    const answer = await statusesOf(newAdapter(), ids(999, 998, 997, 996, 995));
    expect([...answer.keys()].sort()).toEqual(['995', '996', '999']);
    expect(answer.get('996')).toMatchObject({ status: MessageStatus.SENT, providerStatus: 'sent' });
    expect(answer.get('999')).toMatchObject({ status: MessageStatus.QUEUED, providerStatus: 'pending' });
  });

  it('jumps to the page its ids should be on (hundreds of newer messages) instead of walking every page', async () => {
    listed(1, items(1000, 901));
    // 401 newer messages: 500 is at position 501, the first of page 6.
    listed(6, items(500, 401));
    const answer = await statusesOf(newAdapter(), ids(500, 499, 450, 402));
    expect([...answer.keys()].sort()).toEqual(['402', '450', '499', '500']);
  });

  it.each([
    {
      // 12 ids: a budget of 3 pages.
      scenario: 'reads on past the page it landed on for the older ids of the batch',
      pages: [
        [1, 1000, 901],
        [6, 500, 401],
        [7, 400, 301],
      ],
      wanted: [450, 440, 430, 420, 410, 402, 399, 390, 380, 370, 360, 350],
    },
    {
      // Ids 1601..1700 belong to another account: 1500 is on page 5, not the estimated page 6.
      scenario: 'steps back toward the newest when it jumped past its ids (fewer messages than ids between)',
      pages: [
        [1, 2000, 1901],
        [6, 1400, 1301],
        [5, 1500, 1401],
      ],
      wanted: [1500, 1490, 1480, 1470, 1460, 1450, 1440, 1430, 1420, 1410, 1405, 1401],
    },
  ])('$scenario', async ({ pages, wanted }) => {
    for (const [page, newest, oldest] of pages) listed(page!, items(newest!, oldest!));
    const answer = await statusesOf(newAdapter(), ids(...wanted));
    expect([...answer.keys()].sort()).toEqual(ids(...wanted).sort());
  });

  it('leaves out an id within a page it read but not on it, without looking further', async () => {
    const page = items(1000, 901).filter((entry) => entry.id !== 950);
    listed(1, page);
    const answer = await statusesOf(newAdapter(), ids(990, 980, 970, 950));
    expect([...answer.keys()].sort()).toEqual(['970', '980', '990']);
  });

  it('stops at the last page and at its page budget, answering what it found', async () => {
    listed(1, items(1000, 901), 100);
    expect(await statusesOf(newAdapter(), ids(800, 799, 798, 797))).toEqual(new Map());

    // 8 ids: a budget of 2 pages. Page 1 puts 5,000 on page 51, which shows older ids (newer ones were deleted):
    // the budget is spent before the step back.
    expect(statusListBudget(8)).toBe(2);
    expect(statusListBudget(1_000)).toBe(MAX_STATUS_LIST_PAGES);
    listed(1, items(10_000, 9_901));
    listed(51, items(4_000, 3_901));
    const wanted = ids(5_000, 4_999, 4_998, 4_997, 4_996, 4_995, 4_994, 9_950);
    const answer = await statusesOf(newAdapter(), wanted);
    expect([...answer.keys()]).toEqual(['9950']);
  });

  it('passes over ids that are not numbers (the doc has integer ids): their own call answers', async () => {
    listed(1, items(1000, 901));
    const answer = await statusesOf(newAdapter(), ['abc', '999', '998', '997']);
    expect([...answer.keys()].sort()).toEqual(['997', '998', '999']);
  });

  it('throws a transient error (the polls fail as one would)', async () => {
    wessaalBodylessApi()
      .get(`${P}/messages`)
      .query({ page: '1', per_page: '100' })
      .reply(429, { success: false, message: 'Too Many Attempts.' }, { 'retry-after': '30' });
    const error = await rejectionOf(statusesOf(newAdapter(), ids(999, 998, 997, 996)));
    expect(error).toMatchObject({ code: ProviderErrorCode.RATE_LIMITED, transient: true });

    wessaalBodylessApi().get(`${P}/messages`).query(true).reply(503, 'Service Unavailable');
    const down = await rejectionOf(statusesOf(newAdapter(), ids(999, 998, 997, 996)));
    expect(down).toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE, transient: true });
  });

  it('a key without read_messages (403) answers nothing, and that adapter does not ask the list again', async () => {
    const adapter = newAdapter();
    wessaalBodylessApi()
      .get(`${P}/messages`)
      .query(true)
      .reply(403, { success: false, message: 'API key lacks the required permission: read_messages' });
    expect(await statusesOf(adapter, ids(999, 998, 997, 996))).toEqual(new Map());
    // No interceptor left: a second list request would fail the test (nock refuses it).
    expect(await statusesOf(adapter, ids(999, 998, 997, 996))).toEqual(new Map());
  });

  it('a refusal other than a transient one or 403 answers what was found so far, and asks again next time', async () => {
    const adapter = newAdapter();
    listed(1, items(1000, 901));
    wessaalBodylessApi()
      .get(`${P}/messages`)
      .query({ page: '6', per_page: '100' })
      .reply(422, { success: false, message: 'Validation failed', errors: { page: ['too large'] } });
    expect([...(await statusesOf(adapter, ids(999, 500, 499, 498))).keys()]).toEqual(['999']);
    listed(1, items(1000, 901));
    expect([...(await statusesOf(adapter, ids(999, 998, 997, 996))).keys()]).toHaveLength(4);
  });
});
