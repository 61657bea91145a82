import { WaMessengerClient } from '../../libs/providers/src/wamessenger/wamessenger.client.js';
import { WasheejClient } from '../../libs/providers/src/washeej/washeej.client.js';
import { WatsalClient } from '../../libs/providers/src/watsal/watsal.client.js';
import { WessaalClient } from '../../libs/providers/src/wessaal/wessaal.client.js';
import { defineProvider, type DeliberateGap, type ProviderEntry } from './manifest.js';

/**
 * Every endpoint the providers document (provider-docs/<provider>.txt, settled by provider-docs/README.md), with the
 * client method that calls it or the reason it is left out. scripts/endpoint-coverage/verify.ts checks each claim; run
 * `npm run docs:coverage` after changing this file.
 */

/** Line numbers of each endpoint's curl/PHP sample in washeej.txt and wutt.txt (one platform, two docs). */
interface PlatformLines {
  contactList: number;
  contactStore: number;
  contactUpdate: number;
  contactDelete: number;
  conversationList: number;
  changeConversationStatus: number;
  conversationDetails: number;
  sendMessage: number;
  sendTemplateMessage: number;
  templateList: number;
}

const TO = { mobileCode: '966', mobile: '500000000' };

function washeejPlatform(id: 'washeej' | 'wutt', name: string, lines: PlatformLines): ProviderEntry {
  const doc = (line: number): string => `${id}.txt:${line}`;
  return defineProvider({
    id,
    name,
    docFile: `${id}.txt`,
    clientClass: WasheejClient,
    createClient: (baseUrl, fetchImpl) =>
      new WasheejClient({
        baseUrl,
        clientId: 'id',
        clientSecret: 'secret',
        providerId: id,
        fetch: fetchImpl,
      }),
    simulatorBase: `/${id}/external-api`,
    simulatorAliases: [
      {
        base: `/${id}/extern-api`,
        why: "the docs' curl samples say `extern-api`, a typo for `external-api` (the real server answers 404 there)",
      },
    ],
    endpoints: [
      {
        method: 'GET',
        path: 'contact/list',
        doc: doc(lines.contactList),
        client: 'contactList',
        probe: (c) => c.contactList(),
      },
      {
        method: 'POST',
        path: 'contact/store',
        doc: doc(lines.contactStore),
        client: 'contactStore',
        probe: (c) => c.contactStore({ firstname: 'Ahmed', lastname: 'Ali', ...TO }),
      },
      {
        method: 'POST',
        path: 'contact/update/{contactId}',
        doc: doc(lines.contactUpdate),
        client: 'contactUpdate',
        probe: (c) => c.contactUpdate(7, { firstname: 'Ahmed' }),
      },
      {
        method: 'DELETE',
        path: 'contact/delete/{contactId}',
        doc: doc(lines.contactDelete),
        client: 'contactDelete',
        probe: (c) => c.contactDelete(7),
        note: "the docs' sample sends a body; the server ignores it and the client sends none",
      },
      {
        method: 'GET',
        path: 'inbox/conversation-list',
        doc: doc(lines.conversationList),
        client: 'conversationList',
        probe: (c) => c.conversationList(),
      },
      {
        method: 'POST',
        path: 'inbox/change-conversation-status/{id}',
        doc: doc(lines.changeConversationStatus),
        client: 'changeConversationStatus',
        probe: (c) => c.changeConversationStatus(2, 1),
      },
      {
        method: 'GET',
        path: 'inbox/conversation-details/{id}',
        doc: doc(lines.conversationDetails),
        client: 'conversationDetails',
        probe: (c) => c.conversationDetails(2),
      },
      {
        method: 'POST',
        path: 'inbox/send-message',
        doc: doc(lines.sendMessage),
        client: 'sendMessage',
        probe: (c) => c.sendMessage({ ...TO, message: 'Hello' }),
      },
      {
        method: 'POST',
        path: 'inbox/send-template-message',
        doc: doc(lines.sendTemplateMessage),
        client: 'sendTemplateMessage',
        probe: (c) => c.sendTemplateMessage({ ...TO, templateId: 1 }),
        ...(id === 'wutt' && {
          note: 'the sample spells `testmplate_id`, a typo: the client sends `template_id`',
        }),
      },
      {
        method: 'GET',
        path: 'inbox/template-list',
        doc: doc(lines.templateList),
        client: 'templateList',
        probe: (c) => c.templateList(),
      },
      ...(id === 'washeej'
        ? [
            {
              method: 'POST' as const,
              path: '(Device API: no path documented)',
              doc: doc(63),
              gap:
                'the docs show a Device/QR body (`instance_id`, `to`, `text`) but no endpoint path for it; the ' +
                'adapter refuses a non-E.164 `from` (an instance id) with VALIDATION_FAILED saying so',
            },
          ]
        : []),
    ],
  });
}

