import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { registerProviderScope } from '../../apps/simulator/src/core/provider-scope.js';
import { DEFAULT_CONFIG, SimCore } from '../../apps/simulator/src/core/sim-core.js';
import { SIM_PROVIDERS } from '../../apps/simulator/src/providers/index.js';
import { DELIBERATE_GAPS, PROVIDER_ENDPOINTS } from './endpoints.js';
import type { DeliberateGap, EndpointEntry, HttpMethod, ProviderEntry } from './manifest.js';

/**
 * Checks every claim of the manifest against the code: the client class, the simulator's route table and the
 * contract suites. Nothing is taken on trust; each ✗ carries the reason.
 */

/** One check: passed, or failed with why. */
export type Check = { ok: true } | { ok: false; why: string };

export interface EndpointResult {
  endpoint: EndpointEntry;
  /** Undefined for a deliberate gap (nothing to check). */
  client?: Check;
  simulator?: Check;
  contract?: Check;
}

export interface ProviderResult {
  provider: ProviderEntry;
  endpoints: EndpointResult[];
}

export interface SimulatorRoute {
  method: string;
  url: string;
}

export interface CoverageReport {
  providers: ProviderResult[];
  deliberateGaps: DeliberateGap[];
  /** Served by the simulator, matching no manifest endpoint (nor an alias of one). */
  unlistedRoutes: SimulatorRoute[];
  /** Served under a declared alias prefix: `alias → endpoint`. */
  aliasRoutes: { provider: string; alias: string; routes: number }[];
  /** Endpoints the simulator serves but leaves out of its OpenAPI document (/docs), or the reverse. */
  openApiMismatches: string[];
  /** The contract spec files scanned (relative to the repository). */
  contractFiles: string[];
}

/** The repository root: the nearest directory above this file with a package.json (works from dist/ too). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('coverage: no package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** `/v1/messages/{id}?x=` → `v1/messages/{}`: what two spellings of one route share. */
export function routeKey(method: string, path: string): string {
  const bare = path.split('?', 1)[0]!.replace(/^\/+/, '').replace(/\/+$/, '');
  return `${method.toUpperCase()} ${bare.replace(/\{[^}/]+\}|:[A-Za-z0-9_]+/g, '{}')}`;
}

function queryKeys(path: string): string[] {
  const query = path.split('?')[1];
  return query ? [...new URLSearchParams(query).keys()] : [];
}

const fail = (why: string): Check => ({ ok: false, why });
const OK: Check = { ok: true };

// --- client: the method exists and sends the documented request ------------------------------------------------

const PROBE_BASE = 'http://coverage.probe.invalid/base';

async function checkClient(provider: ProviderEntry, endpoint: EndpointEntry): Promise<Check> {
  const name = endpoint.client;
  if (!name) return fail('no client method named in the manifest');
  const method = (provider.clientPrototype as Record<string, unknown>)[name];
  if (typeof method !== 'function') return fail(`${provider.clientName} has no method ${name}`);
  if (!endpoint.probe) return fail(`no probe for ${provider.clientName}.${name}`);

  const sent: { method: string; url: URL }[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, url: new URL(request.url) });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  try {
    await endpoint.probe(PROBE_BASE, recordingFetch);
  } catch {
    // The recorded answer is not a valid response of the endpoint; only the request matters here.
  }
  const first = sent[0];
  if (!first) return fail(`${provider.clientName}.${name} sent no request`);
  const basePath = new URL(PROBE_BASE).pathname;
  const relative = first.url.pathname.startsWith(basePath)
    ? first.url.pathname.slice(basePath.length)
    : first.url.pathname;
  const want = routeKey(endpoint.method, endpoint.path);
  const got = routeKey(first.method, relative);
  const pattern = new RegExp(
    '^' +
      want
        .split('{}')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+') +
      '$',
  );
  if (!pattern.test(`${first.method} ${relative.replace(/^\/+|\/+$/g, '')}`))
    return fail(`${provider.clientName}.${name} sent ${got}, not ${want}`);
  const missing = queryKeys(endpoint.path).filter((key) => !first.url.searchParams.has(key));
  if (missing.length > 0)
    return fail(`${provider.clientName}.${name} left out the query ${missing.join(', ')}`);
  return OK;
}

// --- simulator: its route table ----------------------------------------------------------------------------------

/**
 * Every route the simulated providers register, read from Fastify's `onRoute` hook while each provider is mounted
 * the way apps/simulator/src/app.ts mounts it (registerProviderScope under `/<id>`). HEAD twins of GET are left out.
 */
export async function simulatorRoutes(): Promise<{
  routes: SimulatorRoute[];
  openApi: Map<string, Set<string>>;
}> {
  const core = new SimCore(DEFAULT_CONFIG);
  for (const make of SIM_PROVIDERS) core.addProvider(make());
  core.accounts.resetAll();
  const routes: SimulatorRoute[] = [];
  const fastify = Fastify({ logger: false });
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  fastify.decorateRequest('simAccountId', null);
  fastify.decorateRequest('simResponseBody', null);
  try {
    for (const provider of core.providers.values()) await registerProviderScope(fastify, core, provider);
    await fastify.ready();
  } finally {
    await fastify.close();
    core.clock.stop();
  }
  // The simulator's OpenAPI paths (served at /docs-json under `/<id>`), as route keys.
  const openApi = new Map<string, Set<string>>();
  for (const provider of core.providers.values()) {
    const keys = new Set<string>();
    for (const [path, item] of Object.entries(provider.openApiPaths())) {
      for (const method of Object.keys(item)) keys.add(routeKey(method, `/${provider.id}${path}`));
    }
    openApi.set(provider.id, keys);
  }
  return { routes, openApi };
}

