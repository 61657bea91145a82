import { isProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { parseProviderTime } from '../core/provider-time.js';
import type { SentMessageMatch, SentMessageQuery } from '../core/sent-message.js';
import {
  walkSentMessages,
  type DetailedContent,
  type ListedContent,
  type SentListPage,
  type SentMessageSource,
  type SentMessageWalkBudget,
} from '../core/sent-message-walk.js';
import type { SendRequest } from '../core/unified.js';
import type { WessaalClient } from './wessaal.client.js';
import { WESSAAL_PROVIDER_ID } from './wessaal.errors.js';
import type { WessaalMessageDetailResponse, WessaalMessageListItem } from './wessaal.schemas.js';
import { wessaalStatusReading } from './wessaal.status.js';
import * as toProvider from './wessaal.to-provider.js';

/** The largest page `GET /messages` gives (wessaal.txt: per_page max 100): fewest calls per walk. */
const PER_PAGE = 100;

/**
 * How a request shows in Wessaal's records. The list (`GET /messages`: id, type, recipient, content, status,
 * created_at) shows a text whole; the rest (media URL, template id and variables, poll options, buttons, location,
 * vCards) only the detail (`GET /messages/{id}`) shows, at its top level or under `metadata`.
 */
interface WessaalExpectation {
  /** `type` filter and list type; undefined for templates, whose listed type the doc does not say. */
  type?: string;
  /** The list's `content`; undefined when the list cannot show it (templates are stored filled in). */
  content?: string | null;
  /** Fields the detail must show with these values (body field names, as sent). */
  detail: Record<string, unknown>;
}

function expectationOf(request: SendRequest): WessaalExpectation {
  switch (request.type) {
    case 'text':
      return { type: 'text', content: request.text, detail: {} };
    case 'template': {
      const { template_id, template_variables } = toProvider.messageContentOf(request);
      return { detail: { template_id, template_variables } };
    }
    case 'location':
      return {
        type: 'location',
        content: request.name ?? null,
        detail: { latitude: request.latitude, longitude: request.longitude },
      };
    case 'contact_card':
      return { type: 'contact', content: null, detail: toProvider.contactCardsOf(request) };
    case 'poll':
      return { type: 'poll', content: request.question, detail: { values: request.options } };
    case 'buttons': {
      const { description, title, buttons } = toProvider.buttonsOf(request);
      return { type: 'buttons', content: description, detail: { title, buttons } };
    }
    default: {
      const { content, media_url } = toProvider.messageContentOf(request);
      return { type: request.type, content, detail: { media_url } };
    }
  }
}

/** Key order and absent-vs-undefined do not matter; values do. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

function detailVerdict(
  detail: WessaalMessageDetailResponse['data'],
  wanted: Record<string, unknown>,
): DetailedContent {
  const metadata = (detail.metadata && typeof detail.metadata === 'object' ? detail.metadata : {}) as Record<
    string,
    unknown
  >;
  const shown = detail as Record<string, unknown>;
  let verdict: DetailedContent = 'same';
  for (const [field, value] of Object.entries(wanted)) {
    if (value === undefined) continue;
    const actual = shown[field] ?? metadata[field];
    if (actual === undefined || actual === null) {
      verdict = 'unknown';
      continue;
    }
    if (canonical(actual) === canonical(value)) continue;
    // Laravel may give a number as a string ("7" for 7).
    if (typeof value !== 'object' && String(actual) === String(value)) continue;
    return 'different';
  }
  return verdict;
}

/** What the list row alone says: another type or content rules it out; a match needs the detail if it shows more. */
function listedContentOf(
  item: WessaalMessageListItem,
  expected: WessaalExpectation,
  needsDetail: boolean,
): ListedContent {
  if (expected.type !== undefined && item.type != null && item.type !== expected.type) return 'different';
  if (expected.content !== undefined && (item.content ?? null) !== expected.content) return 'different';
  return needsDetail ? 'check' : 'same';
}

function sourceOf(client: WessaalClient, expected: WessaalExpectation): SentMessageSource {
  const needsDetail = Object.values(expected.detail).some((value) => value !== undefined);
  return {
    provider: WESSAAL_PROVIDER_ID,
    async listPage(page): Promise<SentListPage> {
      const { data } = await client.listMessages({ page, per_page: PER_PAGE, type: expected.type });
      const entries = data.data.map((item) => ({
        providerMessageId: String(item.id),
        recipient: item.recipient,
        // Laravel serializes in UTC with a `Z`; a time without a zone would be a guess.
        createdAt: parseProviderTime(item.created_at, 'ambiguous'),
        content: listedContentOf(item, expected, needsDetail),
        status: wessaalStatusReading(item.status),
      }));
      const hasMore =
        data.last_page !== undefined
          ? data.current_page < data.last_page
          : data.current_page * data.per_page < data.total;
      return { entries, hasMore };
    },
    async confirm(entry) {
      const { data } = await client.getMessage(entry.providerMessageId);
      return { content: detailVerdict(data, expected.detail), status: wessaalStatusReading(data.status) };
    },
  };
}

/** `findSentMessage` for Wessaal: its message list, newest first, and the message detail for what the list hides. */
export async function findWessaalSentMessage(
  client: WessaalClient,
  query: SentMessageQuery,
  budget?: SentMessageWalkBudget,
): Promise<SentMessageMatch | null> {
  let expected: WessaalExpectation;
  try {
    expected = expectationOf(query.request);
  } catch (error) {
    // The adapter refuses such a request before any call: Wessaal cannot have it.
    if (isProviderError(error, ProviderErrorCode.VALIDATION_FAILED)) return null;
    throw error;
  }
  return walkSentMessages(sourceOf(client, expected), query, budget);
}
