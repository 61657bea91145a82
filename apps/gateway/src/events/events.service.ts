import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { GATEWAY_LOGGER } from '../observability/logger.js';
import { EventListener, type EventNotice } from './event-listener.js';

/** The PostgreSQL channel every gateway process of one database publishes on and listens to. */
export const EVENTS_CHANNEL = 'gateway_events';

/** Reads the payload of an event produced by another process from its row (null: gone, nothing is delivered). */
export type EventLoader = (tenantId: string, id: string) => Promise<unknown>;

/**
 * Publish/subscribe for GraphQL subscriptions, across every gateway process on the database. Every event carries its
 * tenant; subscribers only ever see their own tenant's events. An event is delivered at once to this process's
 * subscribers and announced to the others with PostgreSQL NOTIFY: the notice carries ids only (topic, tenant, row id,
 * origin), each other process reads the row (the loader of the topic) and delivers it to its own subscribers.
 * Notices of one tick go out in one statement. A notice is at-most-once (a process whose LISTEN connection is down
 * misses it; the connection comes back with backoff), like the in-process events before it.
 */
@Injectable()
export class EventsService implements OnModuleInit, OnModuleDestroy {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly origin = randomUUID();
  private readonly loaders = new Map<string, EventLoader>();
  private pending: string[] = [];
  /** A flush is scheduled or waiting for the statement in flight: new notices just join `pending`. */
  private flushQueued = false;
  private flushing: Promise<void> | undefined;
  private listener: EventListener | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  onModuleInit(): void {
    // Not in Nest's preview mode (docs:api), where the database is never connected.
    const url = (this.dataSource?.options as { url?: string } | undefined)?.url;
    if (!url || !this.dataSource.isInitialized) return;
    this.listener = new EventListener(url, EVENTS_CHANNEL, this.logger, (notice) => this.receive(notice));
    this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.flushing;
    await this.listener?.stop();
  }

  /** How a topic's payload is read back from its id, in the processes that did not produce it. */
  registerLoader(topic: string, loader: EventLoader): void {
    this.loaders.set(topic, loader);
  }

  /** Delivers here now and announces to the other processes (the payload's `id` names its row). */
  publish<T extends { id: string }>(topic: string, tenantId: string, payload: T): void {
    this.emitter.emit(topic, { tenantId, payload });
    const notice: EventNotice = { o: this.origin, t: topic, n: tenantId, i: payload.id };
    this.pending.push(JSON.stringify(notice));
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => void this.flush());
    }
  }

  /** An async iterator of `topic` events of one tenant that pass `filter`, ending when the subscriber leaves. */
  async *subscribe<T>(
    topic: string,
    tenantId: string,
    filter: (payload: T) => boolean = () => true,
  ): AsyncGenerator<T> {
    const controller = new AbortController();
    try {
      for await (const [event] of on(this.emitter, topic, { signal: controller.signal })) {
        const { tenantId: owner, payload } = event as { tenantId: string; payload: T };
        if (owner === tenantId && filter(payload)) yield payload;
      }
    } catch (error) {
      if (!(error instanceof Error && error.name === 'AbortError')) throw error;
    } finally {
      controller.abort();
    }
  }

  /**
   * One NOTIFY statement at a time: the notices published while one is in flight wait for it and go out together in
   * the next, so status writes finishing one after another (the scheduler's polls) share a statement instead of
   * each paying its own round trip and commit.
   */
  private async flush(): Promise<void> {
    const run = (async () => {
      await this.flushing;
      this.flushQueued = false;
      const batch = this.pending;
      this.pending = [];
      if (batch.length === 0 || !this.dataSource.isInitialized) return;
      try {
        await this.dataSource.query(`SELECT pg_notify('${EVENTS_CHANNEL}', n) FROM unnest($1::text[]) AS n`, [
          batch,
        ]);
      } catch (error) {
        this.logger.warn(
          { err: (error as Error).message, events: batch.length },
          'could not announce events to other processes',
        );
      }
    })();
    this.flushing = run;
    await run;
  }

  private async receive(notice: EventNotice): Promise<void> {
    if (notice.o === this.origin || this.emitter.listenerCount(notice.t) === 0) return;
    const loader = this.loaders.get(notice.t);
    if (!loader) return;
    try {
      const payload = await loader(notice.n, notice.i);
      if (payload) this.emitter.emit(notice.t, { tenantId: notice.n, payload });
    } catch (error) {
      this.logger.warn(
        { topic: notice.t, err: (error as Error).message },
        'could not read an event of another process',
      );
    }
  }
}
