import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { metricsRegistry } from './metrics-registry.js';
import { dbPoolConnections, dbPoolWaiting, messagesDue, schedulerLag } from './metrics.js';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Apps of this process whose database the scrape reads (the last started one answers; usually there is one). */
const sources: DataSource[] = [];

/**
 * Fills the database-backed gauges right before each scrape: queue depth and scheduler lag (one indexed query on
 * message_schedule's next_action_at, shared by every process on the database) and this process's pool usage.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    sources.push(this.dataSource);
  }

  onModuleDestroy(): void {
    sources.splice(sources.indexOf(this.dataSource), 1);
  }

  /** The exposition text, after refreshing the gauges (a failed database read leaves them as they were). */
  async render(): Promise<{ contentType: string; body: string }> {
    await refreshDatabaseGauges().catch(() => undefined);
    return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
  }
}

async function refreshDatabaseGauges(): Promise<void> {
  const db = sources.at(-1);
  if (!db?.isInitialized) return;
  const pool = (db.driver as unknown as { master?: PgPool }).master;
  if (pool) {
    dbPoolConnections.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    dbPoolConnections.set({ state: 'idle' }, pool.idleCount);
    dbPoolWaiting.set(pool.waitingCount);
  }
  const [row] = (await db.query(
    `SELECT count(*)::int AS due, coalesce(extract(epoch FROM now() - min(next_action_at)), 0)::float AS lag
     FROM message_schedule WHERE next_action_at <= now()`,
  )) as Array<{ due: number; lag: number }>;
  messagesDue.set(row?.due ?? 0);
  schedulerLag.set(Math.max(0, row?.lag ?? 0));
}
