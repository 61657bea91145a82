import type { Account } from '../../core/account.js';
import { restartSafeIdStart } from '../../core/id-origin.js';
import type { PhoneMessage, SimProvider } from '../../core/sim-provider.js';
import { apiKeyAuth, redactPath } from './auth.js';
import { registerBodyParsers } from './body-parsers.js';
import { errorReply, installErrorHandlers } from './errors.js';
import { openApiPaths } from './openapi.js';
import { registerReportRoutes } from './routes-reports.js';
import { registerSendRoutes } from './routes-send.js';
import { journalResponse, registerSettingRoutes } from './routes-settings.js';
import { demoSeed, freshAccount } from './seed.js';
import { IdSequence, PROVIDER_ID, stateOf } from './state.js';
import { receiveInbound } from './webhooks.js';

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
    ...(m.url ? { details: { media_url: m.url } } : {}),
  }));
}

/**
 * WaMessenger (api.wamessenger.ir): every method carries the API key as a path segment, e.g.
 * `POST /wamessenger/sendMessage/{apikey}`.
 */
export function createWamessengerSim(): SimProvider {
  // Tracking codes and received ids keep increasing across resets and restarts (they start from the start time).
  const messageIds = new IdSequence(restartSafeIdStart());
  const receivedIds = new IdSequence(restartSafeIdStart());
  return {
    id: PROVIDER_ID,
    name: 'WaMessenger',
    basePath: '',
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
    redactResponse: journalResponse,
    openApiPaths,
  };
}
