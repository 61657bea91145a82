import type { Account } from '../../core/account.js';
import type { PhoneMessage, SimProvider } from '../../core/sim-provider.js';
import { apiKeyAuth, redactPath } from './auth.js';
import { registerBodyParsers } from './body-parsers.js';
import { errorReply, installErrorHandlers } from './errors.js';
import { openApiPaths } from './openapi.js';
import { registerReportRoutes } from './routes-reports.js';
import { registerSendRoutes } from './routes-send.js';
import { registerSettingRoutes } from './routes-settings.js';
import { demoSeed, freshAccount } from './seed.js';
import { IdSequence, PROVIDER_ID, stateOf } from './state.js';
import { receiveInbound } from './webhooks.js';

/** Ids start near the doc's examples and keep increasing across resets, like the real service's. */
const FIRST_MESSAGE_ID = 80_379_458;
const FIRST_RECEIVED_ID = 3_836_672;

function phoneMessages(account: Account): PhoneMessage[] {
  return stateOf(account).messages.map((m) => ({
    provider: PROVIDER_ID,
    accountId: account.id,
    id: String(m.id),
    to: m.phonenumber,
    type: m.url ? 'file' : 'chat',
    text: m.text,
    status: m.stage,
    createdAt: new Date(m.createdAt).toISOString(),
    updatedAt: new Date(m.updatedAt).toISOString(),
  }));
}

/**
 * WaMessenger (api.wamessenger.ir): every method carries the API key as a path segment, e.g.
 * `POST /wamessenger/sendMessage/{apikey}`.
 */
export function createWamessengerSim(): SimProvider {
  const messageIds = new IdSequence(FIRST_MESSAGE_ID);
  const receivedIds = new IdSequence(FIRST_RECEIVED_ID);
  return {
    id: PROVIDER_ID,
    name: 'WaMessenger',
    seedAccounts: () => [demoSeed()],
    newAccount: freshAccount,
    lookupKey: (account) => account.credentials.apiKey ?? '',
    async register(app, core) {
      app.decorateRequest('wamessengerAccount', null);
      installErrorHandlers(app);
      await registerBodyParsers(app, core);
      const auth = apiKeyAuth(core);
      registerSendRoutes(app, core, auth, messageIds);
      registerReportRoutes(app, auth);
      registerSettingRoutes(app, core, auth);
    },
    errorReply,
    inbound: (account, input, core) => receiveInbound(core, account, input, receivedIds),
    phoneMessages,
    redactPath,
    openApiPaths,
  };
}