const RECIPIENT = '+966501234567';
const INSTANCE = 'main-instance';

export const PROVIDER_ENDPOINTS: ProviderEntry[] = [
  washeejPlatform('washeej', 'Washeej', {
    contactList: 72,
    contactStore: 102,
    contactUpdate: 145,
    contactDelete: 188,
    conversationList: 209,
    changeConversationStatus: 238,
    conversationDetails: 269,
    sendMessage: 329,
    sendTemplateMessage: 370,
    templateList: 386,
  }),
  washeejPlatform('wutt', 'Wutt.net', {
    contactList: 59,
    contactStore: 94,
    contactUpdate: 133,
    contactDelete: 172,
    conversationList: 197,
    changeConversationStatus: 226,
    conversationDetails: 260,
    sendMessage: 289,
    sendTemplateMessage: 336,
    templateList: 379,
  }),
  defineProvider({
    id: 'watsal',
    name: 'Watsal',
    docFile: 'watsal.txt',
    clientClass: WatsalClient,
    createClient: (baseUrl, fetchImpl) => new WatsalClient({ baseUrl, apiKey: 'key', fetch: fetchImpl }),
    simulatorBase: '/watsal',
    endpoints: [
      {
        method: 'POST',
        path: '/v1/verify/send',
        doc: 'watsal.txt:11',
        client: 'verifySend',
        probe: (c) => c.verifySend({ phone: '+201012345678' }),
      },
      {
        method: 'POST',
        path: '/v1/verify/check',
        doc: 'watsal.txt:52',
        client: 'verifyCheck',
        probe: (c) => c.verifyCheck({ requestId: 'req_550e8400', code: '123456' }),
      },
      {
        method: 'GET',
        path: '/v1/messages/{id}',
        doc: 'watsal.txt:78',
        client: 'getMessage',
        probe: (c) => c.getMessage('req_550e8400'),
      },
      {
        method: 'POST',
        path: '/v1/notifications/send',
        doc: 'watsal.txt:104',
        client: 'notificationsSend',
        probe: (c) => c.notificationsSend({ phone: '+201012345678', template: 'order_confirmed' }),
      },
    ],
  }),
  defineProvider({
    id: 'wessaal',
    name: 'Wessaal',
    docFile: 'wessaal.txt',
    clientClass: WessaalClient,
    createClient: (baseUrl, fetchImpl) =>
      new WessaalClient({ baseUrl, apiKey: 'sk_live_key', fetch: fetchImpl }),
    simulatorBase: '/wessaal/integration/v1',
    endpoints: [
      { method: 'GET', path: 'ping', doc: 'wessaal.txt:112', client: 'ping', probe: (c) => c.ping() },
      { method: 'GET', path: 'me', doc: 'wessaal.txt:132', client: 'me', probe: (c) => c.me() },
      {
        method: 'POST',
        path: 'messages/send',
        doc: 'wessaal.txt:166',
        client: 'sendMessage',
        probe: (c) =>
          c.sendMessage({ instance: INSTANCE, recipient: RECIPIENT, message_type: 'text', content: 'Hello' }),
      },
      {
        method: 'POST',
        path: 'messages/send-bulk',
        doc: 'wessaal.txt:251',
        client: 'sendBulk',
        probe: (c) =>
          c.sendBulk({
            instance: INSTANCE,
            messages: [{ recipient: RECIPIENT, message_type: 'text', content: 'Hello' }],
          }),
      },
      {
        method: 'POST',
        path: 'messages/send-status',
        doc: 'wessaal.txt:315',
        client: 'sendStatus',
        probe: (c) => c.sendStatus({ instance: INSTANCE, type: 'text', content: 'Hello' }),
      },
      {
        method: 'POST',
        path: 'messages/send-location',
        doc: 'wessaal.txt:350',
        client: 'sendLocation',
        probe: (c) =>
          c.sendLocation({ instance: INSTANCE, recipient: RECIPIENT, latitude: 24.7, longitude: 46.7 }),
      },
      {
        method: 'POST',
        path: 'messages/send-contact',
        doc: 'wessaal.txt:384',
        client: 'sendContact',
        probe: (c) =>
          c.sendContact({
            instance: INSTANCE,
            recipient: RECIPIENT,
            contacts: [{ fullName: 'Ahmed Ali', wuid: '966501234567', phoneNumber: RECIPIENT }],
          }),
      },
      {
        method: 'POST',
        path: 'messages/send-poll',
        doc: 'wessaal.txt:430',
        client: 'sendPoll',
        probe: (c) =>
          c.sendPoll({ instance: INSTANCE, recipient: RECIPIENT, name: 'Lunch?', values: ['Yes', 'No'] }),
      },
      {
        method: 'POST',
        path: 'messages/send-buttons',
        doc: 'wessaal.txt:464',
        client: 'sendButtons',
        probe: (c) =>
          c.sendButtons({
            instance: INSTANCE,
            recipient: RECIPIENT,
            title: 'Order',
            description: 'Confirm?',
            buttons: [{ type: 'reply', displayText: 'Yes', id: 'yes' }],
          }),
      },
      {
        method: 'POST',
        path: 'messages/send-reaction',
        doc: 'wessaal.txt:837',
        client: 'sendReaction',
        probe: (c) => c.sendReaction(),
        note: 'permanently disabled by the provider: 410 Gone whatever the body; the client surfaces GONE',
      },
      {
        method: 'POST',
        path: 'messages/send-list',
        doc: 'wessaal.txt:838',
        client: 'sendList',
        probe: (c) => c.sendList(),
        note: 'permanently disabled by the provider: 410 Gone whatever the body; the client surfaces GONE',
      },
      {
        method: 'GET',
        path: 'messages/{messageId}/status',
        doc: 'wessaal.txt:510',
        client: 'getMessageStatus',
        probe: (c) => c.getMessageStatus(1),
      },
      {
        method: 'GET',
        path: 'messages/{messageId}',
        doc: 'wessaal.txt:547',
        client: 'getMessage',
        probe: (c) => c.getMessage(1),
      },
      {
        method: 'GET',
        path: 'messages',
        doc: 'wessaal.txt:558',
        client: 'listMessages',
        probe: (c) => c.listMessages(),
      },
      {
        method: 'GET',
        path: 'instances',
        doc: 'wessaal.txt:601',
        client: 'listInstances',
        probe: (c) => c.listInstances(),
      },
      {
        method: 'GET',
        path: 'instances/{instanceId}',
        doc: 'wessaal.txt:628',
        client: 'getInstance',
        probe: (c) => c.getInstance(INSTANCE),
      },
      {
        method: 'GET',
        path: 'instances/{instanceId}/status',
        doc: 'wessaal.txt:639',
        client: 'getInstanceStatus',
        probe: (c) => c.getInstanceStatus(INSTANCE),
      },
      {
        method: 'GET',
        path: 'contacts',
        doc: 'wessaal.txt:673',
        client: 'listContacts',
        probe: (c) => c.listContacts(),
      },
      {
        method: 'POST',
        path: 'contacts',
        doc: 'wessaal.txt:684',
        client: 'createContact',
        probe: (c) => c.createContact({ phone: RECIPIENT, label: 'Ahmed' }),
      },
      {
        method: 'GET',
        path: 'contacts/{contactId}',
        doc: 'wessaal.txt:713',
        client: 'getContact',
        probe: (c) => c.getContact(1),
      },
      {
        method: 'PUT',
        path: 'contacts/{contactId}',
        doc: 'wessaal.txt:724',
        client: 'updateContact',
        probe: (c) => c.updateContact(1, { label: 'Ahmed' }),
      },
      {
        method: 'DELETE',
        path: 'contacts/{contactId}',
        doc: 'wessaal.txt:743',
        client: 'deleteContact',
        probe: (c) => c.deleteContact(1),
      },
      {
        method: 'POST',
        path: 'templates',
        doc: 'wessaal.txt:757',
        client: 'createTemplate',
        probe: (c) =>
          c.createTemplate({ workspace_id: 1, name: 'welcome', message_type: 'text', content: 'Hi' }),
      },
      {
        method: 'GET',
        path: 'templates',
        doc: 'wessaal.txt:803',
        client: 'listTemplates',
        probe: (c) => c.listTemplates(),
      },
      {
        method: 'GET',
        path: 'workspaces',
        doc: 'wessaal.txt:816',
        client: 'listWorkspaces',
        probe: (c) => c.listWorkspaces(),
      },
      {
        method: 'GET',
        path: 'workspaces/{workspaceId}',
        doc: 'wessaal.txt:827',
        client: 'getWorkspace',
        probe: (c) => c.getWorkspace(1),
      },
    ],
  }),
  defineProvider({
    id: 'wamessenger',
    name: 'WaMessenger',
    docFile: 'wamessenger.txt',
    clientClass: WaMessengerClient,
    createClient: (baseUrl, fetchImpl) =>
      new WaMessengerClient({ baseUrl, apiKey: 'APIKEY', fetch: fetchImpl }),
    simulatorBase: '/wamessenger',
    endpoints: [
      {
        method: 'POST',
        path: '/sendMessage/{apikey}',
        variant: 'single',
        doc: 'wamessenger.txt:53',
        client: 'sendMessage',
        probe: (c) => c.sendMessage({ phonenumber: '989121234567', text: 'test' }),
      },
      {
        method: 'POST',
        path: '/sendMessage/{apikey}',
        variant: 'group',
        doc: 'wamessenger.txt:101',
        client: 'sendGroupMessage',
        probe: (c) => c.sendGroupMessage({ phonenumber: ['989121234567', '989121234568'], text: 'test' }),
      },
      {
        method: 'GET',
        path: '/getStatus/{apikey}?id=',
        doc: 'wamessenger.txt:158',
        client: 'getStatus',
        probe: (c) => c.getStatus('80379458'),
      },
      {
        method: 'GET',
        path: '/showAllMessages/{apikey}?page=&phonenumber=',
        doc: 'wamessenger.txt:219',
        client: 'showAllMessages',
        probe: (c) => c.showAllMessages({ page: 1, phonenumber: '0912' }),
      },
      {
        method: 'GET',
        path: '/pending/{apikey}',
        doc: 'wamessenger.txt:301',
        client: 'pending',
        probe: (c) => c.pending(),
      },
      {
        method: 'GET',
        path: '/showAllGetMessages/{apikey}?page=&phonenumber=',
        doc: 'wamessenger.txt:347',
        client: 'showAllGetMessages',
        probe: (c) => c.showAllGetMessages({ page: 1, phonenumber: '912' }),
      },
      {
        method: 'GET',
        path: '/webhook/set/{apikey}?url=',
        doc: 'wamessenger.txt:423',
        client: 'setWebhook',
        probe: (c) => c.setWebhook('https://test.com'),
      },
      {
        method: 'GET',
        path: '/webhook/remove/{apikey}',
        doc: 'wamessenger.txt:471',
        client: 'removeWebhook',
        probe: (c) => c.removeWebhook(),
      },
      {
        method: 'GET',
        path: '/webhook/pending/{apikey}',
        doc: 'wamessenger.txt:520',
        client: 'webhookPending',
        probe: (c) => c.webhookPending(),
      },
      {
        method: 'GET',
        path: '/webhook/resend/{apikey}',
        doc: 'wamessenger.txt:569',
        client: 'webhookResend',
        probe: (c) => c.webhookResend(),
      },
      {
        method: 'GET',
        path: '/sendSeen/{apikey}?seen=',
        doc: 'wamessenger.txt:624',
        client: 'sendSeen',
        probe: (c) => c.sendSeen('on'),
      },
      {
        method: 'GET',
        path: '/receive/{apikey}?receive=',
        doc: 'wamessenger.txt:673',
        client: 'receive',
        probe: (c) => c.receive('on'),
      },
    ],
  }),
];

