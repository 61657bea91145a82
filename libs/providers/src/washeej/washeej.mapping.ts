import { digitsToE164, parseE164 } from '../core/phone.js';
import type { Contact, ContactInput, Conversation, Page, Template } from '../core/unified.js';
import { ProviderError, ProviderErrorCode, type FieldErrors } from '../core/provider-error.js';
import type { WasheejContactFields, WasheejContactStoreParams } from './washeej.requests.js';
import type { WasheejContact, WasheejConversation, WasheejTemplate } from './washeej.schemas.js';
import { washeejConversationState, washeejTemplateStatus } from './washeej.status.js';
import { washeejValidationError } from './washeej.uploads.js';

interface PaginatorLike<T> {
  current_page: number;
  last_page: number;
  total: number;
  data: T[];
}

/** A Laravel paginator as a unified page; `raw` keeps the whole answer. */
export function washeejPage<T, U>(paginator: PaginatorLike<T>, map: (item: T) => U, raw: unknown): Page<U> {
  return {
    items: paginator.data.map(map),
    page: paginator.current_page,
    pageCount: paginator.last_page,
    total: paginator.total,
    raw,
  };
}

/** "Ada Lovelace King" → first name "Ada", last name "Lovelace King"; explicit first/last names win. */
function splitName(input: ContactInput): { firstname?: string; lastname?: string } {
  const words = input.name?.trim().split(/\s+/).filter(Boolean) ?? [];
  return {
    firstname: input.firstName ?? words[0],
    lastname: input.lastName ?? (words.length > 1 ? words.slice(1).join(' ') : undefined),
  };
}

/** The platform's contact has no email or notes; refusing them beats dropping them silently. */
function refuseUnstoredFields(provider: string, input: ContactInput): void {
  for (const field of ['email', 'notes'] as const) {
    if (input[field] !== undefined) {
      throw washeejValidationError(provider, field, `contacts on this platform have no ${field} field`);
    }
  }
}

/** Unified contact input → contact store/update fields; the E.164 phone is split into mobile_code and mobile. */
export function washeejContactFields(provider: string, input: ContactInput): WasheejContactFields {
  refuseUnstoredFields(provider, input);
  const phone = input.phone === undefined ? undefined : parseE164(input.phone, provider, 'phone');
  return {
    ...splitName(input),
    mobileCode: phone?.countryCallingCode,
    mobile: phone?.nationalNumber,
    city: input.city,
    state: input.state,
    postCode: input.postCode,
    address: input.address,
  };
}

/** A new contact needs a phone, a first and a last name (the server requires both names). */
export function washeejNewContactFields(provider: string, input: ContactInput): WasheejContactStoreParams {
  const fields = washeejContactFields(provider, input);
  const { firstname, lastname, mobileCode, mobile } = fields;
  if (firstname && lastname && mobileCode && mobile)
    return { ...fields, firstname, lastname, mobileCode, mobile };
  const fieldErrors: FieldErrors = {};
  if (!mobile) fieldErrors.phone = ['is required to create a contact'];
  if (!firstname) fieldErrors.firstName = ['is required to create a contact (or give name)'];
  if (!lastname)
    fieldErrors.lastName = ['is required to create a contact (or give a name of two words or more)'];
  return throwMissing(provider, fieldErrors);
}

function throwMissing(provider: string, fieldErrors: FieldErrors): never {
  throw new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
    provider,
    message: `${provider}: missing ${Object.keys(fieldErrors).join(', ')}`,
    fieldErrors,
  });
}

const textOrUndefined = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value.trim() === '' ? undefined : value;

export function toUnifiedContact(contact: WasheejContact): Contact {
  const firstName = textOrUndefined(contact.firstname);
  const lastName = textOrUndefined(contact.lastname);
  const name = [firstName, lastName].filter(Boolean).join(' ');
  return {
    id: String(contact.id),
    phone: digitsToE164(`${contact.mobile_code}${contact.mobile}`),
    name: name || undefined,
    firstName,
    lastName,
    raw: contact,
  };
}

export function toUnifiedConversation(conversation: WasheejConversation): Conversation {
  return {
    id: String(conversation.id),
    contactId:
      conversation.contact_id === null || conversation.contact_id === undefined
        ? undefined
        : String(conversation.contact_id),
    state: washeejConversationState(conversation.status),
    lastMessageAt: textOrUndefined(conversation.last_message_at),
    raw: conversation,
  };
}

export function toUnifiedTemplate(template: WasheejTemplate): Template {
  return {
    id: String(template.id),
    name: template.name,
    status: washeejTemplateStatus(template.status),
    content: textOrUndefined(template.body),
    raw: template,
  };
}