const simulatorKey = (
  provider: ProviderEntry,
  endpoint: EndpointEntry,
  base = provider.simulatorBase,
): string => routeKey(endpoint.method, `${base}/${endpoint.path.replace(/^\/+/, '')}`);

// --- contract suites: a static scan -------------------------------------------------------------------------------

export const CONTRACT_DIR = 'test/contract';
/** This suite checks the document itself; it calls no client. */
const OWN_SPEC = 'coverage-doc.contract-spec.ts';

interface ContractFile {
  path: string;
  code: string;
}

/** Comments removed, so a method named in a comment does not count as called. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

export function contractFiles(root = repoRoot()): ContractFile[] {
  const dir = join(root, CONTRACT_DIR);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.contract-spec.ts') && !file.endsWith(OWN_SPEC))
    .sort()
    .map((file) => ({
      path: `${CONTRACT_DIR}/${file.split('\\').join('/')}`,
      code: withoutComments(readFileSync(join(dir, file), 'utf8')),
    }));
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A contract spec counts for a provider when it uses the provider's client class and names the provider id in a
 * string (the Washeej suite runs for `washeej` and `wutt`); the endpoint is contract-tested when such a file calls
 * `.<method>(`.
 */
function checkContract(provider: ProviderEntry, endpoint: EndpointEntry, files: ContractFile[]): Check {
  const name = endpoint.client;
  if (!name) return fail('no client method to look for');
  const usesClient = new RegExp(`\\b${escape(provider.clientName)}\\b`);
  const namesProvider = new RegExp(`['"\`]${escape(provider.id)}['"\`]`);
  const relevant = files.filter((file) => usesClient.test(file.code) && namesProvider.test(file.code));
  if (relevant.length === 0) return fail(`no contract spec uses ${provider.clientName} for '${provider.id}'`);
  const calls = new RegExp(`\\.\\s*${escape(name)}\\s*\\(`);
  if (!relevant.some((file) => calls.test(file.code))) return fail(`no contract spec calls .${name}(`);
  return OK;
}

// --- the report ----------------------------------------------------------------------------------------------------

export async function collectCoverage(
  providers: ProviderEntry[] = PROVIDER_ENDPOINTS,
  gaps: DeliberateGap[] = DELIBERATE_GAPS,
): Promise<CoverageReport> {
  const root = repoRoot();
  const files = contractFiles(root);
  const { routes, openApi } = await simulatorRoutes();
  const served = new Set(routes.map((route) => routeKey(route.method, route.url)));
  const matched = new Set<string>();
  const aliasRoutes: CoverageReport['aliasRoutes'] = [];
  const openApiMismatches: string[] = [];

  const results: ProviderResult[] = [];
  for (const provider of providers) {
    const endpoints: EndpointResult[] = [];
    for (const endpoint of provider.endpoints) {
      if (endpoint.gap) {
        endpoints.push({ endpoint });
        continue;
      }
      const key = simulatorKey(provider, endpoint);
      matched.add(key);
      if (served.has(key) && !openApi.get(provider.id)?.has(key))
        openApiMismatches.push(`${key}: served, missing from the simulator's OpenAPI document`);
      endpoints.push({
        endpoint,
        client: await checkClient(provider, endpoint),
        simulator: served.has(key) ? OK : fail(`the simulator serves no ${key}`),
        contract: checkContract(provider, endpoint, files),
      });
    }
    for (const alias of provider.simulatorAliases) {
      const keys = new Set(
        provider.endpoints
          .filter((endpoint) => !endpoint.gap)
          .map((endpoint) => simulatorKey(provider, endpoint, alias.base)),
      );
      const count = [...keys].filter((key) => served.has(key)).length;
      for (const key of keys) matched.add(key);
      if (count > 0) aliasRoutes.push({ provider: provider.id, alias: alias.base, routes: count });
    }
    results.push({ provider, endpoints });
  }

  for (const keys of openApi.values()) {
    for (const key of keys) {
      if (!served.has(key)) openApiMismatches.push(`${key}: in the simulator's OpenAPI document, not served`);
    }
  }

  const unlisted = new Map<string, SimulatorRoute>();
  for (const route of routes) {
    const key = routeKey(route.method, route.url);
    if (!matched.has(key) && !unlisted.has(key)) unlisted.set(key, route);
  }
  return {
    providers: results,
    deliberateGaps: gaps,
    unlistedRoutes: [...unlisted.values()],
    aliasRoutes,
    openApiMismatches,
    contractFiles: files.map((file) => file.path),
  };
}

/** Documented endpoints (not deliberate gaps) that miss a client method, a simulator route or a contract test. */
export function shortfalls(report: CoverageReport): string[] {
  const found: string[] = [];
  for (const { provider, endpoints } of report.providers) {
    for (const result of endpoints) {
      if (result.endpoint.gap) continue;
      for (const [column, check] of [
        ['client', result.client],
        ['simulator', result.simulator],
        ['contract', result.contract],
      ] as const) {
        if (check && !check.ok)
          found.push(
            `${provider.id} ${label(result.endpoint.method, result.endpoint)}: ${column}: ${check.why}`,
          );
      }
    }
  }
  return found;
}

export function label(method: HttpMethod, endpoint: Pick<EndpointEntry, 'path' | 'variant'>): string {
  return `${method} ${endpoint.path}${endpoint.variant ? ` (${endpoint.variant})` : ''}`;
}
