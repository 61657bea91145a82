import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { SimCore } from './sim-core.js';

interface ParserError extends Error {
  code?: string;
  /** The bytes Node's HTTP parser had read when it gave up. */
  rawPacket?: unknown;
}

/** An error answer as bytes: a provider's own body for a status, or the control API's. */
interface ErrorAnswer {
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

/** `/wessaal` of `/wessaal/integration/v1/...?x`. */
function providerIdOf(path: string): string {
  return /^\/([^/?#]+)/.exec(path)?.[1] ?? '';
}

/** The provider's own answer for `status` when `path` is under a provider's prefix, else the control API's. */
export function errorAnswer(core: SimCore, path: string, status: number, message: string): ErrorAnswer {
  const provider = core.provider(providerIdOf(path));
  if (!provider) {
    return {
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message }),
      headers: {},
    };
  }
  const reply = provider.errorReply(status);
  const text = typeof reply.body === 'string';
  return {
    contentType:
      reply.contentType ?? (text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
    body: text ? (reply.body as string) : JSON.stringify(reply.body),
    headers: reply.headers ?? {},
  };
}

/** Fastify `frameworkErrors` for the providers' instance: a URL the router refuses, in the provider's style. */
export function providerFrameworkErrors(core: SimCore) {
  return (error: Error & { statusCode?: number }, request: { url: string }, reply: FastifyReply): void => {
    // 400 for a URL that does not decode, 414 for a parameter over the router's length limit.
    const status = error.statusCode === 414 ? 414 : 400;
    const answer = errorAnswer(core, request.url, status, error.message);
    void reply.code(status).headers(answer.headers).type(answer.contentType).send(answer.body);
  };
}

/**
 * Answers a request Node's HTTP parser rejected before any route saw it (a URL or headers over 16 KB, a malformed
 * request line, a body slower than the request timeout), like Fastify's own handler but in the style of the
 * provider whose prefix the request line names (the control API's otherwise); and a `HEAD` request gets the head
 * without the body: a client that sent HEAD reads no body and would take it for the start of its next response.
 */
export function clientErrorHandler(core: SimCore) {
  return (error: ParserError, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const head = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1', 0, 2_048) : '';
    const [method = '', path = ''] = head.split('\r\n', 1)[0]!.split(' ');
    const answer = errorAnswer(core, path, status, error.message);
    const headers = Object.entries(answer.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${headers}Content-Type: ${answer.contentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(answer.body)}\r\n\r\n${method === 'HEAD' ? '' : answer.body}`,
    );
  };
}

/**
 * The control API's exception filter: an error that carries a 4xx status (a body that failed to parse, or a client
 * that hung up mid-body: Node's `aborted`) is the client's, answered with that status and not logged; everything
 * else goes to Nest's handler, which logs it.
 */
@Catch()
export class ClientFaultFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const fault = exception as { statusCode?: unknown; code?: unknown; message?: unknown } | null;
    // Node's `aborted` (the body stream ends early because the client went away) carries no status, only its code.
    const status = fault?.code === 'ECONNRESET' ? 400 : fault?.statusCode;
    if (
      !(exception instanceof HttpException) &&
      // Duck-typed: errors from Node's core may come from another realm (under jest) and fail `instanceof Error`.
      typeof fault?.message === 'string' &&
      typeof status === 'number' &&
      status >= 400 &&
      status < 500
    ) {
      const body = { statusCode: status, error: STATUS_CODES[status], message: fault.message };
      super.catch(new HttpException(body, status), host);
      return;
    }
    super.catch(exception, host);
  }
}
