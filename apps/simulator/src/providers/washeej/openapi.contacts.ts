/** OpenAPI descriptions of the contact endpoints. */
import {
  contact,
  envelope,
  file,
  idParam,
  PAGING,
  page,
  query,
  refusal,
  str,
  validation,
  type Endpoint,
} from './openapi.examples.js';

const CONTACT_FIELDS = {
  firstname: { ...str, maxLength: 40 },
  lastname: { ...str, maxLength: 40 },
  mobile_code: { ...str, description: 'Country code without +, e.g. 966' },
  mobile: { ...str, description: 'Digits only, unique per mobile_code' },
  city: str,
  state: str,
  post_code: str,
  address: str,
  profile_image: { ...file, description: 'jpg, jpeg, png; at most 5 MB (multipart only)' },
};

export const CONTACT_ENDPOINTS: Endpoint[] = [
  {
    method: 'get',
    path: '/contact/list',
    summary: 'Get contact list',
    description: 'Contacts of the account, newest first, as a Laravel paginator in data.contacts.',
    params: [...PAGING, query('search', 'First name, last name or mobile', str)],
    ok: {
      ok: {
        summary: 'Contact list',
        value: envelope('contact-list', 'success', ['Contact list fetched successfully'], {
          contacts: page('/contact/list', [contact]),
        }),
      },
    },
  },
  {
    method: 'post',
    path: '/contact/store',
    summary: 'Create a contact',
    description: 'Required firstname, lastname, mobile_code, mobile.',
    body: {
      schema: {
        type: 'object',
        required: ['firstname', 'lastname', 'mobile_code', 'mobile'],
        properties: CONTACT_FIELDS,
      },
      example: { firstname: 'John', lastname: 'Doe', mobile_code: '880', mobile: '01988' },
    },
    ok: {
      ok: {
        summary: 'Saved',
        value: envelope('contact_save', 'success', ['Contact saved successfully'], { contact }),
      },
      invalid: validation('The firstname field is required.', 'The mobile has already been taken.'),
    },
  },
  {
    method: 'post',
    path: '/contact/update/{id}',
    summary: 'Update a contact',
    description: 'Send only the fields to change; the others stay as they are.',
    params: [idParam('Contact id')],
    body: {
      schema: { type: 'object', properties: CONTACT_FIELDS },
      example: { firstname: 'John', lastname: 'Doe' },
    },
    ok: {
      ok: {
        summary: 'Updated',
        value: envelope('contact_update', 'success', ['Contact updated successfully'], { contact }),
      },
      unknown: refusal('Unknown contact', 'unknown_contact', 'The contact is not found'),
    },
  },
  {
    method: 'delete',
    path: '/contact/delete/{id}',
    summary: 'Delete a contact',
    description: 'Refused when the contact has messages or is blocked. A body, if sent, is ignored.',
    params: [idParam('Contact id')],
    ok: {
      ok: {
        summary: 'Deleted',
        value: envelope('contact_deleted', 'success', ['Contact deleted successfully']),
      },
      messages: refusal('Has messages', 'contact_error', 'Unable to delete contact with messages'),
      blocked: refusal('Blocked', 'contact_error', 'Unable to delete contact which is blocked'),
      unknown: refusal('Unknown contact', 'not_found', 'The contact is not found'),
    },
  },
];
