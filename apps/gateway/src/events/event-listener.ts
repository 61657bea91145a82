import pg from 'pg';
import type { Logger } from 'pino';

/** What travels on the channel: origin process, topic, tenant id, row id. Small, and no content. */
export interface EventNotice {
  o: string;
  t: string;
  n: string;
  i: string;
}

const MAX_BACKOFF_MS = 10_000;

/** A dedicated connection LISTENing on one channel, reconnecting with backoff (1 s doubling to 10 s) when it drops. */
export class EventListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryMs = 1_000;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly logger: Logger,
    private readonly deliver: (notice: EventNotice) => Promise<void>,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'gateway-events' });
    this.client = client;
    client.on('error', () => this.retry(client));
    client.on('end', () => this.retry(client));
    client.on('notification', (message) => {
      const notice = parse(message.payload);
      if (notice) void this.deliver(notice);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.retryMs = 1_000;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'event listener could not connect; retrying');
      this.retry(client);
    }
  }

  private retry(client: pg.Client): void {
    if (this.stopped || client !== this.client || this.retryTimer) return;
    client.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(MAX_BACKOFF_MS, this.retryMs * 2);
  }
}

function parse(payload: string | undefined): EventNotice | undefined {
  try {
    const value = JSON.parse(payload ?? '') as Partial<EventNotice>;
    return typeof value.o === 'string' &&
      typeof value.t === 'string' &&
      typeof value.n === 'string' &&
      typeof value.i === 'string'
      ? (value as EventNotice)
      : undefined;
  } catch {
    return undefined;
  }
}
