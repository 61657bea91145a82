import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { ProviderReply } from '../../core/sim-provider.js';

/**
 * WaMessenger's errors, from public client code: a plain-text `Bad Request`, or JSON with a `message` field. The
 * HTTP statuses are undocumented; these are the simulator's choices (see the report / README assumptions).
 */
const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export const INVALID_KEY = { message: 'Invalid apikey' } as const;
export const MESSAGE_NOT_FOUND = { message: 'Message not found' } as const;
export const UNSUPPORTED_FORMAT = { message: 'Unsupported file format' } as const;

/** The provider's own answer for an HTTP status (also used by injected faults without a body). */
export function errorReply(status: number): ProviderReply {
  if (status === 401) return { status, body: INVALID_KEY, contentType: JSON_TYPE };
  return { status, body: STATUS_CODES[status] ?? 'Error', contentType: TEXT };
}

export function sendText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).type(TEXT).send(text);
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(JSON_TYPE).send(body);
}

export function badRequest(reply: FastifyReply): FastifyReply {
  return sendText(reply, 400, 'Bad Request');
}

export function invalidKey(reply: FastifyReply): FastifyReply {
  return sendJson(reply, 401, INVALID_KEY);
}

/**
 * Errors Fastify raises before a handler runs (malformed JSON, unknown content type, oversized body, bad URL
 * encoding) answer in the provider's style: 413 stays 413, every other client error is `400 Bad Request`.
 * Unknown paths and wrong methods answer a plain-text 404.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return sendText(reply, 413, STATUS_CODES[413]!);
    if (status >= 400 && status < 500) return badRequest(reply);
    request.log.error(error);
    return sendText(reply, 500, STATUS_CODES[500]!);
  });
  app.setNotFoundHandler((_request, reply) => sendText(reply, 404, 'Not Found'));
}
