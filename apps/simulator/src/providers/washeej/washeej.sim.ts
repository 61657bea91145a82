import { randomToken, type AccountSeed } from '../../core/account-store.js';
import type { SimClock } from '../../core/clock.js';
import type { SimProvider } from '../../core/sim-provider.js';
import { errorReply } from './errors.js';
import { phoneMessages, receiveInbound } from './lifecycle.js';
import { washeejOpenApi } from './openapi.js';
import { registerRoutes } from './routes.js';
import { demoState, freshState } from './seed.js';
import type { WasheejSimOptions, WasheejState } from './types.js';

export type { WasheejSimOptions } from './types.js';

/**
 * The Washeej/Wutt.net platform (one Laravel WhatsApp CRM behind two hosts): one implementation mounted once per
 * brand, each mount with its own accounts and credentials.
 */
export function createWasheejSim(options: WasheejSimOptions): SimProvider {
  const { id, credentialPrefix } = options;
  // The seed is relative to simulator time; the clock is known once the routes are registered.
  let clock: SimClock | undefined;
  const now = (): number => clock?.now() ?? Date.now();

  const account = (
    accountId: string,
    credentials: Record<string, string>,
    state: WasheejState,
  ): AccountSeed<WasheejState> => ({
    id: accountId,
    provider: id,
    credentials,
    ipWhitelist: ['127.0.0.1', '::1'],
    credits: 0,
    scopes: [],
    plan: 'active',
    rateLimitPerMinute: 0,
    state,
  });

  return {
    id,
    name: options.name,
    basePath: '/external-api',
    seedAccounts: () => [
      account(
        `${id}-demo`,
        { clientId: `${credentialPrefix}-demo-id`, clientSecret: `${credentialPrefix}-demo-secret` },
        demoState(now()),
      ),
    ],
    newAccount: (accountId) =>
      account(
        accountId,
        {
          clientId: randomToken(`${credentialPrefix}-id-`),
          clientSecret: randomToken(`${credentialPrefix}-secret-`, 24),
        },
        freshState(now()),
      ),
    lookupKey: (acc) => acc.credentials.clientId ?? '',
    async register(app, core) {
      clock = core.clock;
      await registerRoutes(app, core, id);
    },
    errorReply,
    inbound: (acc, input, core) => receiveInbound(core, acc, input),
    phoneMessages,
    openApiPaths: () => washeejOpenApi(options),
  };
}
