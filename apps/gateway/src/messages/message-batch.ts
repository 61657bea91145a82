import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError, toGatewayError } from '../common/errors/gateway-error.js';
import { validationErrorFactory } from '../common/errors/validation-error.factory.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { SendMessageInput } from './dto/send-message.input.js';
import type { MessageBatchItemErrorModel, MessageBatchResultModel } from './models/message-batch.model.js';

/** Pure steps of a batch send (see QueuedSendsService.queueBatch): per-item validation, keys, errors, the answer. */

/** What the global ValidationPipe does to a whole body, done to one item: instance, whitelist, constraints. */
export function checkBatchItem(raw: unknown, index: number): SendMessageInput {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw GatewayError.badInput(`messages.${index}`, 'must be an object (one message)');
  const input = plainToInstance(SendMessageInput, raw);
  const errors = validateSync(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationErrorFactory(errors);
  return input;
}

/**
 * An item's refusal, its fields named from the request's root (`to` → `messages.3.to`). A refusal without a field
 * (an unknown connection, a capability the provider lacks) names `field`. Anything that is not a domain error is a
 * bug and is rethrown (a 500 with an error id), never turned into an item error.
 */
export function batchItemError(error: unknown, index: number, field?: string): MessageBatchItemErrorModel {
  const known = toGatewayError(error);
  if (!known) throw error;
  const prefix = `messages.${index}`;
  const own = known.details.fields ?? (field ? { [field]: [known.message] } : undefined);
  if (!own) return { code: known.code, message: `${prefix}: ${known.message}`, fields: null };
  const fields: Record<string, string[]> = {};
  for (const [name, messages] of Object.entries(own))
    fields[name.startsWith(`${prefix}`) ? name : `${prefix}.${name}`] = messages;
  const message = Object.entries(fields)
    .map(([name, messages]) => `${name}: ${messages.join(', ')}`)
    .join('; ');
  return { code: known.code, message, fields };
}

/**
 * The idempotency key of an item: its own `idempotencyKey`, else, when the request carries an `Idempotency-Key`
 * header, `<header>#<index>`: repeating the request with the same header then replays every accepted item (same
 * message ids) and refuses the same items again, which is the whole request's answer again.
 */
export function batchItemKey(
  headerKey: string | undefined,
  index: number,
  own: string | undefined,
): string | undefined {
  if (own !== undefined) return own;
  return headerKey === undefined ? undefined : `${headerKey}#${index}`;
}

/** Indexes whose key an earlier item of the same request already uses (refused: one key, one message). */
export function repeatedKeys(keys: Array<string | undefined>): Set<number> {
  const seen = new Set<string>();
  const repeated = new Set<number>();
  keys.forEach((key, index) => {
    if (key === undefined) return;
    if (seen.has(key)) repeated.add(index);
    else seen.add(key);
  });
  return repeated;
}

/** The hash an idempotency key is checked against: the same as a synchronous send's (connection + stored request). */
export function sendRequestHash(connection: string, stored: Record<string, unknown>): string {
  return sha256Hex(canonicalJson({ connection, ...stored }));
}

/** The answer, counting accepted (with an id) and refused items. */
export function batchAnswer(items: MessageBatchResultModel['items']): MessageBatchResultModel {
  const accepted = items.filter((item) => item.id !== null).length;
  return { accepted, refused: items.length - accepted, items };
}

/**
 * No item accepted: one BAD_USER_INPUT naming every refused item's fields (REST 400, GraphQL error), so a client
 * that sent nothing usable gets an error, not a 202.
 */
export function nothingAccepted(answer: MessageBatchResultModel): GatewayError {
  const fields: Record<string, string[]> = {};
  for (const item of answer.items) {
    const error = item.error;
    if (!error) continue;
    for (const [name, messages] of Object.entries(
      error.fields ?? { [`messages.${item.index}`]: [error.message] },
    ))
      fields[name] = messages;
  }
  const reasons = answer.items.map((item) => item.error?.message ?? '');
  const shown =
    reasons.slice(0, 5).join('; ') + (reasons.length > 5 ? `; and ${reasons.length - 5} more` : '');
  return new GatewayError(GatewayErrorCode.BAD_USER_INPUT, `no message of the batch was accepted: ${shown}`, {
    fields,
  });
}
