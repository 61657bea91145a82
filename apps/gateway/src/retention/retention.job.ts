import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { withAdvisoryLock } from '../common/jobs/advisory-lock.js';
import { PeriodicTimer } from '../common/jobs/periodic-timer.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_LOGGER } from '../observability/logger.js';
import { retentionDeletedRows } from './retention-metrics.js';
import {
  addCounts,
  deleteInBatches,
  effectiveRetentionDays,
  noneDeleted,
  retentionCutoff,
  RETENTION_TABLES,
  type DeletedCounts,
} from './retention-policy.js';
import { dropExpiredPartitions } from './retention-partitions.js';
import { countsOf, RETENTION_STATEMENTS } from './retention-statements.js';
import { retentionDroppedPartitions } from './retention-metrics.js';

/** The session-level advisory lock that makes one retention pass run at a time across all gateway processes. */
export const RETENTION_LOCK_KEY = '7302945123001';

/** The first pass runs this long after boot (or after the interval, when shorter), not during the boot rush. */
const FIRST_PASS_DELAY_MS = 60_000;

/** Errors deleteExpired already logged (with its partial counts), so the timer does not log them twice. */
const loggedFailures = new WeakSet<object>();

export interface RetentionReport {
  deleted: DeletedCounts;
  /** Month partitions dropped whole (see retention-partitions.ts). */
  droppedPartitions: string[];
  /** Tenants whose data has a retention (their own or the global one). */
  tenants: number;
  batches: number;
  durationMs: number;
}

/**
 * Deletes what is past its retention (see retention-statements.ts for what is kept). Any gateway process may run a
 * pass; `pg_try_advisory_lock` on a connection held for the pass makes it one at a time (the others skip their
 * turn; a process that dies mid-pass loses the lock with its connection). Each batch is its own short statement,
 * with a pause between batches, so sends never wait behind a pass.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  private readonly timer = new PeriodicTimer(
    () =>
      this.runOnce().catch((error: unknown) => {
        // A failure inside the pass is logged there, with what it deleted so far; this is the rest (no lock).
        if (!loggedFailures.has(error as object))
          this.log.error({ err: error }, 'retention pass failed before it started');
      }), // the next pass tries again
    () => this.config.GATEWAY_RETENTION_INTERVAL_MS,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'retention' });
  }

  onApplicationBootstrap(): void {
    const interval = this.config.GATEWAY_RETENTION_INTERVAL_MS;
    if (interval > 0) this.timer.start(Math.min(FIRST_PASS_DELAY_MS, interval));
  }

  /** Stops after the batch in flight; before the database connection closes. */
  onModuleDestroy(): Promise<void> {
    return this.timer.stop();
  }

  /** One pass now; null when another process (or this one) is running a pass. Errors are logged and rethrown. */
  async runOnce(now = new Date()): Promise<RetentionReport | null> {
    const report = await this.timer.track(
      withAdvisoryLock(this.dataSource, RETENTION_LOCK_KEY, () => this.deleteExpired(now)),
    );
    if (report === null) this.log.debug('retention pass skipped: another gateway process is running one');
    return report;
  }

  private async deleteExpired(now: Date): Promise<RetentionReport> {
    const started = Date.now();
    const deleted = noneDeleted();
    const droppedPartitions: string[] = [];
    let tenants = 0;
    let batches = 0;
    const count = (counts: Partial<DeletedCounts>) => {
      for (const table of RETENTION_TABLES)
        if (counts[table]) retentionDeletedRows.inc({ table }, counts[table]);
    };
    try {
      const rows = (await this.dataSource.query(
        'SELECT id, retention_days FROM tenants ORDER BY id',
      )) as Array<{
        id: string;
        retention_days: number | null;
      }>;
      // Whole month partitions first, when every tenant has a retention: up to the longest one's cutoff.
      const everyone = rows.map((t) =>
        effectiveRetentionDays(t.retention_days, this.config.GATEWAY_RETENTION_DAYS),
      );
      if (everyone.length > 0 && everyone.every((days) => days !== null)) {
        const drops = await dropExpiredPartitions(
          this.dataSource,
          retentionCutoff(Math.max(...(everyone as number[])), now),
          {
            batchSize: this.config.GATEWAY_RETENTION_BATCH_SIZE,
            pauseMs: this.config.GATEWAY_RETENTION_BATCH_PAUSE_MS,
            shouldStop: () => this.timer.stopped,
            onDeleted: count,
            onDropped: (table, partition, rows) => {
              retentionDroppedPartitions.inc({ table });
              this.log.info({ table, partition, rows }, 'retention dropped a partition');
            },
          },
        );
        addCounts(deleted, drops.deleted);
        droppedPartitions.push(...drops.dropped);
        for (const kept of drops.kept) this.log.info(kept, 'retention kept an expired partition');
      }
      for (const tenant of rows) {
        const days = effectiveRetentionDays(tenant.retention_days, this.config.GATEWAY_RETENTION_DAYS);
        if (days === null || this.timer.stopped) continue;
        tenants++;
        const cutoff = retentionCutoff(days, now);
        for (const statement of RETENTION_STATEMENTS) {
          const result = await deleteInBatches(
            async (limit) => {
              const counts = countsOf(await this.dataSource.query(statement.sql, [tenant.id, cutoff, limit]));
              count(counts);
              return counts;
            },
            statement.primary,
            {
              batchSize: this.config.GATEWAY_RETENTION_BATCH_SIZE,
              pauseMs: this.config.GATEWAY_RETENTION_BATCH_PAUSE_MS,
              shouldStop: () => this.timer.stopped,
            },
          );
          addCounts(deleted, result.deleted);
          batches += result.batches;
        }
      }
    } catch (error) {
      if (error instanceof Object) loggedFailures.add(error);
      this.log.error(
        { deleted, droppedPartitions, tenants, batches, durationMs: Date.now() - started, err: error },
        'retention pass failed',
      );
      throw error;
    }
    const report = { deleted, droppedPartitions, tenants, batches, durationMs: Date.now() - started };
    // Info when some tenant has a retention; a gateway that keeps everything says so only at debug level.
    if (tenants > 0) this.log.info(report, 'retention pass');
    else this.log.debug(report, 'retention pass');
    return report;
  }
}
