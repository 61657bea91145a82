import { digitsToE164 } from '../core/phone.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type {
  InboundMessage,
  MediaMessage,
  MessageRecord,
  TextMessage,
  WebhookInfo,
} from '../core/unified.js';
import { WAMESSENGER_PROVIDER_ID } from './wamessenger.errors.js';
import type {
  WaMessengerMessageStatus,
  WaMessengerPendingItem,
  WaMessengerReceivedMessage,
} from './wamessenger.schemas.js';
import { waMessengerReportStatus } from './wamessenger.status.js';

/** What sendMessage takes for one unified message: `text` is required, media go by public `url`. */
export interface WaMessengerContent {
  text: string;
  url?: string;
}

/**
 * The provider requires `text` even with media, and ignores file names and captions as such: the caption is sent
 * as the text, else the file name, else the media URL itself, so that the required field is never empty.
 */
export function waMessengerContent(message: TextMessage | MediaMessage, field = 'media'): WaMessengerContent {
  if (message.type === 'text') return { text: message.text };
  if (!('url' in message.media)) {
    const why = 'WaMessenger takes media by public URL only, not as uploaded bytes';
    throw new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
      provider: WAMESSENGER_PROVIDER_ID,
      message: `${WAMESSENGER_PROVIDER_ID}: ${field}: ${why}`,
      fieldErrors: { [field]: [why] },
    });
  }
  const { url, filename } = message.media;
  const caption = message.caption?.trim() ? message.caption : undefined;
  return { text: caption ?? (filename?.trim() || url), url };
}

/** A getStatus or showAllMessages item as a unified record. */
export function waMessengerMessageRecord(
  item: WaMessengerMessageStatus | WaMessengerPendingItem,
): MessageRecord {
  const reading = waMessengerReportStatus(item);
  return {
    providerMessageId: item.id,
    to: digitsToE164(item.phonenumber),
    ...reading,
    text: item.text ?? undefined,
    createdAt: item.created ?? undefined,
    raw: item,
  };
}

export function waMessengerInboundMessage(item: WaMessengerReceivedMessage): InboundMessage {
  const isFile = item.type === 'file';
  return {
    providerMessageId: item.id,
    from: digitsToE164(item.from),
    to: digitsToE164(item.to),
    kind: isFile ? 'file' : 'text',
    text: isFile ? undefined : (item.chat ?? undefined),
    fileUrl: isFile ? (item.file ?? undefined) : undefined,
    // Provider local time, "2022/08/29 21:54:18", kept verbatim: the zone is not documented.
    receivedAt: item.date,
    raw: item,
  };
}

export function waMessengerWebhookInfo(
  answer: { url?: string | null; message: string; pending?: number },
  raw: unknown,
): WebhookInfo {
  return { url: answer.url ?? '', pending: answer.pending, message: answer.message, raw };
}
