/**
 * A client developer's first program against the gateway, written only from the committed OpenAPI document:
 * `openapi-typescript apps/gateway/openapi.json` generates ./openapi-types.d.ts next to this file, and `openapi-fetch`
 * types every call from it. test/e2e/gateway/openapi-document.e2e-spec.ts type-checks it (strict; `.mts`, so the
 * repo's own tsc does not, as the generated file exists only there), then runs it against a started gateway.
 *
 * Usage: node walkthrough.mjs <gateway URL> <API key> <simulator URL>. Prints one JSON line of what it saw.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './openapi-types.js';

type Problem = components['schemas']['Problem'];
/** Compile-time equality: `true` only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const [gatewayUrl, apiKey, simulatorUrl] = process.argv.slice(2) as [string, string, string];
const client = createClient<paths>({ baseUrl: gatewayUrl, headers: { Authorization: `Bearer ${apiKey}` } });

function fail(step: string, problem: Problem | undefined, status: number): never {
  throw new Error(`${step}: HTTP ${status} ${problem?.code ?? ''} ${problem?.detail ?? ''}`);
}

const to = `+9665${String(Date.now()).slice(-8)}`;

// An earlier message, then one with the key in the header as client libraries send it.
const earlier = await client.POST('/v1/messages', {
  body: { connection: 'wessaal-demo', to, text: 'An earlier message' },
});
if (!earlier.data) fail('send', earlier.error, earlier.response.status);
const sent = await client.POST('/v1/messages', {
  body: { connection: 'wessaal-demo', to, text: 'Hello from openapi-fetch' },
  params: { header: { 'Idempotency-Key': `walkthrough-${to}` } },
});
// Every error branch is the Problem schema, checked by the compiler.
const sendErrorIsProblem: Equals<typeof sent.error, Problem | undefined> = true;
if (!sent.data) fail('send', sent.error, sent.response.status);
const replayed = await client.POST('/v1/messages', {
  body: { connection: 'wessaal-demo', to, text: 'Hello from openapi-fetch' },
  params: { header: { 'Idempotency-Key': `walkthrough-${to}` } },
});

// Read it back.
const read = await client.GET('/v1/messages/{id}', { params: { path: { id: sent.data.id } } });
if (!read.data) fail('read', read.error, read.response.status);
const status: components['schemas']['MessageStatus'] = read.data.status;

// List with cursors: two pages of one.
const page1 = await client.GET('/v1/messages', {
  params: { query: { first: 1, connection: 'wessaal-demo' } },
});
if (!page1.data) fail('list', page1.error, page1.response.status);
const after = page1.data.pageInfo.endCursor ?? undefined;
const page2 = await client.GET('/v1/messages', {
  params: { query: { first: 1, connection: 'wessaal-demo', after } },
});
if (!page2.data) fail('list page 2', page2.error, page2.response.status);

// A lookup that fails: the error is a typed Problem with a code from the ErrorCode enum.
const missing = await client.GET('/v1/messages/{id}', {
  params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
});
const missingCode: components['schemas']['ErrorCode'] | undefined = missing.error?.code;

// Create a connection (201), to the simulator's Wessaal.
const provider: components['schemas']['ProviderId'] = 'wessaal';
const created = await client.POST('/v1/connections', {
  body: {
    name: `walkthrough-${Date.now()}`,
    provider,
    baseUrl: `${simulatorUrl}/wessaal/integration/v1`,
    credentials: { apiKey: 'sk_test_wessaal_demo' },
  },
});
if (!created.data) fail('create connection', created.error, created.response.status);
const invalid = await client.POST('/v1/connections', {
  body: { name: 'Not A Valid Name!', provider, credentials: {} },
});

// Run a verification: Watsal sends the code; the simulator shows it under the provider's request id.
const started = await client.POST('/v1/verifications', { body: { connection: 'watsal-demo', to } });
if (!started.data) fail('start verification', started.error, started.response.status);
const requestId = started.data.providerRequestId;
if (!requestId) throw new Error('a native verification has a providerRequestId');
const otp = (await (await fetch(`${simulatorUrl}/__admin/otp/${encodeURIComponent(requestId)}`)).json()) as {
  code: string;
};
const checked = await client.POST('/v1/verifications/{id}/check', {
  params: { path: { id: started.data.id } },
  body: { code: otp.code },
});
if (!checked.data) fail('check verification', checked.error, checked.response.status);

console.log(
  JSON.stringify({
    sendErrorIsProblem,
    sent: { status: sent.response.status, id: sent.data.id },
    earlier: earlier.data.id,
    replayed: {
      status: replayed.response.status,
      id: replayed.data?.id,
      header: replayed.response.headers.get('idempotent-replayed'),
    },
    read: { id: read.data.id, status },
    pages: [page1.data.items.map((m) => m.id), page2.data.items.map((m) => m.id)],
    hasNextPage: page1.data.pageInfo.hasNextPage,
    missing: {
      status: missing.response.status,
      code: missingCode,
      type: missing.response.headers.get('content-type'),
    },
    created: { status: created.response.status, provider: created.data.provider },
    invalid: { status: invalid.response.status, fields: Object.keys(invalid.error?.fields ?? {}) },
    verification: { status: started.response.status, verified: checked.data.verified },
  }),
);
