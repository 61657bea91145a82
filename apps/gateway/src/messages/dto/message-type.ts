import { registerEnumType } from '@nestjs/graphql';
import { MessageStatus, type SendType } from '@app/providers';

registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description: 'The normalized message lifecycle',
  valuesMap: {
    QUEUED: { description: 'Accepted by the gateway, not yet accepted by the provider (or being retried)' },
    SENT: { description: 'The provider accepted it for delivery' },
    DELIVERED: { description: "It reached the recipient's phone" },
    READ: { description: 'The recipient read it' },
    FAILED: { description: 'It will not be delivered; `error` says why' },
  },
});

/** What a message carries. Both APIs spell the values in capitals; the database keeps the unified lower-case type. */
export enum MessageType {
  TEXT = 'TEXT',
  IMAGE = 'IMAGE',
  VIDEO = 'VIDEO',
  DOCUMENT = 'DOCUMENT',
  AUDIO = 'AUDIO',
  LOCATION = 'LOCATION',
  TEMPLATE = 'TEMPLATE',
  CONTACT_CARD = 'CONTACT_CARD',
  POLL = 'POLL',
  BUTTONS = 'BUTTONS',
  /** Only through sendStatusStory. */
  STATUS_STORY = 'STATUS_STORY',
}
registerEnumType(MessageType, {
  name: 'MessageType',
  description: 'What a message carries',
  valuesMap: {
    TEXT: { description: 'Text (`text`)' },
    IMAGE: { description: 'An image (`media`, optional `caption`)' },
    VIDEO: { description: 'A video (`media`, optional `caption`)' },
    DOCUMENT: { description: 'A file (`media`, optional `caption`)' },
    AUDIO: { description: 'An audio clip (`media`)' },
    LOCATION: { description: 'A map location (`location`)' },
    TEMPLATE: { description: 'A template registered at the provider (`template`)' },
    CONTACT_CARD: { description: 'Contact cards (`contacts`)' },
    POLL: { description: 'A poll (`poll`)' },
    BUTTONS: { description: 'Text with buttons (`buttons`)' },
    STATUS_STORY: { description: 'A WhatsApp status, posted with sendStatusStory only' },
  },
});

export type StoredMessageType = SendType | 'status_story';

export function storedType(type: MessageType): StoredMessageType {
  return type.toLowerCase() as StoredMessageType;
}

export function messageTypeOf(stored: string): MessageType {
  return stored.toUpperCase() as MessageType;
}

export enum MessageButtonType {
  REPLY = 'REPLY',
  URL = 'URL',
  CALL = 'CALL',
  COPY = 'COPY',
}
registerEnumType(MessageButtonType, {
  name: 'MessageButtonType',
  description: 'What a message button does',
  valuesMap: {
    REPLY: { description: 'Sends a reply carrying the button id' },
    URL: { description: 'Opens a link' },
    CALL: { description: 'Calls a phone number' },
    COPY: { description: 'Copies a code' },
  },
});

export enum StatusStoryKind {
  TEXT = 'TEXT',
  IMAGE = 'IMAGE',
  VIDEO = 'VIDEO',
  AUDIO = 'AUDIO',
}
registerEnumType(StatusStoryKind, {
  name: 'StatusStoryKind',
  description: 'What a status story shows',
  valuesMap: {
    TEXT: { description: 'Text on a coloured background' },
    IMAGE: { description: 'An image by URL' },
    VIDEO: { description: 'A video by URL' },
    AUDIO: { description: 'An audio clip by URL' },
  },
});
