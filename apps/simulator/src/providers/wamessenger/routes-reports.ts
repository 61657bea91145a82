import type { FastifyInstance } from 'fastify';
import { accountOf, type AuthHook } from './auth.js';
import { badRequest, MESSAGE_NOT_FOUND, sendJson, sendText } from './errors.js';
import { pageOf, pendingView, receivedView, statusView } from './format.js';
import { stateOf } from './state.js';
import { parseId, parsePage, parsePhoneFilter, type PhoneFilter } from './validation.js';

type Query = Record<string, unknown>;

/** Newest first, keeping those whose number passes the filter. */
function newestFirst<T>(items: T[], numberOf: (item: T) => string, filter: PhoneFilter | null): T[] {
  const out: T[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (!filter || filter(numberOf(item))) out.push(item);
  }
  return out;
}

/** getStatus, showAllMessages, pending, showAllGetMessages. */
export function registerReportRoutes(app: FastifyInstance, auth: AuthHook): void {
  app.get('/getStatus/:apikey', { onRequest: auth }, async (request, reply) => {
    const id = parseId((request.query as Query).id);
    if (id === undefined) return badRequest(reply);
    const message = stateOf(accountOf(request)).byId.get(id);
    if (!message) return sendJson(reply, 404, MESSAGE_NOT_FOUND);
    return sendJson(reply, 200, statusView(message));
  });

  app.get('/showAllMessages/:apikey', { onRequest: auth }, async (request, reply) => {
    const query = request.query as Query;
    const page = parsePage(query.page);
    const filter = parsePhoneFilter(query.phonenumber);
    if (page === undefined || filter === undefined) return badRequest(reply);
    const messages = newestFirst(stateOf(accountOf(request)).messages, (m) => m.phonenumber, filter);
    return sendJson(reply, 200, pageOf(messages, page, statusView));
  });

  app.get('/pending/:apikey', { onRequest: auth }, async (request, reply) => {
    const queued = stateOf(accountOf(request)).messages.filter((m) => m.stage === 'pending');
    if (queued.length === 0) return sendText(reply, 200, 'No Pending Message');
    return sendJson(reply, 200, queued.map(pendingView));
  });

  app.get('/showAllGetMessages/:apikey', { onRequest: auth }, async (request, reply) => {
    const query = request.query as Query;
    const page = parsePage(query.page);
    const filter = parsePhoneFilter(query.phonenumber);
    if (page === undefined || filter === undefined) return badRequest(reply);
    const received = newestFirst(stateOf(accountOf(request)).received, (r) => r.from, filter);
    return sendJson(reply, 200, pageOf(received, page, receivedView));
  });
}
