import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { formatReport, runCampaign, runFixedCases } from '../../../scripts/fuzz/campaign.js';
import type { OpenApiDocument } from '../../../scripts/fuzz/openapi.js';
import { gatewayTarget } from '../../../scripts/fuzz/targets.js';
import WebSocket from 'ws';
import { http } from '../../support/http.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/**
 * Property: whatever arrives at any REST route of the gateway (every path in the committed OpenAPI document) or at
 * /graphql, from an authenticated client, the gateway answers promptly, never with a 500, and every error is in the
 * API's shape: problem+json on REST, `extensions.code` on GraphQL. 502/503 are allowed only as provider verdicts
 * (the simulator refusing garbage the gateway passed on would be a gateway bug caught by the other suites).
 */
interface Route {
  method: string;
  template: string;
}

const OPENAPI = JSON.parse(readFileSync('apps/gateway/openapi.json', 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};
const ROUTES: Route[] = Object.entries(OPENAPI.paths).flatMap(([template, item]) =>
  Object.keys(item)
    .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map((method) => ({ method: method.toUpperCase(), template })),
);
const CONNECTIONS = ['washeej-demo', 'wutt-demo', 'watsal-demo', 'wessaal-demo', 'wamessenger-demo'];
const PROVIDERS = ['washeej', 'wutt', 'watsal', 'wessaal', 'wamessenger'];
const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/xml',
];

/** Values close to what routes expect (so requests get past the first check) mixed with anything at all. */
const looseValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '+966501234567',
    '0935123456',
    'hello',
    '',
    ' ',
    'wessaal-demo',
    'text',
    -1,
    0,
    1e308,
    null,
    // PostgreSQL cannot store U+0000: a NUL byte anywhere must be a 400 naming the field, never reach a query.
    '\u0000',
    'wessaal-demo\u0000',
    '+966501234567\u0000',
  ),
);
const SEND_FIELDS = ['connection', 'to', 'text', 'type', 'media', 'template', 'location', 'idempotencyKey'];
const plausibleBody = fc
  .dictionary(
    fc.oneof(fc.constantFrom(...SEND_FIELDS, 'name', 'provider', 'code', 'messages'), fc.string()),
    looseValue,
    {
      maxKeys: 6,
    },
  )
  .map((d) => ({ text: JSON.stringify(d), type: 'application/json' }));
const bodyArb = fc.oneof(
  plausibleBody,
  fc.jsonValue().map((value) => ({ text: JSON.stringify(value), type: 'application/json' })),
  fc.record({ text: fc.string({ maxLength: 300 }), type: fc.constantFrom(...CONTENT_TYPES) }),
);
const paramArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.uuid(),
  fc.constantFrom('1', '0', '-1', '..', '%2F', 'null', '00000000-0000-0000-0000-000000000000', 'a\u0000'),
);
const queryArb = fc.dictionary(
  fc.constantFrom('first', 'after', 'status', 'connection', 'page', 'limit', 'search', 'to', 'since'),
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer({ min: -10, max: 1_000_000 }).map(String),
    fc.constantFrom('\u0000', 'x\u0000y'),
  ),
  { maxKeys: 4 },
);

/** Valid sends of each kind, one field of which the property then replaces. */
const SEND_SHAPES: Array<Record<string, unknown>> = [
  { text: 'hello' },
  { type: 'IMAGE', media: { url: 'https://example.com/a.png' }, caption: 'c' },
  { type: 'LOCATION', location: { latitude: 24.7, longitude: 46.7, name: 'Riyadh' } },
  { type: 'TEMPLATE', template: { id: '1', variables: { name: 'x' } } },
  { type: 'CONTACT_CARD', contacts: [{ fullName: 'Sam', phoneNumber: '+966501234568' }] },
  { type: 'POLL', poll: { question: 'q?', options: ['a', 'b'] } },
  {
    type: 'BUTTONS',
    buttons: { body: 'pick', title: 't', buttons: [{ type: 'REPLY', id: '1', displayText: 'ok' }] },
  },
];
const NEAR_VALID_FIELDS: Record<string, unknown> = {
  to: '0935123456',
  text: 'x'.repeat(5000),
  type: 'VIDEO',
  from: '+966500000000',
  idempotencyKey: 'k'.repeat(300),
  media: { url: 'ftp://x', contentType: 'image/png' },
  caption: '',
  location: { latitude: 91, longitude: 0 },
  template: { name: '' },
  contacts: [],
  poll: { question: 'q', options: ['only'] },
  buttons: { buttons: [{ type: 'URL' }] },
  linkPreview: 'yes',
};

