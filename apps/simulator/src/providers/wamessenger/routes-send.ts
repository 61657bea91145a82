import type { FastifyInstance } from 'fastify';
import { fateOf, RecipientFate } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import { accountOf, type AuthHook } from './auth.js';
import { readMultipart } from './body-parsers.js';
import { badRequest, sendJson, sendText, UNSUPPORTED_FORMAT } from './errors.js';
import { createMessage, startLifecycle } from './lifecycle.js';
import { stateOf, trimMessages, type IdSequence } from './state.js';
import { parseSend } from './validation.js';

/**
 * POST /sendMessage/{apikey}: a single send answers the bare message id as text (`80379458`); with phonenumber
 * as an array it is the group send and answers `[{"phonenumber","tracking_Code"}]`.
 */
export function registerSendRoutes(
  app: FastifyInstance,
  core: SimCore,
  auth: AuthHook,
  ids: IdSequence,
): void {
  app.post('/sendMessage/:apikey', { onRequest: auth }, async (request, reply) => {
    const account = accountOf(request);
    let body: unknown = request.body;
    if (request.isMultipart()) {
      const read = await readMultipart(request);
      if (!read.ok)
        return read.status === 413 ? sendText(reply, 413, 'Payload Too Large') : badRequest(reply);
      body = read.body;
      request.body = body;
    }
    const input = parseSend(body);
    if (input.kind === 'bad') return badRequest(reply);
    if (input.kind === 'unsupported-format') return sendJson(reply, 400, UNSUPPORTED_FORMAT);

    const recipients = input.kind === 'single' ? [input.phonenumber] : input.phonenumbers;
    const blocked = recipients.find((p) => fateOf(p) === RecipientFate.BLOCKED);
    if (blocked !== undefined) return sendJson(reply, 400, { message: `Phonenumber ${blocked} is blocked` });

    const state = stateOf(account);
    const now = core.clock.now();
    if (input.kind === 'single') {
      const message = createMessage(state, ids.take(), input.phonenumber, input.text, input.url, now);
      startLifecycle(core, account, message);
      trimMessages(state, core.config.maxMessagesPerAccount);
      return sendText(reply, 200, String(message.id));
    }
    const answer = input.phonenumbers.map((phonenumber) => {
      const message = createMessage(state, ids.take(), phonenumber, input.text, input.url, now);
      startLifecycle(core, account, message);
      return { phonenumber, tracking_Code: message.id };
    });
    trimMessages(state, core.config.maxMessagesPerAccount);
    return sendJson(reply, 200, answer);
  });
}
