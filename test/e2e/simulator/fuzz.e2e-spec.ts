import fc from 'fast-check';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { http } from '../../support/http.js';

/**
 * Property: whatever body arrives at any documented endpoint of any provider, with valid demo credentials so the
 * body gets past auth, the simulator answers with a status below 500, promptly, and stays up.
 */
const AUTH: Record<string, Record<string, string>> = {
  washeej: { 'client-id': 'washeej-demo-id', 'client-secret': 'washeej-demo-secret' },
  wutt: { 'client-id': 'wutt-demo-id', 'client-secret': 'wutt-demo-secret' },
  watsal: { authorization: 'Bearer watsal-demo-key' },
  wessaal: { 'x-api-key': 'sk_test_wessaal_demo' },
  wamessenger: {},
};

interface Endpoint {
  provider: string;
  method: string;
  template: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
];

const bodyArb = fc.oneof(
  fc.json().map((text) => ({ text, type: 'application/json' })),
  fc.jsonValue().map((value) => ({ text: JSON.stringify(value), type: 'application/json' })),
  fc.record({ text: fc.string({ maxLength: 300 }), type: fc.constantFrom(...CONTENT_TYPES) }),
  fc
    .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }))
    .map((d) => ({ text: new URLSearchParams(d).toString(), type: 'application/x-www-form-urlencoded' })),
);
const paramArb = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('124', 'my-instance', '1', '7', '22', 'req_x'),
);

describe('simulator under random input', () => {
  let sim: StartedSimulator;
  let endpoints: Endpoint[];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    const docs = (await http(`${sim.url}/docs-json`)).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    endpoints = Object.entries(docs.paths).flatMap(([template, item]) => {
      const provider = template.split('/')[1]!;
      if (!(provider in AUTH)) return [];
      return Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ provider, method: method.toUpperCase(), template }));
    });
  });
  afterAll(() => sim.close());

  it('documents every provider in /docs-json', () => {
    const providers = new Set(endpoints.map((e) => e.provider));
    expect([...providers].sort()).toEqual(Object.keys(AUTH).sort());
    expect(endpoints.length).toBeGreaterThanOrEqual(40);
  });

  it('never answers 5xx, never hangs', async () => {
    const endpointArb = fc.constantFrom(...endpoints);
    await fc.assert(
      fc.asyncProperty(
        endpointArb,
        bodyArb,
        paramArb,
        fc.string({ maxLength: 30 }),
        async (endpoint, body, param, query) => {
          const path = endpoint.template
            .replace(/\{apikey\}/gi, 'wamessenger-demo-key')
            .replace(/\{[^}]+\}/g, encodeURIComponent(param));
          const withBody = endpoint.method !== 'GET';
          const res = await http(
            `${sim.url}${path}?${new URLSearchParams({ q: query, page: param, id: param }).toString()}`,
            {
              method: endpoint.method,
              headers: { ...AUTH[endpoint.provider], ...(withBody ? { 'content-type': body.type } : {}) },
              body: withBody ? body.text : undefined,
              signal: AbortSignal.timeout(5_000),
            },
          );
          if (res.status >= 500)
            throw new Error(`${endpoint.method} ${path} → ${res.status}: ${res.text.slice(0, 300)}`);
        },
      ),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
  }, 120_000);

  it('answers huge bodies with a 4xx in every provider scope', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    for (const provider of Object.keys(AUTH)) {
      const post = endpoints.find((e) => e.provider === provider && e.method === 'POST')!;
      const path = post.template.replace(/\{apikey\}/gi, 'wamessenger-demo-key').replace(/\{[^}]+\}/g, '1');
      const res = await http(`${sim.url}${path}`, {
        method: 'POST',
        headers: { ...AUTH[provider], 'content-type': 'application/json' },
        body: `{"a":"${huge}"}`,
      });
      expect({ provider, status: res.status }).toEqual({ provider, status: 413 });
    }
  });
});
