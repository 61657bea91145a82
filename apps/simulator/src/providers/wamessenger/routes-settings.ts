import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimCore } from '../../core/sim-core.js';
import { accountOf, maskUrl, redactBody, type AuthHook } from './auth.js';
import { badRequest, sendJson } from './errors.js';
import { scheduleToggle } from './lifecycle.js';
import { stateOf } from './state.js';
import { isWebhookUrl, parseSwitch } from './validation.js';
import { queueOf, resendQueue } from './webhooks.js';

type Query = Record<string, unknown>;

type JournalMask = (request: FastifyRequest, payload: unknown) => unknown;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the journal keeps of a route's answer when the answer echoes a secret. */
    journalMask?: JournalMask;
  }
}

/** webhook/pending and webhook/resend echo the key as `hash`: the journal keeps the answer with it masked. */
const maskKeyInJournal: JournalMask = (request, payload) =>
  redactBody(payload, request.wamessengerAccount?.credentials.apiKey ?? '');

/** webhook/set echoes the URL, whose path usually holds the receiver's secret: the journal keeps its origin only. */
const maskUrlInJournal: JournalMask = (request, payload) => {
  const url = (request.query as Query).url;
  return typeof url === 'string' && url !== '' && typeof payload === 'string'
    ? payload.split(url).join(maskUrl(url))
    : payload;
};

/**
 * The answer as the journal keeps it: a route that echoes a secret names its mask in its `config` (the provider
 * scope's journal hook calls this, so the mask needs no onSend hook of its own).
 */
export function journalResponse(request: FastifyRequest, payload: unknown): unknown {
  const mask = request.routeOptions.config.journalMask;
  return mask ? mask(request, payload) : payload;
}

/** webhook set / remove / pending / resend, sendSeen, receive. */
export function registerSettingRoutes(app: FastifyInstance, core: SimCore, auth: AuthHook): void {
  app.get(
    '/webhook/set/:apikey',
    { onRequest: auth, config: { journalMask: maskUrlInJournal } },
    async (request, reply) => {
      const url = (request.query as Query).url;
      if (typeof url !== 'string' || url === '') return badRequest(reply);
      const state = stateOf(accountOf(request));
      if (!isWebhookUrl(url)) {
        return sendJson(reply, 200, { set: 'false', url, message: 'Webhook url is not valid' });
      }
      state.webhookUrl = url;
      return sendJson(reply, 200, { set: 'true', url, message: 'Webhook has been set successfully' });
    },
  );

  app.get('/webhook/remove/:apikey', { onRequest: auth }, async (request, reply) => {
    stateOf(accountOf(request)).webhookUrl = '';
    return sendJson(reply, 200, { set: 'true', url: '', message: 'Webhook successfully removed' });
  });

  app.get(
    '/webhook/pending/:apikey',
    { onRequest: auth, config: { journalMask: maskKeyInJournal } },
    async (request, reply) => {
      const account = accountOf(request);
      const state = stateOf(account);
      const pending = queueOf(core, state).pending();
      return sendJson(reply, 200, {
        pending,
        hash: account.credentials.apiKey,
        message: `You have ${pending} pending messages`,
        url: state.webhookUrl,
      });
    },
  );

  app.get(
    '/webhook/resend/:apikey',
    { onRequest: auth, config: { journalMask: maskKeyInJournal } },
    async (request, reply) => {
      const account = accountOf(request);
      const state = stateOf(account);
      const url = state.webhookUrl;
      const pending = queueOf(core, state).pending();
      const hash = account.credentials.apiKey;
      if (!url) return sendJson(reply, 200, { pending, hash, message: 'Webhook url is not set', url });
      const { delivered, remaining } = await resendQueue(core, account);
      const failed = remaining > 0 ? `, ${remaining} messages failed` : '';
      return sendJson(reply, 200, {
        pending,
        hash,
        message: `Resend ${delivered} messages to ${url}${failed}`,
        url,
      });
    },
  );

  app.get('/sendSeen/:apikey', { onRequest: auth }, async (request, reply) => {
    const on = parseSwitch((request.query as Query).seen);
    if (on === undefined) return badRequest(reply);
    scheduleToggle(core, accountOf(request), 'seen', on);
    return sendJson(reply, 200, { set: 'True', message: `sendSeen changed to ${on ? 'on' : 'off'}` });
  });

  app.get('/receive/:apikey', { onRequest: auth }, async (request, reply) => {
    const on = parseSwitch((request.query as Query).receive);
    if (on === undefined) return badRequest(reply);
    scheduleToggle(core, accountOf(request), 'receive', on);
    return sendJson(reply, 200, { set: 'True', message: `Receive changed to ${on ? 'on' : 'off'}` });
  });
}
