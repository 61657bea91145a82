import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimCore } from '../../core/sim-core.js';
import { authorize } from './wessaal.auth.js';
import { notFound, validationFailed } from './wessaal.errors.js';
import { paginate } from './wessaal.paginator.js';
import { BASE } from './wessaal.routes-send.js';
import { stateOf, type Message, type WessaalState } from './wessaal.state.js';
import { LIST_MESSAGES_RULES } from './wessaal.rules.js';
import { asObject, toInt, validate } from './wessaal.validation.js';
import { messageDetail, messageListItem, statusView } from './wessaal.views.js';

const NUMERIC = /^\d{1,15}$/;

/** A numeric path id, or undefined (answered as "not found", like a route constrained to numbers). */
export function pathId(request: FastifyRequest): number | undefined {
  const raw = (request.params as Record<string, string | undefined>).id;
  return raw !== undefined && NUMERIC.test(raw) ? Number(raw) : undefined;
}

export function findMessage(state: WessaalState, request: FastifyRequest): Message | undefined {
  const id = pathId(request);
  return id === undefined ? undefined : state.messages.get(id);
}

/** The public URL of this request's path, for the paginator's links. */
export function publicPath(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url.split('?', 1)[0]}`;
}

export function registerReadRoutes(app: FastifyInstance, core: SimCore): void {
  app.get(`${BASE}/messages/:id/status`, (request, reply) => {
    const account = authorize(core, request, reply, 'send_message');
    if (account === undefined) return reply;
    const message = findMessage(stateOf(account), request);
    if (message === undefined) return reply.code(404).send(notFound('Message'));
    return reply.send({ success: true, data: statusView(message) });
  });

  app.get(`${BASE}/messages/:id`, (request, reply) => {
    const account = authorize(core, request, reply, 'read_messages');
    if (account === undefined) return reply;
    const message = findMessage(stateOf(account), request);
    if (message === undefined) return reply.code(404).send(notFound('Message'));
    return reply.send({ success: true, data: messageDetail(message) });
  });

  /** Newest first; `status` and `type` filters; Laravel paginator (per_page default 50, at most 100). */
  app.get(`${BASE}/messages`, (request, reply) => {
    const account = authorize(core, request, reply, 'read_messages');
    if (account === undefined) return reply;
    const query = asObject(request.query);
    const errors = validate(query, LIST_MESSAGES_RULES);
    if (errors !== undefined) return reply.code(422).send(validationFailed(errors));
    const { status, type } = query;
    const matching: Message[] = [];
    for (const message of stateOf(account).messages.values()) {
      if (status !== undefined && status !== '' && message.status !== status) continue;
      if (type !== undefined && type !== '' && message.type !== type) continue;
      matching.push(message);
    }
    matching.reverse();
    const page = toInt(query.page) ?? 1;
    const perPage = toInt(query.per_page) ?? 50;
    const paginator = paginate(matching, page, perPage, publicPath(request));
    paginator.data = (paginator.data as Message[]).map(messageListItem);
    return reply.send({ success: true, data: paginator });
  });
}
