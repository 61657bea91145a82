import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderError } from '@app/providers';
import { SUITES } from '../../scripts/contract/checks/index.js';
import { DEFAULT_FIXTURES_DIR, listFixtures } from '../../scripts/contract/fixtures.js';
import { runContract } from '../../scripts/contract/runner.js';
import type {
  CheckContext,
  CheckResult,
  ContractCheck,
  Fixture,
  ProviderSuite,
} from '../../scripts/contract/types.js';

/**
 * The golden fixtures (test/fixtures/<provider>/*.json: every request and response example of the provider docs and
 * the real-server facts of their README): the client parses each one, and the simulator's answer to the equivalent
 * request has each one's shape (status code, content type, required keys and types, envelope).
 */

const PROVIDERS = Object.keys(SUITES).sort();
const cases = PROVIDERS.flatMap((provider) =>
  SUITES[provider]!.checks.map((check) => [provider, check.fixture, check] as const),
);

/** A fetch that answers every request with the fixture's response, and remembers the requests. */
function fixtureFetch(fixture: Fixture, requests: Array<{ method: string; url: string }>): typeof fetch {
  return (input, init) => {
    requests.push({ method: (init?.method ?? 'GET').toUpperCase(), url: String(input) });
    const { status, contentType, body } = fixture.response;
    const text = contentType.includes('json') ? JSON.stringify(body) : String(body);
    return Promise.resolve(new Response(text, { status, headers: { 'content-type': contentType } }));
  };
}

/** Values earlier checks would have stored, as the docs show them. */
const SAMPLE_STATE: Record<string, unknown> = {
  template: { id: 123, status: 1, body_variables: 2, header_variables: 0 },
  instance: 'my-instance',
  messageId: '80379458',
  requestId: 'req_550e8400-e29b-41d4',
};

function contextFor(
  suite: ProviderSuite,
  fixture: Fixture,
  requests: Array<{ method: string; url: string }>,
): CheckContext<unknown> {
  const fetchImpl = fixtureFetch(fixture, requests);
  const credentials = Object.fromEntries(suite.credentialKeys.map((key) => [key, `test-${key}`]));
  const state = new Proxy<Record<string, unknown>>(
    {},
    {
      get: (target, key: string) => (key in target ? target[key] : (SAMPLE_STATE[key] ?? 1)),
    },
  );
  return {
    client: suite.createClient('https://provider.example/api', credentials, fetchImpl),
    clientWith: (other) => suite.createClient('https://provider.example/api', other, fetchImpl),
    credentials,
    state,
    accountId: 'acc_1',
    recipient: () => '+966501234567',
    control: {
      url: 'http://simulator.invalid',
      call: <T>() => Promise.resolve({ code: '123456', credits: 5 } as T),
    },
  };
}

/** `GET contacts/{id}` → a regex over the request URL's path. */
function endpointPattern(endpoint: string): { method: string; path: RegExp } {
  const [method, rawPath] = endpoint.replace(/ \(group\)$/, '').split(' ') as [string, string];
  const path = rawPath.split('?')[0]!.replace(/^\//, '');
  const source = path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return { method, path: new RegExp(`/${source}$`) };
}

describe('golden fixtures: test/fixtures/<provider>', () => {
  it.each(PROVIDERS)(
    '%s: every fixture file is checked by the contract suite, and every check has its fixture',
    (provider) => {
      const files = readdirSync(join(DEFAULT_FIXTURES_DIR, provider))
        .filter((f) => f.endsWith('.json'))
        .sort();
      const used = [...new Set(SUITES[provider]!.checks.map((c) => `${c.fixture}.json`))].sort();
      expect(files).toEqual(used);
    },
  );

  it.each(PROVIDERS)('%s: every fixture has a source, an endpoint, a request and a response', (provider) => {
    const fixtures = listFixtures(DEFAULT_FIXTURES_DIR, provider);
    expect(fixtures.size).toBeGreaterThan(0);
    for (const [name, fixture] of fixtures) {
      expect({ name, source: fixture.source }).toEqual({
        name,
        source: expect.stringMatching(/(\.txt|README\.md): /),
      });
      expect(fixture.endpoint).toMatch(/^(GET|POST|PUT|DELETE) \S+/);
      expect(fixture.request.method).toBe(fixture.endpoint.split(' ')[0]);
      expect(typeof fixture.response.status).toBe('number');
      expect(fixture.response.contentType).toMatch(/^(application\/json|text\/plain)/);
      // No real credentials in a fixture: placeholders only.
      expect(JSON.stringify(fixture.request.headers ?? {})).not.toMatch(/demo|sk_live_|sk_test_/);
    }
  });
});

describe('the client parses each fixture', () => {
  it.each(cases)('%s %s', async (provider, name, check: ContractCheck) => {
    const suite = SUITES[provider]!;
    const fixture = listFixtures(DEFAULT_FIXTURES_DIR, provider).get(name)!;
    expect(fixture).toBeDefined();
    const requests: Array<{ method: string; url: string }> = [];
    const run = check.run(contextFor(suite, fixture, requests));
    if (check.expectError) {
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).code).toBe(check.expectError);
    } else {
      await expect(run).resolves.not.toThrow();
    }
    // The client called the fixture's endpoint.
    const { method, path } = endpointPattern(fixture.endpoint);
    const last = requests.at(-1)!;
    expect(last.method).toBe(method);
    expect(new URL(last.url).pathname).toMatch(path);
  });
});

describe("the simulator's answers match each fixture's shape", () => {
  let results: Map<string, CheckResult>;

  beforeAll(async () => {
    const report = await runContract({
      provider: 'all',
      reportsDir: join(process.cwd(), 'reports', 'fixtures-spec'),
    });
    results = new Map(
      report.runs.flatMap((run) => run.results.map((r) => [`${r.provider}/${r.fixture}`, r])),
    );
  });

  it.each(cases)('%s %s', (provider, name) => {
    const result = results.get(`${provider}/${name}`);
    expect(result).toBeDefined();
    expect({ status: result!.status, differences: result!.differences, reason: result!.reason }).toEqual({
      status: 'passed',
      differences: [],
      reason: undefined,
    });
    expect(result!.exchange?.status).toBe(
      listFixtures(DEFAULT_FIXTURES_DIR, provider).get(name)!.response.status,
    );
  });
});
