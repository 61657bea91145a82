import type { MessageStatus, MessagingProvider, SendRequest } from '@app/providers';

/*
 * The provider-side lookup of a sent message, as the `lookup` work adds it to libs/providers (`SentMessageQuery`,
 * `SentMessageMatch`, optional `MessagingProvider.findSentMessage`). Restated here structurally so this code builds
 * before that work is merged; once it is, these types are the library's and `sentMessageLookupOf` can read
 * `adapter.findSentMessage` directly.
 */

export interface SentMessageQuery {
  request: SendRequest;
  since: Date;
  until: Date;
}

export interface SentMessageMatch {
  providerMessageId: string;
  status: MessageStatus;
  providerStatus: string;
}

/** null: the provider says no such message in the window; throws (a transient ProviderError) when it cannot tell. */
export type SentMessageLookup = (query: SentMessageQuery) => Promise<SentMessageMatch | null>;

/** The adapter's lookup, when its provider can answer (Wessaal, WaMessenger, Watsal); undefined otherwise. */
export function sentMessageLookupOf(adapter: MessagingProvider): SentMessageLookup | undefined {
  const lookup = (adapter as MessagingProvider & { findSentMessage?: unknown }).findSentMessage;
  if (typeof lookup !== 'function') return undefined;
  return (query) => (lookup as SentMessageLookup).call(adapter, query);
}
