import { trimArray } from '../../core/retention.js';
import type { Account } from '../../core/account.js';
import type { SimCore } from '../../core/sim-core.js';
import type { InboundInput, PhoneMessage, SimProvider } from '../../core/sim-provider.js';
import { errorReply } from './wessaal.errors.js';
import { registerDisabledRoutes, registerErrorHandling, registerParsers } from './wessaal.http.js';
import { Lifecycle } from './wessaal.lifecycle.js';
import { wessaalOpenApi } from './wessaal.openapi.js';
import { registerAccountRoutes } from './wessaal.routes-account.js';
import { registerBulkRoute } from './wessaal.routes-bulk.js';
import { contactWithPhone, registerContactRoutes } from './wessaal.routes-contacts.js';
import { registerReadRoutes } from './wessaal.routes-read.js';
import { registerSendRoutes } from './wessaal.routes-send.js';
import { newAccount, seedAccounts } from './wessaal.seed.js';
import { Sender } from './wessaal.sender.js';
import { IdSequences, laravelTime, stateOf, type InboundMessage } from './wessaal.state.js';

/** Wessaal's Integration API (`/integration/v1`, `X-API-Key`, scopes, credits), under `/wessaal`. */
export function createWessaalSim(): SimProvider {
  const ids = new IdSequences();
  return {
    id: 'wessaal',
    name: 'Wessaal',
    basePath: '/integration/v1',
    seedAccounts,
    newAccount: (id) => newAccount(id, ids),
    lookupKey: (account) => account.credentials.apiKey ?? '',

    register(app, core) {
      const sender = new Sender(core, ids, new Lifecycle(core.clock));
      registerParsers(app);
      registerErrorHandling(app, core);
      registerSendRoutes(app, core, sender);
      registerBulkRoute(app, core, sender);
      registerDisabledRoutes(app, core);
      registerReadRoutes(app, core);
      registerAccountRoutes(app, core);
      registerContactRoutes(app, core, ids);
    },

    errorReply,

    /**
     * The doc has no inbound endpoint or webhook: the message is stored (with a contact for a new number) and
     * returned to the control API; no Integration API endpoint lists it.
     */
    inbound(account: Account, input: InboundInput, core: SimCore): InboundMessage {
      const state = stateOf(account);
      const now = laravelTime(core.clock.now());
      let contact = contactWithPhone(state, input.from);
      if (contact === undefined) {
        contact = {
          id: ++ids.contact,
          phone: input.from,
          label: null,
          email: null,
          notes: null,
          createdAt: now,
          updatedAt: now,
        };
        state.contacts.set(contact.id, contact);
      }
      const message: InboundMessage = {
        id: ++ids.inbound,
        from: input.from,
        text: input.text,
        contact_id: contact.id,
        received_at: now,
      };
      state.inbound.push(message);
      trimArray(state.inbound, core.config.maxMessagesPerAccount, () => true);
      return message;
    },

    phoneMessages(account: Account): PhoneMessage[] {
      return [...stateOf(account).messages.values()].map((m) => ({
        provider: 'wessaal',
        accountId: account.id,
        id: String(m.id),
        to: m.recipient,
        type: m.type,
        ...(m.content === null ? {} : { text: m.content }),
        status: m.status,
        createdAt: m.queuedAt,
        updatedAt: m.updatedAt,
        ...(m.errorMessage === null ? {} : { error: m.errorMessage }),
        details: m.metadata,
      }));
    },

    openApiPaths: wessaalOpenApi,
  };
}
