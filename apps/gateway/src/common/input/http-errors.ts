import { HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { toProblem } from '../errors/all-exceptions.filter.js';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { GatewayError } from '../errors/gateway-error.js';

const PROBLEM = 'application/problem+json';

/**
 * The 4xx status an error raised before the route carries, or undefined when it is not the client's: Fastify's
 * errors say `statusCode`; Nest's body parsers throw HttpExceptions (a form body with a `__proto__` key answered 500
 * because only `statusCode` was read).
 */
export function clientErrorStatus(error: Error & { statusCode?: number }): number | undefined {
  const status = error instanceof HttpException ? error.getStatus() : error.statusCode;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

function problemText(status: number, message: string, instance: string | undefined): string {
  const error = new GatewayError(GatewayErrorCode.BAD_USER_INPUT, message);
  return JSON.stringify({ ...toProblem(error, instance), status });
}

/**
 * Requests refused before any route runs answer problem+json like every other error (Fastify's own answers are
 * `{statusCode, error, message}`): a URL the router cannot decode (400) or with a parameter over the length limit
 * (414), and, at the socket, a head over 16 KB (431), a malformed request (400) or one too slow to arrive (408).
 * A HEAD request gets the head without the body: a client that sent HEAD reads none and would take the body for the
 * start of its next response. Spread into the Fastify adapter's options.
 */
export function refusedRequestHandlers() {
  return {
    frameworkErrors(
      error: Error & { statusCode?: number },
      request: FastifyRequest,
      reply: FastifyReply,
    ): void {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void reply
        .code(status)
        .type(PROBLEM)
        .send(problemText(status, error.message, request.url));
    },
    clientErrorHandler(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
        socket.destroy();
        return;
      }
      const status =
        error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const line = Buffer.isBuffer(error.rawPacket)
        ? error.rawPacket.toString('latin1', 0, 2_048).split('\r\n', 1)[0]!
        : '';
      const [method = '', path] = line.split(' ');
      const body = problemText(status, STATUS_CODES[status] ?? 'Bad Request', path?.slice(0, 200));
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: ${PROBLEM}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${method === 'HEAD' ? '' : body}`,
      );
    },
  };
}
