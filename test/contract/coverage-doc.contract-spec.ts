import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_ENDPOINTS } from '../../scripts/endpoint-coverage/endpoints.js';
import type { ProviderEntry } from '../../scripts/endpoint-coverage/manifest.js';
import { coverageMarkdown } from '../../scripts/endpoint-coverage/render.js';
import {
  collectCoverage,
  repoRoot,
  shortfalls,
  type CoverageReport,
} from '../../scripts/endpoint-coverage/verify.js';

/**
 * docs/coverage.md (issue #5): every documented endpoint of every provider with client ✓, simulator ✓ and
 * contract-tested ✓, and a line for each deliberate gap. Regenerated here in memory and compared; the checks behind
 * each ✓ are in scripts/endpoint-coverage/verify.ts. Contract-tested comes from a scan of every test/contract/*.contract-spec.ts
 * at run time, so a new suite can only turn a ✗ into ✓ (then regenerate the page).
 */

const DOC = 'docs/coverage.md';
const REGENERATE = 'run `npm run docs:coverage` and commit docs/coverage.md';

/** The first line where two texts differ, for a readable failure. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const b = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}:\n  in ${DOC}:  ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}`;
  }
  return '(no line differs)';
}

describe('docs/coverage.md', () => {
  let report: CoverageReport;

  beforeAll(async () => {
    report = await collectCoverage();
  }, 60_000);

  it('is exactly what `npm run docs:coverage` generates', () => {
    const path = join(repoRoot(), DOC);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const generated = coverageMarkdown(report);
    if (current !== generated)
      throw new Error(
        `${DOC} is out of date: ${REGENERATE}.\nFirst difference, ${firstDifference(current, generated)}`,
      );
  });

  it('shows client ✓, simulator ✓ and contract ✓ for every documented endpoint that is not a deliberate gap', () => {
    expect(shortfalls(report)).toEqual([]);
  });

  it('lists every route the simulated providers serve (scripts/endpoint-coverage/endpoints.ts leaves none out)', () => {
    expect(report.unlistedRoutes.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it("matches the simulator's OpenAPI document to the routes it serves", () => {
    expect(report.openApiMismatches).toEqual([]);
  });

  it('gives a reason for each deliberate gap and checks everything else', () => {
    for (const { endpoints } of report.providers) {
      for (const result of endpoints) {
        if (result.endpoint.gap) expect(result.endpoint.gap.length).toBeGreaterThan(20);
        else expect([result.client, result.simulator, result.contract]).not.toContain(undefined);
      }
    }
  });

  it('turns a wrong claim into ✗ with the reason (the checks are not vacuous)', async () => {
    const watsal = PROVIDER_ENDPOINTS.find((p) => p.id === 'watsal')!;
    const verifySend = watsal.endpoints.find((e) => e.client === 'verifySend')!;
    const doctored: ProviderEntry = {
      ...watsal,
      endpoints: [
        // Right method name and probe, wrong HTTP method: the client sends POST and the simulator serves no GET.
        { ...verifySend, method: 'GET' },
        // A method no client has, which no contract suite calls.
        { method: 'POST', path: '/v1/verify/resend', doc: 'watsal.txt:1', client: 'verifyResend' },
      ],
    };
    const result = await collectCoverage([doctored], []);
    const [wrongMethod, missing] = result.providers[0]!.endpoints;
    expect(wrongMethod!.client).toEqual({
      ok: false,
      why: 'WatsalClient.verifySend sent POST v1/verify/send, not GET v1/verify/send',
    });
    expect(wrongMethod!.simulator).toMatchObject({ ok: false });
    expect(wrongMethod!.contract).toEqual({ ok: true });
    expect(missing!.client).toEqual({ ok: false, why: 'WatsalClient has no method verifyResend' });
    expect(missing!.simulator).toMatchObject({ ok: false });
    expect(missing!.contract).toEqual({ ok: false, why: 'no contract spec calls .verifyResend(' });
    // Every other provider's routes, and Watsal's real POST verify/send, are now unlisted.
    expect(result.unlistedRoutes).toContainEqual({ method: 'POST', url: '/watsal/v1/verify/send' });
    expect(shortfalls(result)).toHaveLength(5);
  });

  // docs/provider-docs/ is a verbatim snapshot of the providers' docs (../shared/provider-docs on the team's machines),
  // kept in the repository so that this check runs on any clone.
  const docsDir = join(repoRoot(), 'docs', 'provider-docs');
  it('points each endpoint at a doc line that shows its path', () => {
    expect(existsSync(join(docsDir, 'README.md'))).toBe(true);
    const wrong: string[] = [];
    for (const { provider, endpoints } of report.providers) {
      for (const { endpoint } of endpoints) {
        if (endpoint.gap) continue;
        const [file, line] = endpoint.doc.split(':');
        const text = readFileSync(join(docsDir, file!), 'utf8').split('\n')[Number(line) - 1] ?? '';
        const segments = endpoint.path
          .split('?', 1)[0]!
          .split('/')
          .filter((segment) => segment && !segment.startsWith('{'));
        const longest = segments.sort((a, b) => b.length - a.length)[0] ?? '';
        if (!text.includes(longest))
          wrong.push(`${provider.id} ${endpoint.path}: ${endpoint.doc} says "${text.trim()}"`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
