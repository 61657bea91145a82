import { fateOf, RecipientFate } from '../../core/magic-numbers.js';
import { UploadedFile } from './body.js';
import { failure, validationError, type Envelope } from './errors.js';
import type { Contact, MessageType, Sender, WasheejState } from './types.js';
import { checkFile, idOf, Validation, variablesOf, type FileRule } from './validation.js';

const RECIPIENT_RULES = {
  mobile_code: 'required|washeej_country_code',
  mobile: 'required|washeej_digits|washeej_max:15',
  from_number: 'washeej_digits',
};

const SEND_RULES: Record<string, string> = {
  ...RECIPIENT_RULES,
  message: 'string|washeej_max:4096',
  latitude: 'required_with:longitude|numeric|washeej_latitude',
  longitude: 'required_with:latitude|numeric|washeej_longitude',
  cta_url_id: 'integer',
  interactive_list_id: 'integer',
};

const MEDIA: ReadonlyArray<readonly ['image' | 'document' | 'video' | 'audio', FileRule]> = [
  ['image', { mimes: ['jpg', 'jpeg', 'png'], maxKb: 5 * 1024 }],
  ['document', { mimes: ['pdf', 'doc', 'docx'], maxKb: 100 * 1024 }],
  ['video', { mimes: ['mp4'], maxKb: 16 * 1024 }],
  ['audio', { maxKb: 16 * 1024 }],
];

const SEND_ORDER = [
  'mobile_code',
  'mobile',
  'from_number',
  'message',
  'image',
  'document',
  'video',
  'audio',
  'latitude',
  'longitude',
  'cta_url_id',
  'interactive_list_id',
];

/** What `message` may be left out for (Laravel's required_without_all). */
const MESSAGE_ALTERNATIVES = SEND_ORDER.slice(4);
const MESSAGE_REQUIRED = `The message field is required when none of ${MESSAGE_ALTERNATIVES.map((f) =>
  f.replace(/_/g, ' '),
).join(' / ')} are present.`;

const TEMPLATE_RULES: Record<string, string> = {
  ...RECIPIENT_RULES,
  template_id: 'required|integer',
  body_variables: 'array',
  header_variables: 'array',
};
/** Each item must be a string, checked only on arrays (validatorjs would walk a string's characters). */
const ITEM_RULE = 'required|string';

function templateRules(input: Record<string, unknown>): Record<string, string> {
  const body = Array.isArray(input.body_variables);
  const header = Array.isArray(input.header_variables);
  if (!body && !header) return TEMPLATE_RULES;
  const rules = { ...TEMPLATE_RULES };
  if (body) rules['body_variables.*'] = ITEM_RULE;
  if (header) rules['header_variables.*'] = ITEM_RULE;
  return rules;
}
const TEMPLATE_ORDER = [
  'mobile_code',
  'mobile',
  'from_number',
  'template_id',
  'body_variables',
  'header_variables',
];

export interface Recipient {
  mobileCode: string;
  mobile: string;
  digits: string;
  sender: Sender;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: Envelope };

const NO_SENDER = failure('whatsapp_account_required', [
  'Please connect a WhatsApp account before sending messages.',
]);
export const NO_CLOUD_SENDER = failure('not_cloud_sender', [
  'Templates are only supported on Cloud API accounts, not Device/QR accounts.',
]);

/** `from_number` must be one of the account's numbers; absent, the first (Cloud API first for templates). */
function senderOf(
  state: WasheejState,
  v: Validation,
  value: unknown,
  cloudOnly: boolean,
): Sender | undefined {
  if (value === undefined || value === null) {
    return cloudOnly ? state.senders.find((s) => s.kind === 'cloud') : state.senders[0];
  }
  if (!v.passed('from_number')) return undefined;
  const sender = state.senders.find((s) => s.phone === value);
  if (!sender) v.add('from_number', 'The selected from number is invalid.');
  return sender;
}

function recipientOf(input: Record<string, unknown>, sender: Sender | undefined): Recipient | undefined {
  if (!sender) return undefined;
  const mobileCode = input.mobile_code as string;
  const mobile = input.mobile as string;
  return { mobileCode, mobile, digits: mobileCode + mobile, sender };
}

