/*
 * Request bodies and queries of the Wessaal Integration API, field for field as wessaal.txt names them (snake_case,
 * except the vCard and button objects, which the doc spells in camelCase).
 */

/** Who receives a message: an E.164 phone, or a contact record created with `POST /contacts`. */
export type WessaalAddress =
  { recipient: string; contact_id?: never } | { contact_id: number; recipient?: never };

export type WessaalMessageType = 'text' | 'image' | 'video' | 'document' | 'audio';

/** Reply to an earlier WhatsApp message. */
export interface WessaalQuoted {
  key: { id: string };
}

/** What a message says: text, media by public URL, or a saved template (`content` is then taken from it). */
export interface WessaalMessageContent {
  message_type?: WessaalMessageType;
  content?: string;
  /** Public HTTPS URL; required for media types. */
  media_url?: string;
  /** Shown in the chat; required for media types. */
  filename?: string;
  template_id?: number;
  template_variables?: Record<string, string>;
  link_preview?: boolean;
}

export interface WessaalDispatchOptions {
  /** Milliseconds to wait before dispatching. */
  delay?: number;
  quoted?: WessaalQuoted;
  /** JIDs such as `966501234567@s.whatsapp.net`. */
  mentioned?: string[];
  mentions_everyone?: boolean;
}

/** One item of `send-bulk`: the fields of `send` without `instance`. */
export type WessaalMessageFields = WessaalAddress & WessaalMessageContent & WessaalDispatchOptions;

export type WessaalSendMessageParams = WessaalMessageFields & {
  /** Instance id or name, always sent as a string (the doc types it string). */
  instance: string;
};

export interface WessaalSendBulkParams {
  instance: string;
  template_id?: number;
  template_variables?: Record<string, string>;
  /** 1 to 100 messages. */
  messages: WessaalMessageFields[];
}

export interface WessaalSendStatusParams {
  instance: string;
  type: 'text' | 'image' | 'video' | 'audio';
  /** Text for a text story, else the public media URL. */
  content: string;
  caption?: string;
  background_color?: string;
  /** 1 to 7, text stories only. */
  font?: number;
  all_contacts?: boolean;
  status_jid_list?: string[];
}

export type WessaalSendLocationParams = WessaalAddress & {
  instance: string;
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
};

export interface WessaalVCard {
  fullName: string;
  /** Digits only, no `+`. */
  wuid: string;
  phoneNumber: string;
  organization?: string;
  email?: string;
  url?: string;
}

export type WessaalSendContactParams = WessaalAddress & { instance: string; contacts: WessaalVCard[] };

export type WessaalSendPollParams = WessaalAddress & {
  instance: string;
  /** The question, at most 255 characters. */
  name: string;
  /** 2 to 13 options. */
  values: string[];
  selectable_count?: number;
  delay?: number;
  quoted?: WessaalQuoted;
};

export type WessaalButton =
  | { type: 'reply'; displayText: string; id: string }
  | { type: 'url'; displayText: string; url: string }
  | { type: 'call'; displayText: string; phoneNumber: string }
  | { type: 'copy'; displayText: string; copyCode: string };

export type WessaalSendButtonsParams = WessaalAddress & {
  instance: string;
  /** Header, at most 255 characters. */
  title: string;
  /** Body text. */
  description: string;
  /** At most 60 characters. */
  footer?: string;
  buttons: WessaalButton[];
};

export interface WessaalListMessagesQuery {
  page?: number;
  /** At most 100; the server's default is 50. */
  per_page?: number;
  status?: string;
  type?: string;
}

/**
 * The doc shows no query for the contact and template lists; `page`/`per_page` are what Laravel paginators read,
 * and are sent only when given.
 */
export interface WessaalPageQuery {
  page?: number;
  per_page?: number;
}

export interface WessaalCreateContactParams {
  /** E.164. */
  phone: string;
  label?: string;
  email?: string;
  notes?: string;
}

export type WessaalUpdateContactParams = Partial<WessaalCreateContactParams>;

export interface WessaalCreateTemplateParams {
  workspace_id: number;
  name: string;
  message_type: WessaalMessageType;
  /** Body with `{{variable}}` placeholders. */
  content: string;
  is_active?: boolean;
}

/** The disabled endpoints answer 410 whatever is sent; the body is passed through untouched. */
export type WessaalDisabledEndpointBody = Record<string, unknown>;
