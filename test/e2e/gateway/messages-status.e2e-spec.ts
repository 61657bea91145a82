import { jest } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { waitFor } from '../../support/wait-for.js';
import { MessageStatusService } from '../../../apps/gateway/src/messages/message-status.service.js';

/** Status tracking: the scheduler's polls and retries, provider refusals, the subscription, tenant isolation. */

interface Message {
  id: string;
  connection: string;
  provider: string;
  to: string;
  status: string;
  providerMessageId: string | null;
  providerStatus: string | null;
  attempts: number;
  nextActionAt: string | null;
  updatedAt: string;
  statusHistory: Array<{ status: string; providerStatus: string | null; source: string }>;
  error: {
    code: string;
    message: string;
    httpStatus: number | null;
    providerCode: string | null;
    rawBody: unknown;
    transient: boolean;
    at: string;
  } | null;
}

const MESSAGE = `id connection provider to status providerMessageId providerStatus attempts nextActionAt updatedAt
  statusHistory { status providerStatus source }
  error { code message httpStatus providerCode rawBody transient at }`;

/** Lifecycle steps in simulator time: nothing moves until a test advances the simulator clock. */
const STEP_MS = 60_000;

describe('gateway messages: status, scheduler and subscription', () => {
  let stack: GatewayStack;
  let numberSeq = 0;
  const fresh = (): string => `+9665${String(20_000_000 + ++numberSeq * 7919).slice(-8)}`;
  const clients: Client[] = [];

  beforeAll(async () => {
    stack = await startGatewayStack();
    const delays = { sentMs: STEP_MS, deliveredMs: STEP_MS, readMs: STEP_MS };
    for (const account of ['wessaal-demo', 'wamessenger-demo', 'watsal-demo'])
      await stack.simAdmin.patchAccount(account, { delays });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await stack.close();
  });

  const sendGql = async (input: Record<string, unknown>) => {
    const res = await stack.gql<{ sendMessage: Message }>(
      `mutation($input: SendMessageInput!) { sendMessage(input: $input) { ${MESSAGE} } }`,
      { input },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.sendMessage;
  };
  const sendRest = async (input: Record<string, unknown>) => {
    const res = await stack.rest('POST', '/v1/messages', input);
    expect(res.status).toBe(201);
    return res.json as Message;
  };
  /** One lifecycle step at a time: a step scheduled while the clock advances counts from the new time. */
  const advanceSteps = async (steps: number) => {
    for (let i = 0; i < steps; i += 1) await stack.simAdmin.advance(STEP_MS);
  };
  const get = async (id: string) => (await stack.rest('GET', `/v1/messages/${id}`)).json as Message;
  const until = (id: string, done: (m: Message) => boolean, what = 'the message') =>
    waitFor(what, () => get(id), done);

  /** A graphql-ws subscriber collecting every messageStatusChanged event it receives. */
  async function subscribe(apiKey: string, messageId?: string): Promise<Message[]> {
    const events: Message[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const client = createClient({
      url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
      lazy: false,
      on: { connected: () => connected() },
    });
    clients.push(client);
    client.subscribe<{ messageStatusChanged: Message }>(
      {
        query: `subscription($id: ID) { messageStatusChanged(messageId: $id) { ${MESSAGE} } }`,
        variables: { id: messageId ?? null },
      },
      {
        next: (value) => {
          if (value.data) events.push(value.data.messageStatusChanged);
        },
        error: (error) => {
          throw new Error(`subscription failed: ${JSON.stringify(error)}`);
        },
        complete: () => undefined,
      },
    );
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 200)); // the subscribe message reaches the server
    return events;
  }

  it('demo flow: send on wessaal-demo, the clock moves, polls bring SENT, DELIVERED to a subscriber', async () => {
    const other = await stack.seedTenant();
    const mine = await subscribe(stack.tenant.apiKey);
    const theirs = await subscribe(other.apiKey);

    const sent = await sendGql({ connection: 'wessaal-demo', to: fresh(), text: 'Your order has shipped' });
    expect(sent).toMatchObject({ status: 'QUEUED', providerStatus: 'pending', error: null });
    expect(sent.providerMessageId).toBeTruthy();
    expect(sent.nextActionAt).not.toBeNull();
    const onlyThis = await subscribe(stack.tenant.apiKey, sent.id);
    const noise = await sendGql({ connection: 'wessaal-demo', to: fresh(), text: 'another one' });

    // Wessaal's documented status words end at delivered: there is no READ to wait for.
    for (const status of ['SENT', 'DELIVERED']) {
      await stack.simAdmin.advance(STEP_MS);
      await until(sent.id, (m) => m.status === status, status);
      await waitFor(
        `the ${status} event`,
        async () => mine,
        (e) => e.some((m) => m.id === sent.id && m.status === status),
      );
    }
    const final = await get(sent.id);
    expect(final.statusHistory.map((h) => [h.status, h.source])).toEqual([
      ['QUEUED', 'gateway'],
      ['SENT', 'poll'],
      ['DELIVERED', 'poll'],
    ]);
    expect(final).toMatchObject({ providerStatus: 'delivered' });
    // ...so DELIVERED is the end for Wessaal: no more polls (before, it was polled for a week).
    expect(final.nextActionAt).toBeNull();

    const statuses = mine.filter((m) => m.id === sent.id).map((m) => m.status);
    expect(statuses.filter((s, i) => s !== statuses[i - 1])).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
    const deliveredEvent = mine.find((m) => m.id === sent.id && m.status === 'DELIVERED')!;
    expect(deliveredEvent.statusHistory).toHaveLength(3);
    expect(mine.some((m) => m.id === noise.id)).toBe(true);
    expect(onlyThis.length).toBeGreaterThanOrEqual(2);
    expect(onlyThis.every((m) => m.id === sent.id)).toBe(true);
    expect(theirs).toEqual([]);
  });

  it('moves only the next poll when a poll finds nothing new: the message and its history stay as they were', async () => {
    // The simulator's clock stands still, so every poll answers what the send did.
    const sent = await sendRest({ connection: 'wessaal-demo', to: fresh(), text: 'nothing new yet' });
    const firstPoll = new Date(sent.nextActionAt!).getTime();
    const later = await until(
      sent.id,
      (m) => m.nextActionAt !== null && new Date(m.nextActionAt).getTime() > firstPoll,
      'a later poll time',
    );
    expect(later).toMatchObject({ status: sent.status, providerStatus: sent.providerStatus });
    expect(later.updatedAt).toBe(sent.updatedAt);
    expect(later.statusHistory).toEqual(sent.statusHistory);
  });

  it('polls WaMessenger and Watsal too, until a final status', async () => {
    const wa = await sendRest({ connection: 'wamessenger-demo', to: fresh(), text: 'hello' });
    const watsal = await sendRest({
      connection: 'watsal-demo',
      to: fresh(),
      type: 'TEMPLATE',
      template: { name: 'order_confirmed', variables: { name: 'Sara', order_id: 'A-1' } },
    });
    expect(wa.providerMessageId).toBeTruthy();
    expect(watsal.providerMessageId).toBeTruthy();
    await advanceSteps(3);
    for (const message of [wa, watsal]) {
      const done = await until(message.id, (m) => m.status === 'READ' || m.status === 'DELIVERED');
      expect(done.statusHistory.at(-1)?.source).toBe('poll');
    }
  });

  it('keeps the send answer on providers without a status endpoint (Washeej, Wutt): nothing to poll', async () => {
    const message = await sendRest({ connection: 'washeej-demo', to: '+966501234567', text: 'hi Ahmed' });
    expect(message.providerMessageId).toBeTruthy();
    expect(message.nextActionAt).toBeNull();
    expect(message.status).not.toBe('FAILED');
  });

  it('records FAILED with the provider error when a magic number fails delivery (+966500000001)', async () => {
    const wessaal = await sendGql({ connection: 'wessaal-demo', to: '+966500000001', text: 'doomed' });
    const wa = await sendGql({ connection: 'wamessenger-demo', to: '+966500000001', text: 'doomed' });
    expect(wessaal.status).toBe('QUEUED');
    await advanceSteps(3);
    for (const message of [wessaal, wa]) {
      const failed = await until(message.id, (m) => m.status === 'FAILED');
      expect(failed.error).toMatchObject({ code: 'REJECTED', transient: false });
      expect(failed.error?.message).toBeTruthy();
      expect(failed.nextActionAt).toBeNull();
      expect(failed.statusHistory.at(-1)).toMatchObject({ status: 'FAILED', source: 'poll' });
    }
    const read = await sendRest({ connection: 'wessaal-demo', to: '+966500000004', text: 'instant' });
    await stack.simAdmin.advance(STEP_MS);
    await until(read.id, (m) => m.status === 'DELIVERED');
    const stuck = await sendRest({ connection: 'wessaal-demo', to: '+966500000003', text: 'stuck' });
    await advanceSteps(3);
    const sent = await until(stuck.id, (m) => m.status === 'SENT');
    expect(sent.nextActionAt).not.toBeNull(); // still watched: it may yet be delivered
  });

  it('returns (not throws) a definitive refusal: blocked contact, Wessaal 402, Washeej 24 h window', async () => {
    const blocked = await sendRest({ connection: 'wessaal-demo', to: '+966500000002', text: 'hi' });
    expect(blocked).toMatchObject({ status: 'FAILED', providerMessageId: null, nextActionAt: null });
    expect(blocked.error).toMatchObject({ code: 'CONTACT_BLOCKED', httpStatus: 422, transient: false });
    expect(blocked.error?.rawBody).toBeTruthy();
    expect(blocked.statusHistory.map((h) => [h.status, h.source])).toEqual([
      ['QUEUED', 'gateway'],
      ['FAILED', 'send'],
    ]);

    const created = await stack.rest('POST', '/v1/connections', {
      name: 'wessaal-empty',
      provider: 'wessaal',
      credentials: { apiKey: 'sk_test_wessaal_empty' },
      baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      defaultFrom: 'my-instance',
    });
    expect(created.status).toBe(201);
    const broke = await sendGql({ connection: 'wessaal-empty', to: fresh(), text: 'no credits' });
    expect(broke).toMatchObject({
      status: 'FAILED',
      error: { code: 'INSUFFICIENT_CREDITS', httpStatus: 402 },
    });
    expect(broke.error?.rawBody).toMatchObject({ success: false });
    const rest = await stack.rest('POST', '/v1/messages', {
      connection: 'wessaal-empty',
      to: fresh(),
      text: 'x',
    });
    expect(rest.status).toBe(201);
    expect(rest.json).toMatchObject({ status: 'FAILED', error: { code: 'INSUFFICIENT_CREDITS' } });

    const closed = await sendRest({ connection: 'washeej-demo', to: fresh(), text: 'out of the blue' });
    expect(closed).toMatchObject({ status: 'FAILED', error: { code: 'REJECTED', transient: false } });
    expect(closed.error?.message).toMatch(/24/);
    expect(closed.error?.rawBody).toBeTruthy();
  });

  it('keeps a transient failure QUEUED with the error, retries it, and delivers once the provider is back', async () => {
    await stack.simAdmin.addFault({
      provider: 'wessaal',
      kind: 'error',
      method: 'POST',
      path: '**/messages/send',
      status: 503,
    });
    const to = fresh();
    const queued = await sendGql({ connection: 'wessaal-demo', to, text: 'try again later' });
    expect(queued).toMatchObject({
      status: 'QUEUED',
      providerMessageId: null,
      attempts: 1,
      error: { code: 'PROVIDER_UNAVAILABLE', httpStatus: 503, transient: true },
    });
    expect(queued.nextActionAt).not.toBeNull();
    const retried = await until(queued.id, (m) => m.attempts >= 2, 'a retry');
    expect(retried).toMatchObject({ status: 'QUEUED', error: { code: 'PROVIDER_UNAVAILABLE' } });
    await stack.simAdmin.clearFaults();
    const delivered = await until(queued.id, (m) => m.providerMessageId !== null, 'the retried send');
    expect(delivered).toMatchObject({ error: null, status: 'QUEUED', providerStatus: 'pending' });
    expect((await stack.simAdmin.messages(`?provider=wessaal&to=${encodeURIComponent(to)}`)).length).toBe(1);
    await stack.simAdmin.advance(STEP_MS);
    await until(queued.id, (m) => m.status === 'SENT');
  });

  it('honours Retry-After of a 429', async () => {
    await stack.simAdmin.addFault({
      provider: 'wessaal',
      kind: 'error',
      path: '**/messages/send',
      status: 429,
      times: 1,
    });
    const limited = await sendRest({ connection: 'wessaal-demo', to: fresh(), text: 'slow down' });
    expect(limited).toMatchObject({
      status: 'QUEUED',
      error: { code: 'RATE_LIMITED', httpStatus: 429, transient: true },
    });
    const wait = Date.parse(limited.nextActionAt!) - Date.parse(limited.error!.at);
    expect(wait).toBeGreaterThanOrEqual(59_000);
  });

  it('retries an upload from the bytes held in the database; a retry whose bytes are gone ends FAILED GONE', async () => {
    const to = fresh();
    await stack.simAdmin.inbound({
      provider: 'washeej',
      account: 'washeej-demo',
      from: to,
      text: 'send me the file',
    });
    await stack.simAdmin.addFault({
      provider: 'washeej',
      kind: 'error',
      path: '**/inbox/send-message',
      status: 503,
    });
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const queued = await sendRest({
      connection: 'washeej-demo',
      to,
      type: 'DOCUMENT',
      media: { base64: pdf.toString('base64'), filename: 'invoice.pdf', contentType: 'application/pdf' },
    });
    expect(queued).toMatchObject({
      status: 'QUEUED',
      error: { code: 'PROVIDER_UNAVAILABLE', transient: true },
    });
    await stack.simAdmin.clearFaults();
    const sent = await until(queued.id, (m) => m.providerMessageId !== null, 'the retried upload');
    expect(sent.error).toBeNull();
    expect((await stack.simAdmin.messages(`?provider=washeej&to=${encodeURIComponent(to)}`)).length).toBe(1);

    // The same stored request, due now, but no held bytes for it (as once GATEWAY_HELD_REQUEST_RETENTION_MS passed).
    const [orphan] = await stack.db.query(
      `WITH m AS (
         INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status, attempts)
         SELECT tenant_id, connection_id, connection_name, provider, type, to_number, request, 'QUEUED', 1
         FROM messages WHERE id = $1 RETURNING id, created_at
       ), s AS (INSERT INTO message_schedule (message_id, created_at, next_action_at) SELECT id, created_at, now() FROM m)
       SELECT id FROM m`,
      [queued.id],
    );
    const gone = await until(orphan.id, (m) => m.status === 'FAILED');
    expect(gone.error).toMatchObject({ code: 'GONE', transient: false });
  });

  it('gives up after 8 attempts: FAILED with the last transient error', async () => {
    await stack.simAdmin.addFault({
      provider: 'wessaal',
      kind: 'error',
      path: '**/messages/send',
      status: 502,
    });
    const to = fresh();
    // A message on its 7th failed attempt, due now: the scheduler makes the 8th and last.
    const [row] = await stack.db.query(
      `WITH m AS (
         INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status, attempts)
         SELECT tenant_id, id, name, provider, 'text', $1, $2, 'QUEUED', 7
         FROM connections WHERE tenant_id = $3 AND name = 'wessaal-demo' RETURNING id, created_at
       ), s AS (
         INSERT INTO message_schedule (message_id, created_at, next_action_at) SELECT id, created_at, now() FROM m
       )
       SELECT id FROM m`,
      [to, JSON.stringify({ type: 'text', to, text: 'never' }), stack.tenant.tenantId],
    );
    const failed = await until(row.id, (m) => m.status === 'FAILED');
    await stack.simAdmin.clearFaults();
    expect(failed).toMatchObject({
      attempts: 8,
      nextActionAt: null,
      error: { code: 'PROVIDER_UNAVAILABLE', httpStatus: 502, transient: false },
    });
    expect(failed.error?.message).toContain('gave up after 8 attempts');
    expect(failed.statusHistory.at(-1)).toMatchObject({ status: 'FAILED', source: 'gateway' });
  });

  it('picks up a send interrupted mid-flight (its lease ran out) and sends it', async () => {
    const to = fresh();
    const [row] = await stack.db.query(
      `WITH m AS (
         INSERT INTO messages (tenant_id, connection_id, connection_name, provider, type, to_number, request, status, attempts)
         SELECT tenant_id, id, name, provider, 'text', $1, $2, 'QUEUED', 0
         FROM connections WHERE tenant_id = $3 AND name = 'wessaal-demo' RETURNING id, created_at
       ), s AS (
         INSERT INTO message_schedule (message_id, created_at, next_action_at) SELECT id, created_at, now() - interval '1 second' FROM m
       )
       SELECT id FROM m`,
      [to, JSON.stringify({ type: 'text', to, text: 'recovered' }), stack.tenant.tenantId],
    );
    const sent = await until(row.id, (m) => m.providerMessageId !== null, 'the recovered send');
    expect(sent.attempts).toBe(1);
    expect((await stack.simAdmin.messages(`?provider=wessaal&to=${encodeURIComponent(to)}`))[0]?.text).toBe(
      'recovered',
    );
  });

  it('fails a pending retry whose connection was deleted', async () => {
    await stack.rest('POST', '/v1/connections', {
      name: 'wessaal-temp',
      provider: 'wessaal',
      credentials: { apiKey: 'sk_test_wessaal_demo' },
      baseUrl: `${stack.sim.url}/wessaal/integration/v1`,
      defaultFrom: 'my-instance',
    });
    await stack.simAdmin.addFault({
      provider: 'wessaal',
      kind: 'error',
      path: '**/messages/send',
      status: 503,
    });
    const queued = await sendRest({ connection: 'wessaal-temp', to: fresh(), text: 'orphaned' });
    expect(queued.status).toBe('QUEUED');
    expect((await stack.rest('DELETE', '/v1/connections/wessaal-temp')).status).toBe(200);
    await stack.simAdmin.clearFaults();
    const failed = await until(queued.id, (m) => m.status === 'FAILED');
    expect(failed.error).toMatchObject({ code: 'NOT_FOUND', transient: false });
  });

  it('never shows a message to another tenant: NOT_FOUND on both APIs, empty lists', async () => {
    const message = await sendRest({ connection: 'wessaal-demo', to: fresh(), text: 'mine' });
    const other = await stack.seedTenant();
    const rest = await stack.rest('GET', `/v1/messages/${message.id}`, undefined, other.apiKey);
    expect(rest).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' } });
    const gql = await stack.gql(
      'query($id: ID!) { message(id: $id) { id } }',
      { id: message.id },
      other.apiKey,
    );
    expect(gql.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await stack.rest('GET', '/v1/messages', undefined, other.apiKey);
    expect(list.json).toEqual({ items: [], pageInfo: { endCursor: null, hasNextPage: false } });
    const gqlList = await stack.gql<{ messages: { nodes: unknown[] } }>(
      '{ messages { nodes { id } } }',
      {},
      other.apiKey,
    );
    expect(gqlList.data?.messages.nodes).toEqual([]);
    expect((await stack.rest('GET', '/v1/messages/not-a-uuid')).status).toBe(404);
    const mine = await stack.gql<{ message: Message }>(
      `query($id: ID!) { message(id: $id) { ${MESSAGE} } }`,
      {
        id: message.id,
      },
    );
    expect(mine.data?.message.id).toBe(message.id);
  });
  it('reads a message, its history and its attempts in one snapshot (a write between the reads is not seen)', async () => {
    const sent = await sendRest({ connection: 'wessaal-demo', to: fresh(), text: 'snapshot' });
    expect(sent.providerMessageId).not.toBeNull(); // accepted: QUEUED at the provider until the clock moves
    const service = stack.app.get(MessageStatusService);
    const historyOf = service.historyOf.bind(service);
    // Between the row's read and the reads of its history and attempts, another connection fails the message,
    // its attempt and adds a change, as a concurrent writer could.
    const spy = jest.spyOn(service, 'historyOf').mockImplementationOnce(async (ids, manager) => {
      await stack.db.query(`UPDATE messages SET status = 'FAILED' WHERE id = $1`, [sent.id]);
      await stack.db.query(`UPDATE message_attempts SET outcome = 'rejected' WHERE message_id = $1`, [
        sent.id,
      ]);
      await stack.db.query(
        `INSERT INTO status_changes (tenant_id, message_id, status, source, at)
         SELECT tenant_id, id, 'FAILED', 'poll', now() FROM messages WHERE id = $1`,
        [sent.id],
      );
      return historyOf(ids, manager);
    });
    try {
      const seen = (await stack.rest('GET', `/v1/messages/${sent.id}`)).json as Message & {
        attemptHistory: Array<{ outcome: string | null }>;
      };
      expect(spy).toHaveBeenCalledTimes(1);
      expect(seen.status).toBe(sent.status);
      expect(seen.statusHistory.map((c) => c.status)).not.toContain('FAILED');
      expect(seen.attemptHistory.map((a) => a.outcome)).toEqual(['ACCEPTED']);
    } finally {
      spy.mockRestore();
    }
    // Read again, everything the writer did shows, together.
    const after = (await stack.rest('GET', `/v1/messages/${sent.id}`)).json as Message & {
      attemptHistory: Array<{ outcome: string | null }>;
    };
    expect(after.status).toBe('FAILED');
    expect(after.statusHistory.map((c) => c.status)).toContain('FAILED');
    expect(after.attemptHistory.map((a) => a.outcome)).toEqual(['REJECTED']);
  });
});
