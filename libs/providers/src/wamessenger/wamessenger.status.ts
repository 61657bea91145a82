import { MessageStatus, type StatusReading } from '../core/message-status.js';

/** getStatus `delivery`: server = one grey tick, phone = two grey ticks, read = two blue ticks. */
const DELIVERY_WORDS: Record<string, MessageStatus> = {
  server: MessageStatus.SENT,
  phone: MessageStatus.DELIVERED,
  read: MessageStatus.READ,
};

/** Webhook delivery reports number the same three states. */
const DELIVERY_NUMBERS: Record<string, MessageStatus> = {
  '1': MessageStatus.SENT,
  '2': MessageStatus.DELIVERED,
  '3': MessageStatus.READ,
};

/**
 * A getStatus / showAllMessages / pending item: `status` says whether the send worked (OK), waits (pending) or
 * failed (anything else); once OK, `delivery` says how far it got. An OK without delivery is sent, no tick yet.
 */
export function waMessengerReportStatus(report: { status: string; delivery?: string | null }): StatusReading {
  const status = report.status.trim();
  const delivery = report.delivery?.trim() ?? '';
  switch (status.toLowerCase()) {
    case 'ok':
      if (delivery === '') return { status: MessageStatus.SENT, providerStatus: status };
      // An unknown delivery word keeps the message non-final so the gateway polls again.
      return {
        status: DELIVERY_WORDS[delivery.toLowerCase()] ?? MessageStatus.QUEUED,
        providerStatus: delivery,
      };
    case 'pending':
      return { status: MessageStatus.QUEUED, providerStatus: status };
    case '':
      return { status: MessageStatus.QUEUED, providerStatus: status };
    default:
      return { status: MessageStatus.FAILED, providerStatus: status };
  }
}

/** A webhook delivery report's `delivery` (1, 2, 3 as number or string); unknown values stay QUEUED. */
export function waMessengerWebhookDeliveryStatus(delivery: number | string): StatusReading {
  const providerStatus = String(delivery).trim();
  return { status: DELIVERY_NUMBERS[providerStatus] ?? MessageStatus.QUEUED, providerStatus };
}
