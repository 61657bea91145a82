import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectionEntity, InboundMessageEntity } from '../database/entities/index.js';
import { MessagesModule } from '../messages/messages.module.js';
import { InboundController } from './inbound.controller.js';
import { InboundMessagesService } from './inbound-messages.service.js';
import { InboundPoller } from './inbound-poller.js';
import { InboundResolver } from './inbound.resolver.js';
import { WebhooksController, WebhookConfigureController } from './webhooks.controller.js';
import { WebhooksResolver } from './webhooks.resolver.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Messages customers send (stored once, queryable, published on `inboundMessageReceived`), the public webhook
 * receiver that also feeds delivery reports to MessageStatusService, `configureWebhook`, and the received-list poller.
 */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMessageEntity, ConnectionEntity]), MessagesModule],
  controllers: [InboundController, WebhooksController, WebhookConfigureController],
  providers: [InboundMessagesService, InboundResolver, WebhooksService, WebhooksResolver, InboundPoller],
  exports: [InboundMessagesService, WebhooksService],
})
export class InboundModule {}
