import type { SimClock } from './clock.js';

export const WEBHOOK_RETENTION_MS = 48 * 60 * 60 * 1000;

interface Queued {
  body: unknown;
  queuedAt: number;
}

export interface WebhookPostResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** Posts one webhook body as JSON with a bounded timeout; never throws. */
export async function postWebhook(url: string, body: unknown, timeoutMs: number): Promise<WebhookPostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'wa-simulator-webhook/1' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { ok: response.ok, status: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * One account's webhook deliveries: each event is posted at once; what fails stays queued for 48 h of simulator
 * time, until `resend` delivers it.
 */
export class WebhookQueue {
  private queue: Queued[] = [];
  /** Every attempt, newest last, so tests can see what was posted and how it went. */
  readonly attempts: Array<{ at: string; url: string; body: unknown; result: WebhookPostResult }> = [];

  constructor(
    private readonly clock: SimClock,
    private readonly timeoutMs: number,
  ) {}

  async deliver(url: string | undefined, body: unknown): Promise<boolean> {
    if (!url) {
      this.queue.push({ body, queuedAt: this.clock.now() });
      return false;
    }
    const result = await this.post(url, body);
    if (!result.ok) this.queue.push({ body, queuedAt: this.clock.now() });
    return result.ok;
  }

  pending(): number {
    this.expire();
    return this.queue.length;
  }

  /** Tries every queued event again; those that fail stay queued. Returns how many were delivered. */
  async resend(url: string | undefined): Promise<{ delivered: number; remaining: number }> {
    this.expire();
    if (!url) return { delivered: 0, remaining: this.queue.length };
    const batch = this.queue;
    this.queue = [];
    let delivered = 0;
    for (const item of batch) {
      const result = await this.post(url, item.body);
      if (result.ok) delivered++;
      else this.queue.push(item);
    }
    return { delivered, remaining: this.queue.length };
  }

  private async post(url: string, body: unknown): Promise<WebhookPostResult> {
    const result = await postWebhook(url, body, this.timeoutMs);
    this.attempts.push({ at: this.clock.nowIso(), url, body, result });
    if (this.attempts.length > 200) this.attempts.shift();
    return result;
  }

  private expire(): void {
    const oldest = this.clock.now() - WEBHOOK_RETENTION_MS;
    if (this.queue.length && this.queue[0]!.queuedAt < oldest) {
      this.queue = this.queue.filter((q) => q.queuedAt >= oldest);
    }
  }
}
