import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MoreThanOrEqual, type DataSource } from 'typeorm';
import { ConnectionEntity } from '../database/entities/connection.entity.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import { messageKeyWhere, timeOfId } from '../messages/message-key.js';
import { StatusChangeEntity } from '../database/entities/status-change.entity.js';
import { VerificationEntity } from '../database/entities/verification.entity.js';
import { InboundMessagesService } from '../inbound/inbound-messages.service.js';
import { toMessageModel, withAttempts } from '../messages/message.mapper.js';
import { attemptsOf } from '../messages/attempt-log.js';
import { toVerificationModel } from '../verifications/verification-state.js';
import { returnedRows } from './returned-rows.js';
import { WebhookEventEntity } from './webhook-endpoint.entities.js';
import { WebhookEventType } from './webhook-event-type.js';

/**
 * Renders an outbox event into the body every endpoint receives, `{type, timestamp, data}` with `data` shaped as the
 * API returns the subject. Rendered once and stored: retries and every endpoint get the same bytes.
 */
@Injectable()
export class WebhookPayloadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbound: InboundMessagesService,
  ) {}

  async bodyOf(eventId: string): Promise<string | null> {
    const events = this.dataSource.getRepository(WebhookEventEntity);
    const event = await events.findOne({ where: { id: eventId } });
    if (!event) return null;
    if (event.body !== null) return event.body;
    const body = JSON.stringify({
      type: event.type,
      timestamp: event.createdAt.toISOString(),
      data: await this.dataOf(event),
    });
    // Another process may have rendered it meanwhile: its copy wins, so every endpoint gets the same bytes.
    const rows = returnedRows<{ body: string }>(
      await this.dataSource.query(
        `UPDATE webhook_events SET body = coalesce(body, $2) WHERE id = $1 RETURNING body`,
        [eventId, body],
      ),
    );
    return rows[0]?.body ?? body;
  }

  private async dataOf(event: WebhookEventEntity): Promise<unknown> {
    switch (event.type as WebhookEventType) {
      case WebhookEventType.MESSAGE_STATUS_CHANGED:
      case WebhookEventType.MESSAGE_FAILED:
        return this.messageAsOf(event);
      case WebhookEventType.INBOUND_MESSAGE_RECEIVED:
        return (await this.inbound.find(event.tenantId, event.subjectId)) ?? { id: event.subjectId };
      case WebhookEventType.VERIFICATION_COMPLETED:
        return this.verification(event);
      default:
        return { id: event.subjectId };
    }
  }

  /** The message as of the status change that caused the event (a later change has its own event). */
  private async messageAsOf(event: WebhookEventEntity): Promise<unknown> {
    // Changes are never stamped before their message: a time-ordered id leaves out the months before it.
    const since = timeOfId(event.subjectId);
    const [message, history, attempts] = await Promise.all([
      this.dataSource
        .getRepository(MessageEntity)
        .findOne({ where: { ...messageKeyWhere(event.subjectId), tenantId: event.tenantId } }),
      this.dataSource.getRepository(StatusChangeEntity).find({
        where: { messageId: event.subjectId, ...(since && { at: MoreThanOrEqual(since) }) },
      }),
      attemptsOf(this.dataSource, [event.subjectId]),
    ]);
    if (!message) return { id: event.subjectId };
    const tried = attempts.get(message.id) ?? [];
    const change = history.find((h) => h.id === event.statusChangeId);
    if (!change) return withAttempts(toMessageModel(message, history), tried);
    const upTo = history.filter((h) => h.at.getTime() <= change.at.getTime());
    return withAttempts(
      toMessageModel(
        { ...message, status: change.status, providerStatus: change.providerStatus } as MessageEntity,
        upTo,
      ),
      tried,
    );
  }

  private async verification(event: WebhookEventEntity): Promise<unknown> {
    const entity = await this.dataSource
      .getRepository(VerificationEntity)
      .findOne({ where: { id: event.subjectId, tenantId: event.tenantId } });
    if (!entity) return { id: event.subjectId };
    const connection = await this.dataSource
      .getRepository(ConnectionEntity)
      .findOne({ select: { name: true }, where: { id: entity.connectionId } });
    return toVerificationModel(entity, connection?.name ?? '');
  }
}
