import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { isProviderError, PROVIDERS } from '@app/providers';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { ConnectionEntity } from '../database/entities/index.js';
import { inboundProblem } from './inbound-check.js';
import { InboundMessagesService } from './inbound-messages.service.js';

/** Providers with a received list the gateway can poll (WaMessenger). */
const POLLED_PROVIDERS = PROVIDERS.filter((p) => p.capabilities.inbound_list).map((p) => p.id);
/** Connections polled at once. */
const CONCURRENCY = 4;
/** A failing connection is skipped for 2^failures ticks, at most this many. */
const MAX_BACKOFF_TICKS = 32;

/**
 * Polls the received list of every connection whose provider has one, every GATEWAY_POLL_INTERVAL_MS, and stores
 * what is new (idempotent by provider id, so messages a webhook already delivered are ignored). Cheap on purpose:
 * only the first page (the newest messages) per connection per tick, so a burst larger than one page between two
 * ticks is caught by the webhook rather than here. A connection whose calls fail backs off exponentially.
 */
@Injectable()
export class InboundPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InboundPoller');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly failures = new Map<string, { count: number; skipUntilTick: number; code: string }>();
  private tickNumber = 0;

  constructor(
    @InjectRepository(ConnectionEntity) private readonly connectionsRepo: Repository<ConnectionEntity>,
    private readonly connections: ConnectionsService,
    private readonly inbound: InboundMessagesService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (POLLED_PROVIDERS.length) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every polled connection; returns how many new messages were stored. */
  async tick(): Promise<number> {
    this.tickNumber++;
    const due = (
      await this.connectionsRepo.find({ where: { provider: In(POLLED_PROVIDERS) }, order: { id: 'ASC' } })
    ).filter((c) => (this.failures.get(c.id)?.skipUntilTick ?? 0) <= this.tickNumber);
    let stored = 0;
    for (let i = 0; i < due.length && !this.stopped; i += CONCURRENCY) {
      const counts = await Promise.all(due.slice(i, i + CONCURRENCY).map((c) => this.pollOne(c)));
      stored += counts.reduce((a, b) => a + b, 0);
    }
    return stored;
  }

  private async pollOne(connection: ConnectionEntity): Promise<number> {
    try {
      const page = await this.connections.adapterOf(connection).listInbound({ page: 1 });
      this.failures.delete(connection.id);
      const storable = page.items.filter((message) => inboundProblem(message) === undefined);
      return (await this.inbound.store(connection, storable)).length;
    } catch (error) {
      this.recordFailure(connection, error);
      return 0;
    }
  }

  private recordFailure(connection: ConnectionEntity, error: unknown): void {
    const code = isProviderError(error) ? error.code : 'INTERNAL';
    const previous = this.failures.get(connection.id);
    const count = (previous?.count ?? 0) + 1;
    const skipUntilTick = this.tickNumber + Math.min(2 ** count, MAX_BACKOFF_TICKS);
    this.failures.set(connection.id, { count, skipUntilTick, code });
    // One line per connection and kind of failure, not one per tick.
    if (previous?.code !== code) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`polling inbound of connection ${connection.id} failed: ${code}: ${message}`);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!this.stopped) this.logger.error('inbound polling failed', (error as Error).stack);
        })
        .finally(() => this.schedule());
    }, this.config.GATEWAY_POLL_INTERVAL_MS);
    this.timer.unref();
  }
}
