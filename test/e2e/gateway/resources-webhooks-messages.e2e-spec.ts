import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stateOf } from '../../../apps/simulator/src/providers/wamessenger/state.js';
import { http, type RawResponse } from '../../support/http.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

interface WebhookInfo {
  url: string;
  pending: number | null;
  message: string | null;
  raw: unknown;
}
interface ProviderMessage {
  providerMessageId: string;
  to: string;
  status: string;
  providerStatus: string;
  text: string | null;
  createdAt: string | null;
}
interface Page<T> {
  items: T[];
  page: number;
  pageCount: number | null;
  total: number | null;
}
/** GraphQL's Relay connection of a provider list. */
interface Connection<T> {
  nodes: T[];
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type GqlResult<T> = Awaited<ReturnType<GatewayStack['gql']>> & { data?: T };

const WEBHOOK = 'url pending message raw';
const QUEUE = `query($c: String!) { webhookQueue(connection: $c) { ${WEBHOOK} } }`;
const RESEND = `mutation($c: String!) { resendWebhookQueue(connection: $c) { ${WEBHOOK} } }`;
const REMOVE = `mutation($c: String!) { removeWebhook(connection: $c) { ${WEBHOOK} } }`;
const SEND_SEEN = `mutation($c: String!, $on: Boolean!) { setSendSeen(connection: $c, on: $on) { setting on } }`;
const RECEIVE = `mutation($c: String!, $on: Boolean!) { setReceive(connection: $c, on: $on) { setting on } }`;
const PROVIDER_MESSAGES = `query($c: String!, $first: Int, $after: String, $search: String, $pendingOnly: Boolean,
  $providerStatus: String, $type: String) {
  providerMessages(connection: $c, first: $first, after: $after, search: $search, pendingOnly: $pendingOnly,
    providerStatus: $providerStatus, type: $type) {
    nodes { providerMessageId to status providerStatus text createdAt raw } totalCount pageInfo { hasNextPage endCursor }
  }
}`;

const WAMESSENGER_KEY = 'wamessenger-demo-key';

describe('gateway resources: WaMessenger webhook settings and the provider message list', () => {
  let stack: GatewayStack;
  const statuses: number[] = [];

  const rest = async (
    method: string,
    path: string,
    body?: unknown,
    apiKey?: string,
  ): Promise<RawResponse> => {
    const res = await stack.rest(method, path, body, apiKey);
    statuses.push(res.status);
    return res;
  };
  const gql = async <T>(query: string, variables: Record<string, unknown>, apiKey?: string) => {
    const res = (await stack.gql<T>(query, variables, apiKey)) as GqlResult<T>;
    statuses.push(res.status);
    for (const error of res.errors ?? [])
      if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') statuses.push(500);
    return res;
  };
  const gqlError = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    res.errors?.[0]?.extensions;
  const expectProblem = (res: RawResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({ code, status });
  };
  const fieldsOf = (res: RawResponse): string[] =>
    Object.keys((res.json as { fields?: Record<string, unknown> }).fields ?? {});
  const wamState = () => stateOf(stack.sim.core.accounts.get('wamessenger-demo')!);

  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(() => stack.close());

  describe('WaMessenger webhook settings', () => {
    let receiver: Server;
    let receiverUrl: string;
    const received: unknown[] = [];
    const setWebhookAtProvider = async (url: string) => {
      // Setting the URL is the inbound feature's; here the test sets it at the simulator directly.
      const res = await http(
        `${stack.sim.url}/wamessenger/webhook/set/${WAMESSENGER_KEY}?url=${encodeURIComponent(url)}`,
      );
      expect(res.json).toMatchObject({ set: 'true' });
    };

    beforeAll(async () => {
      await stack.simAdmin.reset('wamessenger-demo');
      receiver = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          received.push(JSON.parse(body));
          response.end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it('shows the queue of undelivered events and resends it once a URL is set, on both APIs', async () => {
      const empty = await rest('GET', '/v1/connections/wamessenger-demo/webhook/queue');
      expect(empty.status).toBe(200);
      expect(empty.json).toMatchObject({ url: '', pending: 0 });

      await stack.simAdmin.inbound({
        provider: 'wamessenger',
        account: 'wamessenger-demo',
        from: '+966501234567',
        text: 'hello',
      });
      const queued = await gql<{ webhookQueue: WebhookInfo }>(QUEUE, { c: 'wamessenger-demo' });
      expect(queued.data?.webhookQueue).toMatchObject({
        url: '',
        pending: 1,
        message: 'You have 1 pending messages',
      });
      expect(JSON.stringify(queued.data)).not.toContain(WAMESSENGER_KEY);

      const noUrl = await gql<{ resendWebhookQueue: WebhookInfo }>(RESEND, { c: 'wamessenger-demo' });
      expect(noUrl.data?.resendWebhookQueue).toMatchObject({ pending: 1, message: 'Webhook url is not set' });
      expect(received).toEqual([]);

      await setWebhookAtProvider(receiverUrl);
      const resent = await rest('POST', '/v1/connections/wamessenger-demo/webhook/queue/resend');
      expect(resent.status).toBe(200);
      expect(resent.json).toMatchObject({ url: receiverUrl, message: `Resend 1 messages to ${receiverUrl}` });
      expect(resent.text).not.toContain(WAMESSENGER_KEY);
      expect(received).toEqual([expect.objectContaining({ DataType: 'message', Chat: 'hello' })]);
      expect((await rest('GET', '/v1/connections/wamessenger-demo/webhook/queue')).json).toMatchObject({
        url: receiverUrl,
        pending: 0,
      });
    });

    it('removes the webhook URL at the provider, on both APIs', async () => {
      await setWebhookAtProvider(receiverUrl);
      const removed = await rest('DELETE', '/v1/connections/wamessenger-demo/webhook');
      expect(removed.status).toBe(200);
      expect(removed.json).toMatchObject({ url: '', message: 'Webhook successfully removed' });
      expect(wamState().webhookUrl).toBe('');

      await setWebhookAtProvider(receiverUrl);
      expect(wamState().webhookUrl).toBe(receiverUrl);
      const gqlRemoved = await gql<{ removeWebhook: WebhookInfo }>(REMOVE, { c: 'wamessenger-demo' });
      expect(gqlRemoved.data?.removeWebhook).toMatchObject({ url: '' });
      expect(wamState().webhookUrl).toBe('');
    });

    it('switches sendSeen and receive; the provider applies them 30 s later', async () => {
      expect(wamState().toggles).toEqual({ receive: true, seen: false });
      const seenOn = await rest('PUT', '/v1/connections/wamessenger-demo/settings/send-seen', { on: true });
      expect(seenOn).toMatchObject({ status: 200, json: { setting: 'sendSeen', on: true } });
      const receiveOff = await gql<{ setReceive: { setting: string; on: boolean } }>(RECEIVE, {
        c: 'wamessenger-demo',
        on: false,
      });
      expect(receiveOff.data?.setReceive).toEqual({ setting: 'receive', on: false });
      expect(wamState().toggles).toEqual({ receive: true, seen: false });
      await stack.simAdmin.advance(30_000);
      expect(wamState().toggles).toEqual({ receive: false, seen: true });

      const seenOff = await gql<{ setSendSeen: { on: boolean } }>(SEND_SEEN, {
        c: 'wamessenger-demo',
        on: false,
      });
      expect(seenOff.data?.setSendSeen).toEqual({ setting: 'sendSeen', on: false });
      const receiveOn = await rest('PUT', '/v1/connections/wamessenger-demo/settings/receive', { on: true });
      expect(receiveOn.json).toEqual({ setting: 'receive', on: true });
      await stack.simAdmin.advance(30_000);
      expect(wamState().toggles).toEqual({ receive: true, seen: false });
    });

    it('refuses a setting that is not a boolean with BAD_USER_INPUT naming `on`', async () => {
      for (const body of [{ on: 'yes' }, {}, { on: true, extra: 1 }]) {
        const res = await rest('PUT', '/v1/connections/wamessenger-demo/settings/send-seen', body);
        expectProblem(res, 400, 'BAD_USER_INPUT');
        expect(fieldsOf(res).length).toBeGreaterThan(0);
      }
      expect(
        fieldsOf(await rest('PUT', '/v1/connections/wamessenger-demo/settings/receive', { on: 1 })),
      ).toEqual(['on']);
    });

    it.each(['wessaal-demo', 'washeej-demo', 'wutt-demo', 'watsal-demo'])(
      'answers UNSUPPORTED_CAPABILITY for webhook settings on %s',
      async (c) => {
        for (const res of [
          await rest('DELETE', `/v1/connections/${c}/webhook`),
          await rest('GET', `/v1/connections/${c}/webhook/queue`),
          await rest('POST', `/v1/connections/${c}/webhook/queue/resend`),
          await rest('PUT', `/v1/connections/${c}/settings/send-seen`, { on: true }),
          await rest('PUT', `/v1/connections/${c}/settings/receive`, { on: false }),
        ]) {
          expectProblem(res, 422, 'UNSUPPORTED_CAPABILITY');
          expect(res.json).toMatchObject({ capability: 'webhooks' });
        }
        for (const res of [
          await gql(QUEUE, { c }),
          await gql(RESEND, { c }),
          await gql(REMOVE, { c }),
          await gql(SEND_SEEN, { c, on: true }),
          await gql(RECEIVE, { c, on: true }),
        ]) {
          expect(gqlError(res)).toMatchObject({ code: 'UNSUPPORTED_CAPABILITY', capability: 'webhooks' });
        }
      },
    );
  });

  describe("the provider's own message list", () => {
    const sendViaWessaal = (to: string, text: string, delay: number) =>
      http(`${stack.sim.url}/wessaal/integration/v1/messages/send`, {
        method: 'POST',
        headers: { 'x-api-key': 'sk_test_wessaal_demo' },
        json: { instance: 'my-instance', recipient: to, message_type: 'text', content: text, delay },
      });
    const sendViaWaMessenger = (digits: string, text: string) =>
      http(`${stack.sim.url}/wamessenger/sendMessage/${WAMESSENGER_KEY}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ phonenumber: digits, text }).toString(),
      });

    it('pages, filters and follows Wessaal messages, on both APIs', async () => {
      await stack.simAdmin.patchAccount('wessaal-demo', {
        delays: { sentMs: 60_000, deliveredMs: 60_000, readMs: 60_000 },
      });
      for (const [to, text] of [
        ['+966501234567', 'one'],
        ['+966500000001', 'two'],
        ['+966500000004', 'three'],
      ] as const) {
        // Dispatched 30 s later: until then each message waits in the send queue as `pending`.
        expect((await sendViaWessaal(to, text, 30_000)).status).toBe(202);
      }

      const first = await rest('GET', '/v1/connections/wessaal-demo/provider-messages?page=1&pageSize=2');
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ page: 1, pageCount: 2, total: 3 });
      const gqlFirst = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wessaal-demo',
        first: 2,
      });
      expect(gqlFirst.data?.providerMessages).toMatchObject({
        totalCount: 3,
        pageInfo: { hasNextPage: true },
      });
      const second = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wessaal-demo',
        first: 2,
        after: gqlFirst.data?.providerMessages.pageInfo.endCursor,
      });
      expect(second.data?.providerMessages).toMatchObject({
        totalCount: 3,
        pageInfo: { hasNextPage: false },
      });
      expect(second.data?.providerMessages.nodes).toHaveLength(1);
      const all = [...(first.json as Page<ProviderMessage>).items, ...second.data!.providerMessages.nodes];
      expect(all.map((m) => [m.to, m.status, m.providerStatus]).sort()).toEqual([
        ['+966500000001', 'QUEUED', 'pending'],
        ['+966500000004', 'QUEUED', 'pending'],
        ['+966501234567', 'QUEUED', 'pending'],
      ]);
      const pending = await rest('GET', '/v1/connections/wessaal-demo/provider-messages?pendingOnly=true');
      expect(pending.json).toMatchObject({ total: 3 });

      await stack.simAdmin.advance(30_000);
      const nonePending = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wessaal-demo',
        pendingOnly: true,
      });
      expect(nonePending.data?.providerMessages).toMatchObject({ nodes: [], totalCount: 0 });
      const processing = await rest(
        'GET',
        '/v1/connections/wessaal-demo/provider-messages?providerStatus=processing',
      );
      expect(processing.json).toMatchObject({ total: 3 });

      await stack.simAdmin.advance(60_000);
      const refunded = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wessaal-demo',
        providerStatus: 'refunded',
      });
      expect(refunded.data?.providerMessages.nodes).toEqual([
        expect.objectContaining({
          to: '+966500000001',
          status: 'FAILED',
          providerStatus: 'refunded',
          text: 'two',
        }),
      ]);
      const texts = await rest('GET', '/v1/connections/wessaal-demo/provider-messages?type=text&pageSize=10');
      expect(
        Object.fromEntries((texts.json as Page<ProviderMessage>).items.map((m) => [m.text, m.status])),
      ).toEqual({ one: 'SENT', two: 'FAILED', three: 'DELIVERED' }); // Wessaal has no read
      expect(
        (await rest('GET', '/v1/connections/wessaal-demo/provider-messages?type=image')).json,
      ).toMatchObject({
        total: 0,
      });

      const search = await rest('GET', '/v1/connections/wessaal-demo/provider-messages?search=9665');
      expectProblem(search, 422, 'VALIDATION_FAILED');
      expect(fieldsOf(search)).toEqual(['search']);
    });

    it('lists WaMessenger messages and its send queue (pendingOnly), on both APIs', async () => {
      await stack.simAdmin.reset('wamessenger-demo');
      await stack.simAdmin.patchAccount('wamessenger-demo', {
        delays: { sentMs: 60_000, deliveredMs: 1, readMs: 1 },
      });
      expect((await sendViaWaMessenger('966501234567', 'first')).status).toBe(200);
      expect((await sendViaWaMessenger('966509876543', 'second')).status).toBe(200);

      const queue = await rest('GET', '/v1/connections/wamessenger-demo/provider-messages?pendingOnly=true');
      expect(queue.status).toBe(200);
      const queued = queue.json as Page<ProviderMessage>;
      expect(queued).toMatchObject({ page: 1, pageCount: 1, total: 2 });
      expect(queued.items.map((m) => [m.to, m.status, m.providerStatus, m.text])).toEqual([
        ['+966501234567', 'QUEUED', 'pending', 'first'],
        ['+966509876543', 'QUEUED', 'pending', 'second'],
      ]);

      const sent = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wamessenger-demo',
        first: 1,
      });
      expect(sent.errors).toBeUndefined();
      expect(sent.data?.providerMessages.totalCount).toBe(2);
      // WaMessenger keeps its own page size (100): the gateway slices it and resumes inside it.
      expect(sent.data?.providerMessages.nodes).toHaveLength(1);
      const rest2 = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wamessenger-demo',
        first: 5,
        after: sent.data?.providerMessages.pageInfo.endCursor,
      });
      expect(rest2.data?.providerMessages.nodes).toHaveLength(1);
      expect(rest2.data?.providerMessages.pageInfo.hasNextPage).toBe(false);
      expect(
        [...sent.data!.providerMessages.nodes, ...rest2.data!.providerMessages.nodes]
          .map((m) => m.text)
          .sort(),
      ).toEqual(['first', 'second']);
      const one = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wamessenger-demo',
        search: '+96650987',
      });
      expect(one.data?.providerMessages.nodes.map((m) => m.text)).toEqual(['second']);

      await stack.simAdmin.advance(60_000);
      const drained = await gql<{ providerMessages: Connection<ProviderMessage> }>(PROVIDER_MESSAGES, {
        c: 'wamessenger-demo',
        pendingOnly: true,
      });
      expect(drained.data?.providerMessages).toMatchObject({ nodes: [], totalCount: 0 });
      const after = (await rest('GET', '/v1/connections/wamessenger-demo/provider-messages'))
        .json as Page<ProviderMessage>;
      expect(after.items.map((m) => m.status)).toEqual(['READ', 'READ']);
    });

    it.each(['washeej-demo', 'wutt-demo', 'watsal-demo'])(
      'answers UNSUPPORTED_CAPABILITY for the provider message list on %s',
      async (c) => {
        const res = await rest('GET', `/v1/connections/${c}/provider-messages`);
        expectProblem(res, 422, 'UNSUPPORTED_CAPABILITY');
        expect(res.json).toMatchObject({ capability: 'message_list' });
        expect(gqlError(await gql(PROVIDER_MESSAGES, { c }))).toMatchObject({
          code: 'UNSUPPORTED_CAPABILITY',
          capability: 'message_list',
        });
      },
    );

    it('refuses bad list input with BAD_USER_INPUT naming the field', async () => {
      const url = '/v1/connections/wessaal-demo/provider-messages';
      for (const [query, field] of [
        ['pendingOnly=maybe', 'pendingOnly'],
        ['page=0', 'page'],
        ['pageSize=101', 'pageSize'],
        [`providerStatus=${'x'.repeat(33)}`, 'providerStatus'],
      ]) {
        const res = await rest('GET', `${url}?${query}`);
        expectProblem(res, 400, 'BAD_USER_INPUT');
        expect(fieldsOf(res)).toEqual([field]);
      }
      expect(gqlError(await gql(PROVIDER_MESSAGES, { c: 'wessaal-demo', first: 0 }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { first: expect.any(Array) },
      });
      expect(
        gqlError(await gql(PROVIDER_MESSAGES, { c: 'wessaal-demo', type: 'y'.repeat(40) })),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { type: expect.any(Array) },
      });
    });
  });

  it("keeps tenants apart: another tenant's calls with these connection names are NOT_FOUND", async () => {
    const other = await stack.seedTenant([]);
    for (const path of [
      '/v1/connections/wamessenger-demo/webhook/queue',
      '/v1/connections/wamessenger-demo/provider-messages',
      '/v1/connections/wessaal-demo/provider-messages',
    ]) {
      expectProblem(await rest('GET', path, undefined, other.apiKey), 404, 'NOT_FOUND');
    }
    expectProblem(
      await rest('PUT', '/v1/connections/wamessenger-demo/settings/receive', { on: false }, other.apiKey),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await rest('DELETE', '/v1/connections/wamessenger-demo/webhook', undefined, other.apiKey),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await rest('POST', '/v1/connections/wamessenger-demo/webhook/queue/resend', undefined, other.apiKey),
      404,
      'NOT_FOUND',
    );
    expect(gqlError(await gql(SEND_SEEN, { c: 'wamessenger-demo', on: true }, other.apiKey))?.code).toBe(
      'NOT_FOUND',
    );
    expect(gqlError(await gql(REMOVE, { c: 'wamessenger-demo' }, other.apiKey))?.code).toBe('NOT_FOUND');
    expect(gqlError(await gql(PROVIDER_MESSAGES, { c: 'wessaal-demo' }, other.apiKey))?.code).toBe(
      'NOT_FOUND',
    );
    // No setting change was scheduled at the first tenant's provider account.
    await stack.simAdmin.advance(30_000);
    expect(wamState().toggles).toEqual({ receive: true, seen: false });
  });

  it('never answered a 500 on either API', () => {
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status === 500)).toEqual([]);
  });
});