export interface SendRequest extends Recipient {
  type: MessageType;
  text: string | null;
  media: UploadedFile | null;
  latitude: number | null;
  longitude: number | null;
  ctaUrlId: number | null;
  interactiveListId: number | null;
}

export function checkSend(state: WasheejState, input: Record<string, unknown>): Checked<SendRequest> {
  const v = new Validation(input, SEND_RULES, SEND_ORDER);
  if ((input.message ?? null) === null && MESSAGE_ALTERNATIVES.every((f) => (input[f] ?? null) === null)) {
    v.add('message', MESSAGE_REQUIRED);
  }
  for (const [field, rule] of MEDIA) checkFile(v, field, input[field], rule);
  const sender = senderOf(state, v, input.from_number, false);
  const ctaUrlId = idOf(input.cta_url_id) ?? null;
  const listId = idOf(input.interactive_list_id) ?? null;
  if (input.cta_url_id != null && v.passed('cta_url_id') && !(ctaUrlId && state.ctaUrls.has(ctaUrlId))) {
    v.add('cta_url_id', 'The selected cta url id is invalid.');
  }
  if (
    input.interactive_list_id != null &&
    v.passed('interactive_list_id') &&
    !(listId && state.interactiveLists.has(listId))
  ) {
    v.add('interactive_list_id', 'The selected interactive list id is invalid.');
  }
  const errors = v.messages();
  if (errors.length) return { ok: false, reply: validationError(errors) };
  const recipient = recipientOf(input, sender);
  if (!recipient) return { ok: false, reply: NO_SENDER };

  const mediaField = MEDIA.find(([field]) => input[field] instanceof UploadedFile)?.[0];
  const hasLocation = input.latitude != null;
  const type: MessageType =
    mediaField ?? (hasLocation ? 'location' : ctaUrlId ? 'cta_url' : listId ? 'interactive_list' : 'text');
  const interactiveBody = ctaUrlId
    ? state.ctaUrls.get(ctaUrlId)?.body
    : listId
      ? state.interactiveLists.get(listId)?.body
      : undefined;
  return {
    ok: true,
    value: {
      ...recipient,
      type,
      text: (input.message as string | null | undefined) ?? interactiveBody ?? null,
      media: mediaField ? (input[mediaField] as UploadedFile) : null,
      latitude: hasLocation ? Number(input.latitude) : null,
      longitude: hasLocation ? Number(input.longitude) : null,
      ctaUrlId,
      interactiveListId: listId,
    },
  };
}

export interface TemplateRequest extends Recipient {
  templateId: number;
  bodyVariables: string[];
  headerVariables: string[];
}

export function checkTemplate(state: WasheejState, input: Record<string, unknown>): Checked<TemplateRequest> {
  input.body_variables = variablesOf(input.body_variables);
  input.header_variables = variablesOf(input.header_variables);
  const v = new Validation(input, templateRules(input), TEMPLATE_ORDER);
  const sender = senderOf(state, v, input.from_number, true);
  const errors = v.messages();
  if (errors.length) return { ok: false, reply: validationError(errors) };
  const recipient = recipientOf(input, sender);
  if (!recipient) return { ok: false, reply: NO_CLOUD_SENDER };
  return {
    ok: true,
    value: {
      ...recipient,
      templateId: Number(input.template_id),
      bodyVariables: (input.body_variables as string[] | null | undefined) ?? [],
      headerVariables: (input.header_variables as string[] | null | undefined) ?? [],
    },
  };
}

/** Refusals that do not depend on the message itself: a blocked contact (seeded, flagged, or the magic number). */
export function blockedRefusal(contact: Contact | undefined, digits: string): Envelope | undefined {
  if (contact?.blocked || fateOf(digits) === RecipientFate.BLOCKED) {
    return failure('contact_blocked', [
      'This contact is blocked.',
      'Blocked contacts can neither send nor receive messages.',
    ]);
  }
  return undefined;
}
