import type { MessagingProvider, SentMessageMatch, SentMessageQuery } from '@app/providers';

export type { SentMessageMatch, SentMessageQuery } from '@app/providers';

/** null: the provider says no such message in the window; throws (a transient ProviderError) when it cannot tell. */
export type SentMessageLookup = (query: SentMessageQuery) => Promise<SentMessageMatch | null>;

/**
 * The adapter's `findSentMessage` (libs/providers), when its provider can answer (Wessaal, WaMessenger); undefined
 * for the others (Washeej, Wutt, Watsal), whose messages are then sent again and flagged `possibleDuplicate`.
 */
export function sentMessageLookupOf(adapter: MessagingProvider): SentMessageLookup | undefined {
  if (!adapter.findSentMessage) return undefined;
  return (query) => adapter.findSentMessage!(query);
}
