import { ProviderError, ProviderErrorCode } from '@app/providers';
import type { MessageEntity, MessageErrorRecord } from '../database/entities/message.entity.js';
import { isSecret } from './message-request.js';

/**
 * Status lookups in a row that answered "unknown message" after which the gateway stops polling a message. A
 * provider forgets old messages (the simulator keeps SIMULATOR_MAX_MESSAGES_PER_ACCOUNT per account); asking again
 * for a week changes nothing. More than one answer, spaced by the poll cadence, so that one odd 404 does not end the
 * polling of a message the provider still knows.
 */
export const UNKNOWN_ANSWERS_BEFORE_GIVING_UP = 3;

/**
 * The error a message carries while (and once) its provider answers its status lookup with "unknown message":
 * code NOT_FOUND, `transient` true while the gateway asks again, false once it stopped. `unknownAnswers` counts
 * the answers in a row; it stays in the stored record (the API shows the usual error fields only).
 */
export interface UnknownAtProviderRecord extends MessageErrorRecord {
  unknownAnswers: number;
}

/**
 * Every adapter with a status lookup reports an id its provider does not know as NOT_FOUND: Wessaal
 * (`GET messages/{id}/status` 404 "Message not found."), WaMessenger (`getStatus` 404 "Message not found"), Watsal
 * (`GET /v1/messages/{id}` 404 `not_found`). Washeej and Wutt have no status lookup and are never polled.
 */
export function isUnknownMessageAnswer(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.code === ProviderErrorCode.NOT_FOUND;
}

/** The "unknown message" answers in a row recorded on the message so far (0 when its last lookup was answered). */
export function unknownAnswersOf(message: Pick<MessageEntity, 'error'>): number {
  const record = message.error as Partial<UnknownAtProviderRecord> | null;
  return record?.code === ProviderErrorCode.NOT_FOUND && typeof record.unknownAnswers === 'number'
    ? record.unknownAnswers
    : 0;
}

/**
 * What one more "unknown message" answer writes: the error record with the count, and the next poll (`next`, the
 * usual cadence) or none once UNKNOWN_ANSWERS_BEFORE_GIVING_UP answers came in a row or the poll window is over
 * (`next` null). The status is left as it is: the provider said nothing about the message's fate, and a message
 * that was delivered stays DELIVERED (never FAILED for being forgotten).
 */
export function unknownAnswerPatch(
  message: MessageEntity,
  error: ProviderError,
  next: Date | null,
): { error: UnknownAtProviderRecord; nextActionAt: Date | null } {
  const answers = unknownAnswersOf(message) + 1;
  const givingUp = answers >= UNKNOWN_ANSWERS_BEFORE_GIVING_UP || next === null;
  const said = `${message.provider} answered "unknown message" to ${answers} status lookup(s) in a row`;
  return {
    error: {
      code: ProviderErrorCode.NOT_FOUND,
      message: givingUp
        ? `${said}: it no longer knows this message, which keeps its last known status ${message.status} and is no longer polled`
        : `${said}: the gateway asks again (it stops after ${UNKNOWN_ANSWERS_BEFORE_GIVING_UP})`,
      httpStatus: error.httpStatus,
      providerCode: error.providerCode,
      rawBody: isSecret(message.request) ? undefined : error.rawBody,
      transient: !givingUp,
      at: new Date().toISOString(),
      unknownAnswers: answers,
    },
    nextActionAt: givingUp ? null : next,
  };
}
