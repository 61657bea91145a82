import type { MessageStatus } from './message-status.js';
import type { SendRequest } from './unified.js';

/**
 * "Was this message already sent?" (issue #13, no duplicates after a crash): the same recipient and the same content,
 * created by the provider within [since, until]. `since` is when the unrecorded attempt started, `until` is now.
 */
export interface SentMessageQuery {
  request: SendRequest;
  since: Date;
  until: Date;
}

/** The provider's record of that message, to adopt instead of sending again. */
export interface SentMessageMatch {
  providerMessageId: string;
  status: MessageStatus;
  providerStatus: string;
}
