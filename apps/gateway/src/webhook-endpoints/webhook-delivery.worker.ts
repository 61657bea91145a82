import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { decide, type DeliveryDecision } from './delivery-outcome.js';
import { returnedRows } from './returned-rows.js';
import { activeSecrets } from './endpoint-secrets.js';
import { DISABLE_AFTER_FAILING_MS } from './retry-schedule.js';
import { pinWebhookUrl, UnsafeUrlError } from './url-guard.js';
import { postWebhook, type WebhookAnswer } from './webhook-http.js';
import {
  setOutboxDepthProbe,
  webhookAttemptDurationSeconds,
  webhookDeliveriesTotal,
  type AttemptOutcome,
} from './webhook-metrics.js';
import { WebhookPayloadService } from './webhook-payload.service.js';
import { signedHeaders } from './webhook-signer.js';

/** A delivery as claimed: its attempt number in the current schedule is already counted. */
interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  event_id: string;
  endpoint_id: string;
  event_type: string;
  subject_id: string;
  attempt_count: number;
  last_attempt_at: Date | null;
  /** The endpoint and event, joined in by the claim (one statement instead of three per delivery). */
  url: string;
  enabled: boolean;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  body: string | null;
}

/** What a receiver sees as `webhook-id`: one per event, the same on every retry and every endpoint. */
export function webhookIdOf(eventId: string): string {
  return `evt_${eventId}`;
}

