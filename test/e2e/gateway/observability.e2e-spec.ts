import { Writable } from 'node:stream';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

const METRICS_TOKEN = 'metrics-token-for-the-test';

/** Everything the gateway logged, one parsed JSON object per line. */
class LogCapture extends Writable {
  readonly text: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text.push(chunk.toString());
    done();
  }
  lines(): Array<Record<string, unknown>> {
    return this.text
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

describe('observing the gateway: request ids, JSON logs, metrics, health', () => {
  let stack: GatewayStack;
  const logs = new LogCapture();

  beforeAll(async () => {
    stack = await startGatewayStack(
      { LOG_LEVEL: 'debug', GATEWAY_METRICS_TOKEN: METRICS_TOKEN },
      { logDestination: logs },
    );
  }, 60_000);
  afterAll(() => stack.close());

  it('accepts or generates X-Request-Id, returns it on every answer and in problem+json', async () => {
    const given = await http(`${stack.url}/v1/messages/not-a-message`, {
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'x-request-id': 'trace-42.a' },
    });
    expect(given.status).toBe(404);
    expect(given.headers.get('x-request-id')).toBe('trace-42.a');
    expect(given.json).toMatchObject({ code: 'NOT_FOUND', requestId: 'trace-42.a' });

    // Not a plausible id (spaces, too long): replaced by a generated one rather than echoed into logs.
    for (const bad of ['has spaces', 'x'.repeat(200)]) {
      const res = await http(`${stack.url}/health/live`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const unauthenticated = await http(`${stack.url}/v1/messages`);
    const id = unauthenticated.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(unauthenticated.json).toMatchObject({ code: 'UNAUTHENTICATED', requestId: id });
    const malformed = await http(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ requestId: malformed.headers.get('x-request-id') });
  });

  it('logs one JSON line per request and per provider call, and never a key, credential, text, code or phone', async () => {
    const phone = '+966507654321';
    const text = 'A very private message text 7f3a';
    const credential = 'sk_test_wessaal_credential_9q8w7e';
    const sent = await http(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, 'x-request-id': 'send-1' },
      json: { connection: 'wessaal-demo', to: phone, text },
    });
    expect(sent.status).toBe(201);
    const created = await stack.rest('POST', '/v1/connections', {
      name: 'secret-holder',
      provider: 'wessaal',
      baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      credentials: { apiKey: credential },
    });
    expect(created.status).toBe(201);
    const started = await stack.rest('POST', '/v1/verifications', { connection: 'watsal-demo', to: phone });
    expect(started.status).toBe(201);
    const verificationId = (started.json as { id: string }).id;
    const [row] = (await stack.db.query('SELECT provider_request_id FROM verifications WHERE id = $1', [
      verificationId,
    ])) as Array<{ provider_request_id: string }>;
    const { code } = await stack.simAdmin.otp(row!.provider_request_id);
    const checked = await stack.rest('POST', `/v1/verifications/${verificationId}/check`, { code });
    expect(checked).toMatchObject({ status: 200, json: { verified: true } });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last onResponse line

    const lines = logs.lines();
    const request = lines.find((l) => l.msg === 'request' && l.requestId === 'send-1');
    expect(request).toMatchObject({
      requestId: 'send-1',
      tenant: stack.tenant.tenantId,
      method: 'POST',
      route: '/v1/messages',
      status: 201,
      durationMs: expect.any(Number),
    });
    const call = lines.find((l) => l.msg === 'provider call' && l.requestId === 'send-1');
    expect(call).toMatchObject({
      provider: 'wessaal',
      endpoint: 'send',
      outcome: 'ok',
      durationMs: expect.any(Number),
    });

    const all = logs.text.join('');
    const digits = phone.replace(/\D/g, '');
    for (const secret of [stack.tenant.apiKey, credential, text, code, phone, digits, digits.slice(-9)])
      expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
  });

  it('serves Prometheus metrics behind the bearer token, with bounded labels', async () => {
    expect((await http(`${stack.url}/metrics`)).status).toBe(401);
    expect((await http(`${stack.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    // A labelled counter shows once incremented: the send above changes status when the scheduler first polls it.
    const res = await waitFor(
      'a status change counted',
      () => http(`${stack.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }),
      (r) => r.status !== 200 || /^gateway_message_status_changes_total\{/m.test(r.text),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = res.text;
    for (const name of [
      'gateway_http_requests_total',
      'gateway_http_request_duration_seconds_bucket',
      'gateway_messages_sent_total',
      'gateway_provider_request_duration_seconds_bucket',
      'gateway_message_status_changes_total',
      'gateway_messages_due',
      'gateway_scheduler_lag_seconds',
      'gateway_db_pool_connections',
      'gateway_db_pool_waiting_requests',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ])
      expect({ name, present: new RegExp(`^${name}`, 'm').test(body) }).toEqual({ name, present: true });
    expect(body).toMatch(
      /gateway_http_requests_total\{method="POST",route="\/v1\/messages",status="201"\} \d+/,
    );
    expect(body).toMatch(
      /gateway_messages_sent_total\{provider="wessaal",connection="[0-9a-f-]{36}",outcome="accepted"\}/,
    );
    expect(body).toMatch(
      /gateway_provider_request_duration_seconds_count\{provider="wessaal",endpoint="send",outcome="ok"\}/,
    );
    // Route templates, never raw URLs: no message id, phone number or unmatched path becomes a label.
    expect(body).not.toContain('not-a-message');
    // In label sets only: a sample value such as 0.00047966599999926986 holds the same digits (seen in a clean run).
    expect(body).not.toMatch(/\{[^}\n]*\+?9665\d{8}[^}\n]*\}/);
    expect(body).toMatch(/route="unmatched"|route="\/v1\/messages\/:id"/);
  });

  it('answers /health/live without the database and /health/ready with its checks; /health stays', async () => {
    expect(await http(`${stack.url}/health/live`)).toMatchObject({ status: 200, json: { status: 'up' } });
    expect(await http(`${stack.url}/health/ready`)).toMatchObject({
      status: 200,
      json: {
        status: 'up',
        checks: { database: { status: 'up' }, migrations: { status: 'up' }, scheduler: { status: 'up' } },
      },
    });
    expect(await http(`${stack.url}/health`)).toMatchObject({ status: 200, json: { status: 'ok' } });

    // A database behind this build: readiness fails and names the command.
    await stack.db.query(
      'DELETE FROM migrations WHERE name = (SELECT name FROM migrations ORDER BY id DESC LIMIT 1) RETURNING name',
    );
    const behind = await http(`${stack.url}/health/ready`);
    expect(behind).toMatchObject({
      status: 503,
      json: {
        status: 'down',
        checks: { migrations: { status: 'down', reason: expect.stringContaining('npm run migrate') } },
      },
    });
  });
});
