import { parseE164, type MediaKind, type SendRequest, type StatusStoryRequest } from '@app/providers';
import { GatewayError } from '../common/errors/gateway-error.js';
import { MessageType, StatusStoryKind, storedType } from './dto/message-type.js';
import type { BulkMessageInput } from './dto/send-bulk.input.js';
import type { SendMessageInput } from './dto/send-message.input.js';
import type { SendStatusStoryInput } from './dto/send-status-story.input.js';
import { buttonsOf, mediaOf, present, templateOf, type MediaUpload } from './message-content.js';

export type { MediaUpload } from './message-content.js';

/** A validated send: the unified request for the adapter, and what the database keeps of it (no bytes). */
export interface PreparedSend {
  type: string;
  to: string;
  request: SendRequest;
  stored: Record<string, unknown>;
  upload?: MediaUpload;
  /** The stored request lacks something (bytes, a secret text): retries need the request held in memory. */
  lossy: boolean;
}

export interface SendOptions {
  /**
   * The text is a secret (an OTP code): it is never stored (`[secret]` instead), a provider error's raw body is not
   * kept, and no idempotency key is accepted (its record would keep a hash of the text).
   */
  secret?: boolean;
}

const SECRET = '[secret]';

/** A status story (Wessaal), stored as `{type: 'status_story', ...}`. */
export interface PreparedStory {
  request: StatusStoryRequest;
  stored: Record<string, unknown>;
}

/** The recipient of a status story: WhatsApp's own name for the status broadcast. */
export const STATUS_STORY_RECIPIENT = 'status@broadcast';

type ContentField =
  'text' | 'linkPreview' | 'media' | 'caption' | 'location' | 'template' | 'contacts' | 'poll' | 'buttons';
const CONTENT_FIELDS: readonly ContentField[] = [
  'text',
  'linkPreview',
  'media',
  'caption',
  'location',
  'template',
  'contacts',
  'poll',
  'buttons',
];
const MEDIA_FIELDS: readonly ContentField[] = ['media', 'caption'];
const FIELDS_OF_TYPE: Record<Exclude<MessageType, MessageType.STATUS_STORY>, readonly ContentField[]> = {
  [MessageType.TEXT]: ['text', 'linkPreview'],
  [MessageType.IMAGE]: MEDIA_FIELDS,
  [MessageType.VIDEO]: MEDIA_FIELDS,
  [MessageType.DOCUMENT]: MEDIA_FIELDS,
  [MessageType.AUDIO]: MEDIA_FIELDS,
  [MessageType.LOCATION]: ['location'],
  [MessageType.TEMPLATE]: ['template'],
  [MessageType.CONTACT_CARD]: ['contacts'],
  [MessageType.POLL]: ['poll'],
  [MessageType.BUTTONS]: ['buttons'],
};
const REQUIRED_OF_TYPE: Partial<Record<MessageType, ContentField>> = {
  [MessageType.TEXT]: 'text',
  [MessageType.IMAGE]: 'media',
  [MessageType.VIDEO]: 'media',
  [MessageType.DOCUMENT]: 'media',
  [MessageType.AUDIO]: 'media',
  [MessageType.LOCATION]: 'location',
  [MessageType.TEMPLATE]: 'template',
  [MessageType.CONTACT_CARD]: 'contacts',
  [MessageType.POLL]: 'poll',
  [MessageType.BUTTONS]: 'buttons',
};
const BULK_TYPES: ReadonlySet<MessageType> = new Set([
  MessageType.TEXT,
  MessageType.IMAGE,
  MessageType.VIDEO,
  MessageType.DOCUMENT,
  MessageType.AUDIO,
  MessageType.TEMPLATE,
]);

/** E.164 shape and a real number (libphonenumber), or BAD_USER_INPUT naming the field. */
export function recipientOf(value: string, field: string): string {
  try {
    return parseE164(value, 'gateway', field).e164;
  } catch {
    throw GatewayError.badInput(field, `"${value}" is not a valid E.164 phone number`);
  }
}

type ContentInput = Partial<Pick<SendMessageInput, ContentField>> & { to: string; type?: MessageType | null };

