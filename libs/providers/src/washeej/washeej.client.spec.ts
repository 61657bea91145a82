import nock from 'nock';
import { ProviderErrorCode } from '../core/provider-error.js';
import { WasheejClient } from './washeej.client.js';
import {
  AUTH_HEADERS,
  BASE_URL,
  CONTACT_EXAMPLE,
  ORIGIN,
  PREFIX,
  TEMPLATE_EXAMPLE,
  bytes,
  failure,
  paginator,
  parseMultipart,
  providerErrorOf,
  recordAndReply,
  success,
  washeejTestClient,
} from './washeej.spec-support.js';
import { useNock } from '../core/testing/use-nock.js';

describe('WasheejClient: contacts and templates', () => {
  useNock();

  const client = washeejTestClient();
  const api = () => nock(ORIGIN, { reqheaders: AUTH_HEADERS });

  describe('GET contact/list', () => {
    it('sends client-id/client-secret headers and page, paginate, search; parses the docs example envelope', async () => {
      // The docs' success example, with the paginator the real server puts under data.contacts.
      const body = {
        status: 'success',
        remark: 'contact_list',
        message: ['Contact list fetched successfully'],
        data: { contacts: paginator('contact/list', [CONTACT_EXAMPLE], 2, 1, 3) },
      };
      api()
        .get(`${PREFIX}/contact/list`)
        .query({ page: '2', paginate: '1', search: 'John' })
        .reply(200, body);

      const answer = await client.contactList({ page: 2, paginate: 1, search: 'John' });

      expect(answer.remark).toBe('contact_list');
      expect(answer.message).toEqual(['Contact list fetched successfully']);
      expect(answer.data.contacts).toMatchObject({
        current_page: 2,
        last_page: 3,
        per_page: 1,
        total: 3,
        from: 2,
      });
      expect(answer.data.contacts.data[0]).toMatchObject({ id: 17, firstname: 'John', mobile_code: '966' });
      // Fields outside the schema (is_blocked, image_src, the whole address object) are kept.
      expect(answer.data.contacts.data[0]).toMatchObject({
        is_blocked: 0,
        image_src: CONTACT_EXAMPLE.image_src,
      });
      expect(answer.data.contacts.data[0]?.address).toEqual(CONTACT_EXAMPLE.address);
    });

    it('reads the real remark `contact-list`, an empty page (from/to null) and numeric strings', async () => {
      const empty = { ...paginator('contact/list', []), current_page: '1', total: '0' };
      api()
        .get(`${PREFIX}/contact/list`)
        .reply(200, success('contact-list', ['Contact data fetched successfully.'], { contacts: empty }));

      const answer = await client.contactList();

      expect(answer.remark).toBe('contact-list');
      expect(answer.data.contacts).toMatchObject({
        current_page: 1,
        total: 0,
        from: null,
        to: null,
        data: [],
      });
    });

    it('keeps unknown extra fields of the envelope and data', async () => {
      api()
        .get(`${PREFIX}/contact/list`)
        .reply(200, {
          ...success('contact-list', ['ok'], {
            contacts: paginator('contact/list', []),
            filters: { tag: 1 },
          }),
          request_id: 'abc',
        });

      const answer = await client.contactList();

      expect(answer).toMatchObject({ request_id: 'abc', data: { filters: { tag: 1 } } });
    });

    it('rejects a success envelope without the paginator as UNEXPECTED_RESPONSE, keeping the body', async () => {
      const body = success('contact-list', ['ok'], { contacts: { data: 'nope' } });
      api().get(`${PREFIX}/contact/list`).reply(200, body);

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.UNEXPECTED_RESPONSE,
        httpStatus: 200,
        rawBody: body,
      });
      expect(error.message).toContain('contacts');
    });

    it('rejects a 200 that is not JSON as UNEXPECTED_RESPONSE with the text as rawBody', async () => {
      api().get(`${PREFIX}/contact/list`).reply(200, '<html>maintenance</html>');

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.UNEXPECTED_RESPONSE,
        rawBody: '<html>maintenance</html>',
      });
    });
  });

  describe('POST contact/store', () => {
    it('posts the docs fields as multipart, the profile image as a file, and parses data.contact', async () => {
      const recorded = recordAndReply(
        api().post(`${PREFIX}/contact/store`),
        200,
        success('contact_save', ['Contact created successfully'], { contact: CONTACT_EXAMPLE }),
      );

      const answer = await client.contactStore({
        firstname: 'John',
        lastname: 'Doe',
        mobileCode: '880',
        mobile: '01988',
        city: 'Dhaka',
        postCode: '1207',
        profileImage: { data: bytes('PNGDATA'), filename: 'john.png', contentType: 'image/png' },
      });

      expect(String(recorded.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
      const form = parseMultipart(recorded);
      expect(form.fields).toEqual({
        firstname: 'John',
        lastname: 'Doe',
        mobile_code: '880',
        mobile: '01988',
        city: 'Dhaka',
        post_code: '1207',
      });
      expect(form.files).toEqual({
        profile_image: { filename: 'john.png', contentType: 'image/png', content: 'PNGDATA' },
      });
      expect(answer.remark).toBe('contact_save');
      expect(answer.data.contact).toMatchObject({ id: 17, lastname: 'Doe', user_id: 3 });
    });

    it.each([
      [{ firstname: 'x'.repeat(41) }, 'firstname'],
      [{ lastname: '' }, 'lastname'],
      [{ mobile: '+500000000' }, 'mobile'],
      [{ mobileCode: '+966' }, 'mobile_code'],
      [
        { profileImage: { data: bytes('GIF89a'), filename: 'a.gif', contentType: 'image/gif' } },
        'profile_image',
      ],
    ])('refuses %j without a call (VALIDATION_FAILED naming %s)', async (override, field) => {
      const base = { firstname: 'John', lastname: 'Doe', mobileCode: '966', mobile: '500000000' };

      const error = await providerErrorOf(client.contactStore({ ...base, ...override }));

      expect(error.code).toBe(ProviderErrorCode.VALIDATION_FAILED);
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    });
  });

  describe('POST contact/update/{id}', () => {
    it('sends only the fields to change, escaping the id in the path', async () => {
      const recorded = recordAndReply(
        api().post(`${PREFIX}/contact/update/17%2F1`),
        200,
        success('contact_save', [' Contact updated successfully'], {
          contact: { ...CONTACT_EXAMPLE, city: 'Jeddah' },
        }),
      );

      const answer = await client.contactUpdate('17/1', { city: 'Jeddah' });

      expect(parseMultipart(recorded)).toEqual({ fields: { city: 'Jeddah' }, files: {} });
      expect(answer.data.contact).toMatchObject({ id: 17 });
    });

    it('maps remark unknown_contact to NOT_FOUND', async () => {
      const body = failure('unknown_contact', ['The contact is not found']);
      api().post(`${PREFIX}/contact/update/999`).reply(200, body);

      const error = await providerErrorOf(client.contactUpdate(999, { firstname: 'Jane' }));

      expect(error).toMatchObject({
        code: ProviderErrorCode.NOT_FOUND,
        httpStatus: 200,
        providerCode: 'unknown_contact',
        rawBody: body,
        fieldErrors: undefined,
        retryAfterSeconds: undefined,
      });
    });

    it('refuses an update with no field at all without a call', async () => {
      const error = await providerErrorOf(client.contactUpdate(17, {}));

      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { _: [expect.any(String)] },
      });
    });
  });

  describe('DELETE contact/delete/{id}', () => {
    it('sends a DELETE without body and reads the body-less success envelope', async () => {
      const recorded = recordAndReply(api().delete(`${PREFIX}/contact/delete/17`), 200, {
        remark: 'contact_deleted',
        status: 'success',
        message: ['Contact deleted successfully'],
      });

      const answer = await client.contactDelete(17);

      expect(recorded.body).toBe('');
      expect(recorded.headers['content-type']).toBeUndefined();
      expect(answer).toEqual({
        remark: 'contact_deleted',
        status: 'success',
        message: ['Contact deleted successfully'],
      });
    });

    it.each([
      ['Unable to delete contact with messages', ProviderErrorCode.REJECTED],
      ['Unable to delete contact which is blocked', ProviderErrorCode.CONTACT_BLOCKED],
    ])('maps contact_error "%s" to %s', async (sentence, code) => {
      const body = failure('contact_error', [sentence]);
      api().delete(`${PREFIX}/contact/delete/17`).reply(200, body);

      const error = await providerErrorOf(client.contactDelete(17));

      expect(error).toMatchObject({ code, httpStatus: 200, providerCode: 'contact_error', rawBody: body });
      expect(error.message).toContain(sentence);
    });

    it('maps remark not_found to NOT_FOUND', async () => {
      api()
        .delete(`${PREFIX}/contact/delete/5`)
        .reply(200, failure('not_found', ['The contact not found']));

      const error = await providerErrorOf(client.contactDelete(5));

      expect(error).toMatchObject({ code: ProviderErrorCode.NOT_FOUND, providerCode: 'not_found' });
    });
  });

  describe('GET inbox/template-list', () => {
    it('parses the templates paginator, statuses 0..3 and extra fields; page and paginate are optional', async () => {
      const templates = [0, 1, 2, 3].map((status) => ({ ...TEMPLATE_EXAMPLE, id: 120 + status, status }));
      api()
        .get(`${PREFIX}/inbox/template-list`)
        .query({ page: '1', paginate: '50' })
        .reply(
          200,
          success('inbox', ['Template data fetched successfully'], {
            templates: paginator('inbox/template-list', templates, 1, 50),
          }),
        );

      const answer = await client.templateList({ page: 1, paginate: 50 });

      expect(answer.data.templates.data.map((t) => t.status)).toEqual([0, 1, 2, 3]);
      expect(answer.data.templates.data[1]).toMatchObject({
        name: 'order_update',
        whatsapp_template_id: '1203948576',
      });
    });

    it('sends no query when none is given', async () => {
      nock(ORIGIN)
        .get(`${PREFIX}/inbox/template-list`)
        .reply(200, success('inbox', ['ok'], { templates: paginator('inbox/template-list', []) }));

      const answer = await client.templateList();

      expect(answer.data.templates.total).toBe(0);
    });
  });

  it('strips a trailing slash from the base URL', async () => {
    const trailing = new WasheejClient({
      baseUrl: `${BASE_URL}/`,
      clientId: 'a',
      clientSecret: 'b',
    });
    nock(ORIGIN)
      .get(`${PREFIX}/contact/list`)
      .reply(200, success('contact-list', [], { contacts: paginator('contact/list', []) }));

    await expect(trailing.contactList()).resolves.toMatchObject({ status: 'success' });
  });
});
