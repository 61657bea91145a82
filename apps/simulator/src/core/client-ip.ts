import type { FastifyRequest } from 'fastify';

/**
 * The caller's IP as the provider would see it. Fastify's `request.ip` is the socket address unless the server was
 * built with `trustProxy` (SIMULATOR_TRUST_PROXY), in which case X-Forwarded-For is honoured.
 */
export function clientIp(request: FastifyRequest): string {
  const ip = request.ip ?? request.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
