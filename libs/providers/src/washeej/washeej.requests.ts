import type { FileField, FormFields, RequestBody } from '../core/http-client.js';
import { uploadPart, washeejValidationError, type WasheejUpload } from './washeej.uploads.js';
import { WASHEEJ_SETTABLE_CONVERSATION_STATUSES } from './washeej.status.js';

/** Query of the list endpoints: `paginate` is the page size (server default 20). */
export interface WasheejListQuery {
  page?: number;
  paginate?: number;
  /** First name, last name or mobile. */
  search?: string;
}

export interface WasheejConversationListQuery extends WasheejListQuery {
  /** 1 done, 2 pending, 3 important, 4 unread; all when absent. */
  status?: number;
}

export interface WasheejContactFields {
  firstname?: string;
  lastname?: string;
  /** Country calling code without `+`, e.g. `966`. */
  mobileCode?: string;
  /** National number, digits only, e.g. `500000000`. */
  mobile?: string;
  city?: string;
  state?: string;
  postCode?: string;
  address?: string;
  profileImage?: WasheejUpload;
}

export interface WasheejContactStoreParams extends WasheejContactFields {
  firstname: string;
  lastname: string;
  mobileCode: string;
  mobile: string;
}

interface WasheejRecipient {
  mobileCode: string;
  mobile: string;
  /** The Cloud API sender, country code and number without `+`; the account's first sender when absent. */
  fromNumber?: string;
}

export interface WasheejSendMessageParams extends WasheejRecipient {
  /** Text, or the caption of a file; required unless a file, a location or an interactive id is given. */
  message?: string;
  image?: WasheejUpload;
  document?: WasheejUpload;
  video?: WasheejUpload;
  audio?: WasheejUpload;
  latitude?: number;
  longitude?: number;
  /** A call-to-action URL configured in the dashboard. */
  ctaUrlId?: number;
  /** An interactive list configured in the dashboard. */
  interactiveListId?: number;
}

export interface WasheejSendTemplateParams extends WasheejRecipient {
  /** The id of an approved template. */
  templateId: number | string;
  bodyVariables?: string[];
  headerVariables?: string[];
}

const DIGITS = /^\d+$/;
const NAME_MAX_LENGTH = 40;

function requireDigits(provider: string, field: string, value: string | undefined, required: boolean): void {
  if (value === undefined || value === '') {
    if (required) throw washeejValidationError(provider, field, `The ${field} field is required.`);
    return;
  }
  if (!DIGITS.test(value)) throw washeejValidationError(provider, field, `"${value}" must be digits only`);
}

function requireName(provider: string, field: string, value: string | undefined, required: boolean): void {
  if (value === undefined || value.trim() === '') {
    if (required) throw washeejValidationError(provider, field, `The ${field} field is required.`);
    return;
  }
  if (value.length > NAME_MAX_LENGTH) {
    throw washeejValidationError(provider, field, `must not be longer than ${NAME_MAX_LENGTH} characters`);
  }
}

function requireId(provider: string, field: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
    throw washeejValidationError(provider, field, `${value} is not a positive integer id`);
  }
}

/** Contact store and update share one validator on the server; update sends only the fields given. */
export function contactBody(provider: string, fields: WasheejContactFields, isNew: boolean): RequestBody {
  requireName(provider, 'firstname', fields.firstname, isNew);
  requireName(provider, 'lastname', fields.lastname, isNew);
  requireDigits(provider, 'mobile_code', fields.mobileCode, isNew);
  requireDigits(provider, 'mobile', fields.mobile, isNew);
  const form: FormFields = {
    firstname: fields.firstname,
    lastname: fields.lastname,
    mobile_code: fields.mobileCode,
    mobile: fields.mobile,
    city: fields.city,
    state: fields.state,
    post_code: fields.postCode,
    address: fields.address,
  };
  const files = fields.profileImage ? [uploadPart(provider, 'profile_image', fields.profileImage)] : [];
  if (!isNew && files.length === 0 && Object.values(form).every((value) => value === undefined)) {
    throw washeejValidationError(provider, '_', 'nothing to update: give at least one field');
  }
  return { kind: 'multipart', fields: form, files };
}

function recipientFields(provider: string, params: WasheejRecipient): FormFields {
  requireDigits(provider, 'mobile_code', params.mobileCode, true);
  requireDigits(provider, 'mobile', params.mobile, true);
  requireDigits(provider, 'from_number', params.fromNumber, false);
  return { mobile_code: params.mobileCode, mobile: params.mobile, from_number: params.fromNumber };
}

function locationFields(provider: string, params: WasheejSendMessageParams): FormFields {
  const { latitude, longitude } = params;
  if (latitude === undefined && longitude === undefined) return {};
  if (latitude === undefined)
    throw washeejValidationError(provider, 'latitude', 'is required with longitude');
  if (longitude === undefined)
    throw washeejValidationError(provider, 'longitude', 'is required with latitude');
  if (!Number.isFinite(latitude) || Math.abs(latitude) > 90) {
    throw washeejValidationError(provider, 'latitude', `${latitude} is not a latitude`);
  }
  if (!Number.isFinite(longitude) || Math.abs(longitude) > 180) {
    throw washeejValidationError(provider, 'longitude', `${longitude} is not a longitude`);
  }
  return { latitude, longitude };
}

const MEDIA_FIELDS = ['image', 'document', 'video', 'audio'] as const;

export function sendMessageBody(provider: string, params: WasheejSendMessageParams): RequestBody {
  const fields: FormFields = { ...recipientFields(provider, params), message: params.message };
  Object.assign(fields, locationFields(provider, params));
  requireId(provider, 'cta_url_id', params.ctaUrlId);
  requireId(provider, 'interactive_list_id', params.interactiveListId);
  fields.cta_url_id = params.ctaUrlId;
  fields.interactive_list_id = params.interactiveListId;
  const files: FileField[] = [];
  for (const field of MEDIA_FIELDS) {
    const upload = params[field];
    if (upload) files.push(uploadPart(provider, field, upload));
  }
  const hasContent =
    (params.message ?? '').trim() !== '' ||
    files.length > 0 ||
    fields.latitude !== undefined ||
    params.ctaUrlId !== undefined ||
    params.interactiveListId !== undefined;
  if (!hasContent) throw washeejValidationError(provider, 'message', 'The message should not be empty.');
  return { kind: 'multipart', fields, files };
}

export function sendTemplateBody(provider: string, params: WasheejSendTemplateParams): RequestBody {
  const templateId = String(params.templateId).trim();
  if (!DIGITS.test(templateId)) {
    throw washeejValidationError(provider, 'template_id', `"${templateId}" is not a numeric template id`);
  }
  return {
    kind: 'multipart',
    // Arrays go out PHP-style (`body_variables[0]`, `body_variables[1]`), which Laravel reads as arrays.
    fields: {
      ...recipientFields(provider, params),
      template_id: templateId,
      body_variables: params.bodyVariables,
      header_variables: params.headerVariables,
    },
  };
}

export function conversationStatusBody(provider: string, status: number): RequestBody {
  if (!WASHEEJ_SETTABLE_CONVERSATION_STATUSES.includes(status)) {
    throw washeejValidationError(
      provider,
      'status',
      `${status} cannot be set: the server accepts ${WASHEEJ_SETTABLE_CONVERSATION_STATUSES.join(', ')} only`,
    );
  }
  return { kind: 'multipart', fields: { status } };
}
