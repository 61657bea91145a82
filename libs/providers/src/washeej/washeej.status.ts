import { MessageStatus, type StatusReading } from '../core/message-status.js';
import type { ConversationState } from '../core/unified.js';

/** Message `status` column: 0 scheduled/queued, 1 sent, 2 delivered, 3 read, 9 failed. */
const MESSAGE_STATUS: Readonly<Record<string, MessageStatus>> = {
  '0': MessageStatus.QUEUED,
  '1': MessageStatus.SENT,
  '2': MessageStatus.DELIVERED,
  '3': MessageStatus.READ,
  '9': MessageStatus.FAILED,
};

/** Unknown values read as QUEUED (non-final, so the gateway keeps watching); the raw value is always kept. */
export function washeejMessageStatus(raw: unknown): StatusReading {
  const providerStatus = raw === null || raw === undefined ? '' : String(raw).trim();
  return { status: MESSAGE_STATUS[providerStatus] ?? MessageStatus.QUEUED, providerStatus };
}

/** Conversation `status`: the list filter takes 1..4; change-conversation-status accepts 0..3 only. */
export const WASHEEJ_CONVERSATION_STATUS: Readonly<Record<ConversationState, number>> = {
  done: 1,
  pending: 2,
  important: 3,
  unread: 4,
};

/** Numbers change-conversation-status accepts: 0 clears the state; 4 (unread) is a list filter only. */
export const WASHEEJ_SETTABLE_CONVERSATION_STATUSES: readonly number[] = [0, 1, 2, 3];

const STATE_BY_NUMBER = new Map<number, ConversationState>(
  Object.entries(WASHEEJ_CONVERSATION_STATUS).map(([state, value]) => [value, state as ConversationState]),
);

/** The unified state of a conversation; a value outside 1..4 (0 = none) is kept as its raw string. */
export function washeejConversationState(
  raw: number | null | undefined,
): ConversationState | string | undefined {
  if (raw === null || raw === undefined) return undefined;
  return STATE_BY_NUMBER.get(raw) ?? String(raw);
}

const TEMPLATE_STATUS: Readonly<Record<string, string>> = {
  '0': 'pending',
  '1': 'approved',
  '2': 'rejected',
  '3': 'disabled',
};

/** Template `status`: 0 pending, 1 approved, 2 rejected, 3 disabled; anything else is kept as given. */
export function washeejTemplateStatus(raw: number | string): string {
  return TEMPLATE_STATUS[String(raw)] ?? String(raw);
}
