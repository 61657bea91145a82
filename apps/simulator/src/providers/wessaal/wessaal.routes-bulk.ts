import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../../core/sim-core.js';
import { authorize } from './wessaal.auth.js';
import { INSUFFICIENT_CREDITS, Refusal, validationFailed, type ErrorBody } from './wessaal.errors.js';
import { BASE } from './wessaal.routes-send.js';
import { fillTemplate, type Sender } from './wessaal.sender.js';
import { stateOf, type Instance, type Template, type WessaalAccount } from './wessaal.state.js';
import { bulkItemRules, SEND_BULK_RULES } from './wessaal.rules.js';
import { asObject, toInt, validate } from './wessaal.validation.js';

type Body = Record<string, unknown>;
const ITEM_OPTIONAL = ['media_url', 'filename', 'quoted', 'link_preview', 'mentioned', 'mentions_everyone'];

const CODES: Record<number, string> = {
  402: 'INSUFFICIENT_CREDITS',
  404: 'NOT_FOUND',
  422: 'VALIDATION_FAILED',
};

function failure(index: number, recipient: unknown, status: number, body: ErrorBody): Body {
  const out: Body = {
    index,
    recipient: typeof recipient === 'string' ? recipient : null,
    success: false,
    error: body.message,
    error_code: body.error_code ?? CODES[status] ?? 'FAILED',
  };
  if (body.errors) out.errors = body.errors;
  return out;
}

/**
 * `POST messages/send-bulk`: the request as a whole is checked like a send (validation, instance, shared
 * template, an empty pocket → 402); then each message is queued on its own, and one that fails (invalid fields,
 * unknown contact or template, blocked recipient, credits running out mid-batch) is reported in `results`.
 */
export function registerBulkRoute(app: FastifyInstance, core: SimCore, sender: Sender): void {
  app.post(`${BASE}/messages/send-bulk`, (request, reply) => {
    const account = authorize(core, request, reply, 'send_message');
    if (account === undefined) return reply;
    const body = asObject(request.body);
    const errors = validate(body, SEND_BULK_RULES);
    if (errors !== undefined) return reply.code(422).send(validationFailed(errors));
    const state = stateOf(account);
    const instance = sender.instance(state, body.instance);
    if (instance instanceof Refusal) return instance.send(reply);
    let shared: Template | undefined;
    if (body.template_id !== undefined && body.template_id !== null) {
      const template = sender.template(state, body.template_id);
      if (template instanceof Refusal) return template.send(reply);
      shared = template;
    }
    if (account.credits < 1) return reply.code(402).send(INSUFFICIENT_CREDITS);
    const defaults = asObject(body.template_variables);
    const results = (body.messages as unknown[]).map((item, index) =>
      queueItem(account, instance, shared, defaults, item, index),
    );
    const ok = results.filter((r) => r.success).length;
    return reply.code(200).send({
      success: true,
      message: `Bulk: ${ok} queued, ${results.length - ok} failed`,
      data: { total: results.length, success_count: ok, failure_count: results.length - ok, results },
    });
  });

  function queueItem(
    account: WessaalAccount,
    instance: Instance,
    shared: Template | undefined,
    defaults: Body,
    raw: unknown,
    index: number,
  ): Body {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      const errors = { [`messages.${index}`]: [`The messages.${index} must be an array.`] };
      return failure(index, null, 422, validationFailed(errors));
    }
    const item = raw as Body;
    const errors = validate(item, bulkItemRules(item.message_type, shared !== undefined));
    if (errors !== undefined) return failure(index, item.recipient, 422, validationFailed(errors));
    const state = stateOf(account);
    const target = sender.target(state, item.recipient, item.contact_id);
    if (target instanceof Refusal) return failure(index, item.recipient, target.status, target.body);
    let template = shared;
    if (item.template_id !== undefined && item.template_id !== null) {
      const own = sender.template(state, item.template_id);
      if (own instanceof Refusal) return failure(index, target.recipient, own.status, own.body);
      template = own;
    }
    const ownContent = typeof item.content === 'string' && item.content !== '' ? item.content : undefined;
    const useTemplate = template !== undefined && (ownContent === undefined || item.template_id != null);
    const variables = { ...defaults, ...asObject(item.template_variables) };
    const metadata: Body = {};
    for (const name of ITEM_OPTIONAL)
      if (item[name] !== undefined && item[name] !== null) metadata[name] = item[name];
    if (useTemplate) metadata.template_variables = variables;
    const message = sender.queue(account, {
      instance,
      type: (item.message_type as string | undefined) ?? 'text',
      recipient: target.recipient,
      content: useTemplate ? fillTemplate(template!.content, variables) : (ownContent ?? null),
      contactId: target.contactId,
      fate: target.fate,
      templateId: useTemplate ? template!.id : null,
      metadata,
      delayMs: toInt(item.delay) ?? 0,
    });
    if (message instanceof Refusal) return failure(index, target.recipient, message.status, message.body);
    return { index, recipient: target.recipient, success: true, message_id: message.id, status: 'pending' };
  }
}
