import { ProviderErrorCode } from '../core/provider-error.js';
import * as doc from './wessaal.doc-examples.js';
import {
  rejectionOf,
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_BASE_URL,
  WESSAAL_TEST_PREFIX as P,
  wessaalBodylessApi,
  wessaalJsonApi,
} from './wessaal.test-support.js';
import { wessaalProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

const jsonApi = wessaalJsonApi;
const getApi = wessaalBodylessApi;

describe('WessaalAdapter contacts, templates, instances, workspaces', () => {
  useNock();

  const adapter = wessaalProvider.create({
    baseUrl: WESSAAL_TEST_BASE_URL,
    credentials: { apiKey: KEY },
    defaults: { from: 'my-instance' },
  });

  describe('contacts', () => {
    it('listContacts reads a paginator and both field spellings', async () => {
      getApi().get(`${P}/contacts`).query({ page: '1', per_page: '20' }).reply(200, doc.listContactsExample);
      const page = await adapter.listContacts({ page: 1, pageSize: 20 });
      expect(page.items.map(({ id, phone, name }) => ({ id, phone, name }))).toEqual([
        { id: '501', phone: '+966501234567', name: 'Ahmed Al-Rashid' },
        { id: '502', phone: '+971501234567', name: 'Sara' },
      ]);
      expect(page).toMatchObject({ page: 1, pageCount: 1, total: 2 });
    });

    it('listContacts pages a bare "all contacts" array itself, as the caller asked', async () => {
      const contacts = [1, 2, 3, 4, 5].map((n) => ({ id: n, phone: `+96650000000${n}`, label: `C${n}` }));
      const all = { success: true, data: contacts };
      getApi().get(`${P}/contacts`).query({ page: '2', per_page: '2' }).reply(200, all);
      const second = await adapter.listContacts({ page: 2, pageSize: 2 });
      expect(second.items.map((c) => c.id)).toEqual(['3', '4']);
      expect(second).toMatchObject({ page: 2, pageCount: 3, total: 5 });
      getApi().get(`${P}/contacts`).reply(200, all);
      const whole = await adapter.listContacts();
      expect(whole.items).toHaveLength(5);
      expect(whole).toMatchObject({ page: 1, pageCount: 1, total: 5 });
    });

    it('createContact sends the doc fields phone/label/email/notes', async () => {
      jsonApi().post(`${P}/contacts`, doc.createContactRequestExample).reply(201, doc.contactExample);
      const contact = await adapter.createContact({
        phone: '+966501234567',
        firstName: 'Ahmed',
        lastName: 'Al-Rashid',
        email: 'ahmed@example.com',
        notes: 'VIP customer',
      });
      expect(contact).toEqual({
        id: '501',
        phone: '+966501234567',
        name: 'Ahmed Al-Rashid',
        email: 'ahmed@example.com',
        notes: 'VIP customer',
        raw: doc.contactExample.data,
      });
    });

    it('createContact without a phone, or with address fields, is refused', async () => {
      expect((await rejectionOf(adapter.createContact({ name: 'X' }))).fieldErrors).toHaveProperty(['phone']);
      const withCity = await rejectionOf(adapter.createContact({ phone: '+966501234567', city: 'Riyadh' }));
      expect(withCity.fieldErrors).toHaveProperty(['city']);
    });

    it('updateContact PUTs only the given fields', async () => {
      const updated = {
        success: true,
        data: { ...doc.contactExample.data, ...doc.updateContactRequestExample },
      };
      jsonApi().put(`${P}/contacts/501`, doc.updateContactRequestExample).reply(200, updated);
      const contact = await adapter.updateContact('501', {
        name: 'Ahmed Al-Rashid (Updated)',
        notes: 'Upgraded to Premium',
      });
      expect(contact).toMatchObject({
        id: '501',
        name: 'Ahmed Al-Rashid (Updated)',
        notes: 'Upgraded to Premium',
      });
    });

    it('deleteContact sends DELETE contacts/{id}', async () => {
      getApi().delete(`${P}/contacts/501`).reply(200, { success: true, message: 'Contact deleted' });
      await expect(adapter.deleteContact('501')).resolves.toBeUndefined();
    });

    it('deleteContact surfaces NOT_FOUND for a contact the key does not own', async () => {
      getApi().delete(`${P}/contacts/9`).reply(404, { success: false, message: 'Contact not found' });
      expect((await rejectionOf(adapter.deleteContact('9'))).code).toBe(ProviderErrorCode.NOT_FOUND);
    });
  });

  describe('templates', () => {
    it('listTemplates reads a bare array as one page', async () => {
      getApi().get(`${P}/templates`).query({}).reply(200, doc.listTemplatesExample);
      const page = await adapter.listTemplates();
      expect(page).toMatchObject({ page: 1, pageCount: 1, total: 1 });
      expect(page.items[0]).toEqual({
        id: '7',
        name: 'Order Shipped',
        status: 'active',
        content: doc.createTemplateRequestExample.content,
        messageType: 'text',
        raw: doc.listTemplatesExample.data[0],
      });
    });

    it('createTemplate takes input.workspaceId as workspace_id', async () => {
      jsonApi()
        .post(`${P}/templates`, doc.createTemplateRequestExample)
        .reply(201, doc.createTemplateExample);
      const template = await adapter.createTemplate({
        workspaceId: '22',
        name: 'Order Shipped',
        content: doc.createTemplateRequestExample.content,
        isActive: true,
      });
      expect(template).toMatchObject({
        id: '7',
        name: 'Order Shipped',
        status: 'active',
        messageType: 'text',
      });
    });

    it('createTemplate without a numeric workspaceId is refused', async () => {
      const error = await rejectionOf(adapter.createTemplate({ name: 'n', content: 'c' }));
      expect(error).toMatchObject({ code: ProviderErrorCode.VALIDATION_FAILED });
      expect(error.fieldErrors).toHaveProperty(['workspaceId']);
    });
  });

  describe('instances and workspaces', () => {
    it('listInstances', async () => {
      getApi().get(`${P}/instances`).reply(200, doc.listInstancesExample);
      await expect(adapter.listInstances()).resolves.toEqual([
        {
          id: '124',
          name: 'my-instance',
          status: 'open',
          workspace: { id: '22', name: 'Main Workspace' },
          raw: doc.listInstancesExample.data[0],
        },
      ]);
    });

    it('getInstance combines the detail with the live status', async () => {
      getApi().get(`${P}/instances/my-instance`).reply(200, doc.instanceDetailExample);
      getApi().get(`${P}/instances/my-instance/status`).reply(200, doc.instanceStatusExample);
      await expect(adapter.getInstance('my-instance')).resolves.toEqual({
        id: '124',
        name: 'my-instance',
        status: 'open',
        phoneNumber: '+966501234567',
        workspace: { id: '22', name: 'Main Workspace' },
        raw: { detail: doc.instanceDetailExample, liveStatus: doc.instanceStatusExample },
      });
    });

    it('getInstance falls back to the stored status when the gateway is down', async () => {
      getApi().get(`${P}/instances/124`).reply(200, doc.instanceDetailExample);
      getApi()
        .get(`${P}/instances/124/status`)
        .reply(503, { success: false, message: 'Gateway unavailable' });
      await expect(adapter.getInstance('124')).resolves.toMatchObject({ id: '124', status: 'close' });
    });

    it('getInstance surfaces other live-status errors', async () => {
      getApi().get(`${P}/instances/124`).reply(200, doc.instanceDetailExample);
      getApi().get(`${P}/instances/124/status`).reply(403, { success: false, message: 'Forbidden' });
      expect((await rejectionOf(adapter.getInstance('124'))).code).toBe(ProviderErrorCode.PERMISSION_DENIED);
    });

    it('listWorkspaces and getWorkspace', async () => {
      getApi().get(`${P}/workspaces`).reply(200, doc.listWorkspacesExample);
      getApi().get(`${P}/workspaces/22`).reply(200, doc.workspaceExample);
      await expect(adapter.listWorkspaces()).resolves.toEqual([
        { id: '22', name: 'Main Workspace', raw: doc.listWorkspacesExample.data[0] },
      ]);
      await expect(adapter.getWorkspace('22')).resolves.toEqual({
        id: '22',
        name: 'Main Workspace',
        raw: doc.workspaceExample.data,
      });
    });
  });
});
