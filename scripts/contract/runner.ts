import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ProviderError } from '@app/providers';
import { startSimulator, type StartedSimulator } from '../../apps/simulator/src/index.js';
import { capturingFetch } from './capture.js';
import { testNumber } from './checks/support.js';
import { PROVIDER_IDS, SUITES } from './checks/index.js';
import { DEFAULT_FIXTURES_DIR, readFixture, writeFixture } from './fixtures.js';
import { toJUnitXml } from './junit.js';
import { createRedactor } from './redact.js';
import { compareResponse, mediaType } from './shape.js';
import {
  SkipCheck,
  type CapturedExchange,
  type CheckContext,
  type CheckResult,
  type ContractCheck,
  type ContractReport,
  type Fixture,
  type ProviderRun,
  type ProviderSuite,
  type SimulatorControl,
} from './types.js';

export interface ContractOptions {
  /** A provider id, a list of ids, or `all`. */
  provider: string | string[];
  /**
   * The provider's API base URL (e.g. `https://app.washeej.com/external-api`). Absent: the runner starts a simulator
   * and uses an isolated account on it. Present, the target is treated as live: read-only unless `allowSend`.
   */
  baseUrl?: string;
  /**
   * A simulator already running (its root URL, e.g. `http://127.0.0.1:4010`): used like the one the runner would start,
   * control API included, with an isolated account per provider. Ignored with `baseUrl`.
   */
  simulatorUrl?: string;
  /** Credentials for `baseUrl`: the provider's credentials object, or `{ "<provider>": {...} }` per provider. */
  credentials?: Record<string, unknown>;
  /** A JSON file holding `credentials` (see above). */
  credentialsFile?: string;
  /** Against a live account: also run send/write checks and destructive checks (deletes). */
  allowSend?: boolean;
  /** Save each live answer as a fixture under `test/fixtures/<provider>/recorded/` and write a drift report. */
  record?: boolean;
  /** Compare the simulator's answers with the recorded fixtures (always done after `record`). */
  drift?: boolean;
  fixturesDir?: string;
  reportsDir?: string;
  /** JUnit file name inside `reportsDir`. Default `contract-junit.xml`. */
  junitFile?: string;
  /**
   * The phone number send checks write to against a live account (`--to`): a phone of yours; for Washeej/Wutt
   * free-form text, one that wrote to the account within 24 h. Without it, live send checks are skipped.
   */
  to?: string;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Summary lines (default: none; the CLI prints them). */
  log?: (line: string) => void;
}

const LIVE_SEND_REFUSED =
  'skipped: live target, send/write checks need --allow-send (live sends cost money and reach real phones)';
const LIVE_DESTRUCTIVE_REFUSED =
  'refused: destructive check (delete) against a live target without --allow-send';

function resolveProviders(provider: string | string[]): string[] {
  const ids = (Array.isArray(provider) ? provider : provider.split(',')).map((p) => p.trim()).filter(Boolean);
  if (ids.length === 0) throw new Error(`--provider is required: one of ${PROVIDER_IDS.join(', ')} or all`);
  if (ids.includes('all')) return [...PROVIDER_IDS];
  for (const id of ids) {
    if (!SUITES[id]) throw new Error(`unknown provider "${id}"; known: ${PROVIDER_IDS.join(', ')}, all`);
  }
  return ids;
}

function credentialsFor(suite: ProviderSuite, options: ContractOptions): Record<string, string> {
  let raw = options.credentials;
  if (!raw && options.credentialsFile)
    raw = JSON.parse(readFileSync(options.credentialsFile, 'utf8')) as Record<string, unknown>;
  if (!raw)
    throw new Error(
      `--credentials FILE is required with --base-url (${suite.id}: ${suite.credentialKeys.join(', ')})`,
    );
  const own = raw[suite.id];
  const creds = (own && typeof own === 'object' ? own : raw) as Record<string, unknown>;
  const missing = suite.credentialKeys.filter((key) => typeof creds[key] !== 'string' || creds[key] === '');
  if (missing.length > 0) throw new Error(`${suite.id}: the credentials lack ${missing.join(', ')}`);
  return Object.fromEntries(suite.credentialKeys.map((key) => [key, String(creds[key])]));
}

