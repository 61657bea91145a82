import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type StartedSimulator } from '../../apps/simulator/src/index.js';
import { contractCli } from '../../scripts/contract/cli-main.js';
import { DEFAULT_FIXTURES_DIR } from '../../scripts/contract/fixtures.js';
import { createRedactor } from '../../scripts/contract/redact.js';
import { runContract, type ContractOptions } from '../../scripts/contract/runner.js';
import { compareResponse, diffShape, formatDifference } from '../../scripts/contract/shape.js';
import type { CheckResult, ContractReport } from '../../scripts/contract/types.js';
import { admin } from '../support/http.js';

/** The QA contract kit (`npm run contract`): runner, JUnit, fault detection, live-mode safety, recording and drift. */

const all = (report: ContractReport): CheckResult[] => report.runs.flatMap((run) => run.results);
const failed = (report: ContractReport): CheckResult[] => all(report).filter((r) => r.status === 'failed');

describe('contract kit', () => {
  let work: string;
  let sim: StartedSimulator;
  let control: ReturnType<typeof admin>;
  const run = (options: Partial<ContractOptions>): Promise<ContractReport> =>
    runContract({ provider: 'all', reportsDir: join(work, 'reports'), ...options });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'contract-kit-'));
    sim = await startSimulator({ port: 0 });
    control = admin(sim.url);
  });
  afterAll(async () => {
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });
  afterEach(async () => {
    await control.clearFaults();
  });

  it('--provider all passes against a simulator it starts itself and writes the JUnit report', async () => {
    const lines: string[] = [];
    const report = await run({ log: (line) => lines.push(line) });
    expect(failed(report).map((r) => `${r.provider} ${r.endpoint}: ${r.differences.join('; ')}`)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.runs.map((r) => [r.provider, r.mode])).toEqual([
      ['wamessenger', 'simulator'],
      ['washeej', 'simulator'],
      ['watsal', 'simulator'],
      ['wessaal', 'simulator'],
      ['wutt', 'simulator'],
    ]);
    // In simulator mode nothing is skipped: sends, writes, deletes and control-API checks all run.
    expect(all(report).filter((r) => r.status !== 'passed')).toEqual([]);

    expect(report.junitPath).toBe(join(work, 'reports', 'contract-junit.xml'));
    const xml = readFileSync(report.junitPath!, 'utf8');
    const total = all(report).length;
    expect(xml).toMatch(
      new RegExp(`<testsuites name="provider contract" tests="${total}" failures="0" skipped="0"`),
    );
    expect(xml.match(/<testsuite /g)).toHaveLength(5);
    expect(xml.match(/<testcase /g)).toHaveLength(total);
    expect(xml).toContain('name="GET ping › pong with a server timestamp"');
    expect(lines.at(-1)).toBe(`JUnit: ${join(work, 'reports', 'contract-junit.xml')}`);
    expect(lines.find((l) => /passed, 0 failed, 0 skipped/.test(l))).toMatch(new RegExp(`^${total} passed`));
  });

  it('a simulator answering one endpoint in another shape fails the run, naming the endpoint and the field', async () => {
    await control.addFault({
      provider: 'wessaal',
      kind: 'error',
      status: 200,
      path: '/integration/v1/me',
      times: 1,
      body: { success: true, data: { user: 'Ahmed', api_key: { name: 'k', permissions: [] } } },
    });
    const lines: string[] = [];
    const report = await run({ provider: 'wessaal', simulatorUrl: sim.url, log: (line) => lines.push(line) });
    expect(report.ok).toBe(false);
    const failures = failed(report);
    expect(failures.map((r) => r.endpoint)).toEqual(['GET me']);
    expect(failures[0]!.differences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^client: UNEXPECTED_RESPONSE/),
        '$.data.user: expected object, got string "Ahmed"',
        '$.data.pockets: missing (fixture has object)',
      ]),
    );
    expect(lines).toContain('  FAIL  GET me — user, key permissions and pockets');
    expect(lines).toContain('          $.data.user: expected object, got string "Ahmed"');
    const xml = readFileSync(report.junitPath!, 'utf8');
    expect(xml).toMatch(/<testsuite name="wessaal \(simulator: [^"]+\)" tests="\d+" failures="1"/);
    expect(xml).toContain('$.data.user: expected object, got string &quot;Ahmed&quot;');
  });

  it('a simulator answering another status code fails the run with the status difference', async () => {
    await control.addFault({
      provider: 'watsal',
      kind: 'error',
      status: 500,
      path: '/v1/notifications/send',
    });
    const report = await run({ provider: 'watsal', simulatorUrl: sim.url });
    expect(report.ok).toBe(false);
    const failure = failed(report).find((r) => r.endpoint === 'POST /v1/notifications/send');
    expect(failure?.differences).toEqual(expect.arrayContaining(['status: expected 200, got 500']));
  });

  describe('command line (npm run contract -- ...)', () => {
    const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const code = await contractCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
      return { code, out, err };
    };

    it('prints the usage with --help (exit 0) and without --provider (exit 2)', async () => {
      const help = await cli('--help');
      expect(help.code).toBe(0);
      expect(help.out).toMatch(
        /^npm run contract -- --provider <wamessenger\|washeej\|watsal\|wessaal\|wutt\|all>/,
      );
      const bare = await cli();
      expect(bare.code).toBe(2);
      expect(bare.out).toBe(help.out);
    });

    it('exits 2 naming the problem for an unknown flag, --record without --base-url, an unknown provider', async () => {
      const unknown = await cli('--provider', 'wessaal', '--verbose');
      expect(unknown).toMatchObject({
        code: 2,
        err: expect.stringMatching(/^contract: Unknown option '--verbose'/),
      });
      const record = await cli('--provider', 'wessaal', '--record');
      expect(record).toMatchObject({
        code: 2,
        err: '--record saves live answers: give --base-url and --credentials\n',
      });
      const provider = await cli('--provider', 'nope', '--simulator-url', sim.url);
      expect(provider).toMatchObject({ code: 2, err: expect.stringMatching(/unknown provider "nope"/) });
    });

    it('exits 0 when every check passes and 1 when one fails, writing the JUnit report where --reports says', async () => {
      const reports = join(work, 'cli-reports');
      const pass = await cli('--provider', 'wessaal', '--simulator-url', sim.url, '--reports', reports);
      expect(pass.code).toBe(0);
      expect(pass.out).toMatch(/\d+ passed, 0 failed, 0 skipped/);
      expect(existsSync(join(reports, 'contract-junit.xml'))).toBe(true);

      await control.addFault({ provider: 'wessaal', kind: 'error', status: 500, path: '/integration/v1/me' });
      const fail = await cli('--provider', 'wessaal', '--simulator-url', sim.url, '--reports', reports);
      expect(fail.code).toBe(1);
      expect(fail.out).toContain('  FAIL  GET me');
    });
  });

  describe('against a live base URL (here: a simulator given as --base-url, with the demo credentials file)', () => {
    const writeCredentials = (name: string, credentials: unknown): string => {
      const file = join(work, name);
      writeFileSync(file, JSON.stringify(credentials));
      return file;
    };

    it('without --allow-send: read-only checks run, sends and writes are skipped, deletes refused; no message sent', async () => {
      await control.reset();
      const report = await run({
        provider: 'wessaal',
        baseUrl: `${sim.url}/wessaal/integration/v1`,
        credentialsFile: writeCredentials('wessaal.json', { apiKey: 'sk_test_wessaal_demo' }),
      });
      expect(report.runs[0]!.mode).toBe('live');
      const results = all(report);
      expect(failed(report)).toEqual([]);
      expect(report.ok).toBe(true);
      for (const result of results.filter((r) => r.kind === 'send' || r.kind === 'write')) {
        expect({ endpoint: result.endpoint, status: result.status, reason: result.reason }).toEqual({
          endpoint: result.endpoint,
          status: 'skipped',
          reason: expect.stringContaining('need --allow-send'),
        });
      }
      expect(results.find((r) => r.kind === 'destructive')).toMatchObject({
        endpoint: 'DELETE contacts/{id}',
        status: 'skipped',
        reason: expect.stringMatching(/^refused: destructive/),
      });
      expect(results.filter((r) => r.status === 'passed').map((r) => r.endpoint)).toEqual(
        expect.arrayContaining(['GET ping', 'GET me', 'GET instances', 'GET messages']),
      );
      expect(await control.messages('?provider=wessaal')).toEqual([]);
      const journal = await control.requests('?provider=wessaal');
      expect(journal.length).toBeGreaterThan(0);
      expect(journal.filter((entry) => entry.method !== 'GET')).toEqual([]);
    });

    it('with --allow-send the same run sends (the assertion above can fail)', async () => {
      await control.reset();
      const report = await run({
        provider: 'wamessenger',
        baseUrl: `${sim.url}/wamessenger`,
        credentialsFile: writeCredentials('wamessenger.json', {
          wamessenger: { apiKey: 'wamessenger-demo-key' },
        }),
        allowSend: true,
        to: '09351234567',
      });
      expect(failed(report)).toEqual([]);
      expect((await control.messages('?provider=wamessenger')).length).toBeGreaterThanOrEqual(3);
    });

    it('refuses to start without credentials, and --base-url with several providers', async () => {
      await expect(run({ provider: 'watsal', baseUrl: `${sim.url}/watsal` })).rejects.toThrow(
        /--credentials FILE is required/,
      );
      await expect(
        run({ provider: 'all', baseUrl: `${sim.url}/watsal`, credentials: { apiKey: 'x' } }),
      ).rejects.toThrow(/single --provider/);
      await expect(run({ provider: 'nope' })).rejects.toThrow(/unknown provider "nope"/);
    });

    it('--record saves redacted fixtures, and the drift report lists where the simulator differs from them', async () => {
      const fixturesDir = join(work, 'fixtures');
      cpSync(DEFAULT_FIXTURES_DIR, fixturesDir, { recursive: true });
      const to = '+966511112222';
      // Free-form text needs a customer who wrote within 24 h: the phone given as --to writes in first.
      await control.inbound({ provider: 'washeej', account: 'washeej-demo', from: to, text: 'hello' });
      const report = await run({
        provider: 'washeej',
        baseUrl: `${sim.url}/washeej/external-api`,
        credentials: { clientId: 'washeej-demo-id', clientSecret: 'washeej-demo-secret' },
        allowSend: true,
        to,
        record: true,
        fixturesDir,
      });
      expect(failed(report)).toEqual([]);
      const recordedDir = join(fixturesDir, 'washeej', 'recorded');
      expect(readdirSync(recordedDir).sort()).toEqual(
        [
          ...new Set(
            all(report)
              .filter((r) => r.exchange)
              .map((r) => `${r.fixture}.json`),
          ),
        ].sort(),
      );
      const sent = readFileSync(join(recordedDir, 'send-message.json'), 'utf8');
      for (const text of [
        sent,
        ...readdirSync(recordedDir).map((f) => readFileSync(join(recordedDir, f), 'utf8')),
      ]) {
        expect(text).not.toContain('washeej-demo-id');
        expect(text).not.toContain('washeej-demo-secret');
      }
      const recorded = JSON.parse(sent) as {
        source: string;
        request: { headers: Record<string, string>; body: Record<string, string> };
        response: { body: { data: { message: { to_number: string } } } };
      };
      expect(recorded.source).toMatch(/^recorded: /);
      expect(recorded.request.headers['client-id']).toBe('<redacted>');
      expect(recorded.request.headers['client-secret']).toBe('<redacted>');
      // Phone numbers are masked, keeping their kind (digits in a string).
      expect(recorded.response.body.data.message.to_number).toMatch(/^9660+$/);
      expect(recorded.request.body.mobile).toMatch(/^\d{3}0+$/);

      // The simulator agrees in shape with what was just recorded (nulls where the data differs are listed apart).
      expect(existsSync(report.driftPath!)).toBe(true);
      expect(readFileSync(report.driftPath!, 'utf8')).toMatch(/^No drift: \d+ recorded answers;/m);

      // A recorded answer with a field and a status the simulator does not have: the drift report lists both.
      const pingLike = join(recordedDir, 'template-list.json');
      const fixture = JSON.parse(readFileSync(pingLike, 'utf8')) as {
        response: { status: number; body: { data: Record<string, unknown> } };
      };
      fixture.response.status = 201;
      fixture.response.body.data.total_pages = 3;
      writeFileSync(pingLike, JSON.stringify(fixture));
      const drift = await run({ provider: 'washeej', drift: true, fixturesDir });
      const markdown = readFileSync(drift.driftPath!, 'utf8');
      expect(markdown).toContain(
        '- washeej `GET inbox/template-list` (template-list): status: expected 201, got 200',
      );
      expect(markdown).toContain(
        '- washeej `GET inbox/template-list` (template-list): $.data.total_pages: missing (fixture has number 3)',
      );
    });
  });
});