/**
 * Delivers due client webhooks from any gateway process. A claim (SKIP LOCKED, like the message scheduler) moves
 * the delivery's next attempt a lease into the future: if this process dies mid-attempt, another (or this one
 * after a restart) claims it again when the lease ends, with the same webhook-id. Each attempt runs on its own, so
 * a receiver that hangs holds one slot until the timeout, never the others.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly box: SecretBox;
  private readonly inFlight = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  /** The claim under way, awaited on shutdown so nothing claimed starts after it. */
  private claiming: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly payloads: WebhookPayloadService,
  ) {
    this.box = new SecretBox(config.GATEWAY_ENCRYPTION_KEY);
  }

  onApplicationBootstrap(): void {
    setOutboxDepthProbe(async () => {
      const rows: Array<{ n: string }> = await this.dataSource.query(
        `SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`,
      );
      return Number(rows[0]?.n ?? 0);
    });
    this.wake(0);
  }

  /**
   * Stops claiming; attempts in flight are abandoned unrecorded (their lease brings them back). On module destroy,
   * so that it runs before the database connection closes.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    setOutboxDepthProbe(undefined);
    await this.claiming.catch(() => undefined);
    for (const { abort } of this.inFlight.values()) abort.abort();
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
  }

  private wake(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    let full = false;
    try {
      const free = this.config.GATEWAY_WEBHOOK_CONCURRENCY - this.inFlight.size;
      if (free > 0) {
        const claiming = this.claim(free);
        this.claiming = claiming;
        const claimed = await claiming;
        // Stopping meanwhile: what was just claimed comes back when its lease ends.
        if (this.stopped) return;
        for (const delivery of claimed) this.start(delivery);
        full = claimed.length === free;
      }
    } catch (error) {
      if (!this.stopped) this.logger.warn(`claiming webhook deliveries failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
      // A full batch means more may be due: look again as soon as a slot frees (see start), else after the interval.
      if (!full) this.wake(this.config.GATEWAY_WEBHOOK_POLL_INTERVAL_MS);
    }
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const leaseSeconds = (this.config.GATEWAY_WEBHOOK_TIMEOUT_MS + 5_000) / 1000;
    const result: unknown = await this.dataSource.query(
      `WITH due AS (
         SELECT id, last_attempt_at FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries d
         SET attempt_count = d.attempt_count + 1,
             next_attempt_at = clock_timestamp() + make_interval(secs => $2),
             last_attempt_at = clock_timestamp()
       FROM due, webhook_endpoints e, webhook_events ev
       WHERE d.id = due.id AND e.id = d.endpoint_id AND ev.id = d.event_id
       RETURNING d.id, d.tenant_id, d.event_id, d.endpoint_id, d.event_type, d.subject_id, d.attempt_count,
         due.last_attempt_at, e.url, e.enabled, e.secret_sealed, e.previous_secret_sealed,
         e.previous_secret_expires_at, e.failing_since, ev.body`,
      [limit, leaseSeconds],
    );
    return returnedRows<ClaimedDelivery>(result);
  }

  private start(delivery: ClaimedDelivery): void {
    const abort = new AbortController();
    const done = this.deliver(delivery, abort.signal)
      .catch((error: unknown) => {
        if (!this.stopped)
          this.logger.warn(`webhook delivery ${delivery.id} failed: ${(error as Error).message}`);
      })
      .finally(() => {
        this.inFlight.delete(delivery.id);
        if (!this.ticking) this.wake(0);
      });
    this.inFlight.set(delivery.id, { abort, done });
  }

  private async deliver(delivery: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    if (!delivery.enabled) {
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`,
        [delivery.id],
      );
      return;
    }
    const body = delivery.body ?? (await this.payloads.bodyOf(delivery.event_id));
    if (body === null) return;
    const at = new Date();
    const answer = await this.attempt(delivery, webhookIdOf(delivery.event_id), body, signal);
    if (signal.aborted) return;
    webhookAttemptDurationSeconds.observe(answer.durationMs / 1000);
    const decision = decide(answer, delivery.attempt_count, this.config.GATEWAY_WEBHOOK_RETRY_SCALE);
    if (!(await this.record(delivery, answer, at, decision))) return;
    const outcome = await this.updateHealth(delivery, at, decision);
    webhookDeliveriesTotal.inc({ outcome });
  }

  private async attempt(
    endpoint: ClaimedDelivery,
    webhookId: string,
    body: string,
    signal: AbortSignal,
  ): Promise<WebhookAnswer> {
    try {
      // Resolved and checked now, and the connection goes to that very address: no DNS rebinding in between.
      const target = await pinWebhookUrl(endpoint.url, {
        requireHttps: this.config.NODE_ENV === 'production',
        allowPrivate: this.config.GATEWAY_WEBHOOK_ALLOW_PRIVATE,
      });
      const secrets = activeSecrets(this.box, {
        secretSealed: endpoint.secret_sealed,
        previousSecretSealed: endpoint.previous_secret_sealed,
        previousSecretExpiresAt: endpoint.previous_secret_expires_at,
      });
      const headers = signedHeaders(secrets, webhookId, body);
      return await postWebhook(target, headers, body, this.config.GATEWAY_WEBHOOK_TIMEOUT_MS, signal);
    } catch (error) {
      if (error instanceof UnsafeUrlError)
        return { statusCode: 0, durationMs: 0, body: null, error: `refused: ${error.message}` };
      throw error;
    }
  }

  /**
   * The attempt row and the delivery's new state, in one statement. The delivery row is key-share locked first: an
   * endpoint deleted meanwhile (its deliveries cascade) records nothing instead of failing a foreign key. The state
   * update is guarded by the attempt number: if the lease ran out and another process took over, its result stands.
   * False when the delivery is gone.
   */
  private async record(
    delivery: ClaimedDelivery,
    answer: WebhookAnswer,
    at: Date,
    decision: DeliveryDecision,
  ): Promise<boolean> {
    const manual = delivery.attempt_count === 1 && delivery.last_attempt_at !== null;
    const status =
      decision.kind === 'succeeded' ? 'succeeded' : decision.kind === 'retry' ? 'pending' : 'failed';
    const next = decision.kind === 'retry' ? new Date(Date.now() + decision.delayMs) : null;
    const rows: [unknown[], number] | unknown[] = await this.dataSource.query(
      `WITH attempt AS (
         INSERT INTO webhook_attempts (tenant_id, delivery_id, endpoint_id, event_id, event_type, subject_id, at, url,
           status_code, duration_ms, response_body, error, trigger)
         SELECT tenant_id, id, endpoint_id, event_id, event_type, subject_id, $2, $3, $4, $5, $6, $7, $8
         FROM webhook_deliveries WHERE id = $1 FOR KEY SHARE
         RETURNING delivery_id
       ), moved AS (
         UPDATE webhook_deliveries SET status = $9, next_attempt_at = $10, updated_at = now()
         WHERE id IN (SELECT delivery_id FROM attempt) AND attempt_count = $11 AND status = 'pending'
       )
       SELECT delivery_id FROM attempt`,
      [
        delivery.id,
        at,
        delivery.url,
        answer.statusCode,
        answer.durationMs,
        answer.body,
        answer.error ?? null,
        manual ? 'manual' : 'scheduled',
        status,
        next,
        delivery.attempt_count,
      ],
    );
    return rows.length > 0;
  }

  /** The endpoint's health after an attempt: healthy again, failing since, or disabled (410, 5 days failing). */
  private async updateHealth(
    delivery: ClaimedDelivery,
    at: Date,
    decision: DeliveryDecision,
  ): Promise<AttemptOutcome> {
    switch (decision.kind) {
      case 'succeeded':
        if (delivery.failing_since !== null)
          await this.dataSource.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1`, [
            delivery.endpoint_id,
          ]);
        return 'succeeded';
      case 'gone':
        await this.dataSource.transaction((manager) => this.disable(manager, delivery.endpoint_id, 'gone'));
        return 'endpoint_disabled';
      case 'retry':
      case 'failed': {
        const rows = returnedRows<{ failing_since: Date }>(
          await this.dataSource.query(
            `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, $2) WHERE id = $1
             RETURNING failing_since`,
            [delivery.endpoint_id, at],
          ),
        );
        const since = rows[0]?.failing_since;
        if (since && at.getTime() - new Date(since).getTime() >= DISABLE_AFTER_FAILING_MS) {
          await this.dataSource.transaction((manager) =>
            this.disable(manager, delivery.endpoint_id, 'failing'),
          );
          return 'endpoint_disabled';
        }
        return decision.kind === 'retry' ? 'retrying' : 'failed';
      }
    }
  }

  /** Disables the endpoint and gives up its waiting deliveries (`recover` replays them once it is fixed). */
  private async disable(
    manager: EntityManager,
    endpointId: string,
    reason: 'gone' | 'failing',
  ): Promise<void> {
    await manager.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now(), updated_at = now()
       WHERE id = $1 AND enabled`,
      [endpointId, reason],
    );
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, updated_at = now()
       WHERE endpoint_id = $1 AND status = 'pending'`,
      [endpointId],
    );
    // Visible on the endpoint (disabledReason); a log line at the level production keeps would be noise per tenant.
    this.logger.log(`webhook endpoint ${endpointId} disabled (${reason})`);
  }
}
