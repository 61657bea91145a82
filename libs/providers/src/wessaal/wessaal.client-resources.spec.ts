import { ProviderErrorCode } from '../core/provider-error.js';
import { WessaalClient } from './wessaal.client.js';
import * as doc from './wessaal.doc-examples.js';
import {
  rejectionOf,
  WESSAAL_TEST_API_KEY as KEY,
  WESSAAL_TEST_BASE_URL,
  WESSAAL_TEST_PREFIX as P,
  wessaalBodylessApi,
  wessaalJsonApi,
} from './wessaal.test-support.js';
import { useNock } from '../core/testing/use-nock.js';

const jsonApi = wessaalJsonApi;
const bodylessApi = wessaalBodylessApi;

describe('WessaalClient instances, contacts, templates, workspaces', () => {
  useNock();

  const client = new WessaalClient({ baseUrl: WESSAAL_TEST_BASE_URL, apiKey: KEY });

  describe('instances', () => {
    it('GET instances', async () => {
      bodylessApi().get(`${P}/instances`).reply(200, doc.listInstancesExample);
      await expect(client.listInstances()).resolves.toEqual(doc.listInstancesExample);
    });

    it('GET instances/{id} by name', async () => {
      bodylessApi().get(`${P}/instances/my%20instance`).reply(200, doc.instanceDetailExample);
      await expect(client.getInstance('my instance')).resolves.toEqual(doc.instanceDetailExample);
    });

    it('GET instances/{id}/status', async () => {
      bodylessApi().get(`${P}/instances/124/status`).reply(200, doc.instanceStatusExample);
      await expect(client.getInstanceStatus(124)).resolves.toEqual(doc.instanceStatusExample);
    });
  });

  describe('contacts', () => {
    it('GET contacts: a paginator, keeping both field spellings', async () => {
      bodylessApi().get(`${P}/contacts`).query({}).reply(200, doc.listContactsExample);
      const list = await client.listContacts();
      expect(list).toEqual(doc.listContactsExample);
    });

    it('GET contacts: a bare array, with page and per_page when asked', async () => {
      const body = { success: true, data: [doc.contactExample.data] };
      bodylessApi().get(`${P}/contacts`).query({ page: '3', per_page: '10' }).reply(200, body);
      await expect(client.listContacts({ page: 3, per_page: 10 })).resolves.toEqual(body);
    });

    it('POST contacts with the doc fields phone/label/email/notes', async () => {
      jsonApi().post(`${P}/contacts`, doc.createContactRequestExample).reply(201, doc.contactExample);
      const created = await client.createContact({
        phone: '+966501234567',
        label: 'Ahmed Al-Rashid',
        email: 'ahmed@example.com',
        notes: 'VIP customer',
      });
      expect(created).toEqual(doc.contactExample);
    });

    it('GET contacts/{id}', async () => {
      bodylessApi().get(`${P}/contacts/501`).reply(200, doc.contactExample);
      await expect(client.getContact(501)).resolves.toEqual(doc.contactExample);
    });

    it('PUT contacts/{id} with only the fields to change', async () => {
      const updated = {
        success: true,
        data: { ...doc.contactExample.data, ...doc.updateContactRequestExample },
      };
      jsonApi().put(`${P}/contacts/501`, doc.updateContactRequestExample).reply(200, updated);
      await expect(
        client.updateContact('501', { label: 'Ahmed Al-Rashid (Updated)', notes: 'Upgraded to Premium' }),
      ).resolves.toEqual(updated);
    });

    it('DELETE contacts/{id}: an envelope without data', async () => {
      const body = { success: true, message: 'Contact deleted' };
      bodylessApi().delete(`${P}/contacts/501`).reply(200, body);
      await expect(client.deleteContact(501)).resolves.toEqual(body);
    });

    it('DELETE contacts/{id}: a bare 204', async () => {
      bodylessApi().delete(`${P}/contacts/502`).reply(204);
      await expect(client.deleteContact(502)).resolves.toEqual({ success: true });
    });

    it('a contact without an id is not a contact: UNEXPECTED_RESPONSE', async () => {
      bodylessApi()
        .get(`${P}/contacts/503`)
        .reply(200, { success: true, data: { phone: '+966501234567' } });
      const error = await rejectionOf(client.getContact(503));
      expect(error).toMatchObject({ code: ProviderErrorCode.UNEXPECTED_RESPONSE, httpStatus: 200 });
    });
  });

  describe('templates', () => {
    it('POST templates: 201 Created', async () => {
      jsonApi()
        .post(`${P}/templates`, doc.createTemplateRequestExample)
        .reply(201, doc.createTemplateExample);
      const created = await client.createTemplate({
        workspace_id: 22,
        name: 'Order Shipped',
        message_type: 'text',
        content: 'Hi {{name}}, your order #{{order_id}} has shipped! Track it at {{tracking_url}}.',
        is_active: true,
      });
      expect(created).toEqual(doc.createTemplateExample);
    });

    it('GET templates', async () => {
      bodylessApi().get(`${P}/templates`).query({}).reply(200, doc.listTemplatesExample);
      await expect(client.listTemplates()).resolves.toEqual(doc.listTemplatesExample);
    });

    it('reads an uncast Laravel boolean (is_active: 0) as false', async () => {
      const body = { success: true, data: [{ id: '8', name: 'Raw', is_active: 0 }] };
      bodylessApi().get(`${P}/templates`).query({}).reply(200, body);
      const list = await client.listTemplates();
      expect(Array.isArray(list.data) ? list.data[0]?.is_active : undefined).toBe(false);
    });
  });

  describe('workspaces', () => {
    it('GET workspaces', async () => {
      bodylessApi().get(`${P}/workspaces`).reply(200, doc.listWorkspacesExample);
      await expect(client.listWorkspaces()).resolves.toEqual(doc.listWorkspacesExample);
    });

    it('GET workspaces/{id}', async () => {
      bodylessApi().get(`${P}/workspaces/22`).reply(200, doc.workspaceExample);
      await expect(client.getWorkspace(22)).resolves.toEqual(doc.workspaceExample);
    });
  });
});
