import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyRecordEntity } from '../database/entities/idempotency-record.entity.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import { StatusChangeEntity } from '../database/entities/status-change.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { DispatchWakeup } from './dispatch-wakeup.js';
import { HeldRequests } from './held-requests.js';
import { MessageListService } from './message-list.service.js';
import { MessageScheduler } from './message-scheduler.js';
import { MessageSender } from './message-sender.js';
import { MessageStatusService } from './message-status.service.js';
import { MessageTiming } from './message-timing.js';
import { MessagesController } from './messages.controller.js';
import { MessagesResolver } from './messages.resolver.js';
import { MessagesService } from './messages.service.js';
import { QueuedSendsService } from './queued-sends.service.js';

/** Sending, status tracking (send answer, polls, webhooks), the scheduler, and the messages queries. */
@Module({
  imports: [TypeOrmModule.forFeature([MessageEntity, StatusChangeEntity, IdempotencyRecordEntity])],
  controllers: [MessagesController],
  providers: [
    MessagesService,
    QueuedSendsService,
    DispatchWakeup,
    MessageStatusService,
    MessageListService,
    MessageSender,
    MessageScheduler,
    MessageTiming,
    IdempotencyService,
    HeldRequests,
    MessagesResolver,
  ],
  exports: [MessagesService, MessageStatusService, MessageScheduler],
})
export class MessagesModule {}