/** Checks which fields the type reads and builds the unified request. `prefix` names fields inside a bulk item. */
function prepare(
  input: ContentInput,
  from: string | undefined,
  prefix: string,
  allowUpload: boolean,
): PreparedSend {
  const type = input.type ?? MessageType.TEXT;
  if (type === MessageType.STATUS_STORY)
    throw GatewayError.badInput(
      `${prefix}type`,
      'a status story is sent with sendStatusStory (POST /v1/messages/status-story)',
    );
  const allowed = FIELDS_OF_TYPE[type];
  for (const field of CONTENT_FIELDS) {
    if (present(input[field]) && !allowed.includes(field))
      throw GatewayError.badInput(`${prefix}${field}`, `is not used by a ${type} message`);
  }
  const required = REQUIRED_OF_TYPE[type];
  if (required && !present(input[required]))
    throw GatewayError.badInput(`${prefix}${required}`, `is required for a ${type} message`);
  const to = recipientOf(input.to, `${prefix}to`);
  const base = { to, from };
  const kind = storedType(type);
  let request: SendRequest;
  let stored: Record<string, unknown>;
  let upload: MediaUpload | undefined;
  switch (type) {
    case MessageType.TEXT:
      request = { ...base, type: 'text', text: input.text!, linkPreview: input.linkPreview ?? undefined };
      stored = { ...request };
      break;
    case MessageType.IMAGE:
    case MessageType.VIDEO:
    case MessageType.DOCUMENT:
    case MessageType.AUDIO: {
      const media = mediaOf(input.media!, `${prefix}media`, allowUpload);
      const caption = input.caption ?? undefined;
      request = { ...base, type: kind as MediaKind, media: media.source, caption };
      stored = { ...base, type: kind, media: media.stored, caption };
      upload = media.upload;
      break;
    }
    case MessageType.LOCATION: {
      const { latitude, longitude, name, address } = input.location!;
      request = {
        ...base,
        type: 'location',
        latitude,
        longitude,
        name: name ?? undefined,
        address: address ?? undefined,
      };
      stored = { ...request };
      break;
    }
    case MessageType.TEMPLATE:
      request = { ...base, type: 'template', ...templateOf(input.template!, `${prefix}template`) };
      stored = { ...request };
      break;
    case MessageType.CONTACT_CARD:
      request = {
        ...base,
        type: 'contact_card',
        contacts: input.contacts!.map((c) => ({
          fullName: c.fullName,
          phoneNumber: c.phoneNumber,
          organization: c.organization ?? undefined,
          email: c.email ?? undefined,
          url: c.url ?? undefined,
        })),
      };
      stored = { ...request };
      break;
    case MessageType.POLL: {
      const { question, options, selectableCount } = input.poll!;
      request = { ...base, type: 'poll', question, options, selectableCount: selectableCount ?? undefined };
      stored = { ...request };
      break;
    }
    default:
      request = { ...base, type: 'buttons', ...buttonsOf(input.buttons!, `${prefix}buttons`) };
      stored = { ...request };
  }
  const plain = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
  return { type: kind, to, request, stored: plain, upload, lossy: upload !== undefined };
}

export function prepareSend(input: SendMessageInput, options: SendOptions = {}): PreparedSend {
  const prepared = prepare(input, input.from ?? undefined, '', true);
  if (!options.secret) return prepared;
  if (present(input.idempotencyKey))
    throw GatewayError.badInput('idempotencyKey', 'is not available for a secret message');
  const stored: Record<string, unknown> = { ...prepared.stored, secret: true };
  for (const field of ['text', 'caption']) if (field in stored) stored[field] = SECRET;
  return { ...prepared, stored, lossy: true };
}

export function prepareBulkItem(
  input: BulkMessageInput,
  index: number,
  from: string | undefined,
): PreparedSend {
  const type = input.type ?? MessageType.TEXT;
  if (!BULK_TYPES.has(type))
    throw GatewayError.badInput(
      `messages.${index}.type`,
      'a bulk send carries TEXT, IMAGE, VIDEO, DOCUMENT, AUDIO or TEMPLATE',
    );
  return prepare(input, from, `messages.${index}.`, false);
}

export function prepareStory(input: SendStatusStoryInput): PreparedStory {
  const kind = input.kind ?? StatusStoryKind.TEXT;
  const audience = input.audience?.map((to, i) => recipientOf(to, `audience.${i}`));
  if (kind !== StatusStoryKind.TEXT && !/^https?:\/\/\S+$/i.test(input.content))
    throw GatewayError.badInput('content', `a ${kind} story takes the public URL of the file as content`);
  const request: StatusStoryRequest = {
    from: input.from ?? undefined,
    kind: kind.toLowerCase() as StatusStoryRequest['kind'],
    content: input.content,
    caption: input.caption ?? undefined,
    backgroundColor: input.backgroundColor ?? undefined,
    font: input.font ?? undefined,
    audience: audience?.length ? audience : undefined,
  };
  return {
    request,
    stored: JSON.parse(JSON.stringify({ type: 'status_story', ...request })) as Record<string, unknown>,
  };
}

/** What the scheduler sends again, rebuilt from what the database kept, or held in memory when that is lossy. */
export type StoredOutgoing =
  { kind: 'send'; request: SendRequest } | { kind: 'story'; request: StatusStoryRequest } | { kind: 'gone' };

export function outgoingOf(stored: Record<string, unknown>, held: SendRequest | undefined): StoredOutgoing {
  const { bulk: _bulk, ...rest } = stored;
  if (rest.type === 'status_story') {
    const { type: _type, ...story } = rest;
    return { kind: 'story', request: story as unknown as StatusStoryRequest };
  }
  const media = rest.media as { upload?: unknown } | undefined;
  if (rest.secret === true || (media && present(media.upload))) {
    return held ? { kind: 'send', request: held } : { kind: 'gone' };
  }
  return { kind: 'send', request: rest as unknown as SendRequest };
}

/** A secret message: provider error bodies (which may echo the text) are not kept. */
export function isSecret(stored: Record<string, unknown>): boolean {
  return stored.secret === true;
}
