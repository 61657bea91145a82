import { WaMessengerClient } from '@app/providers';
import type { CheckContext, ContractCheck, ProviderSuite } from '../types.js';
import { need, testNumber } from './support.js';

type Check = ContractCheck<WaMessengerClient>;

/** On the simulator a local number the way WaMessenger's examples write them; live, the `--to` number. */
const local = (ctx: CheckContext<WaMessengerClient>, seed: number): string =>
  ctx.control ? `0935${testNumber(seed).slice(-7)}` : ctx.recipient(seed);

const checks: Check[] = [
  {
    // Only where the queue is known to be empty: a fresh simulator account, before any send.
    name: 'an empty queue: the plain text "No Pending Message"',
    endpoint: 'GET pending/{apikey}',
    fixture: 'pending-empty',
    kind: 'read',
    needsControl: true,
    run: ({ client }) => client.pending(),
  },
  {
    name: 'the message id as a bare number',
    endpoint: 'POST sendMessage/{apikey}',
    fixture: 'send-message',
    kind: 'send',
    run: async (ctx) => {
      ctx.state.messageId = await ctx.client.sendMessage({
        phonenumber: local(ctx, 41),
        text: 'Hello from the contract kit',
      });
    },
  },
  {
    name: 'group send: phonenumber and tracking_Code per number',
    endpoint: 'POST sendMessage/{apikey} (group)',
    fixture: 'send-message-group',
    kind: 'send',
    run: async (ctx) => {
      // These two stay queued for a simulator minute, so the pending check below finds items even when a busy
      // machine takes longer than the default 200 ms (real time) between the sends and that read.
      if (ctx.control)
        await ctx.control.call('PATCH', `/accounts/${ctx.accountId}`, { delays: { sentMs: 60_000 } });
      return ctx.client.sendGroupMessage({
        phonenumber: [local(ctx, 42), local(ctx, 43)],
        text: 'Your receipt',
        url: 'https://example.com/receipt.png',
      });
    },
  },
  {
    name: 'the delivery report of a sent message',
    endpoint: 'GET getStatus/{apikey}?id=',
    fixture: 'get-status',
    kind: 'read',
    run: (ctx) => ctx.client.getStatus(need<string>(ctx, 'messageId', 'POST sendMessage/{apikey}')),
  },
  {
    name: 'count, pageCount, page label and reports',
    endpoint: 'GET showAllMessages/{apikey}',
    fixture: 'show-all-messages',
    kind: 'read',
    run: ({ client }) => client.showAllMessages({ page: 1 }),
  },
  {
    name: 'the pending queue (items or the plain text)',
    endpoint: 'GET pending/{apikey}',
    fixture: 'pending',
    kind: 'read',
    run: ({ client }) => client.pending(),
  },
  {
    name: 'set "True" and the message',
    endpoint: 'GET receive/{apikey}?receive=on|off',
    fixture: 'receive',
    kind: 'write',
    run: ({ client }) => client.receive('on'),
  },
  {
    name: 'received messages',
    endpoint: 'GET showAllGetMessages/{apikey}',
    fixture: 'show-all-get-messages',
    kind: 'read',
    run: async ({ client, control, accountId }) => {
      if (control) {
        // `receive on` (the check before) takes about 30 s to apply: simulator time jumps over it.
        await control.call('POST', '/clock/advance', { ms: 31_000 });
        await control.call('POST', '/inbound', {
          provider: 'wamessenger',
          account: accountId,
          from: `0935${testNumber(44).slice(-7)}`,
          text: 'hi',
        });
      }
      return client.showAllGetMessages({ page: 1 });
    },
  },
  {
    name: 'the webhook queue',
    endpoint: 'GET webhook/pending/{apikey}',
    fixture: 'webhook-pending',
    kind: 'read',
    run: ({ client }) => client.webhookPending(),
  },
  {
    name: 'set "true" with the url',
    endpoint: 'GET webhook/set/{apikey}?url=',
    fixture: 'webhook-set',
    kind: 'write',
    run: ({ client }) => client.setWebhook('https://example.com/wamessenger-hook'),
  },
  {
    name: 'resend the queue',
    endpoint: 'GET webhook/resend/{apikey}',
    fixture: 'webhook-resend',
    kind: 'write',
    run: ({ client }) => client.webhookResend(),
  },
  {
    name: 'set "true" with an empty url',
    endpoint: 'GET webhook/remove/{apikey}',
    fixture: 'webhook-remove',
    kind: 'write',
    run: ({ client }) => client.removeWebhook(),
  },
  {
    name: 'set "True" and the message',
    endpoint: 'GET sendSeen/{apikey}?seen=on|off',
    fixture: 'send-seen',
    kind: 'write',
    run: ({ client }) => client.sendSeen('off'),
  },
];

export const wamessengerSuite: ProviderSuite<WaMessengerClient> = {
  id: 'wamessenger',
  simulatorPrefix: '/wamessenger',
  credentialKeys: ['apiKey'],
  createClient: (baseUrl, credentials, fetchImpl) =>
    new WaMessengerClient({ baseUrl, apiKey: credentials.apiKey ?? '', fetch: fetchImpl }),
  checks,
};
