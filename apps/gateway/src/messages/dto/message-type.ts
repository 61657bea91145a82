import { registerEnumType } from '@nestjs/graphql';
import { MessageStatus, type SendType } from '@app/providers';

registerEnumType(MessageStatus, { name: 'MessageStatus', description: 'The normalized message lifecycle' });

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
registerEnumType(MessageType, { name: 'MessageType', description: 'What a message carries' });

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
registerEnumType(MessageButtonType, { name: 'MessageButtonType' });

export enum StatusStoryKind {
  TEXT = 'TEXT',
  IMAGE = 'IMAGE',
  VIDEO = 'VIDEO',
  AUDIO = 'AUDIO',
}
registerEnumType(StatusStoryKind, { name: 'StatusStoryKind' });
