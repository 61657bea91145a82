import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import {
  Availability,
  availabilityOf,
  type AvailabilityReading,
  type HealthState,
  type SendHealthOutcome,
} from './connection-health.js';
import {
  ANSWERED_SQL,
  CLAIM_PROBE_SQL,
  PAUSE_SQL,
  TRANSIENT_FAILURE_SQL,
  type HealthRow,
} from './health-statements.js';
import { breakerTransitions, connectionPauses, watchConnectionHealth } from './pacing-metrics.js';

/** A probe may take a provider call's whole timeout (15 s); past this another process may probe instead. */
const PROBE_WINDOW_MS = 30_000;
const OVERLAY_MAX = 10_000;

/**
 * A connection's pause and circuit breaker. The state lives on the connection's row (every process sees it; the
 * API shows it); sends read it from the connection they already hold (cached up to 5 s by ConnectionsService,
 * so a healthy connection costs no query), merged with what this process itself wrote since (`overlay`, the
 * newer `healthChangedAt` wins), so the process that saw a failure acts on it at once and the others within the
 * connection cache's lifetime.
 */
@Injectable()
export class ConnectionHealthService implements OnModuleInit, OnModuleDestroy {
  private readonly overlay = new Map<string, HealthState>();
  private unwatch: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    this.unwatch = watchConnectionHealth(this.dataSource);
  }

  onModuleDestroy(): void {
    this.unwatch?.();
  }

  /** Not paused and not kept off by the breaker (a connection whose cooldown is over may take the probe). */
  isAvailable(connection: ConnectionEntity, now: Date = new Date()): boolean {
    const reading = this.reading(connection, now);
    return reading.availability === Availability.AVAILABLE || reading.until === null;
  }

  reading(connection: ConnectionEntity, now: Date = new Date()): AvailabilityReading {
    return availabilityOf(this.healthOf(connection), now);
  }

  healthOf(connection: ConnectionEntity): HealthState {
    const own = this.overlay.get(connection.id);
    if (!own) return connection;
    const theirs = connection.healthChangedAt?.getTime() ?? -Infinity;
    return (own.healthChangedAt?.getTime() ?? -Infinity) >= theirs ? own : connection;
  }

  /** True when this send is the probe of a connection whose cooldown is over (exactly one wins, across processes). */
  async claimProbe(connection: ConnectionEntity): Promise<boolean> {
    const won = await this.write(connection, CLAIM_PROBE_SQL, [connection.id, PROBE_WINDOW_MS]);
    if (won) breakerTransitions.inc({ connection: connection.id, state: 'probing' });
    return won;
  }

  /** After a provider call: pause, count a transient failure, or (the provider answered) close the breaker. */
  async record(connection: ConnectionEntity, outcome: SendHealthOutcome): Promise<void> {
    if (outcome.kind === 'pause') {
      await this.write(connection, PAUSE_SQL, [connection.id, outcome.ms, outcome.reason]);
      connectionPauses.inc({ connection: connection.id });
      return;
    }
    if (outcome.kind === 'transient') {
      const before = this.healthOf(connection).unavailableUntil;
      const c = this.config;
      await this.write(connection, TRANSIENT_FAILURE_SQL, [
        connection.id,
        c.GATEWAY_BREAKER_COOLDOWN_MS,
        c.GATEWAY_BREAKER_MAX_COOLDOWN_MS,
        c.GATEWAY_BREAKER_THRESHOLD,
      ]);
      const after = this.healthOf(connection).unavailableUntil;
      if (after && after.getTime() !== before?.getTime())
        breakerTransitions.inc({ connection: connection.id, state: 'open' });
      return;
    }
    // The common case (a healthy connection answering) writes nothing.
    const known = this.healthOf(connection);
    if (known.consecutiveFailures === 0 && !known.unavailableUntil && !known.breakerProbing) return;
    if (await this.write(connection, ANSWERED_SQL, [connection.id]))
      if (known.unavailableUntil) breakerTransitions.inc({ connection: connection.id, state: 'closed' });
  }

  /** Runs one health statement; remembers the row it wrote. False when no row was written. */
  private async write(connection: ConnectionEntity, sql: string, params: unknown[]): Promise<boolean> {
    const [row] = await preparedQuery<HealthRow>(this.dataSource, sql, params);
    if (!row) return false;
    if (this.overlay.size >= OVERLAY_MAX) this.overlay.clear();
    this.overlay.set(connection.id, {
      pausedUntil: row.paused_until,
      pauseReason: row.pause_reason,
      consecutiveFailures: row.consecutive_failures,
      unavailableUntil: row.unavailable_until,
      breakerOpens: row.breaker_opens,
      breakerProbing: row.breaker_probing,
      healthChangedAt: row.health_changed_at,
    });
    return true;
  }
}
