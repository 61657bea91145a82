import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger as PinoLogger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { ApiKeyService, Principal } from '../../auth/api-key.service.js';
import { bearerToken } from '../../auth/api-key.service.js';
import type { SocketKeyWatch } from '../../auth/socket-key-watch.js';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { checkSocketOperation } from './graphql-ws-checks.js';

/** The one subprotocol served (graphql-ws); the legacy `graphql-ws` of subscriptions-transport-ws is refused. */
export const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws';

/** The part of a `ws` WebSocket the guard touches. */
interface GuardedSocket {
  protocol: string;
  readyState: number;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  send(data: unknown, callback?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  once(event: 'close', listener: (code: number) => void): unknown;
}

export interface GraphqlWsGuardOptions {
  /** One `websocket` line per socket when it closes, as HTTP requests get their `request` line. */
  accessLog: PinoLogger;
  keys: ApiKeyService;
  watch: SocketKeyWatch;
  introspection: boolean;
}

/** Refusals Mercurius sends over the socket without a code: all about what the client sent. */
const CLIENT_FAULTS = new Set([
  'Message must be a JSON string',
  'Invalid payload type',
  'Graphql validation error',
]);

const logger = new Logger('Gateway');

/**
 * Installs the gateway's rules on every graphql-ws socket, before Mercurius sees it (the `ws` server's
 * `connection` event comes first):
 * - a subprotocol other than graphql-transport-ws is closed with 4406, as graphql-ws' own server does, and a
 *   message the protocol does not define (not JSON, unknown type, a subscribe without id or payload) with 4400;
 * - connection_init: the key's socket is watched (SocketKeyWatch), so that revoking it closes the socket; a second
 *   one closes the socket with 4429, a subscribe before the server's connection_ack with 4401, and a socket that
 *   sends no connection_init within CONNECTION_INIT_WAIT_MS is closed with 4408, as graphql-ws specifies (Mercurius
 *   enforces none of the three);
 * - each `subscribe` (query, mutation or subscription) is re-authenticated (cached) and screened like GraphQL over
 *   HTTP (checkSocketOperation); a refusal is a graphql-ws `error` message with `extensions.code`;
 * - every error sent carries `extensions.code` and `extensions.requestId` (the upgrade request's X-Request-Id).
 * Messages keep their order: each is screened after the previous one.
 */
export function installGraphqlWsGuard(fastify: FastifyInstance, options: GraphqlWsGuardOptions): void {
  // Mercurius' subscription route (its `wsHandler`) is wrapped as it is added: the guard runs on each new socket before
  // Mercurius attaches to it.
  fastify.addHook('onRoute', (route) => {
    const routeOptions = route as typeof route & { wsHandler?: WsHandler };
    const wsHandler = routeOptions.wsHandler;
    if (typeof wsHandler !== 'function') return;
    routeOptions.wsHandler = function (this: unknown, socket, request) {
      if (socket.protocol !== GRAPHQL_TRANSPORT_WS) {
        socket.close(4406, 'Subprotocol not acceptable');
        return;
      }
      const schema = (fastify as FastifyInstance & { graphql: { schema: GraphQLSchema } }).graphql.schema;
      guardSocket(socket, request.id, schema, options);
      return wsHandler.call(this, socket, request);
    };
  });
}

type WsHandler = (this: unknown, socket: GuardedSocket, request: FastifyRequest) => unknown;

function guardSocket(
  socket: GuardedSocket,
  requestId: string,
  schema: GraphQLSchema,
  { accessLog, keys, watch, introspection }: GraphqlWsGuardOptions,
): void {
  const openedAt = Date.now();
  let tenant: string | undefined;
  let initialised = false;
  let acknowledged = false;
  const send = socket.send.bind(socket);
  socket.send = (data, callback) => {
    if (typeof data === 'string' && !acknowledged) acknowledged = isConnectionAck(data);
    send(typeof data === 'string' ? withCodes(data, requestId) : data, callback);
  };
  const initWait = setTimeout(() => {
    if (!initialised && socket.readyState === 1) socket.close(4408, 'Connection initialisation timeout');
  }, CONNECTION_INIT_WAIT_MS);
  initWait.unref();
  socket.once('close', (code) => {
    clearTimeout(initWait);
    accessLog.info(
      { requestId, tenant, route: '/graphql', closeCode: code, durationMs: Date.now() - openedAt },
      'websocket',
    );
  });

  let token: string | undefined;
  const screen = async (message: unknown): Promise<boolean> => {
    const parsed = parseMessage(message);
    // graphql-ws: a message of a type or format the protocol does not define closes the socket with 4400.
    if (!parsed || !MESSAGE_TYPES.has(parsed.type as string)) {
      socket.close(4400, 'Invalid message');
      return false;
    }
    if (parsed.type === 'subscribe' && (typeof parsed.id !== 'string' || !isObject(parsed.payload))) {
      socket.close(4400, 'Invalid subscribe message: `id` must be a string and `payload` an object');
      return false;
    }
    if (parsed.type === 'connection_init') {
      if (initialised) {
        socket.close(4429, 'Too many initialisation requests');
        return false;
      }
      initialised = true;
      const payload = parsed.payload as Record<string, unknown> | undefined;
      token = bearerToken(payload?.authorization ?? payload?.Authorization);
      const principal = token ? await keys.authenticate(token) : null;
      if (principal) {
        tenant = principal.tenantId;
        watch.watch(socket, principal.keyId);
      }
      return true; // Mercurius' onConnect answers (4403 when refused)
    }
    if (parsed.type !== 'subscribe') return true;
    if (!acknowledged) {
      socket.close(4401, 'Unauthorized');
      return false;
    }
    // A key revoked since connection_init: the socket closes (the watch would close it within its period anyway).
    const principal: Principal | null = token ? await keys.authenticate(token) : null;
    if (token && !principal) {
      socket.close(4403, 'Forbidden');
      return false;
    }
    const errors = await checkSocketOperation(schema, parsed.payload, introspection);
    if (errors.length === 0) return true;
    socket.send(JSON.stringify({ type: 'error', id: parsed.id, payload: errors.map((e) => e.toJSON()) }));
    return false;
  };

  const emit = socket.emit.bind(socket);
  let queue = Promise.resolve();
  socket.emit = (event, ...args) => {
    if (event !== 'message') return emit(event, ...args);
    queue = queue
      .then(() => screen(args[0]))
      .then((forward) => {
        if (forward && socket.readyState === 1) emit(event, ...args);
      })
      .catch((error: unknown) => {
        const errorId = randomUUID();
        logger.error(`internal error ${errorId} on a graphql-ws socket`, (error as Error).stack);
        socket.close(1011, `internal error; reference ${errorId}`);
      });
    return true;
  };
}

function parseMessage(message: unknown): { type?: unknown; id?: unknown; payload?: unknown } | undefined {
  try {
    const text = Buffer.isBuffer(message) ? message.toString('utf8') : String(message);
    const parsed = JSON.parse(text) as unknown;
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** graphql-ws' own server waits 3 s; a client on a busy machine or a slow link is given more. */
export const CONNECTION_INIT_WAIT_MS = 10_000;

function isConnectionAck(data: string): boolean {
  try {
    return (JSON.parse(data) as { type?: unknown }).type === 'connection_ack';
  } catch {
    return false;
  }
}

/** The client-to-server messages of graphql-transport-ws. */
const MESSAGE_TYPES = new Set(['connection_init', 'ping', 'pong', 'subscribe', 'complete']);

/** An outgoing `error` or `next` message with every error coded and carrying the request id. */
function withCodes(data: string, requestId: string): string {
  let message: { type?: unknown; payload?: unknown };
  try {
    message = JSON.parse(data) as typeof message;
  } catch {
    return data;
  }
  if (message.type === 'error' && Array.isArray(message.payload)) {
    message.payload = message.payload.map((e: GraphQLFormattedError) => coded(e, requestId));
  } else if (message.type === 'next' && Array.isArray((message.payload as { errors?: unknown })?.errors)) {
    const payload = message.payload as { errors: GraphQLFormattedError[] };
    payload.errors = payload.errors.map((e) => coded(e, requestId));
  } else {
    return data;
  }
  return JSON.stringify(message);
}

function coded(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  if (typeof error.extensions?.code === 'string')
    return { ...error, extensions: { ...error.extensions, requestId } };
  if (error.locations || CLIENT_FAULTS.has(error.message))
    return {
      ...error,
      extensions: { ...error.extensions, code: GatewayErrorCode.BAD_USER_INPUT, requestId },
    };
  // Anything else is a bug: never its details.
  const errorId = randomUUID();
  logger.error(`internal error ${errorId} on a graphql-ws socket: ${error.message}`);
  return {
    message: `internal error; reference ${errorId}`,
    ...(error.path && { path: error.path }),
    extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR, errorId, requestId },
  };
}
