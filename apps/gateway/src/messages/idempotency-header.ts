import type { FastifyReply } from 'fastify';
import { GatewayError } from '../common/errors/gateway-error.js';

/** The request header client libraries send (Stripe; IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set to `true` on an answer that replays the first request's messages (no second send happened). */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

const MAX_KEY_LENGTH = 255;

/**
 * The input with the `Idempotency-Key` header folded into its `idempotencyKey` field: either may carry the key; both
 * may if they agree; disagreeing is a 400 naming the header, since guessing which one the client meant is unsafe.
 */
export function withIdempotencyHeader<T extends { idempotencyKey?: string }>(
  input: T,
  header: string | string[] | undefined,
): T {
  if (header === undefined) return input;
  const key = Array.isArray(header) ? undefined : header.trim();
  if (!key || key.length > MAX_KEY_LENGTH)
    throw GatewayError.badInput(
      IDEMPOTENCY_KEY_HEADER,
      `must be one value of 1 to ${MAX_KEY_LENGTH} characters`,
    );
  if (input.idempotencyKey !== undefined && input.idempotencyKey !== key)
    throw GatewayError.badInput(
      IDEMPOTENCY_KEY_HEADER,
      'differs from the body field idempotencyKey; send the key once, or the same key in both',
    );
  return { ...input, idempotencyKey: key };
}

/**
 * Messages the service answered from an earlier request with the same key, not sent now. A marker on the returned
 * objects (not a field of the entity) so the REST layer can say so in a header without widening the service's API.
 */
const replayed = new WeakSet<object>();

export function markReplayed(messages: object[]): void {
  for (const message of messages) replayed.add(message);
}

/** Sets `Idempotent-Replayed: true` when the answer replays an earlier request. */
export function replayHeader(reply: FastifyReply, answer: object | object[]): void {
  const first = [answer].flat()[0];
  if (first && replayed.has(first)) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
}