function controlFor(simUrl: string): SimulatorControl {
  return {
    url: simUrl,
    async call<T>(method: string, path: string, json?: unknown): Promise<T> {
      const response = await fetch(`${simUrl}/__admin${path}`, {
        method,
        headers: json === undefined ? {} : { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await response.text();
      if (response.status >= 400) throw new Error(`${method} /__admin${path} → ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** A fetch that gives up after `timeoutMs` (clients get no timeout of their own from the kit). */
function withTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

interface SuiteTarget {
  baseUrl: string;
  credentials: Record<string, string>;
  mode: 'simulator' | 'live';
  allowSend: boolean;
  control?: SimulatorControl;
  accountId?: string;
  timeoutMs: number;
  fixturesDir: string;
  to?: string;
}

function errorText(error: unknown): string {
  if (error instanceof ProviderError)
    return `${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

async function runCheck(
  suite: ProviderSuite,
  check: ContractCheck,
  target: SuiteTarget,
  state: Record<string, unknown>,
): Promise<CheckResult> {
  const started = Date.now();
  const base = {
    provider: suite.id,
    endpoint: check.endpoint,
    check: check.name,
    fixture: check.fixture,
    kind: check.kind,
  };
  const done = (
    status: CheckResult['status'],
    differences: string[],
    reason?: string,
    exchange?: CapturedExchange,
  ): CheckResult => ({
    ...base,
    status,
    differences,
    reason,
    exchange,
    durationMs: Date.now() - started,
  });

  if (target.mode === 'live' && !target.allowSend && check.kind !== 'read') {
    return done('skipped', [], check.kind === 'destructive' ? LIVE_DESTRUCTIVE_REFUSED : LIVE_SEND_REFUSED);
  }
  if (check.needsControl && !target.control) {
    return done('skipped', [], 'skipped: needs the control API of a simulator the kit started itself');
  }
  const fixture = readFixture(target.fixturesDir, suite.id, check.fixture);
  if (!fixture) return done('failed', [`fixture ${suite.id}/${check.fixture}.json is missing`]);

  const log: CapturedExchange[] = [];
  const fetchImpl = capturingFetch(log, withTimeout(target.timeoutMs));
  const ctx: CheckContext<unknown> = {
    client: suite.createClient(target.baseUrl, target.credentials, fetchImpl),
    clientWith: (credentials) => suite.createClient(target.baseUrl, credentials, fetchImpl),
    credentials: target.credentials,
    state,
    control: target.control,
    accountId: target.accountId,
    recipient: (seed) => {
      if (target.mode === 'simulator') return testNumber(seed);
      if (!target.to) throw new SkipCheck('a live send needs --to <a phone number of yours>');
      return target.to;
    },
  };

  const differences: string[] = [];
  try {
    await check.run(ctx);
    if (check.expectError)
      differences.push(`client: expected ProviderError ${check.expectError}, but it accepted the answer`);
  } catch (error) {
    if (error instanceof SkipCheck) return done('skipped', [], `skipped: ${error.message}`);
    if (!(check.expectError && error instanceof ProviderError && error.code === check.expectError)) {
      differences.push(`client: ${errorText(error)}`);
    }
  }
  const exchange = log.at(-1);
  if (!exchange) {
    differences.push('no request reached the provider');
    return done('failed', differences);
  }
  // What differs on the wire first (status, fields, types), then what the client made of it.
  differences.unshift(...compareResponse(fixture.response, exchange));
  return done(differences.length ? 'failed' : 'passed', differences, undefined, exchange);
}

async function runSuite(suite: ProviderSuite, target: SuiteTarget): Promise<ProviderRun> {
  const state: Record<string, unknown> = { provider: suite.id };
  const results: CheckResult[] = [];
  for (const check of suite.checks) results.push(await runCheck(suite, check, target, state));
  return { provider: suite.id, baseUrl: target.baseUrl, mode: target.mode, results };
}

/** The fixture a live answer becomes: credentials, keys and phone numbers redacted, the shape kept. */
export function recordedFixture(
  suite: ProviderSuite,
  result: CheckResult,
  exchange: CapturedExchange,
  baseUrl: string,
  credentials: Record<string, string>,
): Fixture {
  const redactor = createRedactor(credentials);
  const url = new URL(exchange.url);
  const baseNoSlash = baseUrl.replace(/\/+$/, '');
  const path = exchange.url.startsWith(baseNoSlash)
    ? exchange.url.slice(baseNoSlash.length).split('?')[0]!
    : url.pathname;
  const query = Object.fromEntries(url.searchParams.entries());
  let body: unknown = exchange.requestBody;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      // form-encoded or text: kept as text
    }
  }
  const contentType = exchange.requestHeaders['content-type'];
  return {
    source: `recorded: ${new Date().toISOString()} from ${redactor.text(url.origin)} (${suite.id}, check "${result.check}")`,
    endpoint: result.endpoint,
    request: {
      method: exchange.method,
      path: redactor.text(path.replace(/^\//, '')),
      ...(Object.keys(query).length ? { query: redactor.value(query) as Record<string, string> } : {}),
      headers: redactor.value(exchange.requestHeaders) as Record<string, string>,
      ...(contentType ? { contentType: mediaType(contentType) } : {}),
      ...(body !== undefined ? { body: redactor.value(body) } : {}),
    },
    response: {
      status: exchange.status,
      contentType: exchange.contentType,
      body: redactor.value(exchange.body),
    },
  };
}

/** Every field, type or status code where the simulator's answers differ from the recorded live answers. */
function driftReport(simRuns: ProviderRun[], fixturesDir: string): { markdown: string; count: number } {
  const drift: string[] = [];
  /** A string in one answer and null in the other: listed apart, it depends on the data as much as on the shape. */
  const nullable: string[] = [];
  let compared = 0;
  for (const run of simRuns) {
    for (const result of run.results) {
      const recorded = readFixture(join(fixturesDir, run.provider), 'recorded', result.fixture);
      if (!recorded) continue;
      compared++;
      const where = `- ${run.provider} \`${result.endpoint}\` (${result.fixture}):`;
      if (!result.exchange) {
        drift.push(`${where} the simulator run did not reach it (${result.reason ?? result.status})`);
        continue;
      }
      const diffs = compareResponse(recorded.response, result.exchange, {
        reportExtra: true,
        strictNull: true,
      });
      for (const diff of diffs)
        (/: expected string .*, got null$/.test(diff) ? nullable : drift).push(`${where} ${diff}`);
    }
  }
  const lines = ['# Simulator drift against recorded live answers', ''];
  if (compared === 0) {
    lines.push('No recorded fixtures yet: run with --base-url, --credentials and --record first.');
  } else if (drift.length === 0) {
    lines.push(
      `No drift: ${compared} recorded answers; the simulator matches every field, type and status code.`,
    );
  } else {
    lines.push(
      `${drift.length} differences over ${compared} recorded answers (missing: the simulator lacks it; not in the fixture: only the simulator has it).`,
      '',
      ...drift,
    );
  }
  if (nullable.length > 0) {
    lines.push(
      '',
      '## Null in the simulator where the recorded answer has a string (check the data before the shape)',
      '',
      ...nullable,
    );
  }
  return { markdown: `${lines.join('\n')}\n`, count: drift.length };
}

/** A path as the summary shows it: relative when under the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function summarize(runs: ProviderRun[], log: (line: string) => void): void {
  for (const run of runs) {
    log(`${run.provider} (${run.mode}: ${run.baseUrl})`);
    for (const r of run.results) {
      const mark = r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP';
      log(
        `  ${mark}  ${r.endpoint} — ${r.check}${r.status === 'skipped' && r.reason ? ` (${r.reason})` : ''}`,
      );
      if (r.status === 'failed')
        for (const d of [r.reason, ...r.differences].filter(Boolean)) log(`          ${d}`);
    }
  }
}

/** Runs the contract suites; never throws for a failing check (the report says `ok: false`). */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const providers = resolveProviders(options.provider);
  const fixturesDir = options.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const reportsDir = options.reportsDir ?? join(process.cwd(), 'reports');
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (options.baseUrl && providers.length > 1) {
    throw new Error("--base-url is one provider's API base URL: use it with a single --provider");
  }

  let sim: StartedSimulator | undefined;
  const startSim = async (): Promise<SimulatorControl> => {
    if (options.simulatorUrl) return controlFor(options.simulatorUrl.replace(/\/+$/, ''));
    sim ??= await startSimulator({ port: 0 });
    return controlFor(sim.url);
  };
  const simTarget = async (suite: ProviderSuite): Promise<SuiteTarget> => {
    const control = await startSim();
    const account = await control.call<{ id: string; credentials: Record<string, string> }>(
      'POST',
      '/accounts',
      { provider: suite.id },
    );
    return {
      baseUrl: `${control.url}${suite.simulatorPrefix}`,
      credentials: account.credentials,
      mode: 'simulator',
      allowSend: true,
      control,
      accountId: account.id,
      timeoutMs,
      fixturesDir,
    };
  };

  const runs: ProviderRun[] = [];
  const recorded: string[] = [];
  let driftPath: string | undefined;
  try {
    for (const id of providers) {
      const suite = SUITES[id]!;
      const target: SuiteTarget = options.baseUrl
        ? {
            baseUrl: options.baseUrl.replace(/\/+$/, ''),
            credentials: credentialsFor(suite, options),
            mode: 'live',
            allowSend: options.allowSend ?? false,
            timeoutMs,
            fixturesDir,
            to: options.to,
          }
        : await simTarget(suite);
      const run = await runSuite(suite, target);
      runs.push(run);
      if (options.record && target.mode === 'live') {
        for (const result of run.results) {
          if (!result.exchange) continue;
          const fixture = recordedFixture(suite, result, result.exchange, target.baseUrl, target.credentials);
          recorded.push(writeFixture(join(fixturesDir, id), 'recorded', result.fixture, fixture));
        }
      }
    }

    if (options.record || options.drift) {
      // After a live run, the same checks against a fresh simulator; in simulator mode the run itself.
      let simRuns = runs;
      if (options.baseUrl) {
        simRuns = [];
        for (const id of providers) simRuns.push(await runSuite(SUITES[id]!, await simTarget(SUITES[id]!)));
      }
      const drift = driftReport(simRuns, fixturesDir);
      mkdirSync(reportsDir, { recursive: true });
      driftPath = join(reportsDir, 'contract-drift.md');
      writeFileSync(driftPath, drift.markdown);
    }
  } finally {
    await sim?.close();
  }

  mkdirSync(reportsDir, { recursive: true });
  const junitPath = join(reportsDir, options.junitFile ?? 'contract-junit.xml');
  writeFileSync(junitPath, toJUnitXml(runs));

  const all = runs.flatMap((r) => r.results);
  const failed = all.filter((r) => r.status === 'failed').length;
  summarize(runs, log);
  const durationMs = Date.now() - started;
  log(
    `${all.filter((r) => r.status === 'passed').length} passed, ${failed} failed, ${all.filter((r) => r.status === 'skipped').length} skipped in ${(durationMs / 1000).toFixed(1)} s`,
  );
  log(`JUnit: ${shown(junitPath)}`);
  if (driftPath) log(`Drift report: ${shown(driftPath)}`);
  for (const file of recorded) log(`recorded ${shown(file)}`);
  return { ok: failed === 0 && all.length > 0, runs, junitPath, driftPath, recorded, durationMs };
}
