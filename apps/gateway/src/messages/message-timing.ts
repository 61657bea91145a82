import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';

/** Send attempts before a transient failure becomes FAILED. */
export const MAX_SEND_ATTEMPTS = 8;
/** The longest wait between two retries or two polls. */
export const MAX_DELAY_MS = 60_000;
/** A message still not final after this long is no longer polled (it keeps its last known status). */
export const MAX_POLL_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** When the scheduler looks at a message next: retry backoff and poll cadence, from GATEWAY_POLL_INTERVAL_MS. */
@Injectable()
export class MessageTiming {
  readonly intervalMs: number;
  /**
   * While a send is in flight (in the request or claimed by the scheduler) its next_action_at is pushed this far
   * ahead (GATEWAY_SEND_LEASE_MS, default 120 s): longer than any provider call (15 s timeout), so a send is never
   * run twice at once, and a gateway that died mid-send has the message picked up again once the lease runs out.
   */
  readonly leaseMs: number;
  /**
   * The scheduler's claim cadence (GATEWAY_DISPATCH_TICK_MS, at most the poll interval): finer than the poll interval,
   * so the polls due in a tick are few and the next ones, timed from when each poll ran, stay spread out.
   */
  readonly tickMs: number;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.intervalMs = config.GATEWAY_POLL_INTERVAL_MS;
    this.tickMs = Math.min(config.GATEWAY_DISPATCH_TICK_MS, config.GATEWAY_POLL_INTERVAL_MS);
    this.leaseMs = config.GATEWAY_SEND_LEASE_MS;
  }

  /** Exponential from the poll interval, capped; a provider's Retry-After wins when longer. */
  retryAt(attempts: number, retryAfterSeconds: number | undefined, now = Date.now()): Date {
    const backoff = Math.min(MAX_DELAY_MS, this.intervalMs * 2 ** Math.max(0, attempts - 1));
    return new Date(now + Math.max(backoff, (retryAfterSeconds ?? 0) * 1000));
  }

  /** Polls often while a message is young, then less (a quarter of its age), capped; null once too old. */
  pollAt(createdAt: Date, now = Date.now()): Date | null {
    const age = now - createdAt.getTime();
    if (age > MAX_POLL_AGE_MS) return null;
    return new Date(now + Math.min(MAX_DELAY_MS, Math.max(this.intervalMs, age / 4)));
  }

  leaseUntil(now = Date.now()): Date {
    return new Date(now + this.leaseMs);
  }
}
