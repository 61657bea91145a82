import { ApiKeyEntity } from './api-key.entity.js';
import { ConnectionEntity } from './connection.entity.js';
import { HeldRequestEntity } from './held-request.entity.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { InboundMessageEntity } from './inbound-message.entity.js';
import { MessageEntity } from './message.entity.js';
import { MessageAttemptEntity } from './message-attempt.entity.js';
import { MessageScheduleEntity } from './message-schedule.entity.js';
import { RouteEntity } from './route.entity.js';
import { StatusChangeEntity } from './status-change.entity.js';
import { TenantEntity } from './tenant.entity.js';
import { VerificationEntity } from './verification.entity.js';
import { WEBHOOK_ENTITIES } from '../../webhook-endpoints/webhook-endpoint.entities.js';

export * from './api-key.entity.js';
export * from './connection.entity.js';
export * from './held-request.entity.js';
export * from './idempotency-record.entity.js';
export * from './inbound-message.entity.js';
export * from './message.entity.js';
export * from './message-attempt.entity.js';
export * from './message-schedule.entity.js';
export * from './route.entity.js';
export * from './status-change.entity.js';
export * from './tenant.entity.js';
export * from './verification.entity.js';
export * from '../../webhook-endpoints/webhook-endpoint.entities.js';

export const ENTITIES = [
  TenantEntity,
  ApiKeyEntity,
  ConnectionEntity,
  MessageEntity,
  MessageScheduleEntity,
  StatusChangeEntity,
  VerificationEntity,
  InboundMessageEntity,
  IdempotencyRecordEntity,
  HeldRequestEntity,
  RouteEntity,
  MessageAttemptEntity,
  ...WEBHOOK_ENTITIES,
];
