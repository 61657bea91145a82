import { Module } from '@nestjs/common';
import { InboundModule } from '../inbound/inbound.module.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpointsResolver } from './webhook-endpoints.resolver.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhookPayloadService } from './webhook-payload.service.js';

/**
 * Status webhooks to client applications (Standard Webhooks): endpoints, the outbox the database triggers fill, and
 * the worker that delivers it. Not the providers' inbound webhooks (see inbound/).
 */
@Module({
  imports: [InboundModule],
  controllers: [WebhookEndpointsController],
  providers: [
    WebhookEndpointsService,
    WebhookEndpointsResolver,
    WebhookPayloadService,
    WebhookDeliveryWorker,
  ],
})
export class WebhookEndpointsModule {}
