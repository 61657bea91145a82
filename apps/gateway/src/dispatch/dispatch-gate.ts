import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { ProviderError } from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import { preparedQuery } from '../database/prepared-query.js';
import { Availability, healthOutcomeOf } from './connection-health.js';
import { ConnectionHealthService } from './connection-health.service.js';
import { dispatchWaits } from './pacing-metrics.js';
import { isLimited, retryAfterSeconds } from './rate-limit.js';
import { RateLimiter } from './rate-limiter.js';
import { DEFER_SQL } from './rate-statements.js';

/** Queued sends (the scheduler, async and batch sends) wait in the queue; a synchronous send is answered now. */
export type DispatchMode = 'queued' | 'sync';

/** What the sender does before its provider call. */
export type Admission =
  | { kind: 'go' }
  /** Queued: the message was rescheduled (its turn, the end of a pause or cooldown); nothing else to do. */
  | { kind: 'deferred' }
  /** Synchronous: answer this error (429 or 503 with Retry-After); the sender records the message FAILED first. */
  | { kind: 'refused'; error: GatewayError };

/** While another send probes the connection, others look again this soon. */
const PROBE_RECHECK_MS = 1_000;

type WaitReason = 'rate_limit' | 'paused' | 'unavailable';

/**
 * The hook around a provider call (MessageSender.dispatch): before it, whether the send may go now (pause, circuit
 * breaker and probe, rate-limit turn), waiting a little in process when its turn is near; after it, what the
 * answer says about the connection. A connection without a limit and in good health costs no statement here.
 */
@Injectable()
export class DispatchGate {
  /**
   * How far ahead a queued send waits for its turn in process; a later turn sends it back to the queue until just
   * before it. Longer than the scheduler's poll interval, so it is claimed again before its turn comes.
   */
  private readonly queuedLeadMs: number;

  constructor(
    private readonly health: ConnectionHealthService,
    private readonly limiter: RateLimiter,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.queuedLeadMs = Math.min(config.GATEWAY_POLL_INTERVAL_MS, 5_000) + 250;
  }

  async admit(connection: ConnectionEntity, messageId: string, mode: DispatchMode): Promise<Admission> {
    const reading = this.health.reading(connection);
    if (reading.availability === Availability.PAUSED)
      return this.wait(connection, messageId, mode, 'paused', reading.until!);
    if (reading.availability === Availability.UNAVAILABLE)
      return this.wait(connection, messageId, mode, 'unavailable', reading.until!);
    if (reading.availability === Availability.PROBING) {
      const probe = reading.until === null && (await this.health.claimProbe(connection));
      // Another send is the probe: look again soon (its answer may close the breaker any moment).
      if (!probe)
        return this.wait(connection, messageId, mode, 'unavailable', new Date(Date.now() + PROBE_RECHECK_MS));
    }
    if (!isLimited(connection.rateLimit)) return { kind: 'go' };
    return this.takeTurn(connection, messageId, mode);
  }

  /** After the provider call: `error` null when it accepted. */
  async settle(connection: ConnectionEntity, error: ProviderError | null): Promise<void> {
    await this.health.record(connection, healthOutcomeOf(error, this.config.GATEWAY_MAX_PAUSE_MS));
  }

  private async takeTurn(
    connection: ConnectionEntity,
    messageId: string,
    mode: DispatchMode,
  ): Promise<Admission> {
    const queued = mode === 'queued';
    const turn = await this.limiter.take(connection.id, connection.rateLimit!, {
      maxWaitMs: queued ? null : this.config.GATEWAY_SYNC_RATE_WAIT_MS,
      messageId: queued ? messageId : null,
    });
    const waitMs = turn.at - Date.now();
    if (turn.source === 'refused') return this.refuse(connection, mode, 'rate_limit', new Date(turn.at));
    if (waitMs <= 0) return { kind: 'go' };
    if (!queued || waitMs <= this.queuedLeadMs) {
      dispatchWaits.inc({ connection: connection.id, mode, reason: 'rate_limit', outcome: 'waited' });
      await sleep(waitMs);
      return { kind: 'go' };
    }
    await this.limiter.hold(messageId, turn.dbAt, new Date(turn.dbAt.getTime() - this.queuedLeadMs));
    dispatchWaits.inc({ connection: connection.id, mode, reason: 'rate_limit', outcome: 'deferred' });
    return { kind: 'deferred' };
  }

  private async wait(
    connection: ConnectionEntity,
    messageId: string,
    mode: DispatchMode,
    reason: WaitReason,
    until: Date,
  ): Promise<Admission> {
    if (mode === 'sync') return this.refuse(connection, mode, reason, until);
    await preparedQuery(this.dataSource, DEFER_SQL, [messageId, until]);
    dispatchWaits.inc({ connection: connection.id, mode, reason, outcome: 'deferred' });
    return { kind: 'deferred' };
  }

  /**
   * Synchronous sends: over the rate limit or paused → 429 RATE_LIMITED; breaker open → 503 PROVIDER_UNAVAILABLE;
   * both with Retry-After (whole seconds until the turn, the end of the pause or of the cooldown).
   */
  private refuse(
    connection: ConnectionEntity,
    mode: DispatchMode,
    reason: WaitReason,
    until: Date,
  ): Admission {
    dispatchWaits.inc({ connection: connection.id, mode, reason, outcome: 'refused' });
    const retryAfter = retryAfterSeconds(until.getTime(), Date.now());
    const name = `connection "${connection.name}"`;
    const [code, message] =
      reason === 'rate_limit'
        ? [
            GatewayErrorCode.RATE_LIMITED,
            `${name} is over its rate limit; its next turn is in ${retryAfter}s`,
          ]
        : reason === 'paused'
          ? [
              GatewayErrorCode.RATE_LIMITED,
              `${name} is paused until ${until.toISOString()} (${this.health.healthOf(connection).pauseReason ?? 'the provider asked to wait'})`,
            ]
          : [
              GatewayErrorCode.PROVIDER_UNAVAILABLE,
              `${name} is unavailable until ${until.toISOString()}: its provider failed ${this.config.GATEWAY_BREAKER_THRESHOLD} times in a row (circuit breaker)`,
            ];
    return {
      kind: 'refused',
      error: new GatewayError(code, message, {
        provider: connection.provider,
        retryAfterSeconds: retryAfter,
      }),
    };
  }
}
