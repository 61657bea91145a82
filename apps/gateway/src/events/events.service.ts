import { Injectable } from '@nestjs/common';
import { EventEmitter, on } from 'node:events';

/**
 * In-process publish/subscribe for GraphQL subscriptions. Every event carries its tenant; subscribers only ever
 * see their own tenant's events. (One gateway process; a multi-process deployment would swap this for Redis.)
 */
@Injectable()
export class EventsService {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish<T>(topic: string, tenantId: string, payload: T): void {
    this.emitter.emit(topic, { tenantId, payload });
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
}