describe('shape comparison and redaction', () => {
  it('reports type changes, missing keys and array items; ignores values; null in a fixture accepts anything', () => {
    const fixture = { success: true, data: { id: 1, tags: ['a'], note: null, items: [{ n: 1 }] } };
    expect(
      diffShape(fixture, { success: true, data: { id: 2, tags: [], note: { x: 1 }, items: [{ n: 5 }] } }),
    ).toEqual([]);
    expect(
      diffShape(fixture, { success: 'yes', data: { tags: 'a', note: 1, items: [{ n: 1 }, { m: 1 }] } }).map(
        formatDifference,
      ),
    ).toEqual([
      '$.success: expected boolean true, got string "yes"',
      '$.data.id: missing (fixture has number 1)',
      '$.data.tags: expected array, got string "a"',
      '$.data.items[1].n: missing (fixture has number 1)',
    ]);
    expect(
      compareResponse(
        { status: 202, contentType: 'application/json', body: { a: 1 } },
        { status: 200, contentType: 'text/plain', body: 'x' },
      ),
    ).toEqual([
      'status: expected 202, got 200',
      'content-type: expected application/json, got text/plain',
      '$: expected object, got string "x"',
    ]);
  });

  it('redacts credentials wherever they appear, secret-named fields and phone numbers, keeping the shape', () => {
    const redactor = createRedactor({ apiKey: 'wm-secret-key-123' });
    expect(redactor.text('/getStatus/wm-secret-key-123?id=80379458')).toBe('/getStatus/<apiKey>?id=80379458');
    expect(
      redactor.value({
        hash: 'anything',
        phonenumber: '989121234567',
        to: '+966501234567',
        count: 3,
        mobile: 966501234567,
        text: 'call 0935123456',
      }),
    ).toEqual({
      hash: '<redacted>',
      phonenumber: '989000000000',
      to: '+966000000000',
      count: 3,
      mobile: 966000000000,
      text: 'call 0930000000',
    });
  });
});
