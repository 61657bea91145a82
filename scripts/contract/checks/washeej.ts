import { ProviderErrorCode, WasheejClient, type WasheejTemplate } from '@app/providers';
import type { ContractCheck, ProviderSuite } from '../types.js';
import { need, testNumber } from './support.js';

type Check = ContractCheck<WasheejClient>;

/** Splits `+966512345678` into Washeej's mobile_code and mobile. */
const split = (e164: string): { mobileCode: string; mobile: string } => ({
  mobileCode: e164.slice(1, 4),
  mobile: e164.slice(4),
});

const checks: Check[] = [
  {
    name: 'the templates paginator with statuses',
    endpoint: 'GET inbox/template-list',
    fixture: 'template-list',
    kind: 'read',
    run: async ({ client, state }) => {
      const list = await client.templateList();
      state.template = list.data?.templates.data.find((t) => t.status === 1);
    },
  },
  {
    name: 'wrong credentials: 401 Unauthorized "Invalid credentials"',
    endpoint: 'GET contact/list',
    fixture: 'error-invalid-credentials',
    kind: 'read',
    expectError: ProviderErrorCode.AUTH_FAILED,
    run: ({ clientWith }) =>
      clientWith({ clientId: 'contract-kit-unknown', clientSecret: 'wrong' }).contactList(),
  },
  {
    name: 'missing client-secret: 401 Unauthorized "The client secret is required"',
    endpoint: 'GET contact/list',
    fixture: 'error-client-secret-required',
    kind: 'read',
    expectError: ProviderErrorCode.AUTH_FAILED,
    run: ({ clientWith, credentials }) =>
      clientWith({ clientId: credentials.clientId ?? '', clientSecret: '' }).contactList(),
  },
  {
    name: 'caller IP not whitelisted: 401 with the two sentences',
    endpoint: 'GET contact/list',
    fixture: 'error-ip-not-whitelisted',
    kind: 'read',
    needsControl: true,
    expectError: ProviderErrorCode.IP_NOT_WHITELISTED,
    run: async ({ client, control, accountId }) => {
      const account = `/accounts/${encodeURIComponent(accountId ?? '')}`;
      const { ipWhitelist } = await control!.call<{ ipWhitelist: string[] }>('GET', account);
      await control!.call('PATCH', account, { ipWhitelist: ['203.0.113.7'] });
      try {
        return await client.contactList();
      } finally {
        await control!.call('PATCH', account, { ipWhitelist });
      }
    },
  },
  {
    name: 'contact_save with data.contact',
    endpoint: 'POST contact/store',
    fixture: 'contact-store',
    kind: 'write',
    run: async ({ client, state }) => {
      const stored = await client.contactStore({
        firstname: 'Contract',
        lastname: 'Kit',
        ...split(testNumber(1)),
        city: 'Riyadh',
      });
      state.createdContactId = stored.data?.contact.id;
    },
  },
  {
    name: 'the contacts paginator in the success envelope',
    endpoint: 'GET contact/list',
    fixture: 'contact-list',
    kind: 'read',
    run: async ({ client, state }) => {
      const list = await client.contactList({ page: 1, paginate: 20 });
      state.contactId = list.data?.contacts.data[0]?.id;
    },
  },
  {
    name: 'only the changed fields; the success envelope',
    endpoint: 'POST contact/update/{id}',
    fixture: 'contact-update',
    kind: 'write',
    run: (ctx) =>
      ctx.client.contactUpdate(need<number>(ctx, 'createdContactId', 'POST contact/store'), {
        city: 'Jeddah',
      }),
  },
  {
    name: 'a duplicate mobile: HTTP 200 validation_error with a flat list of sentences',
    endpoint: 'POST contact/store',
    fixture: 'error-validation',
    kind: 'write',
    expectError: ProviderErrorCode.VALIDATION_FAILED,
    run: async ({ client }) => {
      const contact = { firstname: 'Contract', lastname: 'Twice', ...split(testNumber(2)) };
      await client.contactStore(contact);
      return client.contactStore(contact);
    },
  },
  {
    name: 'a template to an approved template id: template_sent',
    endpoint: 'POST inbox/send-template-message',
    fixture: 'send-template-message',
    kind: 'send',
    run: (ctx) => {
      const template = need<WasheejTemplate>(ctx, 'template', 'GET inbox/template-list');
      const values = (count: unknown): string[] =>
        Array.from({ length: Number(count ?? 0) }, (_, i) => `value ${i + 1}`);
      return ctx.client.sendTemplateMessage({
        ...split(ctx.recipient(3)),
        templateId: template.id,
        bodyVariables: values(template.body_variables),
        headerVariables: values(template.header_variables),
      });
    },
  },
  {
    name: 'a text in the 24 h window: conversation_id and the stored message',
    endpoint: 'POST inbox/send-message',
    fixture: 'send-message',
    kind: 'send',
    run: async ({ client, control, accountId, state, recipient }) => {
      const to = recipient(4);
      // The customer writes first (the 24 h window); against a live account the check uses a number that wrote in.
      if (control)
        await control.call('POST', '/inbound', {
          provider: state.provider,
          account: accountId,
          from: to,
          text: 'hi',
        });
      const sent = await client.sendMessage({ ...split(to), message: 'Hello! This is a test message.' });
      state.sentConversationId = sent.data?.conversation_id;
    },
  },
  {
    name: 'the conversations paginator with contact and notes',
    endpoint: 'GET inbox/conversation-list',
    fixture: 'conversation-list',
    kind: 'read',
    run: async ({ client, state }) => {
      const list = await client.conversationList({ page: 1, paginate: 20 });
      state.conversationId = list.data?.conversation.data[0]?.id;
    },
  },
  {
    name: 'one conversation with contact, tags and lists',
    endpoint: 'GET inbox/conversation-details/{id}',
    fixture: 'conversation-details',
    kind: 'read',
    run: ({ client, ...ctx }) =>
      client.conversationDetails(
        need<number>({ client, ...ctx }, 'conversationId', 'GET inbox/conversation-list'),
      ),
  },
  {
    name: 'status_updated',
    endpoint: 'POST inbox/change-conversation-status/{id}',
    fixture: 'change-conversation-status',
    kind: 'write',
    run: (ctx) =>
      ctx.client.changeConversationStatus(
        need<number>(ctx, 'conversationId', 'GET inbox/conversation-list'),
        3,
      ),
  },
  {
    name: 'contact_deleted (a contact without messages)',
    endpoint: 'DELETE contact/delete/{id}',
    fixture: 'contact-delete',
    kind: 'destructive',
    run: (ctx) => ctx.client.contactDelete(need<number>(ctx, 'createdContactId', 'POST contact/store')),
  },
];

export function washeejPlatformSuite(id: 'washeej' | 'wutt'): ProviderSuite<WasheejClient> {
  return {
    id,
    simulatorPrefix: `/${id}/external-api`,
    credentialKeys: ['clientId', 'clientSecret'],
    createClient: (baseUrl, credentials, fetchImpl) =>
      new WasheejClient({
        baseUrl,
        clientId: credentials.clientId ?? '',
        clientSecret: credentials.clientSecret ?? '',
        fetch: fetchImpl,
        providerId: id,
      }),
    checks,
  };
}
