import { Inject, Injectable } from '@nestjs/common';
import { findProvider, isProviderError, ProviderErrorCode, type WebhookEvent } from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionEntity } from '../database/entities/index.js';
import { MessageStatusService } from '../messages/message-status.service.js';
import { inboundProblem } from './inbound-check.js';
import { InboundMessagesService } from './inbound-messages.service.js';
import { WebhookInfoModel, type WebhookReceiptModel } from './models/webhook-info.model.js';
import { webhookPayload } from './webhook-payload.js';
import { webhookUrlOf } from './webhook-url.js';

/** Tokens are 32 base64url characters; anything much longer is not worth a database lookup. */
const MAX_TOKEN_LENGTH = 128;

/** One answer for every webhook that does not exist, so a caller learns nothing about tokens or connections. */
function noSuchWebhook(): GatewayError {
  return new GatewayError(GatewayErrorCode.NOT_FOUND, 'no such webhook');
}

/** A body the adapter refused: not signed with this connection's key → 401; otherwise malformed → 400. */
function refusal(error: unknown): unknown {
  if (!isProviderError(error, ProviderErrorCode.VALIDATION_FAILED)) return error;
  const fields = error.fieldErrors ?? {};
  if (Object.keys(fields).some((field) => field.endsWith('.Hash'))) {
    return new GatewayError(
      GatewayErrorCode.UNAUTHENTICATED,
      'webhook body is not signed for this connection',
    );
  }
  return new GatewayError(GatewayErrorCode.BAD_USER_INPUT, error.message, { fields });
}

/**
 * Provider webhooks: the public receiver (one URL per connection, `/v1/webhooks/<provider>/<token>`) and pointing a
 * connection's provider at it. Inbound messages are stored once; delivery reports move outgoing messages on.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly inbound: InboundMessagesService,
    private readonly statuses: MessageStatusService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async receive(provider: string, token: string, body: unknown): Promise<WebhookReceiptModel> {
    const connection = await this.connectionFor(provider, token);
    const adapter = this.connections.adapterOf(connection);
    let events: WebhookEvent[];
    try {
      events = adapter.parseWebhook(webhookPayload(body));
    } catch (error) {
      throw refusal(error);
    }
    // Everything is checked before anything is applied: a body is taken whole or not at all.
    const messages = events.flatMap((event) => (event.kind === 'inbound' ? [event.message] : []));
    for (const message of messages) {
      const problem = inboundProblem(message);
      if (problem) throw GatewayError.badInput('body', `message ${message.providerMessageId}: ${problem}`);
    }
    for (const event of events) {
      if (event.kind !== 'status') continue;
      await this.statuses.applyProviderStatus({
        connectionId: connection.id,
        providerMessageId: event.providerMessageId,
        status: event.status,
        providerStatus: event.providerStatus,
        source: 'webhook',
        raw: event.raw,
      });
    }
    const stored = await this.inbound.store(connection, messages);
    return { events: events.length, stored: stored.length };
  }

  /** Points the connection's provider at its webhook URL (WaMessenger); UNSUPPORTED_CAPABILITY elsewhere. */
  async configure(tenantId: string, connectionName: string, origin?: string): Promise<WebhookInfoModel> {
    const { connection, adapter } = await this.connections.connect(tenantId, connectionName);
    const url = this.webhookUrl(connection, origin);
    return WebhookInfoModel.from(await adapter.setWebhook(url), url);
  }

  /** `${GATEWAY_PUBLIC_URL ?? the caller's origin}/v1/webhooks/<provider>/<token>`. */
  webhookUrl(connection: ConnectionEntity, origin?: string): string {
    return webhookUrlOf({ publicUrl: this.config.GATEWAY_PUBLIC_URL, origin }, connection);
  }

  private async connectionFor(provider: string, token: string): Promise<ConnectionEntity> {
    if (!findProvider(provider)?.capabilities.webhooks || !token || token.length > MAX_TOKEN_LENGTH)
      throw noSuchWebhook();
    const connection = await this.connections.byWebhookToken(token);
    if (!connection || connection.provider !== provider) throw noSuchWebhook();
    return connection;
  }
}
