import { jest } from '@jest/globals';
import { createGatewayApp } from '../../../apps/gateway/src/app.factory.js';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway-config.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http, type RawResponse } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * Accept now, deliver later (issue #13): `Prefer: respond-async` answers 202 before any provider call and the
 * scheduler sends the message; the batch endpoint and its GraphQL mutation accept and refuse per item; idempotency
 * per message and per item; a message queued by a process without dispatch is sent by another process.
 */
jest.setTimeout(180_000);

interface Message {
  id: string;
  status: string;
  to: string;
  connection: string;
  idempotencyKey: string | null;
  statusHistory: Array<{ status: string; source: string }>;
}
interface BatchItem {
  index: number;
  id: string | null;
  replayed: boolean;
  error: { code: string; message: string; fields: Record<string, string[]> | null } | null;
}
interface Batch {
  accepted: number;
  refused: number;
  items: BatchItem[];
}

describe('gateway messages: queued (respond-async) and batch sends', () => {
  let stack: GatewayStack;
  let numberSeq = 0;
  const fresh = (): string => `+9665${String(40_000_000 + ++numberSeq * 7919).slice(-8)}`;

  beforeAll(async () => {
    stack = await startGatewayStack();
    await stack.simAdmin.patchAccount('wessaal-demo', { credits: 1_000_000, rateLimitPerMinute: 1_000_000 });
  });
  afterAll(() => stack?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> =>
    http(`${stack.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenant.apiKey}`, ...headers },
      json: body,
    });
  const queue = (body: unknown, headers: Record<string, string> = {}) =>
    post('/v1/messages', body, { prefer: 'respond-async', ...headers });
  const getMessage = async (id: string): Promise<Message> =>
    (await stack.rest('GET', `/v1/messages/${id}`)).json as Message;
  const onPhone = (provider: string, to: string) =>
    stack.simAdmin.messages(`?provider=${provider}&to=${encodeURIComponent(to)}`);
  /** Washeej and Wutt send free text only within 24 h of the customer's last message. */
  const openWindow = (provider: string, from: string) =>
    stack.simAdmin.inbound({ provider, account: `${provider}-demo`, from, text: 'hello' });
  const reaches = (id: string, statuses: string[], ms = 60_000) =>
    waitFor(
      `message ${id} to reach ${statuses.join('/')}`,
      () => getMessage(id),
      (m) => statuses.includes(m.status),
      ms,
    );

  it('Prefer: respond-async answers 202 QUEUED with Location before the send; the scheduler delivers it', async () => {
    const to = fresh();
    const res = await queue({ connection: 'wessaal-demo', to, text: 'later, please' });
    expect(res.status).toBe(202);
    const message = res.json as Message;
    expect(message).toMatchObject({ status: 'QUEUED', to, connection: 'wessaal-demo' });
    expect(message.statusHistory).toEqual([expect.objectContaining({ status: 'QUEUED', source: 'gateway' })]);
    expect(res.headers.get('location')).toBe(`/v1/messages/${message.id}`);
    expect(res.headers.get('preference-applied')).toBe('respond-async');
    const delivered = await reaches(message.id, ['DELIVERED', 'READ']);
    expect(delivered.statusHistory.map((h) => h.status)).toEqual(expect.arrayContaining(['QUEUED', 'SENT']));
    expect(await onPhone('wessaal', to)).toHaveLength(1);
  });

  it('without the header the send stays synchronous (201, the provider already answered)', async () => {
    const res = await post('/v1/messages', { connection: 'wessaal-demo', to: fresh(), text: 'now' });
    expect(res.status).toBe(201);
    expect(res.headers.get('preference-applied')).toBeNull();
    expect((res.json as { providerMessageId: string | null }).providerMessageId).toBeTruthy();
  });

  it('an async send is checked like a synchronous one: bad field, unknown connection, missing capability', async () => {
    const bad = await queue({ connection: 'wessaal-demo', to: '+1', text: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'BAD_USER_INPUT', fields: { to: expect.any(Array) } });
    const unknown = await queue({ connection: 'nope', to: fresh(), text: 'x' });
    expect(unknown.status).toBe(404);
    // Washeej has no polls.
    const poll = await queue({
      connection: 'washeej-demo',
      to: fresh(),
      type: 'POLL',
      poll: { question: 'q?', options: ['a', 'b'] },
    });
    expect(poll.status).toBe(422);
    expect(poll.json).toMatchObject({ code: 'UNSUPPORTED_CAPABILITY' });
  });

  it('a definitive provider refusal after the 202 ends the message FAILED with the error', async () => {
    const res = await queue({
      connection: 'wessaal-demo',
      to: '+966500000002',
      text: 'to a blocked contact',
    });
    expect(res.status).toBe(202);
    const failed = await reaches((res.json as Message).id, ['FAILED']);
    expect(failed).toMatchObject({ status: 'FAILED', error: { code: 'CONTACT_BLOCKED' } });
  });

  it('an uploaded file (base64) is held for the scheduler and sent', async () => {
    const to = fresh();
    await openWindow('washeej', to);
    const res = await queue({
      connection: 'washeej-demo',
      to,
      type: 'IMAGE',
      media: {
        base64: Buffer.from('not really a png').toString('base64'),
        filename: 'a.png',
        contentType: 'image/png',
      },
    });
    expect(res.status).toBe(202);
    const sent = await reaches((res.json as Message).id, ['SENT', 'DELIVERED', 'READ']);
    expect(sent.status).not.toBe('FAILED');
    const [held] = await stack.db.query(
      'SELECT count(*)::int AS n FROM held_requests WHERE message_id = $1',
      [sent.id],
    );
    expect(held.n).toBe(0);
  });

  it('idempotency: the same key replays the first message (202, Idempotent-Replayed), another input is 409', async () => {
    const body = { connection: 'wessaal-demo', to: fresh(), text: 'once', idempotencyKey: 'async-once-1' };
    const first = await queue(body);
    const again = await queue(body);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect((again.json as Message).id).toBe((first.json as Message).id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const viaHeader = await queue(
      { connection: 'wessaal-demo', to: body.to, text: 'once' },
      { 'idempotency-key': 'async-once-1' },
    );
    expect((viaHeader.json as Message).id).toBe((first.json as Message).id);
    const reused = await queue({ ...body, text: 'twice' });
    expect(reused.status).toBe(409);
    expect(reused.json).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await reaches((first.json as Message).id, ['SENT', 'DELIVERED', 'READ']);
    expect(await onPhone('wessaal', body.to)).toHaveLength(1);
  });

  it('a batch accepts valid items of any kind to several connections and refuses the others per item', async () => {
    const tos = [fresh(), fresh(), fresh()];
    await openWindow('washeej', tos[2]!);
    const res = await post('/v1/messages/batch', {
      messages: [
        { connection: 'wessaal-demo', to: tos[0], text: 'batch one' },
        { connection: 'wessaal-demo', to: '+12', text: 'bad number' },
        {
          connection: 'wessaal-demo',
          to: tos[1],
          type: 'LOCATION',
          location: { latitude: 24.7, longitude: 46.7 },
        },
        { connection: 'missing-connection', to: fresh(), text: 'x' },
        {
          connection: 'washeej-demo',
          to: fresh(),
          type: 'POLL',
          poll: { question: 'q?', options: ['a', 'b'] },
        },
        { connection: 'wessaal-demo', to: fresh(), text: 'x', color: 'red' },
        {
          connection: 'wessaal-demo',
          to: fresh(),
          type: 'IMAGE',
          media: { base64: 'aGVsbG8=', filename: 'a.png', contentType: 'image/png' },
        },
        { connection: 'washeej-demo', to: tos[2], text: 'batch three' },
        42,
      ],
    });
    expect(res.status).toBe(202);
    const batch = res.json as Batch;
    expect(batch.items.filter((i) => i.error).map((i) => i.index)).toEqual([1, 3, 4, 5, 6, 8]);
    expect(batch).toMatchObject({ accepted: 3, refused: 6 });
    expect(batch.items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const error = (i: number) => batch.items[i]!.error;
    expect(error(1)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'messages.1.to': expect.any(Array) },
    });
    expect(error(3)).toMatchObject({
      code: 'NOT_FOUND',
      fields: { 'messages.3.connection': expect.any(Array) },
    });
    expect(error(4)).toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
      fields: { 'messages.4.type': expect.any(Array) },
    });
    expect(error(5)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'messages.5.color': expect.any(Array) },
    });
    expect(error(6)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'messages.6.media.base64': expect.any(Array) },
    });
    expect(error(8)).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'messages.8': expect.any(Array) } });
    for (const i of [0, 2, 7])
      expect(batch.items[i]).toMatchObject({ id: expect.any(String), error: null, replayed: false });
    const [stored] = await stack.db.query(
      'SELECT count(*)::int AS n FROM messages WHERE to_number = ANY($1)',
      [tos],
    );
    expect(stored.n).toBe(3);
    for (const i of [0, 2, 7]) await reaches(batch.items[i]!.id!, ['SENT', 'DELIVERED', 'READ']);
    expect(await onPhone('wessaal', tos[0]!)).toHaveLength(1);
  });

  it('batch limits: empty, over 1,000 and nothing valid are 400; 1,000 is accepted', async () => {
    const empty = await post('/v1/messages/batch', { messages: [] });
    expect(empty.status).toBe(400);
    expect(empty.json).toMatchObject({ code: 'BAD_USER_INPUT', fields: { messages: expect.any(Array) } });
    const item = { connection: 'washeej-demo', to: '+966501234567', text: 'x' };
    const tooMany = await post('/v1/messages/batch', { messages: Array.from({ length: 1_001 }, () => item) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ fields: { messages: expect.any(Array) } });
    const noneValid = await post('/v1/messages/batch', {
      messages: [
        { ...item, to: 'x' },
        { ...item, connection: 'nope' },
      ],
    });
    expect(noneValid.status).toBe(400);
    expect(noneValid.json).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'messages.0.to': expect.any(Array), 'messages.1.connection': expect.any(Array) },
    });
    const full = await post('/v1/messages/batch', {
      messages: Array.from({ length: 1_000 }, () => ({
        connection: 'washeej-demo',
        to: fresh(),
        text: 'full batch',
      })),
    });
    expect(full.status).toBe(202);
    expect(full.json).toMatchObject({ accepted: 1_000, refused: 0 });
    // Not this test's subject, and 1,000 sends ahead of them in the queue held the next tests' messages for over
    // 20 s on a busy machine: taken out of the queue.
    const ids = (full.json as Batch).items.map((item) => item.id);
    await stack.db.query('DELETE FROM message_schedule WHERE message_id = ANY($1::uuid[])', [ids]);
  });

  it('batch idempotency: per item key, duplicate keys in one batch, and the header replaying the whole request', async () => {
    const a = { connection: 'wessaal-demo', to: fresh(), text: 'item a', idempotencyKey: 'batch-item-a' };
    const first = (await post('/v1/messages/batch', { messages: [a, { ...a, to: fresh() }] })).json as Batch;
    expect(first.items[0]).toMatchObject({ id: expect.any(String), replayed: false });
    expect(first.items[1]!.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'messages.1.idempotencyKey': expect.any(Array) },
    });
    const again = (
      await post('/v1/messages/batch', {
        messages: [a, { ...a, text: 'changed', idempotencyKey: 'batch-item-a' }],
      })
    ).json as Batch;
    // Same key twice again: the second is refused as a duplicate before the key is looked at.
    expect(again.items[0]).toMatchObject({ id: first.items[0]!.id, replayed: true });
    const changed = await post('/v1/messages/batch', { messages: [{ ...a, text: 'changed' }] });
    expect(changed.status).toBe(400);
    expect(changed.json).toMatchObject({ fields: { 'messages.0.idempotencyKey': expect.any(Array) } });

    const messages = [
      { connection: 'wessaal-demo', to: fresh(), text: 'h0' },
      { connection: 'wessaal-demo', to: 'bad', text: 'h1' },
      { connection: 'washeej-demo', to: fresh(), text: 'h2' },
    ];
    const headers = { 'idempotency-key': 'whole-batch-1' };
    const one = (await post('/v1/messages/batch', { messages }, headers)).json as Batch;
    const two = await post('/v1/messages/batch', { messages }, headers);
    expect(two.status).toBe(202);
    const replay = two.json as Batch;
    expect(replay.items.map((i) => i.id)).toEqual(one.items.map((i) => i.id));
    expect(replay.items.map((i) => i.replayed)).toEqual([true, false, true]);
    expect(replay.items[1]!.error).toEqual(one.items[1]!.error);
    const [count] = await stack.db.query(
      "SELECT count(*)::int AS n FROM messages WHERE idempotency_key LIKE 'whole-batch-1#%'",
    );
    expect(count.n).toBe(2);
  });

  it('GraphQL: queueMessage and sendMessageBatch', async () => {
    const to = fresh();
    const queued = await stack.gql<{ queueMessage: Message }>(
      'mutation($input: SendMessageInput!) { queueMessage(input: $input) { id status to } }',
      { input: { connection: 'wessaal-demo', to, text: 'gql later' } },
    );
    expect(queued.errors).toBeUndefined();
    expect(queued.data!.queueMessage).toMatchObject({ status: 'QUEUED', to });
    await reaches(queued.data!.queueMessage.id, ['SENT', 'DELIVERED', 'READ']);

    const mutation =
      'mutation($input: SendMessageBatchInput!) { sendMessageBatch(input: $input) { accepted refused items { index id replayed error { code message fields } } } }';
    const batch = await stack.gql<{ sendMessageBatch: Batch }>(mutation, {
      input: {
        messages: [
          { connection: 'wessaal-demo', to: fresh(), text: 'gql batch' },
          { connection: 'wessaal-demo', to: '+1', text: 'bad' },
        ],
      },
    });
    expect(batch.errors).toBeUndefined();
    expect(batch.data!.sendMessageBatch).toMatchObject({ accepted: 1, refused: 1 });
    expect(batch.data!.sendMessageBatch.items[1]!.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'messages.1.to': expect.any(Array) },
    });
    const none = await stack.gql(mutation, {
      input: { messages: [{ connection: 'nope', to: fresh(), text: 'x' }] },
    });
    expect(none.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'messages.0.connection': expect.any(Array) },
    });
  });
});

