import { isRecipient, type Rules } from './wessaal.validation.js';

/** The validatorjs rules of each endpoint (built once), and the send's fast path. */
const NON_BLANK = /\S/;

export const MESSAGE_TYPES = ['text', 'image', 'video', 'document', 'audio'] as const;
export const MEDIA_TYPES: ReadonlySet<string> = new Set(['image', 'video', 'document', 'audio']);
export const CONTENT_MAX = 4096;
export const DELAY_MAX = 3_600_000;

const TARGET: Rules = {
  instance: 'required|wessaal_ref',
  recipient: 'required_without:contact_id|wessaal_recipient',
  contact_id: 'required_without:recipient|wessaal_int|integer|min:1',
};

const SEND_BASE: Rules = {
  ...TARGET,
  message_type: `string|in:${MESSAGE_TYPES.join(',')}`,
  content: `required_without:template_id|string|max:${CONTENT_MAX}`,
  media_url: 'string|url|max:2048',
  filename: 'string|max:255',
  template_id: 'wessaal_int|integer|min:1',
  template_variables: 'wessaal_object',
  delay: `wessaal_int|integer|min:0|max:${DELAY_MAX}`,
  quoted: 'wessaal_quoted',
  link_preview: 'boolean',
  mentioned: 'wessaal_strings',
  mentions_everyone: 'boolean',
};

/** Send rules per message type: media types require media_url and filename ("... when message type is image."). */
const SEND_RULES = new Map<string, Rules>(
  [...MEDIA_TYPES].map((type) => [
    type,
    {
      ...SEND_BASE,
      media_url: `required_if:message_type,${type}|string|url|max:2048`,
      filename: `required_if:message_type,${type}|string|max:255`,
    },
  ]),
);

export function sendRules(messageType: unknown): Rules {
  return (typeof messageType === 'string' && SEND_RULES.get(messageType)) || SEND_BASE;
}

/** The rules of one bulk item: like a send without `instance`; content may come from the shared template. */
export function bulkItemRules(messageType: unknown, sharedTemplate: boolean): Rules {
  const { instance: _instance, ...rules } = sendRules(messageType);
  if (sharedTemplate) rules.content = `string|max:${CONTENT_MAX}`;
  return rules;
}

/**
 * The commonest valid send (text, by recipient, nothing optional but link_preview) recognised without running
 * validatorjs: every body it accepts passes SEND_BASE (wessaal.validation.spec.ts checks that property); any other
 * body goes through validatorjs.
 */
export function isPlainTextSend(b: Record<string, unknown>): boolean {
  const instance = b.instance;
  const content = b.content;
  const type = b.message_type;
  const preview = b.link_preview;
  return (
    (typeof instance === 'string' ? NON_BLANK.test(instance) : Number.isInteger(instance)) &&
    isRecipient(b.recipient) &&
    typeof content === 'string' &&
    content.length <= CONTENT_MAX &&
    NON_BLANK.test(content) &&
    (type === undefined || type === 'text') &&
    (preview === undefined || preview === true || preview === false) &&
    b.contact_id === undefined &&
    b.template_id === undefined &&
    b.template_variables === undefined &&
    b.media_url === undefined &&
    b.filename === undefined &&
    b.delay === undefined &&
    b.quoted === undefined &&
    b.mentioned === undefined &&
    b.mentions_everyone === undefined
  );
}

export const SEND_BULK_RULES: Rules = {
  instance: 'required|wessaal_ref',
  messages: 'required|array|min:1|max:100',
  template_id: 'wessaal_int|integer|min:1',
  template_variables: 'wessaal_object',
};

const SEND_STATUS_BASE: Rules = {
  instance: 'required|wessaal_ref',
  type: 'required|string|in:text,image,video,audio',
  content: `required|string|max:${CONTENT_MAX}`,
  caption: 'string|max:1024',
  background_color: 'wessaal_hex_color',
  font: 'wessaal_int|integer|between:1,7',
  all_contacts: 'boolean',
  status_jid_list: 'wessaal_strings',
};
/** A text story's content is its text; a media story's content is the media's public URL. */
const SEND_STATUS_MEDIA: Rules = { ...SEND_STATUS_BASE, content: 'required|string|url|max:2048' };

export function sendStatusRules(type: unknown): Rules {
  return type === 'image' || type === 'video' || type === 'audio' ? SEND_STATUS_MEDIA : SEND_STATUS_BASE;
}

export const SEND_LOCATION_RULES: Rules = {
  ...TARGET,
  latitude: 'required|wessaal_num|numeric|between:-90,90',
  longitude: 'required|wessaal_num|numeric|between:-180,180',
  name: 'string|max:255',
  address: 'string|max:255',
};

export const SEND_CONTACT_RULES: Rules = {
  ...TARGET,
  contacts: 'required|array|min:1|max:10',
  'contacts.*.fullName': 'required|string|max:255',
  'contacts.*.wuid': 'required|wessaal_digits',
  'contacts.*.phoneNumber': 'required|string|max:32',
  'contacts.*.organization': 'string|max:255',
  'contacts.*.email': 'email|max:255',
  'contacts.*.url': 'url|max:2048',
};

export const SEND_POLL_RULES: Rules = {
  ...TARGET,
  name: 'required|string|max:255',
  values: 'required|array|min:2|max:13',
  'values.*': 'required|string|max:100',
  selectable_count: 'wessaal_int|integer|min:1|max:13',
  delay: `wessaal_int|integer|min:0|max:${DELAY_MAX}`,
  quoted: 'wessaal_quoted',
};

export const SEND_BUTTONS_RULES: Rules = {
  ...TARGET,
  title: 'required|string|max:255',
  description: `required|string|max:${CONTENT_MAX}`,
  footer: 'string|max:60',
  buttons: 'required|array|min:1|max:3',
  'buttons.*.type': 'required|string|in:reply,url,call,copy',
  'buttons.*.displayText': 'required|string|max:20',
  'buttons.*.id': 'required_if:buttons.*.type,reply|string|max:256',
  'buttons.*.url': 'required_if:buttons.*.type,url|string|url|max:2048',
  'buttons.*.phoneNumber': 'required_if:buttons.*.type,call|string|max:32',
  'buttons.*.copyCode': 'required_if:buttons.*.type,copy|string|max:256',
};

export const LIST_MESSAGES_RULES: Rules = {
  page: 'wessaal_int|integer|min:1',
  per_page: 'wessaal_int|integer|min:1|max:100',
  status: 'string|in:pending,processing,sent,delivered,failed,refunded',
  type: 'string|in:text,image,video,document,audio,location,contact,poll,buttons,status',
};

export const CREATE_CONTACT_RULES: Rules = {
  phone: 'required_without:phone_number|wessaal_phone',
  phone_number: 'required_without:phone|wessaal_phone',
  label: 'string|max:255',
  name: 'string|max:255',
  email: 'email|max:255',
  notes: 'string|max:5000',
};

export const UPDATE_CONTACT_RULES: Rules = {
  phone: 'wessaal_phone',
  phone_number: 'wessaal_phone',
  label: 'string|max:255',
  name: 'string|max:255',
  email: 'email|max:255',
  notes: 'string|max:5000',
};

export const CREATE_TEMPLATE_RULES: Rules = {
  workspace_id: 'required|wessaal_int|integer|min:1',
  name: 'required|string|max:255',
  message_type: `required|string|in:${MESSAGE_TYPES.join(',')}`,
  content: `required|string|max:${CONTENT_MAX}`,
  is_active: 'boolean',
};
