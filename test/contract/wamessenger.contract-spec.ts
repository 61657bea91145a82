import {
  createProvider,
  MessageStatus,
  ProviderErrorCode,
  WaMessengerClient,
  type MessagingProvider,
  type WebhookEvent,
} from '@app/providers';
import {
  expectProviderError,
  startContractSim,
  startWebhookReceiver,
  STEP_MS,
  type ContractSim,
  type SimAccount,
  type WebhookReceiver,
} from './support/contract.js';

/** WaMessenger: the API key is a path segment (docs: provider-docs/README.md "WaMessenger", wamessenger.txt). */

const DEMO_KEY = 'wamessenger-demo-key';
const FAILS = '+966500000001';
const BLOCKED = '+966500000002';
const NEVER_DELIVERED = '+966500000003';
const READS_INSTANTLY = '+966500000004';
/** sendSeen and receive apply about 30 s after they are changed (simulator time). */
const TOGGLE_MS = 30_000;
const IMAGE_URL = 'https://cdn.example.com/media/photo.jpg';

describe('wamessenger contract: client and adapter against the simulator', () => {
  let cs: ContractSim;
  let baseUrl: string;

  const clientFor = (apiKey: string, timeoutMs?: number): WaMessengerClient =>
    new WaMessengerClient({ baseUrl, apiKey, timeoutMs });
  const adapterFor = (apiKey: string, timeoutMs?: number): MessagingProvider =>
    createProvider('wamessenger', { baseUrl, credentials: { apiKey }, timeoutMs });

  /** An isolated account (frozen lifecycle delays), its client and adapter. */
  async function fresh(): Promise<{
    account: SimAccount;
    client: WaMessengerClient;
    adapter: MessagingProvider;
  }> {
    const account = await cs.createAccount('wamessenger');
    const apiKey = account.credentials.apiKey!;
    return { account, client: clientFor(apiKey), adapter: adapterFor(apiKey) };
  }

  /** Turns receiving on and lets the documented ~30 s pass. */
  async function receiving(client: WaMessengerClient): Promise<void> {
    await client.receive('on');
    await cs.advance(TOGGLE_MS);
  }

  async function customerWrites(account: SimAccount, from: string, text: string): Promise<void> {
    await cs.control.inbound({ provider: 'wamessenger', account: account.id, from, text });
  }

  beforeAll(async () => {
    cs = await startContractSim();
    baseUrl = `${cs.url}/wamessenger`;
  });
  afterAll(async () => {
    await cs.close();
  });
  afterEach(async () => {
    await cs.control.clearFaults();
  });

  describe('client: every endpoint', () => {
    it('sendMessage → getStatus: the returned id is found; pending → server → phone → read', async () => {
      const { client } = await fresh();
      const id = await client.sendMessage({ phonenumber: '989121234567', text: 'Salam' });
      expect(id).toMatch(/^\d+$/);

      const first = await client.getStatus(id);
      expect(first).toMatchObject({ id, status: 'pending', phonenumber: '989121234567', text: 'Salam' });
      expect(first.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

      const deliveries: Array<string | null | undefined> = [];
      for (let i = 0; i < 3; i++) {
        await cs.advance(STEP_MS);
        const report = await client.getStatus(id);
        expect(report.status).toBe('OK');
        expect(report.execute).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        deliveries.push(report.delivery);
      }
      expect(deliveries).toEqual(['server', 'phone', 'read']);
    });

    it('sendMessage with a media url keeps the url; the message reaches the phone', async () => {
      const { account, client } = await fresh();
      const id = await client.sendMessage({ phonenumber: '989121234568', text: 'A photo', url: IMAGE_URL });
      const onPhone = await cs.phoneMessages({ account: account.id, to: '989121234568' });
      expect(onPhone).toEqual([
        expect.objectContaining({ id, type: 'file', text: 'A photo', status: 'pending' }),
      ]);
    });

    it('sendGroupMessage: one tracking code per number, each found by getStatus', async () => {
      const { client } = await fresh();
      const numbers = ['989121110001', '989121110002'];
      const answer = await client.sendGroupMessage({ phonenumber: numbers, text: 'To all', url: IMAGE_URL });
      expect(answer.map((item) => item.phonenumber)).toEqual(numbers);
      for (const item of answer) {
        expect(item.tracking_Code).toMatch(/^\d+$/);
        expect(await client.getStatus(item.tracking_Code)).toMatchObject({
          id: item.tracking_Code,
          phonenumber: item.phonenumber,
          text: 'To all',
          status: 'pending',
        });
      }
    });

    it('showAllMessages: newest first, page label parsed, filtered by number prefix', async () => {
      const { client } = await fresh();
      const a = await client.sendMessage({ phonenumber: '989121230001', text: 'one' });
      const b = await client.sendMessage({ phonenumber: '989351230002', text: 'two' });
      const all = await client.showAllMessages();
      expect(all).toMatchObject({ count: 2, pageCount: 1, currentPage: 1, lastPage: 1 });
      expect(all.data.map((m) => m.id)).toEqual([b, a]);

      const filtered = await client.showAllMessages({ phonenumber: '98935', page: 1 });
      expect(filtered.count).toBe(1);
      expect(filtered.data.map((m) => m.id)).toEqual([b]);
      // A local prefix (0935...) matches the international number too.
      expect((await client.showAllMessages({ phonenumber: '0935' })).data.map((m) => m.id)).toEqual([b]);
    });

    it('pending: the send queue, then "No Pending Message" as an empty list once sent', async () => {
      const { client } = await fresh();
      expect(await client.pending()).toEqual([]);
      const id = await client.sendMessage({ phonenumber: '989121230003', text: 'queued' });
      const queue = await client.pending();
      expect(queue).toEqual([
        expect.objectContaining({ id, status: 'pending', phonenumber: '989121230003', text: 'queued' }),
      ]);
      await cs.advance(STEP_MS);
      expect(await client.pending()).toEqual([]);
    });

    it('receive on → showAllGetMessages lists what customers wrote', async () => {
      const { account, client } = await fresh();
      expect(await client.receive('on')).toEqual({ set: true, message: 'Receive changed to on' });
      await customerWrites(account, '+989121230004', 'too early');
      expect((await client.showAllGetMessages()).count).toBe(0);
      await cs.advance(TOGGLE_MS);
      await customerWrites(account, '+989121230004', 'Hello there');
      await customerWrites(account, '+989351230005', 'Another');

      const received = await client.showAllGetMessages();
      expect(received).toMatchObject({ count: 2, pageCount: 1, currentPage: 1, lastPage: 1 });
      expect(received.data[1]).toMatchObject({ type: 'chat', from: '989121230004', chat: 'Hello there' });
      expect(received.data[1]?.date).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
      const filtered = await client.showAllGetMessages({ phonenumber: '98935' });
      expect(filtered.data.map((m) => m.chat)).toEqual(['Another']);

      expect(await client.receive('off')).toEqual({ set: true, message: 'Receive changed to off' });
    });

    it('webhook set, pending, resend and remove', async () => {
      const { client } = await fresh();
      const hook = await startWebhookReceiver();
      try {
        await client.sendMessage({ phonenumber: '989121230006', text: 'while no webhook is set' });
        await cs.advance(STEP_MS);
        const queued = await client.webhookPending();
        expect(queued).toMatchObject({ pending: 1, message: 'You have 1 pending messages', url: '' });

        const set = await client.setWebhook(hook.url);
        expect(set).toEqual({ set: true, url: hook.url, message: 'Webhook has been set successfully' });
        expect((await client.webhookPending()).url).toBe(hook.url);

        const resent = await client.webhookResend();
        expect(resent).toMatchObject({
          pending: 1,
          url: hook.url,
          message: `Resend 1 messages to ${hook.url}`,
        });
        await hook.waitFor(1);
        expect(hook.bodies[0]).toMatchObject({ DataType: 'delivery', delivery: 1 });
        expect((await client.webhookPending()).pending).toBe(0);

        expect(await client.removeWebhook()).toEqual({
          set: true,
          url: '',
          message: 'Webhook successfully removed',
        });
        expect((await client.webhookPending()).url).toBe('');
      } finally {
        await hook.close();
      }
    });

    it('sendSeen on and off', async () => {
      const { client } = await fresh();
      expect(await client.sendSeen('on')).toEqual({ set: true, message: 'sendSeen changed to on' });
      expect(await client.sendSeen('off')).toEqual({ set: true, message: 'sendSeen changed to off' });
    });

    it('magic numbers: FAILS → Failed, NEVER_DELIVERED stays at server, READS_INSTANTLY reads at once', async () => {
      const { client } = await fresh();
      const fails = await client.sendMessage({ phonenumber: FAILS.slice(1), text: 'x' });
      const never = await client.sendMessage({ phonenumber: NEVER_DELIVERED.slice(1), text: 'x' });
      const instant = await client.sendMessage({ phonenumber: READS_INSTANTLY.slice(1), text: 'x' });
      await cs.advance(STEP_MS);
      await cs.advance(STEP_MS);
      await cs.advance(STEP_MS);
      expect(await client.getStatus(fails)).toMatchObject({ status: 'Failed' });
      expect(await client.getStatus(never)).toMatchObject({ status: 'OK', delivery: 'server' });
      expect(await client.getStatus(instant)).toMatchObject({ status: 'OK', delivery: 'read' });
    });
  });

  describe('adapter: every capability of the table', () => {
    it('the capability table is the documented one', () => {
      const supported = Object.entries(adapterFor(DEMO_KEY).capabilities)
        .filter(([, on]) => on)
        .map(([capability]) => capability)
        .sort();
      expect(supported).toEqual(
        [
          'text',
          'image',
          'video',
          'document',
          'audio',
          'bulk',
          'message_status',
          'message_list',
          'inbound_list',
          'webhooks',
        ].sort(),
      );
    });

    it('testConnection succeeds with the demo key', async () => {
      await expect(adapterFor(DEMO_KEY).testConnection()).resolves.toBeUndefined();
    });

    it('send text: QUEUED, then SENT → DELIVERED → READ through getMessageStatus', async () => {
      const { adapter } = await fresh();
      const sent = await adapter.send({ type: 'text', to: '+989121231001', text: 'Hello' });
      expect(sent).toMatchObject({ status: MessageStatus.QUEUED, providerStatus: 'pending' });
      expect(sent.providerMessageId).toMatch(/^\d+$/);

      const seen: MessageStatus[] = [];
      for (let i = 0; i < 4; i++) {
        const status = await adapter.getMessageStatus(sent.providerMessageId);
        expect(status).toMatchObject({ providerMessageId: sent.providerMessageId, to: '+989121231001' });
        seen.push(status.status);
        await cs.advance(STEP_MS);
      }
      expect(seen).toEqual([
        MessageStatus.QUEUED,
        MessageStatus.SENT,
        MessageStatus.DELIVERED,
        MessageStatus.READ,
      ]);
    });

    it('send to the FAILS number: QUEUED, then FAILED with the provider message', async () => {
      const { adapter } = await fresh();
      const sent = await adapter.send({ type: 'text', to: FAILS, text: 'x' });
      expect(sent.status).toBe(MessageStatus.QUEUED);
      await cs.advance(STEP_MS);
      const status = await adapter.getMessageStatus(sent.providerMessageId);
      expect(status).toMatchObject({ status: MessageStatus.FAILED, providerStatus: 'Failed' });
      expect(status.errorMessage).toBeTruthy();
    });

    it('send image, video, document and audio by public url', async () => {
      const { account, adapter } = await fresh();
      const to = '+989121231002';
      const media = [
        { type: 'image', url: IMAGE_URL },
        { type: 'video', url: 'https://cdn.example.com/media/clip.3gp' },
        { type: 'document', url: 'https://cdn.example.com/media/invoice.pdf' },
        { type: 'audio', url: 'https://cdn.example.com/media/voice.mp3' },
      ] as const;
      const ids: string[] = [];
      for (const { type, url } of media) {
        const sent = await adapter.send({ type, to, media: { url }, caption: `a ${type}` });
        expect(sent.status).toBe(MessageStatus.QUEUED);
        ids.push(sent.providerMessageId);
      }
      const onPhone = await cs.phoneMessages({ account: account.id, to });
      expect(onPhone.map((m) => m.id).sort()).toEqual([...ids].sort());
      expect(onPhone.every((m) => m.type === 'file')).toBe(true);
    });

    it('sendBulk of media messages: one group send, every item accepted with its own id', async () => {
      const { adapter } = await fresh();
      const to = ['+989121231003', '+989121231004', '+989121231005'];
      const result = await adapter.sendBulk({
        messages: to.map((recipient) => ({
          type: 'image',
          to: recipient,
          media: { url: IMAGE_URL },
          caption: 'Sale',
        })),
      });
      expect(result.results.map((r) => [r.to, r.ok, r.status])).toEqual(
        to.map((t) => [t, true, MessageStatus.QUEUED]),
      );
      for (const item of result.results) {
        expect(await adapter.getMessageStatus(item.providerMessageId!)).toMatchObject({
          providerMessageId: item.providerMessageId,
          to: item.to,
        });
      }
    });

    it('sendBulk of text messages: every item accepted with its own id', async () => {
      // The unified BulkRequest takes text messages and the table says bulk; the group send needs a url
      // (wamessenger.txt, group send: url "اجباری", required), so a text-only bulk must not be a url-less group send.
      const { adapter } = await fresh();
      const to = ['+989121231006', '+989121231007'];
      const result = await adapter.sendBulk({
        messages: to.map((recipient) => ({ type: 'text', to: recipient, text: 'Hi all' })),
      });
      expect(result.results.map((r) => ({ to: r.to, ok: r.ok, error: r.error }))).toEqual(
        to.map((t) => ({ to: t, ok: true, error: undefined })),
      );
      for (const item of result.results) {
        expect((await adapter.getMessageStatus(item.providerMessageId ?? '')).to).toBe(item.to);
      }
    });

    it('listMessages: sent messages with unified statuses; pendingOnly lists the queue', async () => {
      const { adapter } = await fresh();
      const first = await adapter.send({ type: 'text', to: '+989121231008', text: 'one' });
      await cs.advance(STEP_MS);
      const second = await adapter.send({ type: 'text', to: '+989351231009', text: 'two' });

      const page = await adapter.listMessages();
      expect(page).toMatchObject({ page: 1, pageCount: 1, total: 2 });
      expect(page.items.map((m) => [m.providerMessageId, m.to, m.status, m.text])).toEqual([
        [second.providerMessageId, '+989351231009', MessageStatus.QUEUED, 'two'],
        [first.providerMessageId, '+989121231008', MessageStatus.SENT, 'one'],
      ]);
      expect(
        (await adapter.listMessages({ search: '+98935' })).items.map((m) => m.providerMessageId),
      ).toEqual([second.providerMessageId]);
      const queue = await adapter.listMessages({ pendingOnly: true });
      expect(queue.items.map((m) => [m.providerMessageId, m.status])).toEqual([
        [second.providerMessageId, MessageStatus.QUEUED],
      ]);
    });

    it('setReceive and listInbound: unified inbound messages', async () => {
      const { account, adapter } = await fresh();
      await adapter.setReceive(true);
      await cs.advance(TOGGLE_MS);
      await customerWrites(account, '+989121231010', 'I have a question');
      const inbound = await adapter.listInbound();
      expect(inbound.total).toBe(1);
      expect(inbound.items[0]).toMatchObject({
        from: '+989121231010',
        kind: 'text',
        text: 'I have a question',
      });
      expect(inbound.items[0]?.providerMessageId).toMatch(/^\d+$/);
      expect(inbound.items[0]?.to).toMatch(/^\+98912\d{7}$/);

      await adapter.setReceive(false);
      await cs.advance(TOGGLE_MS);
      await customerWrites(account, '+989121231010', 'lost');
      expect((await adapter.listInbound()).total).toBe(1);
    });

    it('setWebhook, getWebhookQueue, resendWebhookQueue, removeWebhook, setSendSeen (key redacted)', async () => {
      const { account, adapter } = await fresh();
      const apiKey = account.credentials.apiKey!;
      const hook = await startWebhookReceiver();
      try {
        await adapter.send({ type: 'text', to: '+989121231011', text: 'queued for the webhook' });
        await cs.advance(STEP_MS);
        const queue = await adapter.getWebhookQueue();
        expect(queue).toMatchObject({ url: '', pending: 1 });
        expect(JSON.stringify(queue.raw)).not.toContain(apiKey);

        expect(await adapter.setWebhook(hook.url)).toMatchObject({
          url: hook.url,
          message: 'Webhook has been set successfully',
        });
        const resent = await adapter.resendWebhookQueue();
        expect(resent).toMatchObject({ url: hook.url, pending: 1 });
        expect(JSON.stringify(resent.raw)).not.toContain(apiKey);
        const [body] = await hook.waitFor(1);
        expect(adapter.parseWebhook(body)).toEqual([
          expect.objectContaining({ kind: 'status', status: MessageStatus.SENT }),
        ]);
        expect((await adapter.getWebhookQueue()).pending).toBe(0);

        expect(await adapter.removeWebhook()).toMatchObject({
          url: '',
          message: 'Webhook successfully removed',
        });
        await expect(adapter.setSendSeen(true)).resolves.toBeUndefined();
        await expect(adapter.setSendSeen(false)).resolves.toBeUndefined();
      } finally {
        await hook.close();
      }
    });
  });

  describe('webhooks: what the simulator posts parses into unified events', () => {
    let hook: WebhookReceiver;

    beforeEach(async () => {
      hook = await startWebhookReceiver();
    });
    afterEach(async () => {
      await hook.close();
    });

    it('an inbound message and the delivery reports SENT, DELIVERED, READ', async () => {
      const { account, client, adapter } = await fresh();
      await receiving(client);
      expect((await client.setWebhook(hook.url)).set).toBe(true);

      const sent = await adapter.send({ type: 'text', to: '+989121232001', text: 'Your order shipped' });
      await customerWrites(account, '+989121232002', 'Where is my order?');
      await hook.waitFor(1);
      for (let i = 0; i < 3; i++) await cs.advance(STEP_MS);
      const bodies = await hook.waitFor(4);
      expect(hook.headers[0]?.['content-type']).toContain('application/json');

      const events: WebhookEvent[] = bodies.flatMap((body) => adapter.parseWebhook(body));
      const inbound = events.filter((e) => e.kind === 'inbound');
      expect(inbound).toHaveLength(1);
      expect(inbound[0]).toMatchObject({
        kind: 'inbound',
        message: { from: '+989121232002', kind: 'text', text: 'Where is my order?' },
      });
      const statuses = events.flatMap((e) => (e.kind === 'status' ? [e] : []));
      expect(statuses.map((e) => [e.providerMessageId, e.status])).toEqual([
        [sent.providerMessageId, MessageStatus.SENT],
        [sent.providerMessageId, MessageStatus.DELIVERED],
        [sent.providerMessageId, MessageStatus.READ],
      ]);
      // The inbound event is the same message the received list shows.
      const listed = await adapter.listInbound();
      expect(listed.items.map((m) => m.providerMessageId)).toEqual([
        inbound[0]?.kind === 'inbound' ? inbound[0].message.providerMessageId : 'missing',
      ]);
      // The raw events never carry the key.
      expect(JSON.stringify(events)).not.toContain(account.credentials.apiKey);
    });

    it('READS_INSTANTLY posts all three reports at once; the FAILS number posts none', async () => {
      const { client, adapter } = await fresh();
      await client.setWebhook(hook.url);
      const instant = await adapter.send({ type: 'text', to: READS_INSTANTLY, text: 'x' });
      await adapter.send({ type: 'text', to: FAILS, text: 'x' });
      await cs.advance(STEP_MS);
      const bodies = await hook.waitFor(3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(hook.bodies).toHaveLength(3);
      expect(
        bodies
          .flatMap((b) => adapter.parseWebhook(b))
          .map((e) => (e.kind === 'status' ? [e.providerMessageId, e.status] : [])),
      ).toEqual([
        [instant.providerMessageId, MessageStatus.SENT],
        [instant.providerMessageId, MessageStatus.DELIVERED],
        [instant.providerMessageId, MessageStatus.READ],
      ]);
    });

    it("a body posted for another account is refused by this connection's parseWebhook", async () => {
      const mine = await fresh();
      const other = await fresh();
      await other.client.setWebhook(hook.url);
      await other.adapter.send({ type: 'text', to: '+989121232003', text: 'x' });
      await cs.advance(STEP_MS);
      const [body] = await hook.waitFor(1);
      expect(other.adapter.parseWebhook(body)).toHaveLength(1);
      await expectProviderError(() => mine.adapter.parseWebhook(body), ProviderErrorCode.VALIDATION_FAILED);
    });
  });

  describe('errors: every refusal the simulator can produce maps to its ProviderErrorCode', () => {
    it('an unknown api key → AUTH_FAILED (401 Invalid apikey), never echoing the key', async () => {
      const error = await expectProviderError(
        clientFor('no-such-key').pending(),
        ProviderErrorCode.AUTH_FAILED,
      );
      expect(error.httpStatus).toBe(401);
      expect(error.message).not.toContain('no-such-key');
      await expectProviderError(
        clientFor('no-such-key').sendMessage({ phonenumber: '989121233001', text: 'x' }),
        ProviderErrorCode.AUTH_FAILED,
      );
      await expectProviderError(adapterFor('no-such-key').testConnection(), ProviderErrorCode.AUTH_FAILED);
    });

    it('plain-text Bad Request → VALIDATION_FAILED (providerCode "Bad Request", message under `_`)', async () => {
      const client = clientFor(DEMO_KEY);
      const empty = await expectProviderError(
        client.sendMessage({ phonenumber: '989121233002', text: '' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(empty).toMatchObject({
        httpStatus: 400,
        providerCode: 'Bad Request',
        fieldErrors: { _: ['Bad Request'] },
      });
      await expectProviderError(client.getStatus('not-a-number'), ProviderErrorCode.VALIDATION_FAILED);
      await expectProviderError(
        client.sendMessage({ phonenumber: '12', text: 'too short a number' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
    });

    it('a group send without url is accepted: one tracking code per number (the doc table vs its answers)', async () => {
      const { account, client } = await fresh();
      const answer = await client.sendGroupMessage({
        phonenumber: ['989121233005', '989121233006'],
        text: 'no url',
      });
      expect(answer.map((a) => a.phonenumber)).toEqual(['989121233005', '989121233006']);
      expect(await cs.phoneMessages({ account: account.id })).toHaveLength(2);
    });

    it('an unsupported media format → VALIDATION_FAILED with the provider message', async () => {
      const error = await expectProviderError(
        adapterFor(DEMO_KEY).send({
          type: 'video',
          to: '+989121233003',
          media: { url: 'https://cdn.example.com/a.mp4' },
        }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(error.fieldErrors).toEqual({ _: ['Unsupported file format'] });
    });

    it('an unknown message id → NOT_FOUND', async () => {
      const error = await expectProviderError(
        clientFor(DEMO_KEY).getStatus('1'),
        ProviderErrorCode.NOT_FOUND,
      );
      expect(error.httpStatus).toBe(404);
      await expectProviderError(adapterFor(DEMO_KEY).getMessageStatus('2'), ProviderErrorCode.NOT_FOUND);
    });

    it('the blocked number is refused as CONTACT_BLOCKED (a 400 whose message says blocked) and never sent', async () => {
      const { account, adapter } = await fresh();
      const error = await expectProviderError(
        adapter.send({ type: 'text', to: BLOCKED, text: 'x' }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      expect(error.httpStatus).toBe(400);
      expect(error.message).toContain('blocked');
      expect(await cs.phoneMessages({ account: account.id })).toEqual([]);
    });

    it('webhook/set with an invalid url answers set "false" → REJECTED', async () => {
      const error = await expectProviderError(
        clientFor(DEMO_KEY).setWebhook('not a url'),
        ProviderErrorCode.REJECTED,
      );
      expect(error.fieldErrors).toEqual({ _: ['Webhook url is not valid'] });
    });

    it('injected 429 → RATE_LIMITED; injected 503 → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({
        provider: 'wamessenger',
        kind: 'error',
        status: 429,
        path: '/pending/*',
        times: 1,
      });
      const limited = await expectProviderError(
        clientFor(DEMO_KEY).pending(),
        ProviderErrorCode.RATE_LIMITED,
      );
      expect(limited.transient).toBe(true);
      await cs.control.addFault({
        provider: 'wamessenger',
        kind: 'error',
        status: 503,
        path: '/sendMessage/*',
      });
      const unavailable = await expectProviderError(
        adapterFor(DEMO_KEY).send({ type: 'text', to: '+989121233004', text: 'x' }),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(unavailable.httpStatus).toBe(503);
    });

    it('injected connection reset → PROVIDER_UNAVAILABLE, the key kept out of the message', async () => {
      await cs.control.addFault({ provider: 'wamessenger', kind: 'reset', path: '/getStatus/*' });
      const error = await expectProviderError(
        clientFor(DEMO_KEY).getStatus('1'),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.message).not.toContain(DEMO_KEY);
    });

    it('injected hang with a 300 ms client timeout → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: 'wamessenger', kind: 'hang', path: '/showAllMessages/*' });
      const error = await expectProviderError(
        clientFor(DEMO_KEY, 300).showAllMessages(),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.message).toContain('300 ms');
      expect(error.message).not.toContain(DEMO_KEY);
    });

    it('a malformed 200 body → UNEXPECTED_RESPONSE keeping the raw body', async () => {
      const body = { count: 'many', data: 'none' };
      await cs.control.addFault({
        provider: 'wamessenger',
        kind: 'error',
        status: 200,
        path: '/showAllMessages/*',
        body,
      });
      const error = await expectProviderError(
        clientFor(DEMO_KEY).showAllMessages(),
        ProviderErrorCode.UNEXPECTED_RESPONSE,
      );
      expect(error.rawBody).toEqual(body);
    });
  });
});
