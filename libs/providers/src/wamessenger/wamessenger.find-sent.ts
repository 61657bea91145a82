import { parseE164 } from '../core/phone.js';
import { isProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { parseProviderTime } from '../core/provider-time.js';
import type { SentMessageMatch, SentMessageQuery } from '../core/sent-message.js';
import {
  walkSentMessages,
  type SentListPage,
  type SentMessageSource,
  type SentMessageWalkBudget,
} from '../core/sent-message-walk.js';
import type { SendRequest } from '../core/unified.js';
import type { WaMessengerClient } from './wamessenger.client.js';
import { WAMESSENGER_PROVIDER_ID } from './wamessenger.errors.js';
import { waMessengerContent } from './wamessenger.mapping.js';
import { waMessengerReportStatus } from './wamessenger.status.js';

/** What the sent message looks like in showAllMessages: the number's digits and the `text` the adapter sent. */
function expectationOf(request: SendRequest): { digits: string; text: string } | null {
  // The adapter sends text and media only: any other type cannot have been sent.
  if (request.type !== 'text' && !['image', 'video', 'document', 'audio'].includes(request.type)) return null;
  try {
    const { digits } = parseE164(request.to, WAMESSENGER_PROVIDER_ID);
    return { digits, text: waMessengerContent(request as Parameters<typeof waMessengerContent>[0]).text };
  } catch (error) {
    // Refused by the adapter before any call (bad number, media as bytes): never sent.
    if (isProviderError(error, ProviderErrorCode.VALIDATION_FAILED)) return null;
    throw error;
  }
}

function sourceOf(client: WaMessengerClient, expected: { digits: string; text: string }): SentMessageSource {
  return {
    provider: WAMESSENGER_PROVIDER_ID,
    async listPage(page): Promise<SentListPage> {
      // The provider filters by number (or prefix) itself, so a busy account's other recipients cost no pages.
      const answer = await client.showAllMessages({ page, phonenumber: expected.digits });
      const entries = answer.data.map((item) => ({
        providerMessageId: item.id,
        recipient: item.phonenumber,
        // Zone-less times, read as UTC (provider-docs README, WaMessenger; the simulator writes UTC).
        createdAt: parseProviderTime(item.created, 'utc'),
        // The list shows the text (a media message's caption, file name or URL), never the media URL.
        content: item.text === expected.text ? ('same' as const) : ('different' as const),
        status: waMessengerReportStatus(item),
      }));
      return { entries, hasMore: page < (answer.pageCount ?? 0) };
    },
  };
}

/** `findSentMessage` for WaMessenger: showAllMessages for the recipient, newest first, 100 a page. */
export async function findWaMessengerSentMessage(
  client: WaMessengerClient,
  query: SentMessageQuery,
  budget?: SentMessageWalkBudget,
): Promise<SentMessageMatch | null> {
  const expected = expectationOf(query.request);
  if (expected === null) return null;
  return walkSentMessages(sourceOf(client, expected), query, budget);
}
