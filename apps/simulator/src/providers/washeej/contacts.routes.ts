import type { FastifyRequest } from 'fastify';
import { inputOf, queryValue, UploadedFile } from './body.js';
import { failure, success, validationError, type Envelope } from './errors.js';
import { paginate } from './paginator.js';
import { paramOf, type RouteFactory } from './route-def.js';
import { addContact, removeContact, setContactPhone } from './state.js';
import { stateOf, type Contact, type WasheejState } from './types.js';
import { checkFile, idOf, Validation } from './validation.js';
import { contactView } from './views.js';

const CONTACT_RULES: Record<string, string> = {
  firstname: 'required|string|washeej_max:40',
  lastname: 'required|string|washeej_max:40',
  mobile_code: 'required|washeej_country_code',
  mobile: 'required|washeej_digits|washeej_max:15',
  city: 'string|washeej_max:255',
  state: 'string|washeej_max:255',
  post_code: 'string|washeej_max:255',
  address: 'string|washeej_max:255',
};
/** On update every rule applies only to the fields sent. */
const UPDATE_RULES = Object.fromEntries(Object.entries(CONTACT_RULES).map(([k, v]) => [k, `sometimes|${v}`]));
const ORDER = [...Object.keys(CONTACT_RULES), 'profile_image'];
/** Types from the docs; no size limit there (the send-message image's 5 MB is not the contact's), so none here. */
const IMAGE_RULE = { mimes: ['jpg', 'jpeg', 'png'] } as const;

const optional = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Validates a contact's fields; `current` is the contact being updated (absent on store). */
function validateContact(state: WasheejState, input: Record<string, unknown>, current?: Contact): string[] {
  const validation = new Validation(input, current ? UPDATE_RULES : CONTACT_RULES, ORDER);
  checkFile(validation, 'profile_image', input.profile_image, IMAGE_RULE);
  if (validation.passed('mobile') && validation.passed('mobile_code')) {
    const code = (input.mobile_code as string | undefined) ?? current?.mobileCode ?? '';
    const mobile = (input.mobile as string | undefined) ?? current?.mobile ?? '';
    const owner = state.contactsByDigits.get(code + mobile);
    if (owner && owner !== current && (input.mobile !== undefined || input.mobile_code !== undefined)) {
      validation.add('mobile', 'The mobile has already been taken.');
    }
  }
  return validation.messages();
}

function storedImage(contactId: number, value: unknown): string | null {
  return value instanceof UploadedFile ? `contact_${contactId}_${value.filename}` : null;
}

/** The lists' `search` (README: first name, last name or mobile), `search` already lower-cased. */
export function contactMatches(contact: Contact, search: string): boolean {
  return (
    contact.firstname.toLowerCase().includes(search) ||
    (contact.lastname ?? '').toLowerCase().includes(search) ||
    contact.digits.includes(search)
  );
}

function list(request: FastifyRequest, state: WasheejState): Envelope {
  const search = queryValue(request, 'search')?.toLowerCase();
  let contacts = [...state.contacts.values()].reverse();
  if (search) contacts = contacts.filter((c) => contactMatches(c, search));
  return success('contact-list', ['Contact list fetched successfully'], {
    contacts: paginate(request, contacts, contactView),
  });
}

export const contactRoutes: RouteFactory = (core) => [
  { method: 'GET', url: '/contact/list', handler: (request, account) => list(request, stateOf(account)) },
  {
    method: 'POST',
    url: '/contact/store',
    handler(request, account) {
      const state = stateOf(account);
      const input = inputOf(request);
      const errors = validateContact(state, input);
      if (errors.length) return validationError(errors);
      const contact = addContact(
        state,
        {
          firstname: input.firstname as string,
          lastname: input.lastname as string,
          mobileCode: input.mobile_code as string,
          mobile: input.mobile as string,
          city: optional(input.city),
          state: optional(input.state),
          postCode: optional(input.post_code),
          address: optional(input.address),
        },
        core.clock.now(),
      );
      contact.profileImage = storedImage(contact.id, input.profile_image);
      return success('contact_save', ['Contact saved successfully'], { contact: contactView(contact) });
    },
  },
  {
    method: 'POST',
    url: '/contact/update/:id',
    handler(request, account) {
      const state = stateOf(account);
      const id = idOf(paramOf(request, 'id'));
      const contact = id === undefined ? undefined : state.contacts.get(id);
      if (!contact) return failure('unknown_contact', ['The contact is not found']);
      const input = inputOf(request);
      const errors = validateContact(state, input, contact);
      if (errors.length) return validationError(errors);
      if (input.firstname !== undefined) contact.firstname = input.firstname as string;
      if (input.lastname !== undefined) contact.lastname = input.lastname as string;
      if (input.mobile_code !== undefined || input.mobile !== undefined) {
        const code = (input.mobile_code as string | undefined) ?? contact.mobileCode;
        setContactPhone(state, contact, code, (input.mobile as string | undefined) ?? contact.mobile);
      }
      if ('city' in input) contact.city = optional(input.city);
      if ('state' in input) contact.state = optional(input.state);
      if ('post_code' in input) contact.postCode = optional(input.post_code);
      if ('address' in input) contact.address = optional(input.address);
      if (input.profile_image) contact.profileImage = storedImage(contact.id, input.profile_image);
      contact.updatedAt = core.clock.now();
      return success('contact_update', ['Contact updated successfully'], { contact: contactView(contact) });
    },
  },
  {
    method: 'DELETE',
    url: '/contact/delete/:id',
    handler(request, account) {
      const state = stateOf(account);
      const id = idOf(paramOf(request, 'id'));
      const contact = id === undefined ? undefined : state.contacts.get(id);
      if (!contact) return failure('not_found', ['The contact is not found']);
      if ((state.conversationsByContact.get(contact.id)?.messageCount ?? 0) > 0) {
        return failure('contact_error', ['Unable to delete contact with messages']);
      }
      if (contact.blocked) return failure('contact_error', ['Unable to delete contact which is blocked']);
      removeContact(state, contact);
      return success('contact_deleted', ['Contact deleted successfully']);
    },
  },
];
