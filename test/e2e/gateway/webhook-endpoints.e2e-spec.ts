import { jest } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { startGatewayStack, type GatewayStack, type TestTenant } from '../../support/gateway-stack.js';
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from '../../support/webhook-receiver.js';
import { waitFor } from '../../support/wait-for.js';

// Real receivers, real retries (schedule scaled by 1/1000) and a booted stack: generous under load.
jest.setTimeout(60_000);

interface Endpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  secret?: string;
}

const WAM_KEY = 'wamessenger-demo-key';

describe('gateway: status webhooks to client applications', () => {
  let stack: GatewayStack;
  const receivers: WebhookReceiver[] = [];
  let phone = 966_510_000_000;
  const freshPhone = () => `+${(phone += 1)}`;

  beforeAll(async () => {
    stack = await startGatewayStack({
      GATEWAY_WEBHOOK_ALLOW_PRIVATE: 'true',
      GATEWAY_WEBHOOK_RETRY_SCALE: '0.001',
      GATEWAY_WEBHOOK_TIMEOUT_MS: '3000',
      GATEWAY_WEBHOOK_POLL_INTERVAL_MS: '50',
    });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await stack.close();
  });

  const receiver = async (...args: Parameters<typeof startWebhookReceiver>) => {
    const r = await startWebhookReceiver(...args);
    receivers.push(r);
    return r;
  };
  const register = async (tenant: TestTenant, body: Record<string, unknown>): Promise<Endpoint> => {
    const res = await stack.rest('POST', '/v1/webhook-endpoints', body, tenant.apiKey);
    expect(res.status).toBe(201);
    return res.json as Endpoint;
  };
  const send = async (tenant: TestTenant, to = freshPhone()) => {
    const res = await stack.rest(
      'POST',
      '/v1/messages',
      { connection: 'wessaal-demo', to, text: 'hi' },
      tenant.apiKey,
    );
    expect(res.status).toBe(201);
    return res.json as { id: string; status: string };
  };
  const parsed = (r: ReceivedWebhook) =>
    JSON.parse(r.body) as { type: string; data: Record<string, unknown> };
  const arrived = (
    r: WebhookReceiver,
    what: string,
    accept: (d: ReceivedWebhook[]) => boolean,
    ms = 20_000,
  ) => waitFor(what, async () => [...r.received], accept, ms);

  it('registers, lists (Relay), reads, changes and deletes endpoints; the secret is shown once and sealed', async () => {
    const tenant = await stack.seedTenant();
    const created = await register(tenant, {
      url: 'http://127.0.0.1:9/hook',
      events: ['message.failed'],
      description: 'orders',
    });
    expect(created).toMatchObject({ events: ['message.failed'], enabled: true, disabledReason: null });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    const rows: Array<{ secret_sealed: string }> = await stack.db.query(
      'SELECT secret_sealed FROM webhook_endpoints WHERE id = $1',
      [created.id],
    );
    expect(rows[0]?.secret_sealed).not.toContain(created.secret!.slice(6));

    const one = await stack.rest('GET', `/v1/webhook-endpoints/${created.id}`, undefined, tenant.apiKey);
    expect(one.status).toBe(200);
    expect(one.text).not.toContain(created.secret!);

    const second = await register(tenant, { url: 'http://127.0.0.1:9/other' });
    const page1 = await stack.gql<{
      webhookEndpoints: {
        edges: Array<{ cursor: string; node: { id: string; events: string[] } }>;
        nodes: Array<{ id: string }>;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
      };
    }>(
      `query ($after: String) { webhookEndpoints(first: 1, after: $after) {
         edges { cursor node { id events } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      {},
      tenant.apiKey,
    );
    expect(page1.errors).toBeUndefined();
    const first = page1.data!.webhookEndpoints;
    expect(first.nodes.map((n) => n.id)).toEqual([second.id]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = await stack.rest(
      'GET',
      `/v1/webhook-endpoints?first=1&after=${first.pageInfo.endCursor}`,
      undefined,
      tenant.apiKey,
    );
    expect(page2.json).toMatchObject({
      nodes: [{ id: created.id, events: ['message.failed'] }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });

    const patched = await stack.rest(
      'PATCH',
      `/v1/webhook-endpoints/${created.id}`,
      { events: [], enabled: false },
      tenant.apiKey,
    );
    expect(patched.json).toMatchObject({ events: [], enabled: false });

    // Another tenant sees none of it.
    const other = await stack.seedTenant();
    expect(
      (await stack.rest('GET', `/v1/webhook-endpoints/${created.id}`, undefined, other.apiKey)).status,
    ).toBe(404);
    expect((await stack.rest('GET', '/v1/webhook-endpoints', undefined, other.apiKey)).json).toMatchObject({
      nodes: [],
    });

    expect(
      (await stack.rest('DELETE', `/v1/webhook-endpoints/${created.id}`, undefined, tenant.apiKey)).status,
    ).toBe(200);
    expect(
      (await stack.rest('GET', `/v1/webhook-endpoints/${created.id}`, undefined, tenant.apiKey)).status,
    ).toBe(404);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const tenant = await stack.seedTenant();
    for (const body of [
      { url: 'ftp://example.com/x' },
      { url: 'not a url' },
      { url: 'http://127.0.0.1:9/x', events: ['message.exploded'] },
      { url: 'http://u:p@127.0.0.1:9/x' },
    ]) {
      const res = await stack.rest('POST', '/v1/webhook-endpoints', body, tenant.apiKey);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const cursor = await stack.rest('GET', '/v1/webhook-endpoints?after=nonsense', undefined, tenant.apiKey);
    expect(cursor.status).toBe(400);
    const since = await stack.rest(
      'POST',
      `/v1/webhook-endpoints/${(await register(tenant, { url: 'http://127.0.0.1:9/x' })).id}/recover`,
      { since: 'yesterday' },
      tenant.apiKey,
    );
    expect(since.status).toBe(400);
  });

  it('delivers every event type signed (Standard Webhooks), filtered per endpoint; a wrong secret fails', async () => {
    const tenant = await stack.seedTenant();
    const all = await receiver();
    const failedOnly = await receiver();
    const endpoint = await register(tenant, { url: all.url });
    const filtered = await register(tenant, { url: failedOnly.url, events: ['message.failed'] });

    const message = await send(tenant);
    const blocked = await send(tenant, '+966500000002');
    expect(blocked.status).toBe('FAILED');
    // An inbound message through WaMessenger's webhook.
    const connection = await stack.rest('GET', '/v1/connections/wamessenger-demo', undefined, tenant.apiKey);
    const webhookPath = (connection.json as { webhookPath: string }).webhookPath;
    const inbound = await fetch(`${stack.url}${webhookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        Hash: WAM_KEY,
        DataType: 'message',
        ID: String(Date.now()),
        From: '989121234567',
        To: '989121234568',
        Type: 'chat',
        Chat: 'hello',
        Date: '2030/01/02 03:04:05',
      }),
    });
    expect(inbound.status).toBeLessThan(300);
    // A native verification, completed.
    const started = await stack.rest(
      'POST',
      '/v1/verifications',
      { connection: 'watsal-demo', to: freshPhone() },
      tenant.apiKey,
    );
    const verificationId = (started.json as { id: string }).id;
    const [{ provider_request_id: requestId }]: Array<{ provider_request_id: string }> = await stack.db.query(
      'SELECT provider_request_id FROM verifications WHERE id = $1',
      [verificationId],
    );
    const { code } = await stack.simAdmin.otp(requestId);
    const check = await stack.rest(
      'POST',
      `/v1/verifications/${verificationId}/check`,
      { code },
      tenant.apiKey,
    );
    expect(check.json).toMatchObject({ verified: true });

    const types = (r: WebhookReceiver) => new Set(r.received.map((d) => parsed(d).type));
    await arrived(all, 'all four event types', () =>
      [
        'message.status_changed',
        'message.failed',
        'inbound_message.received',
        'verification.completed',
      ].every((t) => types(all).has(t)),
    );
    for (const delivery of all.received) {
      const verified = all.verify(delivery, endpoint.secret!);
      expect(verified.timestamp).toEqual(expect.any(String));
      expect(delivery.headers['webhook-id']).toMatch(/^evt_/);
      expect(() => new Webhook(filtered.secret!).verify(delivery.body, delivery.headers)).toThrow();
    }
    const bodies = all.received.map(parsed);
    expect(bodies).toContainEqual(
      expect.objectContaining({
        type: 'message.status_changed',
        data: expect.objectContaining({ id: message.id, status: 'QUEUED', connection: 'wessaal-demo' }),
      }),
    );
    expect(bodies).toContainEqual(
      expect.objectContaining({
        type: 'message.failed',
        data: expect.objectContaining({
          id: blocked.id,
          status: 'FAILED',
          error: expect.objectContaining({ code: 'CONTACT_BLOCKED' }),
        }),
      }),
    );
    expect(bodies).toContainEqual(
      expect.objectContaining({
        type: 'inbound_message.received',
        data: expect.objectContaining({ text: 'hello' }),
      }),
    );
    expect(bodies).toContainEqual(
      expect.objectContaining({
        type: 'verification.completed',
        data: expect.objectContaining({ id: verificationId, status: 'VERIFIED' }),
      }),
    );

    await arrived(failedOnly, 'the failure', (d) => d.length >= 1);
    expect(failedOnly.received.map((d) => failedOnly.verify(d, filtered.secret!).type)).toEqual([
      'message.failed',
    ]);
  });

  it('signs with the old and the new secret after a rotation', async () => {
    const tenant = await stack.seedTenant();
    const r = await receiver();
    const endpoint = await register(tenant, { url: r.url, events: ['message.status_changed'] });
    const rotated = await stack.rest(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
      undefined,
      tenant.apiKey,
    );
    expect(rotated.status).toBe(200);
    const next = (rotated.json as Endpoint & { previousSecretExpiresAt: string }).secret!;
    expect(next).not.toBe(endpoint.secret);
    const overlap =
      new Date((rotated.json as { previousSecretExpiresAt: string }).previousSecretExpiresAt).getTime() -
      Date.now();
    expect(overlap).toBeGreaterThan(23 * 3_600_000);
    await send(tenant);
    const [delivery] = await arrived(r, 'a delivery', (d) => d.length >= 1);
    expect(delivery!.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(r.verify(delivery!, next).type).toBe('message.status_changed');
    expect(r.verify(delivery!, endpoint.secret!).type).toBe('message.status_changed');
  });

  it('keeps retrying a receiver answering 503 and delivers everything once it recovers, same webhook-id', async () => {
    const tenant = await stack.seedTenant();
    const r = await receiver((n) => (n <= 4 ? { status: 503 } : { status: 200 }));
    const endpoint = await register(tenant, { url: r.url, events: ['message.status_changed'] });
    const messages = [await send(tenant), await send(tenant)];
    const events: Array<{ id: string }> = await waitFor(
      'the outbox events',
      () => stack.db.query(`SELECT id FROM webhook_events WHERE tenant_id = $1`, [tenant.tenantId]),
      (rows: unknown[]) => rows.length >= 2,
    );
    const ids = () =>
      new Set(r.received.filter((d) => d.answered === 200).map((d) => d.headers['webhook-id']));
    await arrived(r, 'every event answered 200', () => events.every((e) => ids().has(`evt_${e.id}`)));
    expect(r.received.filter((d) => d.answered === 503)).toHaveLength(4);
    // Duplicates only ever carry the same webhook-id and the same body.
    const byId = new Map<string, string>();
    for (const d of r.received) {
      const id = d.headers['webhook-id']!;
      expect(byId.get(id) ?? d.body).toBe(d.body);
      byId.set(id, d.body);
      r.verify(d, endpoint.secret!);
    }
    const about = r.received.map((d) => parsed(d).data.id);
    for (const m of messages) expect(about).toContain(m.id);

    // The attempts are kept: per endpoint, per message, on REST and GraphQL.
    const attempts = await stack.rest(
      'GET',
      `/v1/webhook-endpoints/${endpoint.id}/attempts?first=100`,
      undefined,
      tenant.apiKey,
    );
    const nodes = (
      attempts.json as {
        nodes: Array<{
          statusCode: number;
          durationMs: number;
          responseBody: string | null;
          webhookId: string;
        }>;
      }
    ).nodes;
    expect(nodes.filter((a) => a.statusCode === 503)).toHaveLength(4);
    expect(nodes.find((a) => a.statusCode === 503)?.responseBody).toBe('answer 503');
    const perMessage = await stack.gql<{
      webhookAttempts: { nodes: Array<{ subjectId: string; statusCode: number }> };
    }>(
      `query ($m: ID) { webhookAttempts(messageId: $m, first: 50) { nodes { subjectId statusCode } } }`,
      { m: messages[0]!.id },
      tenant.apiKey,
    );
    expect(perMessage.errors).toBeUndefined();
    expect(perMessage.data!.webhookAttempts.nodes.length).toBeGreaterThan(0);
    expect(perMessage.data!.webhookAttempts.nodes.every((a) => a.subjectId === messages[0]!.id)).toBe(true);
    const restPerMessage = await stack.rest(
      'GET',
      `/v1/webhook-endpoints/attempts?messageId=${messages[1]!.id}`,
      undefined,
      tenant.apiKey,
    );
    expect(
      (restPerMessage.json as { nodes: Array<{ subjectId: string }> }).nodes.every(
        (a) => a.subjectId === messages[1]!.id,
      ),
    ).toBe(true);
  });

  it('does not let a hanging receiver hold up another endpoint', async () => {
    const tenant = await stack.seedTenant();
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver();
    await register(tenant, { url: hanging.url, events: ['message.status_changed'] });
    await register(tenant, { url: healthy.url, events: ['message.status_changed'] });
    await send(tenant);
    await arrived(hanging, 'the hanging request', (d) => d.length >= 1);
    await arrived(healthy, 'the healthy delivery', (d) => d.length >= 1);
    // The healthy endpoint got its delivery while the other one's request was still open.
    expect(hanging.open()).toBeGreaterThan(0);
    expect(healthy.received[0]!.answered).toBe(204);
  });

  it('disables an endpoint answering 410; recover replays what failed; resend delivers again with the same id', async () => {
    const tenant = await stack.seedTenant();
    const r = await receiver(() => ({ status: 410 }));
    const endpoint = await register(tenant, { url: r.url, events: ['message.status_changed'] });
    const since = new Date(Date.now() - 1_000).toISOString();
    await send(tenant);
    const gone = await waitFor(
      'the endpoint disabled',
      async () =>
        (await stack.rest('GET', `/v1/webhook-endpoints/${endpoint.id}`, undefined, tenant.apiKey))
          .json as Endpoint,
      (e) => !e.enabled,
    );
    expect(gone).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const refused = await stack.rest(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/recover`,
      { since },
      tenant.apiKey,
    );
    expect(refused.status).toBe(409);

    r.behave(() => ({ status: 200 }));
    await stack.rest('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: true }, tenant.apiKey);
    const recovered = await stack.rest(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/recover`,
      { since },
      tenant.apiKey,
    );
    expect(recovered.status).toBe(202);
    expect((recovered.json as { scheduled: number }).scheduled).toBeGreaterThan(0);
    await arrived(r, 'the replay', (d) => d.some((x) => x.answered === 200));

    const deliveries = await stack.rest(
      'GET',
      `/v1/webhook-endpoints/${endpoint.id}/deliveries`,
      undefined,
      tenant.apiKey,
    );
    const delivery = (deliveries.json as { nodes: Array<{ id: string; webhookId: string; status: string }> })
      .nodes[0]!;
    const before = r.received.length;
    const resent = await stack.rest(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/resend`,
      undefined,
      tenant.apiKey,
    );
    expect(resent.status).toBe(202);
    // Other events of the tenant's messages may still arrive meanwhile: the resent one, with its own webhook-id, must
    // be among the new arrivals (waitFor fails the test when it never comes).
    await arrived(r, 'the resend, with the same webhook-id', (d) =>
      d.slice(before).some((x) => x.headers['webhook-id'] === delivery.webhookId),
    );
    const attempts = await waitFor(
      'the manual attempt',
      async () =>
        (
          (await stack.rest('GET', `/v1/webhook-endpoints/${endpoint.id}/attempts`, undefined, tenant.apiKey))
            .json as {
            nodes: Array<{ trigger: string; statusCode: number }>;
          }
        ).nodes,
      (nodes) => nodes.some((a) => a.trigger === 'manual' && a.statusCode === 200),
    );
    expect(attempts.some((a) => a.statusCode === 410)).toBe(true);
  });
  it('disables an endpoint that has failed without a success for 5 days, visibly', async () => {
    const tenant = await stack.seedTenant();
    const r = await receiver(() => ({ status: 500 }));
    const endpoint = await register(tenant, { url: r.url, events: ['message.status_changed'] });
    // Five days of failures, compressed: the endpoint has been failing since before the grace period.
    await stack.db.query(
      `UPDATE webhook_endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = $1`,
      [endpoint.id],
    );
    await send(tenant);
    const disabled = await waitFor(
      'the endpoint disabled',
      async () =>
        (await stack.rest('GET', `/v1/webhook-endpoints/${endpoint.id}`, undefined, tenant.apiKey))
          .json as Endpoint & {
          disabledAt: string | null;
        },
      (e) => !e.enabled,
    );
    expect(disabled).toMatchObject({
      enabled: false,
      disabledReason: 'failing',
      disabledAt: expect.any(String),
    });
    const pending: Array<{ n: string }> = await stack.db.query(
      `SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`,
      [endpoint.id],
    );
    expect(Number(pending[0]?.n)).toBe(0);
  });
});

describe('gateway: webhook endpoints without GATEWAY_WEBHOOK_ALLOW_PRIVATE', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(() => stack.close());

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://10.0.0.7/hook',
    'http://[::1]/x',
    'http://169.254.169.254/latest',
    'http://[::ffff:127.0.0.1]/x',
  ])('refuses %s', async (url) => {
    const res = await stack.rest('POST', '/v1/webhook-endpoints', { url });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'BAD_USER_INPUT', detail: expect.stringContaining('url') });
    const gql = await stack.gql(
      `mutation ($url: String!) { createWebhookEndpoint(input: {url: $url}) { id } }`,
      { url },
    );
    expect(gql.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
