import type { SimProvider } from '../../core/sim-provider.js';
import { errorReply } from './errors.js';
import { watsalOpenApi } from './openapi.js';
import { registerRoutes } from './routes.js';
import { newAccount, seedAccounts } from './seed.js';
import { stateOf } from './state.js';

/** Watsal (https://api.watsal.com): OTP verification and template notifications over WhatsApp, Bearer auth. */
export function createWatsalSim(): SimProvider {
  return {
    id: 'watsal',
    name: 'Watsal',
    basePath: '',
    seedAccounts,
    newAccount,
    lookupKey: (account) => account.credentials.apiKey ?? '',
    register: registerRoutes,
    errorReply,
    // Watsal has no inbound API (no webhooks, no received-message list): nothing to store.
    inbound: () => ({ stored: false, reason: 'watsal has no inbound messages' }),
    phoneMessages: (account) =>
      [...stateOf(account).messages.values()].map((m) => ({
        provider: 'watsal',
        accountId: account.id,
        id: m.id,
        to: m.to,
        type: m.kind,
        text: m.text,
        status: m.status,
        createdAt: new Date(m.createdAt).toISOString(),
        updatedAt: new Date(m.updatedAt).toISOString(),
      })),
    findOtp: (account, requestId) => stateOf(account).otps.get(requestId)?.code,
    openApiPaths: watsalOpenApi,
  };
}
