import { operationsOf, type OpenApiDocument } from './openapi.js';
import type { FuzzRequest, Operation } from './requests.js';

/** A response as the checks see it; `head` says the request was HEAD (no body to judge). */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  head: boolean;
}

/** What the fuzzer needs to know about an app: its operations, how to call them, and what a good answer is. */
export interface FuzzTarget {
  name: 'simulator' | 'gateway';
  baseUrl: string;
  operations: Operation[];
  /** Values for path parameters that exist in the seed data (so requests get past "not found"). */
  params: string[];
  /** The value a path parameter gets: usually `param`, or a real one where a wrong one would only test 404s. */
  fill(operation: Operation, name: string, param: string): string;
  headers(operation: Operation): Record<string, string>;
  /** Why `answer` is wrong (5xx, error in the wrong shape), or undefined when it is fine. */
  judge(operation: Operation | undefined, answer: Answer): string | undefined;
  /** Undo what a request changed that would change later answers (faults, rate limits); cheap. */
  afterEach(request: FuzzRequest, answer: Answer): Promise<void>;
  /** A request whose answer must stay good whatever came before (the journal, health). */
  probe(): Promise<string | undefined>;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Each simulated provider's own error body, and the control API's (Nest's `{statusCode, message}`). */
export const SIMULATOR_ERROR_SHAPES: Record<string, (body: unknown, answer: Answer) => boolean> = {
  washeej: (b) => isObject(b) && b.status === 'error' && typeof b.remark === 'string',
  wutt: (b) => isObject(b) && b.status === 'error' && typeof b.remark === 'string',
  watsal: (b) =>
    isObject(b) &&
    b.success === false &&
    isObject(b.error) &&
    typeof b.error.code === 'string' &&
    typeof b.error.message === 'string',
  wessaal: (b) => isObject(b) && b.success === false && typeof b.message === 'string',
  wamessenger: (b, a) =>
    (a.contentType.startsWith('text/plain') && a.text.length > 0) ||
    (isObject(b) && typeof b.message === 'string'),
  admin: (b, a) =>
    isObject(b) && b.statusCode === a.status && (typeof b.message === 'string' || Array.isArray(b.message)),
};

const SIM_AUTH: Record<string, Record<string, string>> = {
  washeej: { 'client-id': 'washeej-demo-id', 'client-secret': 'washeej-demo-secret' },
  wutt: { 'client-id': 'wutt-demo-id', 'client-secret': 'wutt-demo-secret' },
  watsal: { authorization: 'Bearer watsal-demo-key' },
  wessaal: { 'x-api-key': 'sk_test_wessaal_demo' },
};

function simulatorScope(template: string): string {
  const first = template.split('/')[1] ?? '';
  return first === '__admin' ? 'admin' : first in SIMULATOR_ERROR_SHAPES ? first : 'admin';
}

async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: parse(await res.text()) };
}

/** The simulator: every operation of its `/docs-json`, the control API included, with the demo credentials. */
export async function simulatorTarget(baseUrl: string): Promise<FuzzTarget> {
  const doc = (await getJson(`${baseUrl}/docs-json`)).body as OpenApiDocument;
  return {
    name: 'simulator',
    baseUrl,
    operations: operationsOf(doc, simulatorScope),
    params: [
      '124',
      '1',
      '7',
      '22',
      'my-instance',
      'req_x',
      'washeej-demo',
      'wessaal-demo',
      'watsal-demo',
      'wamessenger-demo',
    ],
    // WaMessenger's key is a path segment: mostly the demo key, so requests reach the handlers.
    fill: (_op, name, param) =>
      /apikey/i.test(name) && param.length % 4 !== 0 ? 'wamessenger-demo-key' : param,
    headers: (op) => SIM_AUTH[op.scope] ?? {},
    judge(operation, answer) {
      if (answer.status >= 500) return `answered ${answer.status}`;
      if (answer.status < 400 || answer.head || !operation) return undefined;
      const shape = SIMULATOR_ERROR_SHAPES[operation.scope]!;
      return shape(parse(answer.text), answer)
        ? undefined
        : `${answer.status} not in ${operation.scope}'s error shape`;
    },
    async afterEach(request, answer) {
      // Faults, clock, accounts: a control call that changed something is undone, so every request stands alone.
      if (request.path.startsWith('/__admin') && request.method !== 'GET' && answer.status < 300)
        await fetch(`${baseUrl}/__admin/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    },
    async probe() {
      const journal = await getJson(`${baseUrl}/__admin/requests?limit=5`);
      return journal.status === 200 && Array.isArray(journal.body)
        ? undefined
        : `GET /__admin/requests answered ${journal.status}`;
    },
  };
}

const CONNECTIONS = ['washeej-demo', 'wutt-demo', 'watsal-demo', 'wessaal-demo', 'wamessenger-demo'];
const PROVIDERS = ['washeej', 'wutt', 'watsal', 'wessaal', 'wamessenger'];

/** The gateway: every REST operation of its OpenAPI document and `/graphql`, as an authenticated tenant. */
export function gatewayTarget(baseUrl: string, apiKey: string, doc: OpenApiDocument): FuzzTarget {
  const operations: Operation[] = [
    ...operationsOf(doc, () => 'rest'),
    {
      method: 'POST',
      template: '/graphql',
      scope: 'graphql',
      fields: ['query', 'variables', 'operationName'],
      query: [],
    },
    {
      method: 'GET',
      template: '/graphql',
      scope: 'graphql',
      fields: [],
      query: ['query', 'variables', 'operationName'],
    },
  ];
  return {
    name: 'gateway',
    baseUrl,
    operations,
    params: [...CONNECTIONS, '00000000-0000-0000-0000-000000000000', '1'],
    fill(op, name, param) {
      // A demo connection is renamed or deleted only under a random name: the rest of the run needs them.
      if (op.template === '/v1/connections/{name}' && op.method !== 'GET') return param;
      if (name === 'name')
        return CONNECTIONS.includes(param) ? param : CONNECTIONS[param.length % CONNECTIONS.length]!;
      if (name === 'provider') return PROVIDERS[param.length % PROVIDERS.length]!;
      return param;
    },
    headers: () => ({ authorization: `Bearer ${apiKey}` }),
    judge(operation, answer) {
      // 502/503 are provider verdicts passed on; any other 5xx is the gateway's own.
      if (answer.status === 500 || answer.status > 503) return `answered ${answer.status}`;
      if (answer.head || !operation) return undefined;
      const body = parse(answer.text);
      if (operation.scope === 'graphql') {
        if (answer.status >= 400 && answer.status !== 405 && !isObject(body))
          return `${answer.status} without a GraphQL body`;
        const errors = isObject(body) && Array.isArray(body.errors) ? body.errors : [];
        for (const error of errors) {
          const code = isObject(error) && isObject(error.extensions) ? error.extensions.code : undefined;
          if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR')
            return `GraphQL error code ${String(code)}`;
        }
        return undefined;
      }
      if (answer.status < 400) return undefined;
      if (!answer.contentType.startsWith('application/problem+json'))
        return `${answer.status} not problem+json`;
      const ok =
        isObject(body) &&
        body.status === answer.status &&
        typeof body.code === 'string' &&
        Boolean(body.detail);
      return ok ? undefined : `${answer.status} problem without status/code/detail`;
    },
    afterEach: () => Promise.resolve(),
    async probe() {
      const health = await getJson(`${baseUrl}/health`);
      return health.status < 500 ? undefined : `GET /health answered ${health.status}`;
    },
  };
}
