import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface UrlPolicy {
  /** NODE_ENV=production: only https. */
  requireHttps: boolean;
  /** GATEWAY_WEBHOOK_ALLOW_PRIVATE: loopback, private and link-local targets allowed. */
  allowPrivate: boolean;
}

/** A URL the gateway may call, and the one address it will connect to (no second DNS answer to rebind to). */
export interface PinnedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Why a URL is refused; the message names the problem for a 400 or an attempt's `error`. */
export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError';
}

/** Addresses a webhook must never reach without GATEWAY_WEBHOOK_ALLOW_PRIVATE: the gateway's own network. */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');

/**
 * IPv4-mapped IPv6 (::ffff:a.b.c.d) reaches IPv4 hosts, private ones included: refused outright. Kept apart because
 * a BlockList also matches plain IPv4 addresses against an IPv6 rule for their mapped form.
 */
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6 && IPV4_MAPPED.check(address, 'ipv6')) return true;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL's syntax against the policy (no DNS): http(s), https in production, no credentials, no fragment. */
export function parseWebhookUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UnsafeUrlError('must be an http(s) URL');
  if (policy.requireHttps && url.protocol !== 'https:') throw new UnsafeUrlError('must use https');
  if (url.username || url.password) throw new UnsafeUrlError('must not carry credentials');
  if (url.hash) throw new UnsafeUrlError('must not have a fragment');
  return url;
}

type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;
const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Resolves the host and checks every address it has (a name with one private address among public ones is
 * refused: the resolver could hand out either). Returns the address to connect to, checked here.
 */
export async function pinWebhookUrl(
  raw: string,
  policy: UrlPolicy,
  resolve: Resolver = systemResolver,
): Promise<PinnedTarget> {
  const url = parseWebhookUrl(raw, policy);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new UnsafeUrlError(`host ${host} does not resolve`);
    }
  }
  const first = addresses[0];
  if (!first) throw new UnsafeUrlError(`host ${host} does not resolve`);
  if (!policy.allowPrivate) {
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden)
      throw new UnsafeUrlError(
        `resolves to ${forbidden.address}, a loopback, private or link-local address (GATEWAY_WEBHOOK_ALLOW_PRIVATE is off)`,
      );
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