describe('gateway messages: a process without dispatch queues, another one sends', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await startGatewayStack({ GATEWAY_DISPATCH_ENABLED: 'false' });
  });
  afterAll(() => stack?.close());

  it('stays QUEUED in PostgreSQL until a dispatching process starts, which sends it; later ones arrive by NOTIFY', async () => {
    const queue = (to: string) =>
      http(`${stack.url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.tenant.apiKey}`, prefer: 'respond-async' },
        json: { connection: 'wessaal-demo', to, text: 'queued while nobody dispatches' },
      });
    // Wessaal answers a send "pending" (still QUEUED): sent means the gateway recorded the provider's id.
    const providerId = async (id: string) =>
      ((await stack.rest('GET', `/v1/messages/${id}`)).json as { providerMessageId: string | null })
        .providerMessageId;
    const onPhone = (to: string) => stack.simAdmin.messages(`?provider=wessaal&to=${encodeURIComponent(to)}`);
    const first = (await queue('+966501110001')).json as Message;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await providerId(first.id)).toBeNull();
    expect(await onPhone('+966501110001')).toHaveLength(0);

    // A dispatching process with a one-minute tick: only its start-up claim and NOTIFY can make it send promptly.
    const url = (stack.db.options as { url: string }).url;
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_PORT: '0',
      GATEWAY_POLL_INTERVAL_MS: '60000',
    });
    const { app } = await createGatewayApp(config, url, { logDestination: { write: () => undefined } });
    try {
      await waitFor('the queued message to be sent', () => providerId(first.id), Boolean, 20_000);
      expect(await onPhone('+966501110001')).toHaveLength(1);
      const second = (await queue('+966501110002')).json as Message;
      await waitFor('a message queued later to be sent', () => providerId(second.id), Boolean, 10_000);
      expect(await onPhone('+966501110002')).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
