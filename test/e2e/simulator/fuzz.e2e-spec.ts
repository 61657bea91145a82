import { runCampaign, runFixedCases, formatReport } from '../../../scripts/fuzz/campaign.js';
import { SIMULATOR_ERROR_SHAPES, simulatorTarget, type FuzzTarget } from '../../../scripts/fuzz/targets.js';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { http } from '../../support/http.js';

/**
 * Property: whatever arrives at any operation of the simulator's OpenAPI document (`/__admin` included), in any body
 * kind, with any value shape, over a well-formed or a malformed connection, the simulator answers promptly, never
 * 5xx, every 4xx in the provider's own error shape (or the control API's), and stays up with its journal readable.
 * The generator, checks and shrinking live in scripts/fuzz (also `npm run fuzz -- --app simulator`); these seeds are
 * the fixed set CI runs. A seed that found a defect joins FIXED_SEEDS once the defect is fixed.
 */
const FIXED_SEEDS = [
  20261122,
  // Found a 500 on /__admin for a body nested 3,000 deep (class-transformer overflowed), and provider 400/431s in
  // the control API's shape (undecodable URL, oversized head).
  1,
];
const REQUESTS_PER_SEED = Number(process.env.FUZZ_REQUESTS ?? 150);

describe('simulator under random input', () => {
  let sim: StartedSimulator;
  let target: FuzzTarget;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    target = await simulatorTarget(sim.url);
  }, 60_000);
  afterAll(() => sim.close());

  it('reads every operation of /docs-json: every provider and the control API', () => {
    const scopes = new Set(target.operations.map((op) => op.scope));
    expect([...scopes].sort()).toEqual(Object.keys(SIMULATOR_ERROR_SHAPES).sort());
    expect(target.operations.length).toBeGreaterThanOrEqual(60);
    expect(target.operations).toContainEqual(
      expect.objectContaining({ method: 'PATCH', template: '/__admin/accounts/{id}' }),
    );
  });

  it.each(process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : FIXED_SEEDS)(
    'seed %i: never 5xx, never hangs, every error in its provider’s shape, journal readable after each request',
    async (seed) => {
      const report = await runCampaign(target, { seed, requests: REQUESTS_PER_SEED, fixedCases: false });
      if (report.failures.length > 0) throw new Error(formatReport(report, sim.url));
      expect(report.alive).toBe(true);
      // The run reached handlers, not only the first check.
      expect(Object.keys(report.statuses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    },
    120_000,
  );

  it('answers malformed HTTP over a raw socket, HEAD and OPTIONS on every route, without a 5xx or a hang', async () => {
    const fixed = await runFixedCases(target, 10_000);
    expect(fixed.failures).toEqual([]);
    expect(fixed.count).toBeGreaterThan(200);
    expect((await http(`${sim.url}/__admin/clock`)).status).toBe(200);
  }, 120_000);

  it('answers huge bodies with a 413 in every provider scope', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    for (const scope of Object.keys(SIMULATOR_ERROR_SHAPES)) {
      const post = target.operations.find((op) => op.scope === scope && op.method === 'POST')!;
      const path = post.template.replace(/\{([^}]+)\}/g, (_m, name: string) => target.fill(post, name, '1'));
      const res = await http(`${sim.url}${path}`, {
        method: 'POST',
        headers: { ...target.headers(post), 'content-type': 'application/json' },
        body: `{"a":"${huge}"}`,
      });
      expect({ scope, status: res.status }).toEqual({ scope, status: 413 });
      expect(
        target.judge(post, {
          status: res.status,
          contentType: res.headers.get('content-type') ?? '',
          text: res.text,
          head: false,
        }),
      ).toBeUndefined();
    }
  }, 60_000);
});