/** A GraphQL operation per root field that takes input, with random variables: BAD_USER_INPUT or a real answer. */
const GQL_OPERATIONS = [
  'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id status error { code } } }',
  'mutation($i: StartVerificationInput!) { startVerification(input: $i) { id } }',
  'mutation($i: CheckVerificationInput!) { checkVerification(input: $i) { verified } }',
  'query($i: MessageFilter, $f: Int, $a: String) { messages(filter: $i, first: $f, after: $a) { edges { node { id } } } }',
  'query($i: ID!) { message(id: $i) { id } }',
];

/** The same operations and the subscriptions, for the socket. */
const WS_OPERATIONS = [
  ...GQL_OPERATIONS,
  'subscription($i: ID) { messageStatusChanged(messageId: $i) { id status } }',
  'subscription($i: String) { inboundMessageReceived(connection: $i) { id } }',
];

/** What one socket message got back: the messages for its id until `complete` or `error`, or the socket's close. */
interface WsOutcome {
  messages: Array<{ type: string; id?: string; payload?: unknown }>;
  closed?: number;
}

/** A raw graphql-transport-ws socket, acknowledged. */
async function openSocket(url: string, apiKey: string): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${apiKey}` } }),
      ),
    );
    socket.once('message', (data: Buffer) =>
      JSON.parse(data.toString()).type === 'connection_ack' ? resolve() : reject(new Error(data.toString())),
    );
    socket.once('close', (code: number) => reject(new Error(`closed ${code} before connection_ack`)));
  });
  return socket;
}

/** Sends `frame` and collects what comes back for `id` (up to `complete`/`error`), or the close. */
function exchange(
  socket: WebSocket,
  frame: string,
  id: string | undefined,
  timeoutMs = 20_000,
): Promise<WsOutcome> {
  return new Promise((resolve, reject) => {
    const messages: WsOutcome['messages'] = [];
    const timer = setTimeout(() => {
      // A subscription that is accepted stays open: that is an answer too.
      if (messages.length === 0 && id) return done({ messages });
      reject(new Error(`no answer in ${timeoutMs} ms to ${frame.slice(0, 200)}`));
    }, timeoutMs);
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as WsOutcome['messages'][number];
      if (message.id !== id) return;
      messages.push(message);
      if (message.type === 'complete' || message.type === 'error') done({ messages });
    };
    const onClose = (code: number) => done({ messages, closed: code });
    const done = (outcome: WsOutcome) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
      resolve(outcome);
    };
    socket.on('message', onMessage);
    socket.once('close', onClose);
    socket.send(frame);
  });
}

/** Every error of an outcome: those of `error` messages and those inside `next` results. */
function wsErrors(outcome: WsOutcome): Array<{ message?: string; extensions?: { code?: unknown } }> {
  return outcome.messages.flatMap((m) =>
    m.type === 'error'
      ? (m.payload as Array<{ extensions?: { code?: unknown } }>)
      : m.type === 'next'
        ? ((m.payload as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors ?? [])
        : [],
  );
}

describe('gateway under random input', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await startGatewayStack();
  }, 120_000);
  afterAll(() => stack.close());

  it('reads every route from the committed OpenAPI document', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(35);
    expect(ROUTES).toContainEqual({ method: 'POST', template: '/v1/messages' });
  });

  it('never answers 5xx of its own, never hangs, errors in problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        bodyArb,
        paramArb,
        fc.constantFrom(...CONNECTIONS),
        queryArb,
        async (route, body, param, connection, query) => {
          // Connections themselves get random names: a random PATCH of a demo connection would point it anywhere.
          const connectionItself = route.template === '/v1/connections/{name}' && route.method !== 'GET';
          const path = route.template
            .replace('{name}', encodeURIComponent(connectionItself ? param : connection))
            .replace('{provider}', PROVIDERS[param.length % PROVIDERS.length]!)
            .replace(/\{[^}]+\}/g, encodeURIComponent(param));
          const withBody = route.method !== 'GET' && route.method !== 'DELETE';
          const res = await http(`${stack.url}${path}?${new URLSearchParams(query).toString()}`, {
            method: route.method,
            headers: {
              authorization: `Bearer ${stack.tenant.apiKey}`,
              ...(withBody ? { 'content-type': body.type } : {}),
            },
            body: withBody ? body.text : undefined,
            signal: AbortSignal.timeout(20_000),
          });
          const what = `${route.method} ${path} ${withBody ? body.text.slice(0, 200) : ''} → ${res.status}: ${res.text.slice(0, 300)}`;
          if (res.status === 500 || res.status > 503) throw new Error(what);
          if (res.status >= 400) {
            if (!res.headers.get('content-type')?.startsWith('application/problem+json'))
              throw new Error(what);
            const problem = res.json as { status?: unknown; code?: unknown; detail?: unknown };
            if (problem.status !== res.status || typeof problem.code !== 'string' || !problem.detail)
              throw new Error(what);
          }
        },
      ),
      { numRuns: 500, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
  }, 240_000);

  it('answers near-valid sends on every connection with a message or a typed 4xx, never a 500', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CONNECTIONS),
        fc.constantFrom(...SEND_SHAPES),
        // A third of the sends unchanged (they reach the provider), the rest with one field replaced.
        fc.option(
          fc.tuple(
            fc.constantFrom(...Object.keys(NEAR_VALID_FIELDS)),
            fc.oneof(fc.constantFrom(...Object.values(NEAR_VALID_FIELDS)), looseValue),
          ),
          { nil: undefined, freq: 2 },
        ),
        async (connection, shape, change) => {
          const body = {
            connection,
            to: '+966501234567',
            ...shape,
            ...(change ? { [change[0]]: change[1] } : {}),
          };
          const res = await http(`${stack.url}/v1/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(20_000),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const what = `${JSON.stringify(body).slice(0, 300)} → ${res.status}: ${res.text.slice(0, 300)}`;
          if (res.status === 500 || res.status > 503) throw new Error(what);
          if (res.status >= 400 && !res.headers.get('content-type')?.startsWith('application/problem+json'))
            throw new Error(what);
          if (res.status === 201 && typeof (res.json as { status?: unknown }).status !== 'string')
            throw new Error(what);
        },
      ),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
    // The property reached the providers, not only the validation layer.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(25);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(20);
  }, 240_000);

  it('answers random GraphQL variables with typed errors, never INTERNAL_SERVER_ERROR', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GQL_OPERATIONS),
        fc.oneof(
          plausibleBody.map((b) => JSON.parse(b.text) as unknown),
          fc.jsonValue({ maxDepth: 3 }),
        ),
        fc.jsonValue({ maxDepth: 1 }),
        fc.jsonValue({ maxDepth: 1 }),
        async (query, i, f, a) => {
          const res = await http(`${stack.url}/graphql`, {
            method: 'POST',
            headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables: { i, f, a } }),
            signal: AbortSignal.timeout(20_000),
          });
          const payload = res.json as { errors?: Array<{ extensions?: { code?: unknown } }> } | undefined;
          const what = `${query} ${JSON.stringify(i).slice(0, 200)} → ${res.status}: ${res.text.slice(0, 300)}`;
          if (res.status >= 500 || !payload) throw new Error(what);
          for (const error of payload.errors ?? []) {
            const code = error.extensions?.code;
            if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') throw new Error(what);
          }
        },
      ),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
  }, 240_000);

  it('answers random operations and variables over graphql-ws with coded errors, never INTERNAL_SERVER_ERROR', async () => {
    const socket = await openSocket(stack.url, stack.tenant.apiKey);
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constantFrom(...WS_OPERATIONS),
            // Hostile documents: garbage, NUL bytes, deep nesting, too many aliases, an operation name that is not there.
            fc.string({ maxLength: 200 }),
            fc.constantFrom(
              '{ providers { id } }\u0000',
              `{ ${'['.repeat(5_000)} }`,
              `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: providers { id }`).join(' ')} }`,
              'subscription { messageStatusChanged(messageId: "a\u0000") { id } }',
            ),
          ),
          fc.oneof(
            plausibleBody.map((b) => JSON.parse(b.text) as unknown),
            fc.jsonValue({ maxDepth: 3 }),
          ),
          fc.oneof(fc.constant(undefined), fc.string({ maxLength: 10 }), fc.constant('Nope')),
          async (query, i, operationName) => {
            const id = `op-${n++}`;
            const frame = JSON.stringify({
              type: 'subscribe',
              id,
              payload: { query, variables: { i }, operationName },
            });
            const outcome = await exchange(socket, frame, id, 10_000);
            const what = `${frame.slice(0, 300)} → ${JSON.stringify(outcome).slice(0, 400)}`;
            if (outcome.closed !== undefined) throw new Error(`socket closed ${outcome.closed}: ${what}`);
            for (const error of wsErrors(outcome)) {
              const code = error.extensions?.code;
              if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') throw new Error(what);
            }
            // An accepted subscription is stopped, so that the socket does not gather hundreds.
            if (outcome.messages.length === 0) socket.send(JSON.stringify({ type: 'complete', id }));
          },
        ),
        { numRuns: 200, seed: Number(process.env.FUZZ_SEED ?? 20261203) },
      );
    } finally {
      socket.close();
    }
  }, 240_000);

  it('closes a socket with 4400 on a message graphql-ws does not define, and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 100 }).filter((text) => {
            try {
              const value = JSON.parse(text) as { type?: unknown } | null;
              return typeof value !== 'object' || value === null || Array.isArray(value);
            } catch {
              return true;
            }
          }),
          fc
            .record({
              type: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('start', 'stop', 'data')),
            })
            .filter((m) => !['connection_init', 'ping', 'pong', 'subscribe', 'complete'].includes(m.type))
            .map((m) => JSON.stringify(m)),
          fc
            .record({ id: fc.oneof(fc.integer(), fc.constant(null)), payload: fc.jsonValue({ maxDepth: 1 }) })
            .map((m) => JSON.stringify({ type: 'subscribe', ...m })),
          fc.constantFrom(JSON.stringify({ type: 'subscribe', id: 'x', payload: null })),
        ),
        async (frame) => {
          const socket = await openSocket(stack.url, stack.tenant.apiKey);
          const outcome = await exchange(socket, frame, undefined, 10_000);
          if (outcome.closed !== 4400) throw new Error(`${frame} → ${JSON.stringify(outcome)}`);
        },
      ),
      { numRuns: 60, seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
    expect((await http(`${stack.url}/health`)).status).toBe(200);
  }, 240_000);

  // The seeds of scripts/fuzz (`npm run fuzz -- --app gateway`) that found defects, once fixed: bodies nested
  // thousands deep (500: the validation pipe overflowed the stack), undecodable URLs and over-long parameters or
  // heads answered outside problem+json, a HEAD 431 with a body (1); a form body with a `__proto__` key (2).
  it.each(process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [20261122, 1, 2])(
    'scripts/fuzz seed %i: every body kind and value shape, no 5xx of its own, errors in problem+json',
    async (seed) => {
      const target = gatewayTarget(stack.url, stack.tenant.apiKey, OPENAPI as unknown as OpenApiDocument);
      const report = await runCampaign(target, { seed, requests: 150, fixedCases: false });
      if (report.failures.length > 0 || !report.alive) throw new Error(formatReport(report, stack.url));
    },
    240_000,
  );

  it('answers malformed HTTP over a raw socket, HEAD and OPTIONS on every route, without a 5xx or a hang', async () => {
    const target = gatewayTarget(stack.url, stack.tenant.apiKey, OPENAPI as unknown as OpenApiDocument);
    const fixed = await runFixedCases(target, 10_000);
    expect(fixed.failures).toEqual([]);
    expect(fixed.count).toBeGreaterThan(100);
    expect((await http(`${stack.url}/health`)).status).toBeLessThan(500);
  }, 240_000);

  it('answers a huge body with 413 in problem+json', async () => {
    const res = await http(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'content-type': 'application/json' },
      body: `{"connection":"wessaal-demo","to":"+966501234567","text":"${'x'.repeat(30 * 1024 * 1024)}"}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
