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
import { AttemptLog } from './attempt-log.js';
import { CrashRecovery } from './crash-recovery.js';
import { FailoverDispatch } from './failover-dispatch.js';
import { MessageAttemptsResolver } from './message-attempts.resolver.js';
import { SendTargets } from './send-targets.js';
import { RoutesModule } from '../routes/routes.module.js';
import { QueuedSendsService } from './queued-sends.service.js';
import { StatusPollBatcher } from './status-poll-batcher.js';

/** Sending, status tracking (send answer, polls, webhooks), the scheduler, and the messages queries. */
@Module({
  imports: [
    TypeOrmModule.forFeature([MessageEntity, StatusChangeEntity, IdempotencyRecordEntity]),
    RoutesModule,
  ],
  controllers: [MessagesController],
  providers: [
    MessagesService,
    QueuedSendsService,
    DispatchWakeup,
    MessageStatusService,
    MessageListService,
    MessageSender,
    MessageScheduler,
    StatusPollBatcher,
    MessageTiming,
    IdempotencyService,
    HeldRequests,
    MessagesResolver,
    // Routes, failover, the attempt history and crash recovery.
    AttemptLog,
    SendTargets,
    FailoverDispatch,
    CrashRecovery,
    MessageAttemptsResolver,
  ],
  exports: [MessagesService, MessageStatusService, MessageScheduler],
})
export class MessagesModule {}
