import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { FINAL_STATUSES, isStatusAdvance, MessageStatus } from '@app/providers';
import type { MessageErrorRecord } from '../database/entities/message.entity.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import { StatusChangeEntity } from '../database/entities/status-change.entity.js';
import { EventsService } from '../events/events.service.js';
import { toMessageModel } from './message.mapper.js';
import { isSecret } from './message-request.js';
import { rowValues } from './row-values.js';
import type { MessageModel } from './models/message.model.js';

/** The subscription topic: every change of a message, with the whole message. */
export const MESSAGE_STATUS_CHANGED = 'messageStatusChanged';

export type StatusSource = 'send' | 'poll' | 'webhook' | 'gateway';

export interface ProviderStatusUpdate {
  status: MessageStatus;
  providerStatus: string;
  source: StatusSource;
  /** A failure's explanation from the provider, when it gives one. */
  errorMessage?: string;
  raw?: unknown;
}

/**
 * The one place a message's status moves: under a row lock, forward only (`isStatusAdvance`), one StatusChange row
 * per move, and every change published on `messageStatusChanged`. Sends, polls and webhooks all come through here.
 */
@Injectable()
export class MessageStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(StatusChangeEntity) private readonly changes: Repository<StatusChangeEntity>,
    private readonly events: EventsService,
  ) {}

  /** The last model published per entity object (see describe). */
  private readonly published = new WeakMap<MessageEntity, MessageModel>();

  /** A status report about a provider message id of a connection (WaMessenger webhooks, polls). Unknown ids are ignored. */
  async applyProviderStatus(args: {
    connectionId: string;
    providerMessageId: string;
    status: MessageStatus;
    providerStatus: string;
    source: 'send' | 'poll' | 'webhook';
    errorMessage?: string;
    raw?: unknown;
  }): Promise<void> {
    if (!args.providerMessageId) return;
    const found = await this.messages.find({
      select: { id: true },
      where: { connectionId: args.connectionId, providerMessageId: args.providerMessageId },
    });
    for (const { id } of found) await this.applyReading(id, args);
  }

  /**
   * Applies a reading when it moves the status forward; `nextActionAt` (when given) reschedules a message that is
   * still not final. Returns the message when its status changed.
   */
  async applyReading(
    messageId: string,
    reading: ProviderStatusUpdate,
    nextActionAt?: Date | null,
  ): Promise<MessageEntity | null> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const message = await manager.findOne(MessageEntity, {
        where: { id: messageId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!message) return null;
      const advance = isStatusAdvance(message.status as MessageStatus, reading.status);
      const patch: Partial<MessageEntity> = {};
      if (advance) {
        patch.status = reading.status;
        patch.providerStatus = reading.providerStatus;
        if (reading.status === MessageStatus.FAILED) patch.error = failureReported(message, reading);
        await this.recordChange(manager, message, reading.status, reading.providerStatus, reading.source);
      }
      const final = FINAL_STATUSES.has((patch.status ?? message.status) as MessageStatus);
      if (final) patch.nextActionAt = null;
      else if (nextActionAt !== undefined) patch.nextActionAt = nextActionAt;
      if (Object.keys(patch).length > 0) {
        await manager.update(MessageEntity, { id: message.id }, rowValues<MessageEntity>(patch));
        Object.assign(message, patch);
      }
      return advance ? message : null;
    });
    if (changed) await this.publish(changed);
    return changed;
  }

  /** One StatusChange row, timestamped here so that history order never depends on transaction start times. */
  async recordChange(
    manager: EntityManager,
    message: Pick<MessageEntity, 'id' | 'tenantId'>,
    status: MessageStatus,
    providerStatus: string | null,
    source: StatusSource,
  ): Promise<StatusChangeEntity> {
    const change = manager.create(StatusChangeEntity, {
      tenantId: message.tenantId,
      messageId: message.id,
      status,
      providerStatus,
      source,
      at: new Date(),
    });
    await manager.insert(StatusChangeEntity, rowValues<StatusChangeEntity>(change));
    return change;
  }

  async historyOf(messageIds: string[]): Promise<Map<string, StatusChangeEntity[]>> {
    const byMessage = new Map<string, StatusChangeEntity[]>(messageIds.map((id) => [id, []]));
    if (messageIds.length === 0) return byMessage;
    const rows = await this.changes.find({ where: { messageId: In(messageIds) } });
    for (const row of rows) byMessage.get(row.messageId)?.push(row);
    return byMessage;
  }

  /** The API shape of a message; the copy just published is reused when this is the same entity object. */
  async describe(message: MessageEntity): Promise<MessageModel> {
    const published = this.published.get(message);
    if (published && published.updatedAt.getTime() === message.updatedAt.getTime()) return published;
    const history = await this.historyOf([message.id]);
    return toMessageModel(message, history.get(message.id) ?? []);
  }

  async describeMany(messages: MessageEntity[]): Promise<MessageModel[]> {
    const history = await this.historyOf(messages.map((m) => m.id));
    return messages.map((m) => toMessageModel(m, history.get(m.id) ?? []));
  }

  /**
   * Publishes the message as it is now (re-read, so subscribers never see a stale copy), refreshes `message` with
   * what was read, and remembers the published model for a describe() of that same object.
   */
  async publish(message: MessageEntity): Promise<void> {
    const [current, history] = await Promise.all([
      this.messages.findOne({ where: { id: message.id, tenantId: message.tenantId } }),
      this.historyOf([message.id]),
    ]);
    if (!current) return;
    Object.assign(message, current);
    const model = toMessageModel(current, history.get(message.id) ?? []);
    this.published.set(message, model);
    this.events.publish(MESSAGE_STATUS_CHANGED, current.tenantId, model);
  }
}

function failureReported(message: MessageEntity, reading: ProviderStatusUpdate): MessageErrorRecord {
  return {
    code: 'REJECTED',
    message:
      reading.errorMessage?.trim() ||
      `${message.provider} reported the message as ${reading.providerStatus || 'failed'}`,
    providerCode: reading.providerStatus,
    rawBody: isSecret(message.request) ? undefined : reading.raw,
    transient: false,
    at: new Date().toISOString(),
  };
}
