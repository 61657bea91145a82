import { asErrorCode } from '../common/graphql/error-code.enum.js';
import { MessageStatus } from '@app/providers';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { StatusChangeEntity } from '../database/entities/status-change.entity.js';
import { messageTypeOf } from './dto/message-type.js';
import type { MessageModel, StatusChangeModel } from './models/message.model.js';
import type { MessageAttemptEntity } from '../database/entities/message-attempt.entity.js';
import { carriedByOf, toAttemptModel } from './models/message-attempt.model.js';

const RANK: Record<string, number> = {
  [MessageStatus.QUEUED]: 0,
  [MessageStatus.SENT]: 1,
  [MessageStatus.DELIVERED]: 2,
  [MessageStatus.READ]: 3,
  [MessageStatus.FAILED]: 4,
};

/** Oldest first; statuses only move forward, so equal timestamps are ordered by status. */
export function sortHistory(history: StatusChangeEntity[]): StatusChangeModel[] {
  return [...history]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (RANK[a.status] ?? 0) - (RANK[b.status] ?? 0))
    .map((h) => ({
      status: h.status as MessageStatus,
      providerStatus: h.providerStatus,
      source: h.source,
      at: h.at,
    }));
}

/** Entity + its status changes (any order) → the API shape shared by GraphQL and REST. */
export function toMessageModel(entity: MessageEntity, history: StatusChangeEntity[]): MessageModel {
  const error = entity.error;
  return {
    id: entity.id,
    connection: entity.connectionName,
    provider: entity.provider,
    type: messageTypeOf(entity.type),
    to: entity.to,
    status: entity.status as MessageStatus,
    providerMessageId: entity.providerMessageId,
    providerStatus: entity.providerStatus,
    statusHistory: sortHistory(history),
    error: error
      ? {
          code: asErrorCode(error.code),
          message: error.message,
          httpStatus: error.httpStatus ?? null,
          providerCode: error.providerCode ?? null,
          rawBody: error.rawBody ?? null,
          fields: (error as { fields?: Record<string, string[]> }).fields ?? null,
          transient: error.transient,
          at: new Date(error.at),
        }
      : null,
    attempts: entity.attempts,
    route: entity.routeName ?? null,
    possibleDuplicate: entity.possibleDuplicate ?? false,
    nextActionAt: entity.nextActionAt,
    idempotencyKey: entity.idempotencyKey,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/**
 * The model with its attempt history and the connection that carried it (a copy: models built without them, as the
 * status-change events are, may be shared). GraphQL fills them per field otherwise (MessageAttemptsResolver).
 */
export function withAttempts(model: MessageModel, attempts: MessageAttemptEntity[]): MessageModel {
  return { ...model, attemptHistory: attempts.map(toAttemptModel), carriedBy: carriedByOf(attempts) };
}
