import { registerEnumType } from '@nestjs/graphql';

/** What a client endpoint can subscribe to. REST speaks the values (`message.status_changed`), GraphQL the names. */
export enum WebhookEventType {
  MESSAGE_STATUS_CHANGED = 'message.status_changed',
  MESSAGE_FAILED = 'message.failed',
  INBOUND_MESSAGE_RECEIVED = 'inbound_message.received',
  VERIFICATION_COMPLETED = 'verification.completed',
}

export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.values(WebhookEventType);

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'An event a webhook endpoint can receive',
  valuesMap: {
    MESSAGE_STATUS_CHANGED: {
      description: '`message.status_changed`: every status change of a message, with the message',
    },
    MESSAGE_FAILED: {
      description: '`message.failed`: a message reached FAILED (also sent as a status change)',
    },
    INBOUND_MESSAGE_RECEIVED: { description: '`inbound_message.received`: a customer wrote to you' },
    VERIFICATION_COMPLETED: {
      description: '`verification.completed`: a verification reached VERIFIED, FAILED or EXPIRED',
    },
  },
});
