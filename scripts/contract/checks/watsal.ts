import { ProviderErrorCode, WatsalClient } from '@app/providers';
import type { ContractCheck, ProviderSuite } from '../types.js';
import { need } from './support.js';

type Check = ContractCheck<WatsalClient>;

const checks: Check[] = [
  {
    name: 'request_id, status sent, expires_in',
    endpoint: 'POST /v1/verify/send',
    fixture: 'verify-send',
    kind: 'send',
    run: async ({ client, state, recipient }) => {
      const sent = await client.verifySend({ phone: recipient(11), length: 6, brandName: 'Watsal App' });
      state.requestId = sent.data.request_id;
    },
  },
  {
    name: 'the code the phone received verifies',
    endpoint: 'POST /v1/verify/check',
    fixture: 'verify-check',
    kind: 'send',
    needsControl: true,
    run: async (ctx) => {
      const requestId = need<string>(ctx, 'requestId', 'POST /v1/verify/send');
      const { code } = await ctx.control!.call<{ code: string }>(
        'GET',
        `/otp/${encodeURIComponent(requestId)}`,
      );
      return ctx.client.verifyCheck({ requestId, code });
    },
  },
  {
    name: 'template notification queued',
    endpoint: 'POST /v1/notifications/send',
    fixture: 'notifications-send',
    kind: 'send',
    run: async ({ client, state, recipient }) => {
      const sent = await client.notificationsSend({
        phone: recipient(12),
        template: 'order_confirmed',
        variables: { order_id: '123', name: 'Ahmed' },
      });
      state.messageId = sent.data.request_id;
    },
  },
  {
    name: 'id, status and timestamp of a sent message',
    endpoint: 'GET /v1/messages/{id}',
    fixture: 'messages-get',
    kind: 'read',
    run: (ctx) => ctx.client.getMessage(need<string>(ctx, 'messageId', 'POST /v1/notifications/send')),
  },
  {
    name: 'an unknown message id: 404 in the error shape',
    endpoint: 'GET /v1/messages/{id}',
    fixture: 'error-not-found',
    kind: 'read',
    expectError: ProviderErrorCode.NOT_FOUND,
    run: ({ client }) => client.getMessage('req_contract-kit-unknown'),
  },
  {
    name: 'a wrong key: 401 in the error shape',
    endpoint: 'GET /v1/messages/{id}',
    fixture: 'error-unauthorized',
    kind: 'read',
    expectError: ProviderErrorCode.AUTH_FAILED,
    run: ({ clientWith }) => clientWith({ apiKey: 'contract-kit-wrong-key' }).getMessage('req_x'),
  },
];

export const watsalSuite: ProviderSuite<WatsalClient> = {
  id: 'watsal',
  simulatorPrefix: '/watsal',
  credentialKeys: ['apiKey'],
  createClient: (baseUrl, credentials, fetchImpl) =>
    new WatsalClient({ baseUrl, apiKey: credentials.apiKey ?? '', fetch: fetchImpl }),
  checks,
};
