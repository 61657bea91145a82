import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { RecipientFate } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import { authorize } from './wessaal.auth.js';
import { Refusal, validationFailed } from './wessaal.errors.js';
import { fillTemplate, type QueueInput, type Sender, type Target } from './wessaal.sender.js';
import { stateOf, type Instance, type WessaalAccount } from './wessaal.state.js';
import {
  isPlainTextSend,
  SEND_BUTTONS_RULES,
  SEND_CONTACT_RULES,
  SEND_LOCATION_RULES,
  SEND_POLL_RULES,
  sendStatusRules,
  sendRules,
} from './wessaal.rules.js';
import { asObject, toBool, toInt, validate, type Rules } from './wessaal.validation.js';
import { sendView } from './wessaal.views.js';

export const BASE = '/integration/v1';
const QUEUED = 'Message queued for sending';
const SEND_OPTIONAL = [
  'media_url',
  'filename',
  'template_variables',
  'delay',
  'quoted',
  'link_preview',
  'mentioned',
  'mentions_everyone',
];

type Body = Record<string, unknown>;
/** An endpoint's rules, or the rules for the body's `type`. */
type RulesFor = Rules | ((type: unknown) => Rules);
/** What one send-* endpoint adds to the message once instance and recipient are settled. */
type Build = (
  body: Body,
) => Pick<QueueInput, 'type' | 'content' | 'metadata'> & Partial<Pick<QueueInput, 'delayMs'>>;

const NONE: Body = Object.freeze({});

/** The fields of `body` among `names` that were sent (a shared empty object when none was). */
function pick(body: Body, names: readonly string[]): Body {
  let out: Body | undefined;
  for (const name of names)
    if (body[name] !== undefined && body[name] !== null) (out ??= {})[name] = body[name];
  return out ?? NONE;
}

/** The 202 body, serialized by a compiled schema rather than JSON.stringify (the send is benchmarked). */
const QUEUED_SCHEMA: FastifySchema = {
  response: {
    202: {
      type: 'object',
      properties: {
        success: { type: 'boolean' },
        message: { type: 'string' },
        data: {
          type: 'object',
          properties: {
            message_id: { type: 'integer' },
            status: { type: 'string' },
            type: { type: 'string' },
            recipient: { type: 'string' },
            queued_at: { type: 'string' },
            instance: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
            template_used: { type: 'boolean' },
            credits_charged: { type: 'integer' },
          },
        },
      },
    },
  },
};

export function registerSendRoutes(app: FastifyInstance, core: SimCore, sender: Sender): void {
  /** The benchmarked route: Map lookups, a precompiled fast check, one lifecycle-lane push. */
  app.post(`${BASE}/messages/send`, { schema: QUEUED_SCHEMA }, (request, reply) => {
    const account = authorize(core, request, reply, 'send_message');
    if (account === undefined) return reply;
    const body = asObject(request.body);
    if (!isPlainTextSend(body)) {
      const errors = validate(body, sendRules(body.message_type));
      if (errors !== undefined) return reply.code(422).send(validationFailed(errors));
    }
    const state = stateOf(account);
    const instance = sender.instance(state, body.instance);
    if (instance instanceof Refusal) return instance.send(reply);
    const target = sender.target(state, body.recipient, body.contact_id);
    if (target instanceof Refusal) return target.send(reply);
    let content = body.content as string | undefined;
    let templateId: number | null = null;
    if (body.template_id !== undefined && body.template_id !== null) {
      const template = sender.template(state, body.template_id);
      if (template instanceof Refusal) return template.send(reply);
      templateId = template.id;
      content = fillTemplate(template.content, asObject(body.template_variables));
    }
    const message = sender.queue(account, {
      instance,
      type: (body.message_type as string | undefined) ?? 'text',
      recipient: target.recipient,
      content: content ?? null,
      contactId: target.contactId,
      fate: target.fate,
      templateId,
      metadata: pick(body, SEND_OPTIONAL),
      delayMs: toInt(body.delay) ?? 0,
    });
    if (message instanceof Refusal) return message.send(reply);
    return reply
      .code(202)
      .send({ success: true, message: QUEUED, data: sendView(message, templateId !== null) });
  });

  const other = (path: string, rules: RulesFor, build: Build, needsTarget = true) =>
    app.post(`${BASE}/messages/${path}`, { schema: QUEUED_SCHEMA }, (request, reply) =>
      sendOther(request, reply, rules, build, needsTarget),
    );

  function sendOther(
    request: FastifyRequest,
    reply: FastifyReply,
    rules: RulesFor,
    build: Build,
    needsTarget: boolean,
  ): FastifyReply {
    const account: WessaalAccount | undefined = authorize(core, request, reply, 'send_message');
    if (account === undefined) return reply;
    const body = asObject(request.body);
    const errors = validate(body, typeof rules === 'function' ? rules(body.type) : rules);
    if (errors !== undefined) return reply.code(422).send(validationFailed(errors));
    const state = stateOf(account);
    const instance: Instance | Refusal = sender.instance(state, body.instance);
    if (instance instanceof Refusal) return instance.send(reply);
    const target: Target | Refusal = needsTarget
      ? sender.target(state, body.recipient, body.contact_id)
      : { recipient: 'status@broadcast', contactId: null, fate: RecipientFate.NORMAL };
    if (target instanceof Refusal) return target.send(reply);
    const message = sender.queue(account, {
      instance,
      recipient: target.recipient,
      contactId: target.contactId,
      fate: target.fate,
      templateId: null,
      delayMs: 0,
      ...build(body),
    });
    if (message instanceof Refusal) return message.send(reply);
    return reply.code(202).send({ success: true, message: QUEUED, data: sendView(message, false) });
  }

  other(
    'send-status',
    sendStatusRules,
    (b) => ({
      type: 'status',
      content: b.content as string,
      metadata: {
        ...pick(b, ['caption', 'background_color', 'font', 'status_jid_list']),
        story_type: b.type,
        all_contacts: toBool(b.all_contacts, true),
      },
    }),
    false,
  );
  other('send-location', SEND_LOCATION_RULES, (b) => ({
    type: 'location',
    content: (b.name as string | undefined) ?? null,
    metadata: {
      ...pick(b, ['name', 'address']),
      latitude: Number(b.latitude),
      longitude: Number(b.longitude),
    },
  }));
  other('send-contact', SEND_CONTACT_RULES, (b) => ({
    type: 'contact',
    content: null,
    metadata: { contacts: b.contacts },
  }));
  other('send-poll', SEND_POLL_RULES, (b) => ({
    type: 'poll',
    content: b.name as string,
    metadata: { ...pick(b, ['quoted']), values: b.values, selectable_count: toInt(b.selectable_count) ?? 1 },
    delayMs: toInt(b.delay) ?? 0,
  }));
  other('send-buttons', SEND_BUTTONS_RULES, (b) => ({
    type: 'buttons',
    content: b.description as string,
    metadata: pick(b, ['title', 'footer', 'buttons']),
  }));
}
