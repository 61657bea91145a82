import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type Repository } from 'typeorm';
import {
  FINAL_STATUSES,
  MessageStatus,
  ProviderError,
  ProviderErrorCode,
  type MessagingProvider,
} from '@app/providers';
import { ConnectionsService } from '../connections/connections.service.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { HeldRequests } from './held-requests.js';
import { outgoingOf } from './message-request.js';
import { MessageSender } from './message-sender.js';
import { MessageStatusService } from './message-status.service.js';
import { IN_FLIGHT_LEASE_MS, MessageTiming } from './message-timing.js';
import { entityFromRow } from './row-values.js';
import { preparedQuery } from '../database/prepared-query.js';

/** Messages claimed per tick; a full batch makes the next tick start at once. */
const BATCH_SIZE = 20;
const CLEANUP_EVERY_MS = 60_000;

/**
 * Every GATEWAY_POLL_INTERVAL_MS: claims the messages whose next_action_at is due (FOR UPDATE SKIP LOCKED, then
 * pushed ahead by a lease, so several gateway processes never work on the same message and no row lock is held
 * during a provider call), and for each one either retries the send (QUEUED without a provider id) or polls the
 * provider's status (not final, with a provider id, provider with `message_status`), then reschedules it.
 * Providers without a status endpoint (Washeej, Wutt) keep the status their send answer gave.
 */
@Injectable()
export class MessageScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MessageScheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastCleanup = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly connections: ConnectionsService,
    private readonly sender: MessageSender,
    private readonly status: MessageStatusService,
    private readonly idempotency: IdempotencyService,
    private readonly held: HeldRequests,
    private readonly timing: MessageTiming,
  ) {}

  onModuleInit(): void {
    this.schedule(this.timing.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then((full) => {
        this.running = undefined;
        this.schedule(full ? 0 : this.timing.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One round; true when the batch was full (more may be due). Never throws. */
  async tick(): Promise<boolean> {
    try {
      const due = await this.claim();
      await Promise.all(due.map((message) => this.process(message)));
      if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
        this.lastCleanup = Date.now();
        await this.idempotency.removeExpired();
      }
      return due.length === BATCH_SIZE;
    } catch (error) {
      if (!this.stopped) this.logger.error('scheduler round failed', (error as Error).stack);
      return false;
    }
  }

  private async claim(): Promise<MessageEntity[]> {
    // One statement: claims the batch and answers the rows as claimed (no second read).
    const rows = await preparedQuery<Record<string, unknown>>(
      this.dataSource,
      `UPDATE messages SET next_action_at = now() + $2 * interval '1 millisecond'
       WHERE id IN (SELECT id FROM messages WHERE next_action_at <= now()
                    ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [BATCH_SIZE, IN_FLIGHT_LEASE_MS],
    );
    return rows.map((row) => entityFromRow(this.messages, row));
  }

  private async process(message: MessageEntity): Promise<void> {
    try {
      const connection = await this.connections.getById(message.tenantId, message.connectionId);
      const status = message.status as MessageStatus;
      const pendingSend = status === MessageStatus.QUEUED && message.providerMessageId === null;
      if (!connection) {
        if (pendingSend)
          await this.sender.fail(message, {
            code: ProviderErrorCode.NOT_FOUND,
            message: `the connection "${message.connectionName}" was deleted before the message could be sent`,
            transient: false,
            at: new Date().toISOString(),
          });
        else await this.stopWatching(message);
        return;
      }
      const adapter = this.connections.adapterOf(connection);
      if (pendingSend) {
        const outgoing = outgoingOf(message.request, this.held.get(message.id));
        if (outgoing.kind === 'gone') {
          await this.sender.fail(message, {
            code: ProviderErrorCode.GONE,
            message:
              'what the database does not keep (uploaded media bytes, a secret text) was held in memory for retries only and is gone (the gateway restarted); send the message again',
            transient: false,
            at: new Date().toISOString(),
          });
          return;
        }
        await this.sender.dispatch(message, adapter, outgoing);
        return;
      }
      if (FINAL_STATUSES.has(status) || !message.providerMessageId || !adapter.capabilities.message_status) {
        await this.stopWatching(message);
        return;
      }
      await this.poll(message, adapter);
    } catch (error) {
      // A database hiccup or a bug: the lease brings the message back later.
      this.logger.error(`message ${message.id}: scheduler step failed`, (error as Error).stack);
    }
  }

  private async poll(message: MessageEntity, adapter: MessagingProvider): Promise<void> {
    const next = this.timing.pollAt(message.createdAt);
    try {
      const reading = await adapter.getMessageStatus(message.providerMessageId!);
      await this.status.applyReading(
        message.id,
        {
          status: reading.status,
          providerStatus: reading.providerStatus,
          source: 'poll',
          errorMessage: reading.errorMessage,
          raw: reading.raw,
        },
        next,
        message,
      );
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      this.logger.warn(`message ${message.id}: status poll failed: ${error.code}: ${error.message}`);
      await this.messages.update({ id: message.id }, { nextActionAt: next });
    }
  }

  private async stopWatching(message: MessageEntity): Promise<void> {
    await this.messages.update({ id: message.id }, { nextActionAt: null });
  }
}
