import type { ProviderErrorCode } from '@app/providers';

/** One fixture file under `test/fixtures/<provider>/` (the format other tools read too). */
export interface Fixture {
  /** Where it comes from: `<file>.txt: <section or line> | README.md: <section>`, or `recorded: <date>`. */
  source: string;
  /** `METHOD path` relative to the provider's base URL, as documented, e.g. `POST inbox/send-message`. */
  endpoint: string;
  request: {
    method: string;
    path: string;
    query?: Record<string, string>;
    /** Credentials replaced by placeholders such as `<client-id>`. */
    headers?: Record<string, string>;
    contentType?: string;
    body?: unknown;
  };
  response: {
    status: number;
    contentType: string;
    body: unknown;
  };
}

/** One response as it came over the wire. */
export interface CapturedExchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  contentType: string;
  bodyText: string;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
}

/**
 * `read`: no side effect. `write`: creates or changes account data (contacts, settings). `send`: reaches a phone or
 * costs credits. `destructive`: deletes. Against a live account only `read` runs unless `--allow-send`; without it,
 * `destructive` checks are refused outright.
 */
export type CheckKind = 'read' | 'write' | 'send' | 'destructive';

/** The control API of a simulator the runner started itself (absent against any other base URL). */
export interface SimulatorControl {
  url: string;
  call<T = unknown>(method: string, path: string, json?: unknown): Promise<T>;
}

export interface CheckContext<C> {
  client: C;
  /** A client with other credentials (e.g. a wrong secret) over the same capturing transport. */
  clientWith(credentials: Record<string, string>): C;
  credentials: Record<string, string>;
  /** Shared by the checks of one provider run, in order (ids created by an earlier check). */
  state: Record<string, unknown>;
  control?: SimulatorControl;
  /**
   * The number a send check writes to: `--to` against a live account (a phone of yours; for Washeej/Wutt free-form
   * text one that wrote in within 24 h), else a fresh simulator number per seed.
   */
  recipient(seed: number): string;
  /** The simulator account the run uses (with `control`). */
  accountId?: string;
}

export interface ContractCheck<C = unknown> {
  /** What is checked, e.g. `the paginator of contacts`. */
  name: string;
  /** `METHOD path`, as in the fixture. */
  endpoint: string;
  /** Fixture file name without `.json`, under `test/fixtures/<provider>/`. */
  fixture: string;
  kind: CheckKind;
  /** Needs the simulator's control API (an OTP code only the phone sees): skipped elsewhere. */
  needsControl?: boolean;
  /** The client must reject the answer with this ProviderError code (an error fixture). */
  expectError?: ProviderErrorCode;
  run(ctx: CheckContext<C>): Promise<unknown>;
}

export interface ProviderSuite<C = unknown> {
  /** Registry id, also the fixture folder. */
  id: string;
  /** The provider's base URL under a simulator root, e.g. `/washeej/external-api`. */
  simulatorPrefix: string;
  /** The credentials schema's keys, for the credentials file and redaction. */
  credentialKeys: readonly string[];
  createClient(baseUrl: string, credentials: Record<string, string>, fetchImpl: typeof fetch): C;
  checks: ContractCheck<C>[];
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  provider: string;
  endpoint: string;
  check: string;
  fixture: string;
  kind: CheckKind;
  status: CheckStatus;
  /** Why it failed or was skipped; every difference on its own line. */
  differences: string[];
  reason?: string;
  durationMs: number;
  /** The exchange compared with the fixture (kept for recording). */
  exchange?: CapturedExchange;
}

export interface ProviderRun {
  provider: string;
  baseUrl: string;
  mode: 'simulator' | 'live';
  results: CheckResult[];
}

export interface ContractReport {
  ok: boolean;
  runs: ProviderRun[];
  junitPath?: string;
  driftPath?: string;
  recorded: string[];
  durationMs: number;
}

/** Thrown by a check that cannot run here (e.g. it needs an id only an earlier, skipped check creates). */
export class SkipCheck extends Error {}
