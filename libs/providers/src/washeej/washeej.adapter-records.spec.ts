import nock from 'nock';
import { ProviderErrorCode } from '../core/provider-error.js';
import type { ConversationState } from '../core/unified.js';
import { WasheejAdapter } from './washeej.adapter.js';
import {
  AUTH_HEADERS,
  CONTACT_EXAMPLE,
  CONVERSATION_EXAMPLE,
  ORIGIN,
  PREFIX,
  TEMPLATE_EXAMPLE,
  failure,
  paginator,
  parseMultipart,
  providerErrorOf,
  recordAndReply,
  success,
  washeejTestClient,
} from './washeej.spec-support.js';
import { useNock } from '../core/testing/use-nock.js';

describe('WasheejAdapter: contacts, conversations and templates', () => {
  useNock();

  const adapter = new WasheejAdapter(washeejTestClient());
  const api = () => nock(ORIGIN, { reqheaders: AUTH_HEADERS });

  describe('contacts', () => {
    it('listContacts maps page, pageSize and search, and the paginator to a unified page', async () => {
      const envelope = success('contact-list', ['ok'], {
        contacts: paginator(
          'contact/list',
          [CONTACT_EXAMPLE, { ...CONTACT_EXAMPLE, id: 18, firstname: null, lastname: '' }],
          2,
          2,
          7,
        ),
      });
      api()
        .get(`${PREFIX}/contact/list`)
        .query({ page: '2', paginate: '2', search: '5000' })
        .reply(200, envelope);

      const page = await adapter.listContacts({ page: 2, pageSize: 2, search: '5000' });

      expect(page).toMatchObject({ page: 2, pageCount: 4, total: 7, raw: envelope });
      expect(page.items[0]).toEqual({
        id: '17',
        phone: '+966500000000',
        name: 'John Doe',
        firstName: 'John',
        lastName: 'Doe',
        raw: CONTACT_EXAMPLE,
      });
      expect(page.items[1]).toMatchObject({
        id: '18',
        phone: '+966500000000',
        name: undefined,
        firstName: undefined,
      });
    });

    it('createContact splits the E.164 phone and the name, and posts the address fields', async () => {
      const recorded = recordAndReply(
        api().post(`${PREFIX}/contact/store`),
        200,
        success('contact_save', ['Contact created successfully'], { contact: CONTACT_EXAMPLE }),
      );

      const contact = await adapter.createContact({
        phone: '+966500000000',
        name: 'John  Doe Jr',
        city: 'Riyadh',
        state: 'Riyadh',
        postCode: '11564',
        address: 'King Fahd Rd',
      });

      expect(parseMultipart(recorded)).toEqual({
        fields: {
          firstname: 'John',
          lastname: 'Doe Jr',
          mobile_code: '966',
          mobile: '500000000',
          city: 'Riyadh',
          state: 'Riyadh',
          post_code: '11564',
          address: 'King Fahd Rd',
        },
        files: {},
      });
      expect(contact).toMatchObject({ id: '17', phone: '+966500000000', name: 'John Doe' });
    });

    it('createContact refuses what the server would (no phone, one-word name) or could not store (email)', async () => {
      const missing = await providerErrorOf(adapter.createContact({ name: 'John' }));
      const email = await providerErrorOf(
        adapter.createContact({
          phone: '+966500000000',
          firstName: 'J',
          lastName: 'D',
          email: 'j@example.com',
        }),
      );

      expect(missing).toMatchObject({ code: ProviderErrorCode.VALIDATION_FAILED });
      expect(Object.keys(missing.fieldErrors ?? {})).toEqual(['phone', 'lastName']);
      expect(email).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { email: [expect.any(String)] },
      });
    });

    it('updateContact sends only the changed fields (explicit first/last names win over name)', async () => {
      const recorded = recordAndReply(
        api().post(`${PREFIX}/contact/update/17`),
        200,
        success('contact_save', [' Contact updated successfully'], {
          contact: { ...CONTACT_EXAMPLE, lastname: 'Smith' },
        }),
      );

      const contact = await adapter.updateContact('17', { lastName: 'Smith', phone: '+201001234567' });

      expect(parseMultipart(recorded).fields).toEqual({
        lastname: 'Smith',
        mobile_code: '20',
        mobile: '1001234567',
      });
      expect(contact).toMatchObject({ id: '17', lastName: 'Smith' });
    });

    it('deleteContact calls DELETE contact/delete/{id}; a refusal keeps its remark', async () => {
      api()
        .delete(`${PREFIX}/contact/delete/17`)
        .reply(200, {
          remark: 'contact_deleted',
          status: 'success',
          message: ['Contact deleted successfully'],
        });
      api()
        .delete(`${PREFIX}/contact/delete/18`)
        .reply(200, failure('contact_error', ['Unable to delete contact with messages']));

      await expect(adapter.deleteContact('17')).resolves.toBeUndefined();
      const error = await providerErrorOf(adapter.deleteContact('18'));

      expect(error).toMatchObject({ code: ProviderErrorCode.REJECTED, providerCode: 'contact_error' });
    });
  });

  describe('conversations', () => {
    it.each<[ConversationState, string]>([
      ['done', '1'],
      ['pending', '2'],
      ['important', '3'],
      ['unread', '4'],
    ])('listConversations filters state %s as status=%s', async (state, status) => {
      const envelope = success('inbox', ['ok'], {
        conversation: paginator('inbox/conversation-list', [CONVERSATION_EXAMPLE]),
      });
      api().get(`${PREFIX}/inbox/conversation-list`).query({ status, page: '1' }).reply(200, envelope);

      const page = await adapter.listConversations({ state, page: 1 });

      expect(page.items).toEqual([
        {
          id: '2',
          contactId: '17',
          state: 'pending',
          lastMessageAt: '2025-05-02 09:15:00',
          raw: CONVERSATION_EXAMPLE,
        },
      ]);
      expect(page).toMatchObject({ page: 1, pageCount: 1, total: 1 });
    });

    it('getConversation reads conversation-details; status 0 (none) is kept raw', async () => {
      api()
        .get(`${PREFIX}/inbox/conversation-details/2`)
        .reply(
          200,
          success('conversation_details', ['ok'], { conversation: { ...CONVERSATION_EXAMPLE, status: 0 } }),
        );

      const conversation = await adapter.getConversation('2');

      expect(conversation).toMatchObject({ id: '2', contactId: '17', state: '0' });
    });

    it.each<[ConversationState, string]>([
      ['done', '1'],
      ['pending', '2'],
      ['important', '3'],
    ])('setConversationState(%s) posts status=%s', async (state, status) => {
      const recorded = recordAndReply(api().post(`${PREFIX}/inbox/change-conversation-status/2`), 200, {
        remark: 'status_updated',
        status: 'success',
        message: ['Status updated successfully'],
      });

      await adapter.setConversationState('2', state);

      expect(parseMultipart(recorded).fields).toEqual({ status });
    });

    it("setConversationState('unread') → VALIDATION_FAILED without a call (the server accepts 0..3 only)", async () => {
      const error = await providerErrorOf(adapter.setConversationState('2', 'unread'));

      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { state: [expect.stringContaining('unread')] },
      });
    });
  });

  describe('templates', () => {
    it('listTemplates maps id, name, status labels and body', async () => {
      const templates = [0, 1, 2, 3, 5].map((status) => ({ ...TEMPLATE_EXAMPLE, id: 120 + status, status }));
      const envelope = success('inbox', ['ok'], {
        templates: paginator('inbox/template-list', templates, 1, 50),
      });
      api().get(`${PREFIX}/inbox/template-list`).query({ paginate: '50' }).reply(200, envelope);

      const page = await adapter.listTemplates({ pageSize: 50 });

      expect(page.items.map((t) => t.status)).toEqual(['pending', 'approved', 'rejected', 'disabled', '5']);
      expect(page.items[1]).toEqual({
        id: '121',
        name: 'order_update',
        status: 'approved',
        content: TEMPLATE_EXAMPLE.body,
        raw: templates[1],
      });
    });

    it('listTemplates refuses a search (the endpoint has none) without a call', async () => {
      const error = await providerErrorOf(adapter.listTemplates({ search: 'order' }));

      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        fieldErrors: { search: [expect.any(String)] },
      });
    });
  });
});
