import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box.js';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { entityFromRow } from '../messages/row-values.js';
import { ROTATION_OVERLAP_MS } from './endpoint-secrets.js';
import { pinWebhookUrl, UnsafeUrlError } from './url-guard.js';
import { webhookIdOf } from './webhook-delivery.worker.js';
import { cursorTime, decodeWebhookCursor, isUuid, toConnection } from './webhook-cursor.js';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
} from './webhook-endpoint.entities.js';
import {
  DEFAULT_WEBHOOK_PAGE,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
} from './webhook-endpoint.inputs.js';
import type {
  WebhookAttemptConnectionModel,
  WebhookAttemptModel,
  WebhookDeliveryConnectionModel,
  WebhookDeliveryModel,
  WebhookEndpointConnectionModel,
  WebhookEndpointModel,
  WebhookEndpointWithSecretModel,
} from './webhook-endpoint.models.js';
import type { WebhookEventType } from './webhook-event-type.js';
import { newWebhookSecret } from './webhook-signer.js';

/** Each endpoint multiplies every event: a bound on what one tenant makes the gateway send. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

type Row = Record<string, unknown> & { cursor_at: string; id: string };

/**
 * A tenant's webhook endpoints, their deliveries and attempts. Secrets are sealed before they reach the database and
 * leave it only in the answer to create and rotate.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.box = new SecretBox(config.GATEWAY_ENCRYPTION_KEY);
  }

  private get endpoints() {
    return this.dataSource.getRepository(WebhookEndpointEntity);
  }

  async list(
    tenantId: string,
    first = DEFAULT_WEBHOOK_PAGE,
    after?: string,
  ): Promise<WebhookEndpointConnectionModel> {
    const rows = await this.page('webhook_endpoints', 'created_at', 'endpoint', tenantId, [], first, after);
    return toConnection('endpoint', rows, first, after, (row) =>
      toEndpointModel(entityFromRow(this.endpoints, row)),
    );
  }

  async get(tenantId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = isUuid(id) ? await this.endpoints.findOne({ where: { tenantId, id } }) : null;
    if (!endpoint) throw GatewayError.notFound('webhook endpoint', id);
    return endpoint;
  }

  async create(tenantId: string, input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecretModel> {
    const url = await this.checkUrl(input.url);
    if ((await this.endpoints.count({ where: { tenantId } })) >= MAX_ENDPOINTS_PER_TENANT)
      throw new GatewayError(
        GatewayErrorCode.CONFLICT,
        `a tenant has at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; delete one first`,
      );
    const secret = newWebhookSecret();
    const endpoint = await this.endpoints.save(
      this.endpoints.create({
        tenantId,
        url,
        description: input.description || null,
        eventTypes: input.events ?? [],
        enabled: true,
        secretSealed: this.box.seal(secret),
      }),
    );
    return { ...toEndpointModel(endpoint), secret };
  }

  async update(
    tenantId: string,
    id: string,
    input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointModel> {
    const endpoint = await this.get(tenantId, id);
    if (input.url !== undefined) endpoint.url = await this.checkUrl(input.url);
    if (input.events !== undefined) endpoint.eventTypes = input.events;
    if (input.description !== undefined) endpoint.description = input.description || null;
    if (input.enabled !== undefined) {
      endpoint.enabled = input.enabled;
      if (input.enabled) {
        endpoint.disabledReason = null;
        endpoint.disabledAt = null;
        endpoint.failingSince = null;
      }
    }
    return toEndpointModel(await this.endpoints.save(endpoint));
  }

  async remove(tenantId: string, id: string): Promise<WebhookEndpointModel> {
    const endpoint = await this.get(tenantId, id);
    await this.endpoints.delete({ id: endpoint.id, tenantId });
    return toEndpointModel(endpoint);
  }

  /** A new secret; the old one keeps signing (alongside) for 24 h so receivers can switch without a gap. */
  async rotateSecret(tenantId: string, id: string): Promise<WebhookEndpointWithSecretModel> {
    const endpoint = await this.get(tenantId, id);
    const secret = newWebhookSecret();
    endpoint.previousSecretSealed = endpoint.secretSealed;
    endpoint.previousSecretExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS);
    endpoint.secretSealed = this.box.seal(secret);
    return { ...toEndpointModel(await this.endpoints.save(endpoint)), secret };
  }

  async deliveries(
    tenantId: string,
    endpointId: string,
    first = DEFAULT_WEBHOOK_PAGE,
    after?: string,
  ): Promise<WebhookDeliveryConnectionModel> {
    await this.get(tenantId, endpointId);
    const rows = await this.page(
      'webhook_deliveries',
      'created_at',
      'delivery',
      tenantId,
      [['endpoint_id', endpointId]],
      first,
      after,
    );
    const repo = this.dataSource.getRepository(WebhookDeliveryEntity);
    return toConnection('delivery', rows, first, after, (row) => toDeliveryModel(entityFromRow(repo, row)));
  }

  async attempts(
    tenantId: string,
    filter: { endpointId?: string; messageId?: string },
    first = DEFAULT_WEBHOOK_PAGE,
    after?: string,
  ): Promise<WebhookAttemptConnectionModel> {
    const where: Array<[string, string]> = [];
    if (filter.endpointId) where.push(['endpoint_id', filter.endpointId]);
    if (filter.messageId) where.push(['subject_id', filter.messageId]);
    const rows = await this.page('webhook_attempts', 'at', 'attempt', tenantId, where, first, after);
    const repo = this.dataSource.getRepository(WebhookAttemptEntity);
    return toConnection('attempt', rows, first, after, (row) => toAttemptModel(entityFromRow(repo, row)));
  }

  /** Delivers the event to the endpoint again, now, with a fresh schedule (same webhook-id). */
  async resend(tenantId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryModel> {
    await this.enabledEndpoint(tenantId, endpointId);
    const [rows]: [Row[], number] = isUuid(deliveryId)
      ? await this.dataSource.query(
          `UPDATE webhook_deliveries SET status = 'pending', attempt_count = 0, next_attempt_at = now(), updated_at = now()
           WHERE id = $1 AND endpoint_id = $2 AND tenant_id = $3 RETURNING *`,
          [deliveryId, endpointId, tenantId],
        )
      : [[], 0];
    const row = rows[0];
    if (!row) throw GatewayError.notFound('webhook delivery', deliveryId);
    return toDeliveryModel(entityFromRow(this.dataSource.getRepository(WebhookDeliveryEntity), row));
  }

  /** Schedules again every delivery to the endpoint that gave up, for events since `since`. */
  async recover(tenantId: string, endpointId: string, since: Date): Promise<{ scheduled: number }> {
    await this.enabledEndpoint(tenantId, endpointId);
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', attempt_count = 0, next_attempt_at = now(), updated_at = now()
       WHERE endpoint_id = $1 AND tenant_id = $2 AND status = 'failed' AND created_at >= $3`,
      [endpointId, tenantId, since],
    );
    return { scheduled: count };
  }

  private async enabledEndpoint(tenantId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.get(tenantId, id);
    if (!endpoint.enabled)
      throw new GatewayError(
        GatewayErrorCode.CONFLICT,
        'the webhook endpoint is disabled; enable it (PATCH enabled: true) first',
      );
    return endpoint;
  }

  /** The URL checked as a delivery would check it (DNS included), or BAD_USER_INPUT naming `url`. */
  private async checkUrl(raw: string): Promise<string> {
    try {
      const { url } = await pinWebhookUrl(raw, {
        requireHttps: this.config.NODE_ENV === 'production',
        allowPrivate: this.config.GATEWAY_WEBHOOK_ALLOW_PRIVATE,
      });
      return url.toString();
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw GatewayError.badInput('url', error.message);
      throw error;
    }
  }

  /** One keyset page of a tenant's rows, newest first, plus one row telling whether more follow. */
  private async page(
    table: string,
    timeColumn: string,
    kind: string,
    tenantId: string,
    equals: Array<[string, string]>,
    first: number,
    after?: string,
  ): Promise<Row[]> {
    const params: unknown[] = [tenantId];
    const where = ['tenant_id = $1'];
    for (const [column, value] of equals) {
      if (!isUuid(value)) return [];
      params.push(value);
      where.push(`${column} = $${params.length}::uuid`);
    }
    if (after !== undefined) {
      const cursor = decodeWebhookCursor(kind, after);
      params.push(cursor.at, cursor.id);
      where.push(`(${timeColumn}, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(first + 1);
    return this.dataSource.query(
      `SELECT *, ${cursorTime(timeColumn)} AS cursor_at FROM ${table} WHERE ${where.join(' AND ')}
       ORDER BY ${timeColumn} DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }
}

export function toEndpointModel(e: WebhookEndpointEntity): WebhookEndpointModel {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.eventTypes as WebhookEventType[],
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    failingSince: e.failingSince,
    previousSecretExpiresAt:
      e.previousSecretExpiresAt && e.previousSecretExpiresAt.getTime() > Date.now()
        ? e.previousSecretExpiresAt
        : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function toDeliveryModel(d: WebhookDeliveryEntity): WebhookDeliveryModel {
  return {
    id: d.id,
    endpointId: d.endpointId,
    webhookId: webhookIdOf(d.eventId),
    eventType: d.eventType as WebhookEventType,
    subjectId: d.subjectId,
    status: d.status,
    attempts: d.attemptCount,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    createdAt: d.createdAt,
  };
}

function toAttemptModel(a: WebhookAttemptEntity): WebhookAttemptModel {
  return {
    id: a.id,
    deliveryId: a.deliveryId,
    endpointId: a.endpointId,
    webhookId: webhookIdOf(a.eventId),
    eventType: a.eventType as WebhookEventType,
    subjectId: a.subjectId,
    at: a.at,
    url: a.url,
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    responseBody: a.responseBody,
    error: a.error,
    trigger: a.trigger,
  };
}
