import type { WebhookAnswer } from './webhook-http.js';
import { nextRetryDelayMs } from './retry-schedule.js';

export type DeliveryDecision =
  | { kind: 'succeeded' }
  /** 410 Gone: the receiver asks to stop; the endpoint is disabled. */
  | { kind: 'gone' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'failed' };

/** What an answer means for the delivery, after `attempts` attempts in the current schedule. */
export function decide(answer: WebhookAnswer, attempts: number, scale: number): DeliveryDecision {
  if (answer.statusCode >= 200 && answer.statusCode < 300) return { kind: 'succeeded' };
  if (answer.statusCode === 410) return { kind: 'gone' };
  const honoursRetryAfter = answer.statusCode === 429 || answer.statusCode === 503;
  const delayMs = nextRetryDelayMs(attempts, {
    scale,
    retryAfterSeconds: honoursRetryAfter ? answer.retryAfterSeconds : undefined,
  });
  return delayMs === null ? { kind: 'failed' } : { kind: 'retry', delayMs };
}
