import { MessageStatus } from '../core/message-status.js';
import { isProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type { MessageStatusResult } from '../core/unified.js';
import type { WessaalClient } from './wessaal.client.js';
import type { WessaalListMessagesResponse, WessaalMessageListItem } from './wessaal.schemas.js';
import { wessaalStatusReading } from './wessaal.status.js';

/** The largest page `GET /messages` gives (wessaal.txt: per_page max 100). */
const PER_PAGE = 100;
/** Fewer ids than this are cheaper to ask one by one than to look for in 100-item pages. */
export const MIN_IDS_FOR_LIST = 4;
/** At most this many pages per lookup, however many ids: a page costs a few status calls, never dozens. */
export const MAX_STATUS_LIST_PAGES = 8;

/** Pages a lookup of `count` ids may read: about one per four ids (a page must replace several status calls). */
export function statusListBudget(count: number): number {
  return count < MIN_IDS_FOR_LIST ? 0 : Math.min(MAX_STATUS_LIST_PAGES, Math.max(2, Math.floor(count / 4)));
}

/** Ids are integers in the doc; one that is not cannot be placed in the list and is asked for on its own. */
const NUMERIC_ID = /^\d{1,15}$/;

/**
 * A list item as a status reading, or undefined for a failure: the list has no `error_message`, which only the
 * status endpoint shows, so a failed message is left to the status call (the gateway keeps the reason).
 */
function readingOf(item: WessaalMessageListItem): MessageStatusResult | undefined {
  const reading = wessaalStatusReading(item.status);
  if (reading.status === MessageStatus.FAILED) return undefined;
  return { providerMessageId: String(item.id), ...reading, to: item.recipient ?? undefined, raw: item };
}

function hasMore(data: WessaalListMessagesResponse['data']): boolean {
  return data.last_page !== undefined
    ? data.current_page < data.last_page
    : data.current_page * data.per_page < data.total;
}

/**
 * The statuses of several messages from `GET /messages` (newest first, pages of 100) instead of one
 * `GET /messages/{id}/status` each. Ids grow with creation (the list's order), so after each page the lookup
 * estimates, from the ids that page spans, the page holding the newest id still missing and reads that one next
 * (polled messages are seconds old: hundreds of newer ones may come before them). An id inside the span of a page
 * read but not on it, one the budget did not reach, a non-numeric id and a failed message are left out of the
 * answer: the caller asks for them one by one, exactly as without the list. Only what a page shows is answered,
 * so a wrong estimate costs calls, never a wrong status.
 *
 * A transient error (429, 5xx, timeout) is thrown: the caller's polls fail as one poll would. Any other refusal of
 * the list (a key without `read_messages`: 403) is handed to `onRefused` and answers what was found so far.
 */
export async function listedWessaalStatuses(
  client: WessaalClient,
  providerMessageIds: readonly string[],
  maxPages: number,
  onRefused?: (error: unknown) => void,
): Promise<Map<string, MessageStatusResult>> {
  const found = new Map<string, MessageStatusResult>();
  const wanted = new Map<number, string>();
  for (const id of providerMessageIds) if (NUMERIC_ID.test(id)) wanted.set(Number(id), id);
  const read = new Set<number>();
  let page = 1;
  while (wanted.size > 0 && read.size < maxPages && page >= 1 && !read.has(page)) {
    read.add(page);
    let data: WessaalListMessagesResponse['data'];
    try {
      ({ data } = await client.listMessages({ page, per_page: PER_PAGE }));
    } catch (error) {
      if (!isProviderError(error) || error.transient) throw error;
      onRefused?.(error);
      return found;
    }
    const ids: number[] = [];
    for (const item of data.data) {
      const id = Number(item.id);
      ids.push(id);
      const asked = wanted.get(id);
      if (asked === undefined) continue;
      wanted.delete(id);
      const reading = readingOf(item);
      if (reading) found.set(asked, reading);
    }
    const newest = ids[0];
    const oldest = ids[ids.length - 1];
    if (newest === undefined || oldest === undefined || ids.some(Number.isNaN)) break;
    // Within the span of this page and not on it: the list does not show it (its own call will tell).
    for (const id of [...wanted.keys()]) if (id <= newest && id >= oldest) wanted.delete(id);
    if (wanted.size === 0) break;
    const target = Math.max(...wanted.keys());
    // Items per id step: 1 when this account made every id in the span, less when others' ids are interleaved.
    const density = newest > oldest ? (ids.length - 1) / (newest - oldest) : 1;
    if (target < oldest) {
      if (!hasMore(data)) break;
      const position = (page - 1) * PER_PAGE + ids.length + (oldest - target) * density;
      page = Math.max(page + 1, Math.ceil(position / PER_PAGE));
    } else {
      const position = (page - 1) * PER_PAGE + 1 - (target - newest) * density;
      page = Math.min(page - 1, Math.max(1, Math.ceil(position / PER_PAGE)));
    }
  }
  return found;
}

/** Whether a refusal of the list means the key may not read it at all (no `read_messages` scope). */
export function isListForbidden(error: unknown): boolean {
  return isProviderError(error, ProviderErrorCode.PERMISSION_DENIED);
}