/** Gaps that are not one documented endpoint: rules, shapes and surfaces left out or settled on purpose. */
export const DELIBERATE_GAPS: DeliberateGap[] = [
  {
    providers: ['wessaal'],
    what: '`messages/send-reaction` and `messages/send-list` have no unified operation',
    why:
      'the provider disabled them for good (410 Gone whatever the body); the client methods still call the server ' +
      'and surface GONE, and the simulator answers 410',
    source: 'wessaal.txt:833',
  },
  {
    providers: ['wessaal'],
    what: '`me`, `messages/{messageId}` and `contacts/{contactId}` have no unified operation',
    why: 'account info, full message detail and a single contact have no gateway use; the client methods are there',
    source: 'libs/providers/README.md (Implementation coverage)',
  },
  {
    providers: ['washeej', 'wutt'],
    what: 'the `extern-api` prefix of the curl samples',
    why:
      'a typo for `external-api` (the real server answers 404 there): the client uses `external-api`; the ' +
      'simulator also serves every route under `extern-api` as an alias',
    source: 'provider-docs/README.md (Washeej and Wutt.net, Paths)',
  },
  {
    providers: ['watsal'],
    what: 'error responses',
    why:
      'no public doc shows them: client and simulator assume `{"success":false,"error":{"code","message"}}` with ' +
      '400/401/404/422/429',
    source: 'provider-docs/README.md (Watsal)',
  },
  {
    providers: ['wamessenger'],
    what: 'the renamed service (Bearer-auth v2 paths, JSON bodies)',
    why: 'not publicly documented, so not listed above; the client takes any base URL and a `json` body encoding for it',
    source: 'provider-docs/README.md (WaMessenger)',
  },
  {
    providers: ['wamessenger'],
    what: 'webhook callbacks (inbound messages, delivery reports 1/2/3)',
    why:
      'not an endpoint of the provider but a POST it sends: the adapter parses it (`parseWebhook`), the simulator ' +
      'sends it, the contract suite checks both',
    source: 'wamessenger.txt, provider-docs/README.md (WaMessenger)',
  },
];
