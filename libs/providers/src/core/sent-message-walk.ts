import type { StatusReading } from './message-status.js';
import { isProviderError, ProviderError, ProviderErrorCode } from './provider-error.js';
import type { SentMessageMatch, SentMessageQuery } from './sent-message.js';

/**
 * The bounded walk behind every adapter's `findSentMessage`: list pages newest first, keep entries with the same
 * recipient and content created within the window, settle what the list cannot show with a few detail calls, and
 * stop at the first entry older than the window. "No" is answered only when the walk saw the whole window; anything
 * short of that (budget spent, an unreadable time, a detail that cannot tell, a provider error) throws a transient
 * PROVIDER_UNAVAILABLE, so the caller sends again and flags a possible duplicate.
 */

/** How an entry's content compares with the request: `check` when only a detail call can tell. */
export type ListedContent = 'same' | 'different' | 'check';
/** What a detail call says; `unknown` when even the detail does not show the content. */
export type DetailedContent = 'same' | 'different' | 'unknown';

export interface SentListEntry {
  providerMessageId: string;
  /** As the provider lists it (`+966…`, `966…`): compared by digits. */
  recipient: string | null | undefined;
  /** Undefined when the provider's time is missing or ambiguous. */
  createdAt: Date | undefined;
  content: ListedContent;
  status: StatusReading;
}

export interface SentListPage {
  entries: SentListEntry[];
  hasMore: boolean;
}

/** One provider's view of its sent messages, as the per-provider `<provider>.find-sent.ts` builds it. */
export interface SentMessageSource {
  readonly provider: string;
  /** Page 1 is the newest. */
  listPage(page: number): Promise<SentListPage>;
  confirm?(entry: SentListEntry): Promise<{ content: DetailedContent; status?: StatusReading }>;
}

export interface SentMessageWalkBudget {
  maxPages: number;
  maxDetails: number;
  /** Slack on both ends of the window and on the order check: whole-second provider times, clock skew. */
  toleranceMs: number;
}

export const DEFAULT_SENT_MESSAGE_WALK_BUDGET: Readonly<SentMessageWalkBudget> = Object.freeze({
  maxPages: 5,
  maxDetails: 5,
  toleranceMs: 2_000,
});

/**
 * The lookup could not tell: transient, with the provider's error (if any) as `cause` (its code is there) and its raw
 * status, body, label and Retry-After copied over.
 */
export function cannotTellIfSent(provider: string, why: string, cause?: ProviderError): ProviderError {
  return new ProviderError(ProviderErrorCode.PROVIDER_UNAVAILABLE, {
    provider,
    message: `${provider}: cannot tell whether the message was already sent: ${why}`,
    httpStatus: cause?.httpStatus,
    rawBody: cause?.rawBody,
    providerCode: cause?.providerCode,
    retryAfterSeconds: cause?.retryAfterSeconds,
    cause,
  });
}

/** Digits only, an international `00` dropped: `+966 50…`, `96650…` and `0096650…` are one recipient. */
export function recipientDigits(phone: string | null | undefined): string {
  return (phone ?? '').replace(/\D/g, '').replace(/^00/, '');
}

async function guarded<T>(provider: string, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isProviderError(error, ProviderErrorCode.PROVIDER_UNAVAILABLE)) throw error;
    if (isProviderError(error))
      throw cannotTellIfSent(provider, `${what} failed (${error.code}: ${error.message})`, error);
    throw error;
  }
}

function checkWindow(provider: string, { since, until }: SentMessageQuery): void {
  if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime()) || since > until) {
    throw new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
      provider,
      message: `${provider}: a sent-message lookup needs a window with since <= until`,
      fieldErrors: { since: ['must be a valid time no later than until'] },
    });
  }
}

export async function walkSentMessages(
  source: SentMessageSource,
  query: SentMessageQuery,
  budget: SentMessageWalkBudget = DEFAULT_SENT_MESSAGE_WALK_BUDGET,
): Promise<SentMessageMatch | null> {
  const { provider } = source;
  checkWindow(provider, query);
  const wanted = recipientDigits(query.request.to);
  const from = query.since.getTime() - budget.toleranceMs;
  const to = query.until.getTime() + budget.toleranceMs;
  let detailsLeft = budget.maxDetails;
  let undecided: string | undefined;
  let previous: number | undefined;
  const settle = (): null => {
    if (undecided !== undefined) throw cannotTellIfSent(provider, undecided);
    return null;
  };

  for (let page = 1; page <= budget.maxPages; page++) {
    const { entries, hasMore } = await guarded(provider, `listing page ${page}`, () => source.listPage(page));
    for (const entry of entries) {
      const at = entry.createdAt?.getTime();
      if (at !== undefined) {
        if (previous !== undefined && at > previous + budget.toleranceMs) {
          throw cannotTellIfSent(provider, 'the message list is not newest first');
        }
        previous = at;
        if (at < from) return settle(); // every later entry is older still
        if (at > to) continue;
      }
      if (recipientDigits(entry.recipient) !== wanted || entry.content === 'different') continue;
      if (at === undefined) {
        undecided = `message ${entry.providerMessageId} has no readable time`;
        continue;
      }
      if (entry.content === 'same') return matchOf(entry, entry.status);
      const confirm = source.confirm?.bind(source);
      if (!confirm || detailsLeft === 0) {
        undecided = `message ${entry.providerMessageId} needs a detail call the budget does not allow`;
        continue;
      }
      detailsLeft--;
      const detail = await guarded(provider, `reading message ${entry.providerMessageId}`, () =>
        confirm(entry),
      );
      if (detail.content === 'same') return matchOf(entry, detail.status ?? entry.status);
      if (detail.content === 'unknown')
        undecided = `message ${entry.providerMessageId} does not show its content`;
    }
    if (!hasMore) return settle();
  }
  throw cannotTellIfSent(provider, `the window reaches past ${budget.maxPages} list pages`);
}

function matchOf(entry: SentListEntry, status: StatusReading): SentMessageMatch {
  return {
    providerMessageId: entry.providerMessageId,
    status: status.status,
    providerStatus: status.providerStatus,
  };
}
