import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

interface ParserError extends Error {
  code?: string;
  /** The bytes Node's HTTP parser had read when it gave up. */
  rawPacket?: Buffer;
}

/**
 * Answers a request Node's HTTP parser rejected before any route saw it (a URL or headers over 16 KB, a malformed
 * request line, a body slower than the request timeout). Like Fastify's own handler, in the control API's shape, but
 * a `HEAD` request gets the head without the body: a client that sent HEAD reads no body and would take the JSON
 * for the start of its next response.
 */
export function clientErrorHandler(error: ParserError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message: error.message });
  const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${head ? '' : body}`,
  );
}

/**
 * The control API's exception filter: an error that carries a 4xx status (a body that failed to parse, or a client
 * that hung up mid-body: Fastify's `aborted`) is the client's, answered with that status and not logged; everything
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
