import fc from 'fast-check';
import { rawCases, statusesOf } from './raw-cases.js';
import { rawRequest } from './raw-http.js';
import { requestPlans, toRequest, type FuzzRequest, type Operation, type RequestPlan } from './requests.js';
import type { Answer, FuzzTarget } from './targets.js';

export interface CampaignOptions {
  seed: number;
  requests: number;
  /** An answer slower than this is a hang. */
  deadlineMs?: number;
  /** How long shrinking one failure may take. */
  shrinkMs?: number;
  /** Also run the raw-socket and HEAD/OPTIONS cases (default true; they do not depend on the seed). */
  fixedCases?: boolean;
  /** Progress lines (every 1,000 requests). */
  log?: (line: string) => void;
}

export interface Failure {
  /** `METHOD /template: what was wrong`: failures with the same signature are one defect. */
  signature: string;
  count: number;
  /** Index of the first failing request in the run (replayable with the seed). */
  firstIndex: number;
  /** The smallest request fast-check found that still fails the same way. */
  minimal: FuzzRequest;
}

export interface CampaignReport {
  target: string;
  seed: number;
  requests: number;
  statuses: Record<string, number>;
  failures: Failure[];
  /** Raw-socket and HEAD/OPTIONS cases, and what went wrong with them. */
  fixedCases: number;
  fixedCaseFailures: string[];
  alive: boolean;
  durationMs: number;
}

interface Outcome {
  request: FuzzRequest;
  verdict: string | undefined;
  status: number | undefined;
}

