import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';
import { withAdvisoryLock } from '../common/jobs/advisory-lock.js';
import { PeriodicTimer } from '../common/jobs/periodic-timer.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_LOGGER } from '../observability/logger.js';
import { defaultPartitionRows, partitionFailures, partitionsCreated } from './partition-metrics.js';
import {
  createPartitionSql,
  defaultPartitionName,
  monthsToEnsure,
  partitionName,
  PARTITIONED_TABLES,
  type PartitionedTable,
} from './partition-months.js';

/** The session-level advisory lock that makes one maintenance run at a time across all gateway processes. */
export const PARTITIONS_LOCK_KEY = '7302945123002';

/**
 * How long a CREATE TABLE ... PARTITION OF may wait for its lock on the parent. It takes an ACCESS EXCLUSIVE lock
 * on the partitioned table (PostgreSQL 15), and every send waits behind a waiting lock: a short wait, and a failed
 * try is made again at the next run (the months ahead leave plenty of runs before a month is needed).
 */
const LOCK_TIMEOUT = '2s';

/** Default-partition rows counted up to this many (a count, not a scan of a default partition grown large). */
const DEFAULT_ROWS_COUNT_LIMIT = 100_000;

export interface PartitionReport {
  /** Partitions this run created, by name. */
  created: string[];
  /** Partitions this run could not create, with PostgreSQL's reason. */
  failed: Array<{ name: string; error: string }>;
  /** Rows found in each default partition (capped at DEFAULT_ROWS_COUNT_LIMIT). */
  defaultRows: Record<PartitionedTable, number>;
}

/**
 * Keeps the partitions of the current month and the next GATEWAY_PARTITIONS_AHEAD months in place for every
 * partitioned table: once at boot, before the app serves traffic (onApplicationBootstrap runs before listen), then
 * every GATEWAY_PARTITIONS_INTERVAL_MS. Any number of gateway processes may run it; `pg_try_advisory_lock` makes it
 * one at a time (the others skip their turn). It never throws at boot: a failure is logged and counted, and the
 * DEFAULT partition takes rows of a missing month meanwhile (which then block that month's creation: see README).
 */
@Injectable()
export class PartitionMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  private readonly timer = new PeriodicTimer(
    () => this.runSafely(),
    () => this.config.GATEWAY_PARTITIONS_INTERVAL_MS,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'partitions' });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runSafely();
    const interval = this.config.GATEWAY_PARTITIONS_INTERVAL_MS;
    if (interval > 0) this.timer.start(interval);
  }

  onModuleDestroy(): Promise<void> {
    return this.timer.stop();
  }

  /** One run now; null when another process (or this one) is running. */
  runOnce(now = new Date()): Promise<PartitionReport | null> {
    return this.timer.track(
      withAdvisoryLock(this.dataSource, PARTITIONS_LOCK_KEY, (session) =>
        this.ensurePartitions(session, now),
      ),
    );
  }

  private async runSafely(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.log.error({ err: error }, 'partition maintenance failed');
    }
  }

  private async ensurePartitions(runner: QueryRunner, now: Date): Promise<PartitionReport> {
    await runner.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
    try {
      const report: PartitionReport = {
        created: [],
        failed: [],
        defaultRows: { messages: 0, status_changes: 0, inbound_messages: 0 },
      };
      for (const { table } of PARTITIONED_TABLES) {
        for (const month of monthsToEnsure(now, this.config.GATEWAY_PARTITIONS_AHEAD)) {
          if (this.timer.stopped) break;
          const name = partitionName(table, month);
          const [exists] = (await runner.query('SELECT to_regclass($1) IS NOT NULL AS exists', [
            `public."${name}"`,
          ])) as Array<{ exists: boolean }>;
          if (exists?.exists) continue;
          try {
            await runner.query(createPartitionSql(table, month));
            report.created.push(name);
            partitionsCreated.inc({ table });
            this.log.info({ table, partition: name }, 'partition created');
          } catch (error) {
            // Lock timeout, or rows of that month already in the default partition: logged, tried next run.
            const message = (error as Error).message;
            report.failed.push({ name, error: message });
            partitionFailures.inc({ table });
            this.log.error({ table, partition: name, err: error }, 'partition could not be created');
          }
        }
        const [counted] = (await runner.query(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM "${defaultPartitionName(table)}" LIMIT ${DEFAULT_ROWS_COUNT_LIMIT}) AS d`,
        )) as Array<{ n: number }>;
        const rows = counted?.n ?? 0;
        report.defaultRows[table] = rows;
        defaultPartitionRows.set({ table }, rows);
        if (rows > 0)
          this.log.warn(
            { table, partition: defaultPartitionName(table), rows },
            'rows in the default partition: their months have no partition (see README, Partitions)',
          );
      }
      return report;
    } finally {
      await runner.query('RESET lock_timeout').catch(() => undefined);
    }
  }
}
