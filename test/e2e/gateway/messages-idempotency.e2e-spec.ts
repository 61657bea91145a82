import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http } from '../../support/http.js';

/** Idempotency keys: same key + same input → the same message, sent once; a different input → an error. */

interface Message {
  id: string;
  to: string;
  status: string;
  idempotencyKey: string | null;
}

describe('gateway messages: idempotency', () => {
  let stack: GatewayStack;
  let numberSeq = 0;
  const fresh = (): string => `+9665${String(30_000_000 + ++numberSeq * 7919).slice(-8)}`;

  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(() => stack.close());

  const sendGql = (input: Record<string, unknown>, apiKey?: string) =>
    stack.gql<{ sendMessage: Message }>(
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id to status idempotencyKey } }',
      { input },
      apiKey,
    );
  const phone = (provider: string, to: string) =>
    stack.simAdmin.messages(`?provider=${provider}&to=${encodeURIComponent(to)}`);
  const count = async (key: string) =>
    Number(
      (await stack.db.query('SELECT count(*) FROM messages WHERE idempotency_key = $1', [key]))[0].count,
    );

  it('REST: the same key and input answer the same message, sent once; another input is IDEMPOTENCY_KEY_REUSED', async () => {
    const to = fresh();
    const input = { connection: 'wessaal-demo', to, text: 'charge once', idempotencyKey: 'order-1-rest' };
    const first = await stack.rest('POST', '/v1/messages', input);
    const again = await stack.rest('POST', '/v1/messages', input);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect((again.json as Message).id).toBe((first.json as Message).id);
    expect((first.json as Message).idempotencyKey).toBe('order-1-rest');
    expect(await phone('wessaal', to)).toHaveLength(1);
    const reused = await stack.rest('POST', '/v1/messages', { ...input, text: 'something else' });
    expect(reused.status).toBe(409);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.json).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      fields: { idempotencyKey: expect.any(Array) },
    });
    const otherConnection = await stack.rest('POST', '/v1/messages', {
      ...input,
      connection: 'wamessenger-demo',
    });
    expect(otherConnection.json).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count('order-1-rest')).toBe(1);
    const [record] = await stack.db.query(
      `SELECT expires_at - created_at >= interval '24 hours' AS kept FROM idempotency_records WHERE key = $1`,
      ['order-1-rest'],
    );
    expect(record.kept).toBe(true);
  });

  it('REST: the Idempotency-Key header works as the body field; a replay says Idempotent-Replayed: true', async () => {
    const to = fresh();
    const input = { connection: 'wessaal-demo', to, text: 'header key' };
    const post = (body: Record<string, unknown>, key?: string, path = '/v1/messages') =>
      http(`${stack.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.tenant.apiKey}`,
          ...(key === undefined ? {} : { 'idempotency-key': key }),
        },
        json: body,
      });
    const first = await post(input, 'order-3-header');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect((first.json as Message).idempotencyKey).toBe('order-3-header');
    // The same key by header again, then by body field: both replay the first message.
    for (const again of [
      await post(input, 'order-3-header'),
      await post({ ...input, idempotencyKey: 'order-3-header' }),
    ]) {
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((again.json as Message).id).toBe((first.json as Message).id);
    }
    // Both, agreeing: fine; disagreeing: 400 naming the header, nothing stored.
    const agreeing = await post({ ...input, idempotencyKey: 'order-3-header' }, 'order-3-header');
    expect(agreeing.headers.get('idempotent-replayed')).toBe('true');
    const disagreeing = await post({ ...input, idempotencyKey: 'order-3-body' }, 'order-3-header');
    expect(disagreeing.status).toBe(400);
    expect(disagreeing.json).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'Idempotency-Key': [expect.stringContaining('idempotencyKey')] },
    });
    expect(await count('order-3-body')).toBe(0);
    expect((await post(input, '')).status).toBe(400);
    expect((await post(input, 'k'.repeat(256))).status).toBe(400);
    expect(await phone('wessaal', to)).toHaveLength(1);

    // Bulk and status stories take the header too.
    const bulk = {
      connection: 'wessaal-demo',
      messages: [{ to: fresh(), text: 'bulk by header' }],
    };
    const bulkFirst = await post(bulk, 'order-3-bulk', '/v1/messages/bulk');
    const bulkAgain = await post(bulk, 'order-3-bulk', '/v1/messages/bulk');
    expect([bulkFirst.status, bulkAgain.status]).toEqual([201, 201]);
    expect(bulkFirst.headers.get('idempotent-replayed')).toBeNull();
    expect(bulkAgain.headers.get('idempotent-replayed')).toBe('true');
    expect((bulkAgain.json as Message[]).map((m) => m.id)).toEqual(
      (bulkFirst.json as Message[]).map((m) => m.id),
    );
  });

  it('GraphQL: the same, and a different key is a new message', async () => {
    const to = fresh();
    const input = { connection: 'wamessenger-demo', to, text: 'once', idempotencyKey: 'order-2-gql' };
    const first = await sendGql(input);
    const again = await sendGql(input);
    expect(first.errors).toBeUndefined();
    expect(again.data?.sendMessage.id).toBe(first.data?.sendMessage.id);
    const reused = await sendGql({ ...input, to: fresh() });
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const another = await sendGql({ ...input, idempotencyKey: 'order-2-gql-bis' });
    expect(another.data?.sendMessage.id).not.toBe(first.data?.sendMessage.id);
    expect(await phone('wamessenger', to)).toHaveLength(2);
  });

  it('answers concurrent requests with the same key with one message, sent once', async () => {
    const to = fresh();
    const input = { connection: 'wessaal-demo', to, text: 'race', idempotencyKey: 'order-3-race' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? stack.rest('POST', '/v1/messages', input).then((r) => (r.json as Message).id)
          : sendGql(input).then((r) => r.data?.sendMessage.id),
      ),
    );
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toEqual(expect.any(String));
    expect(await count('order-3-race')).toBe(1);
    expect(await phone('wessaal', to)).toHaveLength(1);
  });

  it('replays a refused message as it was recorded, without calling the provider again', async () => {
    const input = {
      connection: 'wessaal-demo',
      to: '+966500000002',
      text: 'blocked',
      idempotencyKey: 'order-4-blocked',
    };
    const first = (await stack.rest('POST', '/v1/messages', input)).json as Message;
    expect(first.status).toBe('FAILED');
    // Only POSTs that carry this recipient: the status scheduler polls Wessaal in the background meanwhile.
    const sendsToRecipient = async (): Promise<number> =>
      (await stack.simAdmin.requests('?provider=wessaal&limit=1000')).filter(
        (entry) =>
          entry.method === 'POST' && JSON.stringify(entry.requestBody ?? null).includes('966500000002'),
      ).length;
    const before = await sendsToRecipient();
    expect(before).toBeGreaterThan(0);
    const again = (await stack.rest('POST', '/v1/messages', input)).json as Message;
    expect(again).toMatchObject({ id: first.id, status: 'FAILED' });
    expect(await sendsToRecipient()).toBe(before);
  });

  it('keeps keys per tenant, and takes over an expired key', async () => {
    const other = await stack.seedTenant();
    const input = {
      connection: 'wessaal-demo',
      to: fresh(),
      text: 'same key, two tenants',
      idempotencyKey: 'shared-key',
    };
    const mine = await sendGql(input);
    const theirs = await sendGql(input, other.apiKey);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.sendMessage.id).not.toBe(mine.data?.sendMessage.id);

    await stack.db.query(
      `UPDATE idempotency_records SET expires_at = now() - interval '1 second' WHERE key = 'shared-key' AND tenant_id = $1`,
      [stack.tenant.tenantId],
    );
    const fresher = await sendGql({ ...input, text: 'a new request under an expired key' });
    expect(fresher.errors).toBeUndefined();
    expect(fresher.data?.sendMessage.id).not.toBe(mine.data?.sendMessage.id);
    const replay = await sendGql({ ...input, text: 'a new request under an expired key' });
    expect(replay.data?.sendMessage.id).toBe(fresher.data?.sendMessage.id);
  });

  it('makes bulk sends and status stories idempotent too', async () => {
    const [a, b] = [fresh(), fresh()];
    const bulk = {
      connection: 'wessaal-demo',
      idempotencyKey: 'bulk-1',
      messages: [
        { to: a, text: 'A' },
        { to: b, text: 'B' },
      ],
    };
    const first = (await stack.rest('POST', '/v1/messages/bulk', bulk)).json as Message[];
    const again = (await stack.rest('POST', '/v1/messages/bulk', bulk)).json as Message[];
    expect(again.map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(first.map((m) => m.to)).toEqual([a, b]);
    expect(await phone('wessaal', a)).toHaveLength(1);
    const changed = await stack.rest('POST', '/v1/messages/bulk', {
      ...bulk,
      messages: [{ to: a, text: 'A' }],
    });
    expect(changed).toMatchObject({ status: 409, json: { code: 'IDEMPOTENCY_KEY_REUSED' } });

    const story = { connection: 'wessaal-demo', content: 'Open late today', idempotencyKey: 'story-1' };
    const s1 = (await stack.rest('POST', '/v1/messages/status-story', story)).json as Message;
    const s2 = (await stack.rest('POST', '/v1/messages/status-story', story)).json as Message;
    expect(s2.id).toBe(s1.id);
  });
});
