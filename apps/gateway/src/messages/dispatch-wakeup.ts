import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_LOGGER } from '../observability/logger.js';

/**
 * The channel a statement that makes sends due notifies (`pg_notify('gateway_dispatch', '')`, delivered at commit):
 * every process's scheduler claims at once instead of at its next tick. The tick stays as the fallback, so a lost
 * notice (listener reconnecting) only delays a send by one poll interval.
 */
export const DISPATCH_CHANNEL = 'gateway_dispatch';

const MAX_BACKOFF_MS = 10_000;

/**
 * A dedicated connection LISTENing on DISPATCH_CHANNEL (reconnecting with backoff, 1 s doubling to 10 s), calling
 * the registered wake-up on each notice. Only in processes with GATEWAY_DISPATCH_ENABLED: the others accept sends
 * but never claim them.
 */
@Injectable()
export class DispatchWakeup implements OnModuleInit, OnModuleDestroy {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryMs = 1_000;
  private retryTimer: NodeJS.Timeout | undefined;
  private onWake: () => void = () => undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** The scheduler's claim; called once per notice (notices of one transaction arrive as one). */
  register(onWake: () => void): void {
    this.onWake = onWake;
  }

  onModuleInit(): void {
    // Not in Nest's preview mode (docs:api), where the database is never connected.
    const url = (this.dataSource?.options as { url?: string } | undefined)?.url;
    if (!url || !this.dataSource.isInitialized || !this.config.GATEWAY_DISPATCH_ENABLED) return;
    void this.connect(url);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(url: string): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: url, application_name: 'gateway-dispatch' });
    this.client = client;
    client.on('error', () => this.retry(client, url));
    client.on('end', () => this.retry(client, url));
    client.on('notification', () => this.onWake());
    try {
      await client.connect();
      await client.query(`LISTEN ${DISPATCH_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.retryMs = 1_000;
      // Sends made due while this process was not listening are claimed now rather than at the next tick.
      this.onWake();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'dispatch listener could not connect; retrying');
      this.retry(client, url);
    }
  }

  private retry(client: pg.Client, url: string): void {
    if (this.stopped || client !== this.client || this.retryTimer) return;
    client.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect(url);
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(MAX_BACKOFF_MS, this.retryMs * 2);
  }
}
