import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGatewayApp } from '../../../apps/gateway/src/app.factory.js';
import { prepareSend } from '../../../apps/gateway/src/messages/message-request.js';
import { insertQueuedBatch } from '../../../apps/gateway/src/messages/queued-insert.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * Pace and health per connection, against the real simulator over HTTP: rate limits (the simulator's request
 * journal gives the provider's arrival times), 429 with Retry-After pausing a connection, the circuit breaker.
 */

interface Connection {
  id: string;
  name: string;
  rateLimit: { perSecond: number | null; perMinute: number | null } | null;
  availability: string;
  pausedUntil: string | null;
  pauseReason: string | null;
  unavailableUntil: string | null;
  consecutiveFailures: number;
}

interface JournalEntry {
  at: string;
  durationMs: number;
  method: string;
  path: string;
  status: number;
}

const SEND_PATH = '/wessaal/integration/v1/messages/send';
const BREAKER_THRESHOLD = 3;
const BREAKER_COOLDOWN_MS = 1_500;
const MAX_PAUSE_MS = 2_000;

describe('gateway pacing: rate limits, pauses and the circuit breaker per connection', () => {
  let stack: GatewayStack;
  let numberSeq = 0;
  const fresh = (): string => `+9665${String(30_000_000 + ++numberSeq * 7919).slice(-8)}`;

  beforeAll(async () => {
    stack = await startGatewayStack({
      GATEWAY_BREAKER_THRESHOLD: String(BREAKER_THRESHOLD),
      GATEWAY_BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
      GATEWAY_MAX_PAUSE_MS: String(MAX_PAUSE_MS),
    });
  });
  afterAll(async () => stack.close());
  afterEach(async () => stack.simAdmin.clearFaults());

  const createConnection = async (name: string, extra: Record<string, unknown> = {}): Promise<Connection> => {
    const res = await stack.rest('POST', '/v1/connections', {
      name,
      provider: 'wessaal',
      credentials: { apiKey: 'sk_test_wessaal_demo' },
      baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      defaultFrom: 'my-instance',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.json as Connection;
  };
  const getConnection = async (name: string) =>
    (await stack.rest('GET', `/v1/connections/${name}`)).json as Connection;
  const send = (connection: string) =>
    stack.rest('POST', '/v1/messages', { connection, to: fresh(), text: 'hi' });
  /** The provider's arrivals of sends since `sinceMs` (simulator time = wall time here: nobody advances it). */
  const sendsSince = async (sinceMs: number): Promise<number[]> => {
    const journal = await stack.simAdmin.requests('?provider=wessaal&limit=1000');
    return (journal as unknown as JournalEntry[])
      .filter((e) => e.method === 'POST' && e.path === SEND_PATH && Date.parse(e.at) >= sinceMs)
      .map((e) => Date.parse(e.at) - e.durationMs) // the journal stamps the answer; this is the arrival
      .sort((a, b) => a - b);
  };
  /**
   * Paced at one turn per `intervalMs`, starting no earlier than `sinceMs`: the k-th arrival (in order) is no earlier
   * than k turns after it. Lateness cannot break this; only a send that went before its turn can. 5 ms for the
   * journal's millisecond stamps.
   */
  const expectNoEarlierThanTurns = (arrivals: number[], sinceMs: number, intervalMs: number): void => {
    const early = arrivals
      .map((at, k) => ({ k, earlyBy: sinceMs + k * intervalMs - at }))
      .filter((a) => a.earlyBy > 5);
    expect(early).toEqual([]);
  };
  const metric = async (line: RegExp): Promise<number> => {
    const text = (await http(`${stack.url}/metrics`)).text;
    const found = text.split('\n').find((l) => line.test(l));
    return found ? Number(found.split(' ').at(-1)) : 0;
  };

  it('takes rateLimit on create, shows it, replaces and removes it with PATCH; bad limits name the field', async () => {
    const created = await createConnection('limits-api', { rateLimit: { perSecond: 20 } });
    expect(created).toMatchObject({
      rateLimit: { perSecond: 20, perMinute: null },
      availability: 'AVAILABLE',
      pausedUntil: null,
      pauseReason: null,
      unavailableUntil: null,
      consecutiveFailures: 0,
    });
    const patched = await stack.rest('PATCH', '/v1/connections/limits-api', {
      rateLimit: { perMinute: 600 },
    });
    expect(patched.json).toMatchObject({ rateLimit: { perSecond: null, perMinute: 600 } });
    const cleared = await stack.rest('PATCH', '/v1/connections/limits-api', { rateLimit: null });
    expect(cleared.json).toMatchObject({ rateLimit: null });

    const bad: Array<[unknown, string]> = [
      [{ perSecond: 0 }, 'rateLimit.perSecond'],
      [{ perSecond: 1.5 }, 'rateLimit.perSecond'],
      [{ perMinute: 'fast' }, 'rateLimit.perMinute'],
      [{ perMinute: 10_000_000 }, 'rateLimit.perMinute'],
      [{}, 'rateLimit'],
      [{ perHour: 5 }, 'rateLimit.perHour'],
      ['fast', 'rateLimit'],
    ];
    for (const [rateLimit, field] of bad) {
      const res = await stack.rest('PATCH', '/v1/connections/limits-api', { rateLimit });
      expect({ rateLimit, status: res.status }).toEqual({ rateLimit, status: 400 });
      expect(res.json).toMatchObject({ code: 'BAD_USER_INPUT', fields: { [field]: [expect.any(String)] } });
    }
    const createBad = await stack.rest('POST', '/v1/connections', {
      name: 'limits-bad',
      provider: 'wessaal',
      credentials: { apiKey: 'sk_test_wessaal_demo' },
      rateLimit: { perSecond: -1 },
    });
    expect(createBad.status).toBe(400);
    expect(createBad.json).toMatchObject({ fields: { 'rateLimit.perSecond': [expect.any(String)] } });

    const gql = await stack.gql<{ updateConnection: Connection }>(
      `mutation { updateConnection(name: "limits-api", input: { rateLimit: { perSecond: 5 } }) {
          rateLimit { perSecond perMinute } availability consecutiveFailures } }`,
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.updateConnection).toEqual({
      rateLimit: { perSecond: 5, perMinute: null },
      availability: 'AVAILABLE',
      consecutiveFailures: 0,
    });
    const gqlBad = await stack.gql(
      'mutation { updateConnection(name: "limits-api", input: { rateLimit: {} }) { name } }',
    );
    expect(gqlBad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(gqlBad.errors?.[0]?.extensions)).toContain('rateLimit');
  });

  it('paces synchronous sends of a limited connection: each waits for its turn (5/s = one every 200 ms)', async () => {
    await createConnection('paced-sync', { rateLimit: { perSecond: 5 } });
    const since = Date.now();
    const answers = await Promise.all(Array.from({ length: 5 }, () => send('paced-sync')));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    const arrivals = await sendsSince(since);
    expect(arrivals).toHaveLength(5);
    // Turns are 200 ms apart from the first, which is not before `since`. An arrival is its turn plus a provider
    // call, and a busy machine delays a call now and then (the first by 150 ms was seen at load 14), so the span
    // jitters by that much; an arrival can only be late, never before its turn. Unpaced, all five arrive within a
    // few ms of each other.
    expectNoEarlierThanTurns(arrivals, since, 200);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(4 * 200 - 300);
  });

  it('shares the limit between gateway processes on one database (one statement per turn)', async () => {
    await createConnection('paced-shared', { rateLimit: { perSecond: 5 } });
    // A second gateway on the same database: nothing shared with the first but PostgreSQL.
    const databaseUrl = (stack.db.options as { url: string }).url;
    const { app } = await createGatewayApp(stack.config, databaseUrl, {
      migrate: false,
      logDestination: { write: () => undefined },
    });
    await app.listen(0, '127.0.0.1');
    try {
      const address = app.getHttpServer().address() as AddressInfo;
      const other = `http://127.0.0.1:${address.port}`;
      const sendTo = (base: string) =>
        http(`${base}/v1/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${stack.tenant.apiKey}` },
          json: { connection: 'paced-shared', to: fresh(), text: 'hi' },
        });
      const since = Date.now();
      const answers = await Promise.all([
        ...Array.from({ length: 3 }, () => sendTo(stack.url)),
        ...Array.from({ length: 2 }, () => sendTo(other)),
      ]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      const arrivals = await sendsSince(since);
      expect(arrivals).toHaveLength(5);
      // Alone, each gateway would have sent its sends at once; together they took five turns 200 ms apart.
      // (Unpaced, the five would arrive within a few ms; bounds and jitter allowance as above.)
      expectNoEarlierThanTurns(arrivals, since, 200);
      expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(4 * 200 - 300);
    } finally {
      await app.close();
    }
  });

  it('answers a synchronous send over the limit 429 RATE_LIMITED with Retry-After, REST and GraphQL', async () => {
    await createConnection('slow', { rateLimit: { perMinute: 1 } });
    expect((await send('slow')).status).toBe(201);
    const started = Date.now();
    const keyed = { connection: 'slow', to: fresh(), text: 'hi', idempotencyKey: `slow-${randomUUID()}` };
    const refused = await stack.rest('POST', '/v1/messages', keyed);
    // The next turn is a minute away, far beyond GATEWAY_SYNC_RATE_WAIT_MS (1 s): refused at once, no waiting.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });

    const gql = await stack.gql(
      `mutation { sendMessage(input: { connection: "slow", to: "${fresh()}", text: "hi" }) { id } }`,
    );
    expect(gql.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Refused before anything was stored: no message for the scheduler to send later, no idempotency key spent.
    const list = (await stack.rest('GET', '/v1/messages?connection=slow')).json as {
      items: Array<{ status: string }>;
    };
    expect(list.items.map((m) => m.status)).not.toContain('FAILED');
    expect(list.items).toHaveLength(1);

    // A new limit starts afresh (the turn a minute away under the old one no longer holds), and the refused
    // request retried with its key is a new send, not a replay of a refusal.
    const patched = await stack.rest('PATCH', '/v1/connections/slow', { rateLimit: { perSecond: 50 } });
    expect(patched.status).toBe(200);
    const retried = await stack.rest('POST', '/v1/messages', keyed);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    const again = await stack.rest('POST', '/v1/messages', keyed);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((again.json as { id: string }).id).toBe((retried.json as { id: string }).id);
  });

  it('paces queued sends: they wait in the queue for their turn without counting an attempt', async () => {
    const connection = await createConnection('paced-queue', { rateLimit: { perSecond: 10 } });
    const count = 15;
    const rows = Array.from({ length: count }, () => {
      const prepared = prepareSend({ connection: 'paced-queue', to: fresh(), text: 'queued' } as never);
      return {
        id: randomUUID(),
        connectionId: connection.id,
        connectionName: connection.name,
        provider: 'wessaal',
        type: prepared.request.type,
        to: prepared.request.to,
        request: prepared.stored,
        nextActionAt: new Date(),
      };
    });
    const since = Date.now();
    await insertQueuedBatch(stack.db, [{ tenantId: stack.tenant.tenantId, rows }]);
    const arrivals = await waitFor(
      'every queued send at the provider',
      () => sendsSince(since),
      (a) => a.length === count,
      15_000,
      100,
    );
    // Turns are 100 ms apart from the first, which is not before `since`, and a send never goes before its turn: so
    // the k-th arrival is at least k turns after `since`, however late a busy machine makes some of them (a count per
    // one-second window is not: a late arrival lands among the next ones, 13 in one second seen at load 12).
    // Unpaced, all 15 arrive within ~300 ms.
    expectNoEarlierThanTurns(arrivals, since, 100);
    const span = arrivals.at(-1)! - arrivals[0]!;
    // The turns span 1,400 ms; an arrival lags its turn by however long the send took to reach the simulator, and on
    // a busy machine the first can lag more than the last (1,327 ms seen). Unpaced, 15 sends arrive within ~300 ms.
    expect(span).toBeGreaterThanOrEqual((count - 1) * 100 - 250);
    expect(span).toBeLessThan((count - 1) * 100 + 1_500);
    const attempts = (await stack.db.query('SELECT attempts FROM messages WHERE id = ANY($1::uuid[])', [
      rows.map((r) => r.id),
    ])) as Array<{ attempts: number }>;
    expect(attempts.map((a) => a.attempts)).toEqual(Array.from({ length: count }, () => 1));
    // Both ways of waiting were used: in process for a near turn, back in the queue (turn kept) for a far one.
    const waits = (outcome: string) =>
      metric(
        new RegExp(
          `^gateway_dispatch_waits_total\\{connection="${connection.id}",mode="queued",reason="rate_limit",outcome="${outcome}"\\}`,
        ),
      );
    expect(await waits('waited')).toBeGreaterThanOrEqual(1);
    expect(await waits('deferred')).toBeGreaterThanOrEqual(1);
  });

  it('pauses the whole connection when the provider answers 429 with Retry-After, shows it, then resumes', async () => {
    await createConnection('pausing');
    await stack.simAdmin.addFault({
      provider: 'wessaal',
      kind: 'error',
      status: 429,
      path: '/**/messages/send',
      times: 1,
    });
    const first = await send('pausing');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: 'QUEUED', error: { code: 'RATE_LIMITED' } });

    // Wessaal asked for 60 s; GATEWAY_MAX_PAUSE_MS (2 s here) caps it.
    const paused = await getConnection('pausing');
    expect(paused.availability).toBe('PAUSED');
    expect(paused.pauseReason).toBe('wessaal answered 429 with Retry-After: 60');
    const until = Date.parse(paused.pausedUntil!);
    expect(until - Date.now()).toBeGreaterThan(0);
    expect(until - Date.now()).toBeLessThanOrEqual(MAX_PAUSE_MS + 200);
    const gql = await stack.gql<{ connection: Connection }>(
      '{ connection(name: "pausing") { availability pausedUntil pauseReason } }',
    );
    expect(gql.data!.connection).toMatchObject({ availability: 'PAUSED', pauseReason: paused.pauseReason });

    const since = Date.now();
    const during = await send('pausing');
    expect(during.status).toBe(429);
    expect(during.json).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(during.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect(await sendsSince(since)).toHaveLength(0); // the provider saw nothing during the pause

    await sleep(Math.max(0, until - Date.now()) + 50);
    expect((await getConnection('pausing')).availability).toBe('AVAILABLE');
    const after = await send('pausing');
    expect(after.status).toBe(201);
    expect(after.json).toMatchObject({ providerMessageId: expect.any(String), error: null });
    expect(await metric(/^gateway_connection_pauses_total\{connection="/)).toBeGreaterThanOrEqual(1);
  });

  it('opens the breaker after N transient failures, shows it (API and metrics), and a probe closes it', async () => {
    const connection = await createConnection('breaking');
    await stack.simAdmin.addFault({
      provider: 'wessaal',
      kind: 'error',
      status: 500,
      path: '/**/messages/send',
    });
    for (let i = 0; i < BREAKER_THRESHOLD; i += 1) {
      const res = await send('breaking');
      expect(res.json).toMatchObject({ status: 'QUEUED', error: { code: 'PROVIDER_UNAVAILABLE' } });
    }
    const open = await getConnection('breaking');
    expect(open.availability).toBe('UNAVAILABLE');
    expect(open.consecutiveFailures).toBeGreaterThanOrEqual(BREAKER_THRESHOLD);
    const until = Date.parse(open.unavailableUntil!);
    expect(until - Date.now()).toBeLessThanOrEqual(BREAKER_COOLDOWN_MS);

    const refused = await send('breaking');
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const opened = new RegExp(
      `^gateway_connection_breaker_transitions_total\\{connection="${connection.id}",state="open"\\}`,
    );
    // At least this open is counted; a busy machine may already have let the 1.5 s cooldown pass and a probe
    // reopen it, so exact counts are checked at the end, against the probes.
    expect(await metric(opened)).toBeGreaterThanOrEqual(1);
    expect(await metric(/^gateway_connections_not_available\{state="unavailable"\}/)).toBeGreaterThanOrEqual(
      1,
    );

    // The failed messages' retries wait in the queue; after the cooldown one of them probes, fails (the fault is
    // still there) and the breaker reopens for twice as long.
    const reopened = await waitFor(
      'the breaker reopened after a failed probe',
      () => getConnection('breaking'),
      (c) =>
        c.availability === 'UNAVAILABLE' &&
        c.unavailableUntil !== null &&
        Date.parse(c.unavailableUntil) > until + 1_000,
    );
    expect(reopened.availability).toBe('UNAVAILABLE');
    expect(Date.parse(reopened.unavailableUntil!) - until).toBeGreaterThanOrEqual(
      2 * BREAKER_COOLDOWN_MS - 100,
    );
    expect(await metric(opened)).toBeGreaterThanOrEqual(2);

    // The provider recovers: the next probe's answer closes the breaker, and the queued messages go.
    await stack.simAdmin.clearFaults();
    const closed = await waitFor(
      'the breaker closed by a probe',
      () => getConnection('breaking'),
      (c) => c.availability === 'AVAILABLE',
      15_000,
    );
    expect(closed).toMatchObject({ consecutiveFailures: 0, unavailableUntil: null });
    const probing = new RegExp(
      `^gateway_connection_breaker_transitions_total\\{connection="${connection.id}",state="probing"\\}`,
    );
    // Every open was followed by one probe: the failed ones reopened it, the last closed it.
    const probes = await metric(probing);
    expect(probes).toBeGreaterThanOrEqual(2);
    expect(await metric(opened)).toBe(probes);
    const closedMetric = new RegExp(
      `^gateway_connection_breaker_transitions_total\\{connection="${connection.id}",state="closed"\\}`,
    );
    expect(await metric(closedMetric)).toBe(1);
    await waitFor(
      'the queued messages sent',
      async () =>
        (await stack.rest('GET', '/v1/messages?connection=breaking')).json as {
          items: Array<{ providerMessageId: string | null }>;
        },
      (page) => page.items.filter((m) => m.providerMessageId !== null).length === BREAKER_THRESHOLD,
      10_000,
    );
    expect((await send('breaking')).status).toBe(201);
  });
});
