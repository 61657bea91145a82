import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebhookEvent } from '../core/messaging-provider.js';
import { digitsToE164 } from '../core/phone.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { summarizeIssues } from '../core/response-schema.js';
import type { InboundMessage } from '../core/unified.js';
import { WAMESSENGER_PROVIDER_ID } from './wamessenger.errors.js';
import type { Redactor } from './wamessenger.redact.js';
import {
  waMessengerDeliveryWebhookSchema,
  waMessengerInboundWebhookSchema,
  type WaMessengerInboundWebhook,
} from './wamessenger.schemas.js';
import { waMessengerWebhookDeliveryStatus } from './wamessenger.status.js';

function invalid(field: string, why: string): ProviderError {
  return new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
    provider: WAMESSENGER_PROVIDER_ID,
    message: `${WAMESSENGER_PROVIDER_ID}: webhook: ${field}: ${why}`,
    fieldErrors: { [field]: [why] },
  });
}

/** Compares digests so neither the content nor the length of the key leaks through timing. */
function sameSecret(candidate: string, apiKey: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(apiKey));
}

function inboundMessage(event: WaMessengerInboundWebhook, raw: unknown): InboundMessage {
  const isFile = event.Type === 'file';
  return {
    providerMessageId: event.ID,
    from: digitsToE164(event.From),
    to: digitsToE164(event.To),
    kind: isFile ? 'file' : 'text',
    text: isFile ? undefined : event.Chat,
    fileUrl: isFile ? event.Chat : undefined,
    // Provider local time, "2022/08/29 21:54:18", kept verbatim: the zone is not documented.
    receivedAt: event.Date ?? undefined,
    raw,
  };
}

function toEvent(item: unknown, field: string, apiKey: string, redact: Redactor): WebhookEvent {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw invalid(field, 'expected a JSON object');
  }
  const hash = (item as { Hash?: unknown }).Hash;
  // The Hash is never echoed: it is a secret when it is right, and useless to the caller when it is wrong.
  if (typeof hash !== 'string' || !sameSecret(hash, apiKey)) {
    throw invalid(`${field}.Hash`, 'does not match this connection');
  }
  const raw = redact(item);
  const dataType = (item as { DataType?: unknown }).DataType;
  const kind = typeof dataType === 'string' ? dataType.toLowerCase() : '';
  if (kind === 'message') {
    const parsed = waMessengerInboundWebhookSchema.safeParse(item);
    if (!parsed.success) throw invalid(field, `not an inbound message: ${summarizeIssues(parsed.error)}`);
    return { kind: 'inbound', message: inboundMessage(parsed.data, raw) };
  }
  if (kind === 'delivery') {
    const parsed = waMessengerDeliveryWebhookSchema.safeParse(item);
    if (!parsed.success) throw invalid(field, `not a delivery report: ${summarizeIssues(parsed.error)}`);
    const reading = waMessengerWebhookDeliveryStatus(parsed.data.delivery);
    return { kind: 'status', providerMessageId: parsed.data.ID, ...reading, raw };
  }
  throw invalid(`${field}.DataType`, 'expected "message" or "delivery"');
}

/**
 * A WaMessenger webhook POST: one event object or an array of them (the resend of a queue). Every event must carry
 * this connection's key as `Hash`; one foreign or malformed event rejects the whole body.
 */
export function parseWaMessengerWebhook(body: unknown, apiKey: string, redact: Redactor): WebhookEvent[] {
  let payload = body;
  if (typeof body === 'string') {
    try {
      payload = JSON.parse(body);
    } catch {
      throw invalid('body', 'not JSON');
    }
  }
  if (Array.isArray(payload)) return payload.map((item, i) => toEvent(item, `body[${i}]`, apiKey, redact));
  return [toEvent(payload, 'body', apiKey, redact)];
}
