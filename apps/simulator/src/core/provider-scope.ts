import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { clientIp } from './client-ip.js';
import type { Fault } from './faults.js';
import type { SimCore } from './sim-core.js';
import type { SimProvider } from './sim-provider.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a provider's auth once it knows the account, so the journal can say whose request it was. */
    simAccountId: string | null;
  }
}

/** Sockets held open by `hang` faults; destroyed when the simulator closes. */
const hangingSockets = new Set<Socket>();

export function destroyHangingSockets(): void {
  for (const socket of hangingSockets) socket.destroy();
  hangingSockets.clear();
}

function applyFault(
  fault: Fault,
  provider: SimProvider,
  request: FastifyRequest,
  reply: FastifyReply,
): boolean {
  switch (fault.kind) {
    case 'reset':
      reply.hijack();
      request.raw.socket.destroy();
      return true;
    case 'hang': {
      reply.hijack();
      const socket = request.raw.socket;
      hangingSockets.add(socket);
      socket.once('close', () => hangingSockets.delete(socket));
      return true;
    }
    case 'error': {
      const fallback = provider.errorReply(fault.status ?? 500);
      const status = fault.status ?? fallback.status;
      if (fault.body !== undefined) {
        const text = typeof fault.body === 'string';
        reply
          .code(status)
          .type(text ? 'text/plain; charset=utf-8' : 'application/json')
          .send(fault.body);
      } else {
        reply.code(status).headers(fallback.headers ?? {});
        if (fallback.contentType) reply.type(fallback.contentType);
        reply.send(fallback.body);
      }
      return true;
    }
    case 'delay':
      return false;
  }
}

/**
 * Mounts one provider under `/<id>` with what every provider shares: injected faults before anything else, and the
 * request journal after the answer has gone out (so it costs the caller nothing).
 */
export async function registerProviderScope(
  app: FastifyInstance,
  core: SimCore,
  provider: SimProvider,
): Promise<void> {
  const prefix = `/${provider.id}`;
  await app.register(
    async (scope) => {
      scope.addHook('onRoute', (route) => core.routes.add(provider.id, prefix, route.method, route.url));
      scope.addHook('onRequest', (request, reply, done) => {
        if (core.faults.isEmpty) return done();
        const path = request.url.split('?', 1)[0]!;
        const fault = core.faults.match(provider.id, request.method, path.slice(prefix.length) || '/', path);
        if (!fault) return done();
        if (applyFault(fault, provider, request, reply)) {
          if (fault.kind === 'reset' || fault.kind === 'hang') recordFaulted(core, provider, request, fault);
          return;
        }
        setTimeout(done, fault.delayMs ?? 1_000);
      });
      // One hook records the whole entry: onSend is the only hook that sees the serialized payload, and a second
      // (onResponse) hook would cost every request Fastify's hook runner once more. Providers never hijack a reply
      // (faults, which do, are recorded apart), so every answer passes here, once; `durationMs` is then the time up
      // to the answer's serialization rather than up to its last byte written.
      scope.addHook('onSend', (request, reply, payload, done) => {
        const rawPath = request.url;
        core.journal.write(
          core.clock.now(),
          provider.id,
          request.method,
          provider.redactPath ? provider.redactPath(rawPath) : rawPath,
          reply.statusCode,
          clientIp(request),
          request.simAccountId ?? undefined,
          reply.elapsedTime,
          request.body,
          provider.redactResponse ? provider.redactResponse(request, payload) : payload,
        );
        done(null, payload);
      });
      await provider.register(scope, core);
    },
    { prefix },
  );
}

function recordFaulted(core: SimCore, provider: SimProvider, request: FastifyRequest, fault: Fault): void {
  core.journal.record({
    atMs: core.clock.now(),
    provider: provider.id,
    method: request.method,
    path: provider.redactPath ? provider.redactPath(request.url) : request.url,
    status: 0,
    ip: clientIp(request),
    accountId: undefined,
    durationMs: 0,
    requestBody: undefined,
    responseBody: `fault ${fault.id}: ${fault.kind}`,
  });
}