async function send(
  target: FuzzTarget,
  operation: Operation | undefined,
  request: FuzzRequest,
  deadlineMs: number,
) {
  const headers = { ...(operation ? target.headers(operation) : {}), ...request.headers };
  try {
    const res = await fetch(`${target.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(deadlineMs),
    });
    const text = await res.text();
    const answer: Answer = {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      text,
      head: request.method === 'HEAD',
    };
    return answer;
  } catch (error) {
    const name = (error as { name?: string }).name;
    return name === 'TimeoutError' || name === 'AbortError'
      ? `no answer within ${deadlineMs} ms`
      : `connection failed: ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`;
  }
}

async function runOne(
  target: FuzzTarget,
  plan: RequestPlan,
  deadlineMs: number,
  probe: boolean,
): Promise<Outcome> {
  const request = requestOf(target, plan);
  const answer = await send(target, plan.operation, request, deadlineMs);
  if (typeof answer === 'string') return { request, verdict: answer, status: undefined };
  let verdict = target.judge(plan.operation, answer);
  await target.afterEach(request, answer);
  if (!verdict && probe) {
    const broken = await target.probe();
    if (broken) verdict = `afterwards ${broken}`;
  }
  return { request, verdict, status: answer.status };
}

/** The request a plan makes, with the target's credentials, as a reproduction needs it. */
function requestOf(target: FuzzTarget, plan: RequestPlan): FuzzRequest {
  const request = toRequest(plan, (name, param) => target.fill(plan.operation, name, param));
  return { ...request, headers: { ...target.headers(plan.operation), ...request.headers } };
}

const signatureOf = (plan: RequestPlan, verdict: string): string =>
  `${plan.method} ${plan.operation.template}: ${verdict}`;

/**
 * A seeded campaign: `requests` random requests over every operation (fast-check, so a seed replays exactly), the
 * probe after each (simulator) or every 25th (gateway); then each distinct failure shrunk to a minimal request by
 * replaying its run; then the raw-socket and HEAD/OPTIONS cases; then a last look that the app is alive.
 */
export async function runCampaign(target: FuzzTarget, options: CampaignOptions): Promise<CampaignReport> {
  const started = Date.now();
  const deadlineMs = options.deadlineMs ?? 10_000;
  const probeEvery = target.name === 'simulator' ? 1 : 25;
  const plans = requestPlans(target.operations, target.params);
  const statuses: Record<string, number> = {};
  const groups = new Map<string, { count: number; firstIndex: number }>();
  let index = 0;

  await fc.check(
    fc.asyncProperty(plans, async (plan) => {
      const i = index++;
      const outcome = await runOne(target, plan, deadlineMs, i % probeEvery === 0);
      const key = String(outcome.status ?? 'none');
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (outcome.verdict) {
        const signature = signatureOf(plan, outcome.verdict);
        const group = groups.get(signature) ?? { count: 0, firstIndex: i };
        group.count++;
        groups.set(signature, group);
      }
      if ((i + 1) % 1_000 === 0) options.log?.(`  ${i + 1} requests, ${groups.size} distinct failures`);
      return true;
    }),
    { seed: options.seed, numRuns: options.requests },
  );

  const failures: Failure[] = [];
  for (const [signature, group] of groups) {
    let minimal: FuzzRequest | undefined;
    // Replays run `firstIndex` of the same seed and shrinks it while it still fails with the same signature.
    const shrunk = await fc.check(
      fc.asyncProperty(plans, async (plan) => {
        const outcome = await runOne(target, plan, deadlineMs, true);
        const same = outcome.verdict !== undefined && signatureOf(plan, outcome.verdict) === signature;
        if (same) minimal = outcome.request;
        return !same;
      }),
      {
        seed: options.seed,
        path: String(group.firstIndex),
        interruptAfterTimeLimit: options.shrinkMs ?? 20_000,
      },
    );
    const counterexample = shrunk.counterexample?.[0];
    if (counterexample)
      minimal = toRequest(counterexample, (n, p) => target.fill(counterexample.operation, n, p));
    failures.push({ signature, count: group.count, firstIndex: group.firstIndex, minimal: minimal! });
  }

  const fixed =
    options.fixedCases === false ? { count: 0, failures: [] } : await runFixedCases(target, deadlineMs);
  const alive = (await target.probe()) === undefined;
  return {
    target: target.name,
    seed: options.seed,
    requests: options.requests,
    statuses,
    failures,
    fixedCases: fixed.count,
    fixedCaseFailures: fixed.failures,
    alive,
    durationMs: Date.now() - started,
  };
}

function concretePath(target: FuzzTarget, operation: Operation): string {
  return operation.template.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(target.fill(operation, name, target.params[0]!)),
  );
}

/** HEAD and OPTIONS on every route, and the malformed-HTTP set on one route per error scope. */
export async function runFixedCases(
  target: FuzzTarget,
  deadlineMs: number,
): Promise<{ count: number; failures: string[] }> {
  const failures: string[] = [];
  let count = 0;
  const byTemplate = new Map<string, Operation>();
  for (const op of target.operations) if (!byTemplate.has(op.template)) byTemplate.set(op.template, op);
  const host = new URL(target.baseUrl).host;
  for (const op of byTemplate.values()) {
    const path = concretePath(target, op);
    const auth = Object.entries(target.headers(op))
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    count++;
    const head = await rawRequest(
      target.baseUrl,
      `HEAD ${path} HTTP/1.1\r\nHost: ${host}\r\n${auth}Connection: close\r\n\r\n`,
      { deadlineMs },
    );
    const [, body = ''] = head.text.split('\r\n\r\n');
    if (head.status === undefined) failures.push(`HEAD ${path}: no answer (${head.ended})`);
    else if (head.status >= 500) failures.push(`HEAD ${path}: answered ${head.status}`);
    else if (body.length > 0) failures.push(`HEAD ${path}: ${head.status} with a body`);
    count++;
    const options = await send(target, op, { method: 'OPTIONS', path, headers: {} }, deadlineMs);
    const verdict = typeof options === 'string' ? options : target.judge(op, options);
    if (verdict) failures.push(`OPTIONS ${path}: ${verdict}`);
  }
  const scopes = new Map<string, Operation>();
  for (const op of target.operations)
    if (!scopes.has(op.scope) && op.method === 'POST') scopes.set(op.scope, op);
  for (const op of scopes.values()) {
    for (const rawCase of rawCases(concretePath(target, op))) {
      count++;
      const answer = await rawRequest(target.baseUrl, rawCase.bytes, {
        deadlineMs,
        halfClose: rawCase.halfClose,
      });
      const what = `${rawCase.name} on ${op.template}`;
      const bad = statusesOf(answer.text).find((s) => s >= 500);
      if (bad !== undefined) failures.push(`${what}: answered ${bad}`);
      else if (answer.ended === 'timeout')
        failures.push(`${what}: neither answered nor closed in ${deadlineMs} ms`);
      else if (rawCase.name.startsWith('HEAD') && answer.text.split('\r\n\r\n')[1])
        failures.push(`${what}: a body after a HEAD answer`);
    }
  }
  return { count, failures };
}

/** A shell command that sends `request` again, bytes and all. */
export function curlOf(baseUrl: string, request: FuzzRequest): string {
  const quote = (text: string | Uint8Array): string =>
    `$'${Array.from(typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text))
      .map((b) =>
        b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c
          ? String.fromCharCode(b)
          : `\\x${b.toString(16).padStart(2, '0')}`,
      )
      .join('')}'`;
  const parts = ['curl -sS -i', `-X ${request.method}`, quote(`${baseUrl}${request.path}`)];
  for (const [k, v] of Object.entries(request.headers)) parts.push(`-H ${quote(`${k}: ${v}`)}`);
  if (request.body !== undefined) {
    const body = request.body.length > 4_000 ? `${String(request.body.slice(0, 4_000))}` : request.body;
    parts.push(`--data-binary ${quote(body)}`);
    if (request.body.length > 4_000) parts.push(`# body cut at 4,000 of ${request.body.length} bytes`);
  }
  return parts.join(' ');
}

export function formatReport(
  report: CampaignReport,
  baseUrl: string,
  /** Where the full reproductions were written, when they are too long to print. */
  fullReport?: string,
): string {
  const lines = [
    `fuzz ${report.target}: seed ${report.seed}, ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s`,
    `  statuses: ${Object.entries(report.statuses)
      .sort()
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
    `  fixed cases (raw socket, HEAD, OPTIONS): ${report.fixedCases}, ${report.fixedCaseFailures.length} failing`,
    `  alive afterwards: ${report.alive ? 'yes' : 'NO'}`,
    `  distinct failures: ${report.failures.length}`,
  ];
  for (const [i, f] of report.failures.entries()) {
    lines.push(`  [${i + 1}] ${f.signature} (×${f.count}, first at request #${f.firstIndex})`);
    const curl = curlOf(baseUrl, f.minimal);
    const shown =
      curl.length > 600
        ? `${curl.slice(0, 600)}... (${curl.length} chars; in full in ${fullReport ?? 'the report'})`
        : curl;
    lines.push(`      minimal reproduction: ${shown}`);
  }
  for (const failure of report.fixedCaseFailures) lines.push(`  fixed case: ${failure}`);
  return lines.join('\n');
}
