import { parseE164 } from '../core/phone.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type {
  ButtonsMessage,
  ContactCardMessage,
  ContactInput,
  MediaMessage,
  PollMessage,
  StatusStoryRequest,
  TemplateMessage,
  TextMessage,
} from '../core/unified.js';
import { WESSAAL_PROVIDER_ID } from './wessaal.errors.js';
import type {
  WessaalCreateContactParams,
  WessaalMessageContent,
  WessaalSendButtonsParams,
  WessaalSendContactParams,
  WessaalSendPollParams,
  WessaalSendStatusParams,
  WessaalUpdateContactParams,
} from './wessaal.requests.js';

/** Unified requests → Wessaal request bodies. Pure functions; they throw VALIDATION_FAILED before any call. */

export function invalidInput(field: string, why: string): ProviderError {
  return new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
    provider: WESSAAL_PROVIDER_ID,
    message: `${WESSAAL_PROVIDER_ID}: ${field}: ${why}`,
    fieldErrors: { [field]: [why] },
  });
}

export function recipientOf(to: string, field = 'to'): string {
  return parseE164(to, WESSAAL_PROVIDER_ID, field).e164;
}

/** Wessaal requires a filename for media; without one, the last segment of the URL's path names the file. */
export function mediaFilename(url: string, kind: MediaMessage['type']): string {
  let segment = '';
  try {
    segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    segment = decodeURIComponent(segment);
  } catch {
    // Not a parseable URL or a broken escape: the server will judge the URL; the name falls back below.
  }
  return segment.trim() || kind;
}

/** Body fields of `send` (and of a `send-bulk` item) for the types that endpoint carries. */
export function messageContentOf(
  message: TextMessage | MediaMessage | TemplateMessage,
  field = '',
): WessaalMessageContent {
  switch (message.type) {
    case 'text':
      return { message_type: 'text', content: message.text, link_preview: message.linkPreview };
    case 'template':
      return templateContentOf(message, field);
    default: {
      if (!('url' in message.media)) {
        throw invalidInput(`${field}media`, 'wessaal takes media by public URL only, not as uploaded bytes');
      }
      // wessaal.txt: content is "Required unless template_id is provided", media included.
      if (!message.caption?.trim()) {
        throw invalidInput(`${field}caption`, 'wessaal requires a caption (content) with media');
      }
      return {
        message_type: message.type,
        content: message.caption,
        media_url: message.media.url,
        filename: message.media.filename ?? mediaFilename(message.media.url, message.type),
      };
    }
  }
}

function templateContentOf(message: TemplateMessage, field: string): WessaalMessageContent {
  if (!/^\d+$/.test(message.template.trim())) {
    throw invalidInput(`${field}template`, `"${message.template}" is not a wessaal template id (an integer)`);
  }
  if (message.bodyVariables?.length || message.headerVariables?.length) {
    throw invalidInput(
      `${field}bodyVariables`,
      'wessaal templates take named variables, not positional ones',
    );
  }
  return { template_id: Number(message.template.trim()), template_variables: message.variables };
}

/**
 * A card may carry any number (a landline, a service line such as the doc's +966200001234) that libphonenumber's
 * validity rules would refuse for a recipient: only the E.164 shape is required, spaces and dashes tolerated.
 */
function cardDigitsOf(phoneNumber: string, field: string): string {
  const compact = phoneNumber.replace(/[\s().-]/g, '');
  if (!/^\+\d{6,15}$/.test(compact)) {
    throw invalidInput(
      field,
      `"${phoneNumber}" is not an E.164 number (expected + followed by 6 to 15 digits)`,
    );
  }
  return compact.slice(1);
}

export function contactCardsOf(message: ContactCardMessage): Pick<WessaalSendContactParams, 'contacts'> {
  return {
    contacts: message.contacts.map((card, i) => ({
      fullName: card.fullName,
      wuid: cardDigitsOf(card.phoneNumber, `contacts.${i}.phoneNumber`),
      phoneNumber: card.phoneNumber,
      organization: card.organization,
      email: card.email,
      url: card.url,
    })),
  };
}

export function pollOf(
  message: PollMessage,
): Pick<WessaalSendPollParams, 'name' | 'values' | 'selectable_count'> {
  return { name: message.question, values: message.options, selectable_count: message.selectableCount };
}

export function buttonsOf(
  message: ButtonsMessage,
): Pick<WessaalSendButtonsParams, 'title' | 'description' | 'footer' | 'buttons'> {
  if (message.ctaUrlId !== undefined || message.interactiveListId !== undefined) {
    throw invalidInput(
      'ctaUrlId',
      'wessaal has no dashboard call-to-action or list ids; send inline buttons',
    );
  }
  if (!message.title?.trim()) throw invalidInput('title', 'wessaal requires a title for a buttons message');
  if (!message.buttons?.length) throw invalidInput('buttons', 'wessaal requires at least one button');
  return {
    title: message.title,
    description: message.body,
    footer: message.footer,
    buttons: message.buttons,
  };
}

export function statusStoryOf(request: StatusStoryRequest, instance: string): WessaalSendStatusParams {
  const audience = request.audience?.map(
    (to, i) => `${parseE164(to, WESSAAL_PROVIDER_ID, `audience.${i}`).digits}@s.whatsapp.net`,
  );
  return {
    instance,
    type: request.kind,
    content: request.content,
    caption: request.caption,
    background_color: request.backgroundColor,
    font: request.font,
    // A target list overrides all_contacts on the server; say so explicitly either way.
    all_contacts: !audience?.length,
    status_jid_list: audience?.length ? audience : undefined,
  };
}

const UNSUPPORTED_CONTACT_FIELDS = ['city', 'state', 'postCode', 'address'] as const;

function contactLabelOf(input: ContactInput): string | undefined {
  const joined = [input.firstName, input.lastName].filter((part) => part?.trim()).join(' ');
  return input.name ?? (joined || undefined);
}

/** Update body: only the fields given. Address fields have no place in a Wessaal contact and are refused. */
export function contactUpdateOf(input: ContactInput): WessaalUpdateContactParams {
  const unsupported = UNSUPPORTED_CONTACT_FIELDS.find((field) => input[field] !== undefined);
  if (unsupported)
    throw invalidInput(unsupported, 'wessaal contacts hold only phone, label, email and notes');
  return {
    phone: input.phone === undefined ? undefined : recipientOf(input.phone, 'phone'),
    label: contactLabelOf(input),
    email: input.email,
    notes: input.notes,
  };
}

export function contactCreateOf(input: ContactInput): WessaalCreateContactParams {
  if (!input.phone) throw invalidInput('phone', 'wessaal requires a phone to create a contact');
  return { ...contactUpdateOf(input), phone: recipientOf(input.phone, 'phone') };
}
