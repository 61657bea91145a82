import { ProviderErrorCode, WessaalClient } from '@app/providers';
import type { CheckContext, ContractCheck, ProviderSuite } from '../types.js';
import { need, testNumber } from './support.js';

type Check = ContractCheck<WessaalClient>;
type Ctx = CheckContext<WessaalClient>;

const instance = (ctx: Ctx): string => need<string>(ctx, 'instance', 'GET instances');
const queued = (
  fixture: string,
  endpoint: string,
  send: (ctx: Ctx, recipient: string) => Promise<unknown>,
  seed: number,
): Check => ({
  name: '202 queued: message_id, status pending, credits_charged',
  endpoint,
  fixture,
  kind: 'send',
  run: (ctx) => send(ctx, ctx.recipient(seed)),
});

const checks: Check[] = [
  {
    name: 'pong with a server timestamp',
    endpoint: 'GET ping',
    fixture: 'ping',
    kind: 'read',
    run: ({ client }) => client.ping(),
  },
  {
    name: 'user, key permissions and pockets',
    endpoint: 'GET me',
    fixture: 'me',
    kind: 'read',
    run: ({ client }) => client.me(),
  },
  {
    name: 'the instances with their state',
    endpoint: 'GET instances',
    fixture: 'instances-list',
    kind: 'read',
    run: async ({ client, state }) => {
      const list = await client.listInstances();
      const open = list.data.find((i) => i.status === 'open') ?? list.data[0];
      state.instance = open?.name;
      state.instanceId = open?.id;
    },
  },
  {
    name: 'one instance',
    endpoint: 'GET instances/{id}',
    fixture: 'instance-get',
    kind: 'read',
    run: (ctx) => ctx.client.getInstance(need<number>(ctx, 'instanceId', 'GET instances')),
  },
  {
    name: 'the live connection state',
    endpoint: 'GET instances/{id}/status',
    fixture: 'instance-status',
    kind: 'read',
    run: (ctx) => ctx.client.getInstanceStatus(need<number>(ctx, 'instanceId', 'GET instances')),
  },
  {
    name: 'the workspaces',
    endpoint: 'GET workspaces',
    fixture: 'workspaces-list',
    kind: 'read',
    run: async ({ client, state }) => {
      const { data } = await client.listWorkspaces();
      state.workspaceId = (Array.isArray(data) ? data : data.data)[0]?.id;
    },
  },
  {
    name: 'one workspace',
    endpoint: 'GET workspaces/{id}',
    fixture: 'workspace-get',
    kind: 'read',
    run: (ctx) => ctx.client.getWorkspace(need<number>(ctx, 'workspaceId', 'GET workspaces')),
  },
  {
    name: 'the templates paginator',
    endpoint: 'GET templates',
    fixture: 'templates-list',
    kind: 'read',
    run: async ({ client, state }) => {
      const { data } = await client.listTemplates();
      state.templateId = (Array.isArray(data) ? data : data.data).find((t) => t.is_active !== false)?.id;
    },
  },
  {
    name: 'a missing or wrong key: 401 Unauthenticated.',
    endpoint: 'GET me',
    fixture: 'error-unauthenticated',
    kind: 'read',
    expectError: ProviderErrorCode.AUTH_FAILED,
    run: ({ clientWith }) => clientWith({ apiKey: 'sk_test_contract_kit_wrong' }).me(),
  },
  {
    name: 'a contact from the doc fields',
    endpoint: 'POST contacts',
    fixture: 'contact-create',
    kind: 'write',
    run: async ({ client, state }) => {
      const created = await client.createContact({
        phone: testNumber(21),
        label: 'Contract kit',
        notes: 'kit',
      });
      state.contactId = created.data.id;
    },
  },
  {
    name: 'the contacts paginator',
    endpoint: 'GET contacts',
    fixture: 'contacts-list',
    kind: 'read',
    run: ({ client }) => client.listContacts(),
  },
  {
    name: 'one contact',
    endpoint: 'GET contacts/{id}',
    fixture: 'contact-get',
    kind: 'read',
    run: (ctx) => ctx.client.getContact(need<number>(ctx, 'contactId', 'POST contacts')),
  },
  {
    name: 'only the changed fields',
    endpoint: 'PUT contacts/{id}',
    fixture: 'contact-update',
    kind: 'write',
    run: (ctx) =>
      ctx.client.updateContact(need<number>(ctx, 'contactId', 'POST contacts'), { label: 'Contract kit 2' }),
  },
  {
    name: '201 Created',
    endpoint: 'POST templates',
    fixture: 'template-create',
    kind: 'write',
    run: (ctx) =>
      ctx.client.createTemplate({
        workspace_id: need<number>(ctx, 'workspaceId', 'GET workspaces'),
        name: `Contract kit ${Date.now()}`,
        message_type: 'text',
        content: 'Hello {{name}}',
      }),
  },
  {
    name: '202 queued: message_id, status pending, credits_charged',
    endpoint: 'POST messages/send',
    fixture: 'messages-send',
    kind: 'send',
    run: async (ctx) => {
      const sent = await ctx.client.sendMessage({
        instance: instance(ctx),
        recipient: ctx.recipient(22),
        message_type: 'text',
        content: 'Hello from our API!',
      });
      ctx.state.messageId = sent.data.message_id;
    },
  },
  {
    name: 'an image with media_url and filename: 202 queued',
    endpoint: 'POST messages/send',
    fixture: 'messages-send-image',
    kind: 'send',
    run: (ctx) =>
      ctx.client.sendMessage({
        instance: instance(ctx),
        recipient: ctx.recipient(31),
        message_type: 'image',
        content: 'Here is your invoice',
        media_url: 'https://example.com/invoice.png',
        filename: 'invoice.png',
      }),
  },
  {
    name: 'a template with its variables: 202 queued, template_used',
    endpoint: 'POST messages/send',
    fixture: 'messages-send-template',
    kind: 'send',
    run: (ctx) =>
      ctx.client.sendMessage({
        instance: instance(ctx),
        recipient: ctx.recipient(32),
        template_id: Number(need<number>(ctx, 'templateId', 'GET templates')),
        template_variables: { name: 'Ahmed', order_id: 'ORD-9988', tracking_url: 'https://example.com/t/1' },
      }),
  },
  {
    name: 'the delivery status of a sent message',
    endpoint: 'GET messages/{id}/status',
    fixture: 'message-status',
    kind: 'read',
    run: (ctx) => ctx.client.getMessageStatus(need<number>(ctx, 'messageId', 'POST messages/send')),
  },
  {
    name: 'the detail of a sent message',
    endpoint: 'GET messages/{id}',
    fixture: 'message-get',
    kind: 'read',
    run: (ctx) => ctx.client.getMessage(need<number>(ctx, 'messageId', 'POST messages/send')),
  },
  {
    name: 'the messages paginator',
    endpoint: 'GET messages',
    fixture: 'messages-list',
    kind: 'read',
    run: ({ client }) => client.listMessages({ page: 1, per_page: 20 }),
  },
  {
    name: '200 with one result per item',
    endpoint: 'POST messages/send-bulk',
    fixture: 'messages-send-bulk',
    kind: 'send',
    run: (ctx) =>
      ctx.client.sendBulk({
        instance: instance(ctx),
        messages: [
          { recipient: ctx.recipient(23), message_type: 'text', content: 'Hello Customer 1!' },
          { recipient: ctx.recipient(24), message_type: 'text', content: 'Hello Customer 2!' },
        ],
      }),
  },
  queued(
    'messages-send-location',
    'POST messages/send-location',
    (ctx, recipient) =>
      ctx.client.sendLocation({
        instance: instance(ctx),
        recipient,
        latitude: 24.7136,
        longitude: 46.6753,
        name: 'Office',
      }),
    25,
  ),
  queued(
    'messages-send-contact',
    'POST messages/send-contact',
    (ctx, recipient) =>
      ctx.client.sendContact({
        instance: instance(ctx),
        recipient,
        contacts: [{ fullName: 'Support Team', wuid: '966200001234', phoneNumber: '+966200001234' }],
      }),
    26,
  ),
  queued(
    'messages-send-poll',
    'POST messages/send-poll',
    (ctx, recipient) =>
      ctx.client.sendPoll({
        instance: instance(ctx),
        recipient,
        name: 'Preferred time?',
        values: ['Morning', 'Evening'],
      }),
    27,
  ),
  queued(
    'messages-send-buttons',
    'POST messages/send-buttons',
    (ctx, recipient) =>
      ctx.client.sendButtons({
        instance: instance(ctx),
        recipient,
        title: 'Your Order is Ready',
        description: 'Order #5678 is packed.',
        buttons: [{ type: 'reply', displayText: 'Confirm Pickup', id: 'confirm_5678' }],
      }),
    28,
  ),
  {
    name: '202 queued story',
    endpoint: 'POST messages/send-status',
    fixture: 'messages-send-status',
    kind: 'send',
    run: (ctx) =>
      ctx.client.sendStatus({
        instance: instance(ctx),
        type: 'text',
        content: 'New products just dropped!',
        all_contacts: true,
      }),
  },
  {
    name: 'no instance, an image without media_url: 422 Validation failed with errors per field',
    endpoint: 'POST messages/send',
    fixture: 'error-validation',
    kind: 'send',
    expectError: ProviderErrorCode.VALIDATION_FAILED,
    // The doc's example: no instance, an image without media_url.
    run: ({ client, recipient }) =>
      client.sendMessage({ instance: '', recipient: recipient(29), message_type: 'image', content: 'x' }),
  },
  {
    name: 'at 0 credits: 402 INSUFFICIENT_CREDITS',
    endpoint: 'POST messages/send',
    fixture: 'error-insufficient-credits',
    kind: 'send',
    needsControl: true,
    expectError: ProviderErrorCode.INSUFFICIENT_CREDITS,
    run: async (ctx) => {
      const { credits } = await ctx.control!.call<{ credits: number }>('GET', `/accounts/${ctx.accountId}`);
      await ctx.control!.call('PATCH', `/accounts/${ctx.accountId}`, { credits: 0 });
      try {
        return await ctx.client.sendMessage({
          instance: instance(ctx),
          recipient: ctx.recipient(30),
          message_type: 'text',
          content: 'no credits',
        });
      } finally {
        await ctx.control!.call('PATCH', `/accounts/${ctx.accountId}`, { credits });
      }
    },
  },
  {
    name: '410 Gone whatever the body',
    endpoint: 'POST messages/send-reaction',
    fixture: 'error-gone-send-reaction',
    kind: 'send',
    expectError: ProviderErrorCode.GONE,
    run: ({ client }) => client.sendReaction({}),
  },
  {
    name: '410 Gone whatever the body',
    endpoint: 'POST messages/send-list',
    fixture: 'error-gone-send-list',
    kind: 'send',
    expectError: ProviderErrorCode.GONE,
    run: ({ client }) => client.sendList({}),
  },
  {
    name: 'a contact the run created',
    endpoint: 'DELETE contacts/{id}',
    fixture: 'contact-delete',
    kind: 'destructive',
    run: (ctx) => ctx.client.deleteContact(need<number>(ctx, 'contactId', 'POST contacts')),
  },
];

export const wessaalSuite: ProviderSuite<WessaalClient> = {
  id: 'wessaal',
  simulatorPrefix: '/wessaal/integration/v1',
  credentialKeys: ['apiKey'],
  createClient: (baseUrl, credentials, fetchImpl) =>
    new WessaalClient({ baseUrl, apiKey: credentials.apiKey ?? '', fetch: fetchImpl }),
  checks,
};
