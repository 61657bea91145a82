import {
  createProvider,
  MessageStatus,
  ProviderErrorCode,
  WessaalClient,
  type MessagingProvider,
} from '@app/providers';
import {
  expectProviderError,
  startContractSim,
  STEP_MS,
  type ContractSim,
  type SimAccount,
} from './support/contract.js';

/** Wessaal Integration API (docs: provider-docs/README.md "Wessaal", wessaal.txt). */

const DEMO_KEY = 'sk_test_wessaal_demo';
const READONLY_KEY = 'sk_test_wessaal_readonly';
const EMPTY_KEY = 'sk_test_wessaal_empty';
const INSTANCE = 'my-instance';
const FAILS = '+966500000001';
const BLOCKED = '+966500000002';
const NEVER_DELIVERED = '+966500000003';
const READS_INSTANTLY = '+966500000004';
const LARAVEL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const QUEUED_WORDS = ['pending', 'processing'];
const IMAGE_URL = 'https://example.com/invoice.png';

describe('wessaal contract: client and adapter against the simulator', () => {
  let cs: ContractSim;
  let baseUrl: string;

  const clientFor = (apiKey: string, timeoutMs?: number): WessaalClient =>
    new WessaalClient({ baseUrl, apiKey, timeoutMs });
  const adapterFor = (apiKey: string, timeoutMs?: number): MessagingProvider =>
    createProvider('wessaal', { baseUrl, credentials: { apiKey }, defaults: { from: INSTANCE }, timeoutMs });
  const demo = (): WessaalClient => clientFor(DEMO_KEY);

  /** An isolated account (every scope, 250 credits, frozen lifecycle delays), its client and adapter. */
  async function fresh(
    settings: Record<string, unknown> = {},
  ): Promise<{ account: SimAccount; client: WessaalClient; adapter: MessagingProvider }> {
    const account = await cs.createAccount('wessaal', settings);
    const apiKey = account.credentials.apiKey!;
    return { account, client: clientFor(apiKey), adapter: adapterFor(apiKey) };
  }

  const balance = async (client: WessaalClient): Promise<number> =>
    (await client.me()).data.pockets.whatsapp!.balance;

  beforeAll(async () => {
    cs = await startContractSim();
    baseUrl = `${cs.url}/wessaal/integration/v1`;
  });
  afterAll(async () => {
    await cs.close();
  });
  afterEach(async () => {
    await cs.control.clearFaults();
  });

  describe('client: every endpoint', () => {
    it('ping answers pong with a timestamp', async () => {
      const pong = await demo().ping();
      expect(pong).toMatchObject({ success: true, message: 'pong' });
      expect(pong.timestamp).toMatch(LARAVEL_TIME);
    });

    it("me: the user, the key's permissions and the pockets", async () => {
      const me = await demo().me();
      expect(me.data.user).toMatchObject({ id: 93, name: 'Ahmed', email: 'ahmed@example.com' });
      expect([...me.data.api_key.permissions].sort()).toEqual(
        [
          'manage_contacts',
          'manage_instances',
          'manage_templates',
          'manage_workspaces',
          'read_messages',
          'send_message',
        ].sort(),
      );
      expect(me.data.pockets.whatsapp).toEqual({ balance: 250, currency: 'credits' });
      expect((await clientFor(READONLY_KEY).me()).data.api_key.permissions).toEqual(['read_messages']);
    });

    it('sendMessage text: 202 with one credit charged; getMessageStatus finds it; pending → sent → delivered → read', async () => {
      const { client } = await fresh();
      const sent = await client.sendMessage({
        instance: INSTANCE,
        recipient: '+966501110001',
        message_type: 'text',
        content: 'Hello from our API!',
      });
      expect(sent).toMatchObject({
        success: true,
        message: 'Message queued for sending',
        data: {
          status: 'pending',
          type: 'text',
          recipient: '+966501110001',
          instance: { id: 124, name: INSTANCE },
          template_used: false,
          credits_charged: 1,
        },
      });
      expect(sent.data.queued_at).toMatch(LARAVEL_TIME);
      expect(await balance(client)).toBe(249);

      const id = sent.data.message_id;
      const first = await client.getMessageStatus(id);
      expect(first.data).toMatchObject({ message_id: id, type: 'text', recipient: '+966501110001' });
      expect(QUEUED_WORDS).toContain(first.data.status);
      const later: string[] = [];
      for (let i = 0; i < 3; i++) {
        await cs.advance(STEP_MS);
        later.push((await client.getMessageStatus(id)).data.status);
      }
      // Only the doc's status words: delivered is as far as Wessaal reports (it has no `read`).
      expect(later).toEqual(['sent', 'delivered', 'delivered']);
      const final = await client.getMessageStatus(String(id));
      expect(final.data.sent_at).toMatch(LARAVEL_TIME);
      expect(final.data.delivered_at).toMatch(LARAVEL_TIME);
    });

    it('sendMessage image, by contact_id, and from a template with variables', async () => {
      const { client } = await fresh();
      const image = await client.sendMessage({
        instance: '124',
        recipient: '+966501110002',
        message_type: 'image',
        content: 'Here is your invoice',
        media_url: IMAGE_URL,
        filename: 'invoice.png',
      });
      expect(image.data).toMatchObject({ type: 'image', template_used: false });

      const contact = await client.createContact({ phone: '+966501110003', label: 'Layla' });
      const byContact = await client.sendMessage({
        instance: INSTANCE,
        contact_id: Number(contact.data.id),
        content: 'Hi',
      });
      expect(byContact.data.recipient).toBe('+966501110003');

      const templated = await client.sendMessage({
        instance: INSTANCE,
        recipient: '+966501110004',
        template_id: 7,
        template_variables: { name: 'Ahmed', order_id: 'ORD-9988', tracking_url: 'https://t.example/1' },
      });
      expect(templated.data.template_used).toBe(true);
      const detail = await client.getMessage(templated.data.message_id);
      expect(detail.data).toMatchObject({
        status: expect.any(String),
        recipient: '+966501110004',
        content: 'Hi Ahmed, your order #ORD-9988 has shipped! Track it at https://t.example/1.',
      });
      expect(await balance(client)).toBe(247);
    });

    it('getMessage: the full record with metadata and timestamps', async () => {
      const { client } = await fresh();
      const sent = await client.sendMessage({
        instance: INSTANCE,
        recipient: '+966501110005',
        message_type: 'document',
        content: 'Your contract',
        media_url: 'https://example.com/contract.pdf',
        filename: 'contract.pdf',
      });
      await cs.advance(STEP_MS);
      const detail = await client.getMessage(sent.data.message_id);
      expect(detail.data).toMatchObject({
        id: sent.data.message_id,
        type: 'document',
        status: 'sent',
        content: 'Your contract',
        metadata: { media_url: 'https://example.com/contract.pdf', filename: 'contract.pdf' },
        instance: { id: 124, name: INSTANCE },
      });
      expect(detail.data.sent_at).toMatch(LARAVEL_TIME);
      expect(detail.data.delivered_at).toBeNull();
    });

    it('listMessages: newest first, paginated, filtered by status and type', async () => {
      const { client } = await fresh();
      const ids: Array<string | number> = [];
      for (let i = 0; i < 3; i++) {
        const sent = await client.sendMessage({
          instance: INSTANCE,
          recipient: `+96650111001${i}`,
          content: `m${i}`,
        });
        ids.push(sent.data.message_id);
      }
      await client.sendMessage({
        instance: INSTANCE,
        recipient: '+966501110019',
        message_type: 'image',
        content: 'pic',
        media_url: IMAGE_URL,
        filename: 'a.png',
      });
      const all = await client.listMessages();
      expect(all.data).toMatchObject({ current_page: 1, per_page: 50, total: 4 });
      expect(all.data.data[0]).toMatchObject({ type: 'image', content: 'pic' });

      const page = await client.listMessages({ page: 2, per_page: 2, type: 'text' });
      expect(page.data).toMatchObject({ current_page: 2, per_page: 2, total: 3 });
      expect(page.data.data.map((m) => m.id)).toEqual([ids[0]]);

      await cs.advance(STEP_MS);
      expect((await client.listMessages({ status: 'sent' })).data.total).toBe(4);
      expect((await client.listMessages({ status: 'pending' })).data.total).toBe(0);
    });

    it('sendBulk: per-item results with partial success', async () => {
      const { client } = await fresh();
      const bulk = await client.sendBulk({
        instance: INSTANCE,
        messages: [
          { recipient: '+966501110020', message_type: 'text', content: 'Hello Customer 1!' },
          { recipient: BLOCKED, message_type: 'text', content: 'Hello Customer 2!' },
          {
            recipient: '+971501234567',
            message_type: 'image',
            content: 'Your receipt',
            media_url: IMAGE_URL,
            filename: 'receipt.png',
          },
        ],
      });
      expect(bulk.data).toMatchObject({ total: 3, success_count: 2, failure_count: 1 });
      expect(bulk.data.results.map((r) => [r.index, r.recipient, r.success])).toEqual([
        [0, '+966501110020', true],
        [1, BLOCKED, false],
        [2, '+971501234567', true],
      ]);
      const ok = bulk.data.results[0]!;
      expect((await client.getMessageStatus(ok.message_id!)).data.recipient).toBe('+966501110020');
      expect(await balance(client)).toBe(248);
    });

    it('sendStatus, sendLocation, sendContact, sendPoll and sendButtons queue a message each', async () => {
      const { client } = await fresh();
      const recipient = '+966501110030';
      const answers = [
        await client.sendStatus({
          instance: INSTANCE,
          type: 'text',
          content: 'New products just dropped!',
          background_color: '#25D366',
          font: 2,
          all_contacts: true,
        }),
        await client.sendLocation({
          instance: INSTANCE,
          recipient,
          latitude: 24.7136,
          longitude: 46.6753,
          name: 'Our Head Office',
          address: 'King Fahd Road, Riyadh',
        }),
        await client.sendContact({
          instance: INSTANCE,
          recipient,
          contacts: [
            {
              fullName: 'Support Team',
              wuid: '966200001234',
              phoneNumber: '+966200001234',
              organization: 'Acme Corp',
              email: 'support@acme.com',
            },
          ],
        }),
        await client.sendPoll({
          instance: INSTANCE,
          recipient,
          name: 'What is your preferred contact time?',
          values: ['Morning', 'Afternoon', 'Evening'],
          selectable_count: 1,
        }),
        await client.sendButtons({
          instance: INSTANCE,
          recipient,
          title: 'Your Order is Ready',
          description: 'Order #5678 is packed and ready for pickup.',
          footer: 'Thank you for shopping with us',
          buttons: [
            { type: 'reply', displayText: 'Confirm Pickup', id: 'confirm_5678' },
            { type: 'url', displayText: 'View on Map', url: 'https://maps.google.com/?q=24.7,46.7' },
            { type: 'call', displayText: 'Call Us', phoneNumber: '+966200001234' },
          ],
        }),
      ];
      const types: string[] = [];
      for (const answer of answers) {
        expect(answer.success).toBe(true);
        const status = await client.getMessageStatus(answer.data.message_id);
        types.push(status.data.type);
      }
      expect(types).toEqual(['status', 'location', 'contact', 'poll', 'buttons']);
      expect(await balance(client)).toBe(245);
    });

    it('sendReaction and sendList reach the server and surface GONE (410)', async () => {
      const reaction = await expectProviderError(
        demo().sendReaction({ anything: true }),
        ProviderErrorCode.GONE,
      );
      expect(reaction.httpStatus).toBe(410);
      const list = await expectProviderError(demo().sendList(), ProviderErrorCode.GONE);
      expect(list.httpStatus).toBe(410);
    });

    it('instances: the list, one by id or name, and its live status', async () => {
      const list = await demo().listInstances();
      expect(list.data.map((i) => [i.id, i.name, i.status])).toEqual([
        [124, INSTANCE, 'open'],
        [125, 'backup-instance', 'close'],
        [126, 'pairing-instance', 'connecting'],
      ]);
      expect(list.data[0]?.workspace).toEqual({ id: 22, name: 'Main Workspace' });
      expect((await demo().getInstance(INSTANCE)).data).toMatchObject({ id: 124, name: INSTANCE });
      expect((await demo().getInstance(125)).data).toMatchObject({ id: 125, name: 'backup-instance' });
      expect((await demo().getInstanceStatus(124)).data).toMatchObject({
        instance_id: 124,
        name: INSTANCE,
        connection_status: 'open',
        phone_number: '+966501234567',
      });
      expect((await demo().getInstanceStatus('backup-instance')).data).toMatchObject({
        connection_status: 'close',
        phone_number: null,
      });
    });

    it('contacts: create, get, list, update and delete', async () => {
      const { client } = await fresh();
      const created = await client.createContact({
        phone: '+966501110040',
        label: 'Ahmed Al-Rashid',
        email: 'ahmed@example.com',
        notes: 'VIP customer',
      });
      expect(created.data).toMatchObject({
        phone: '+966501110040',
        label: 'Ahmed Al-Rashid',
        notes: 'VIP customer',
      });
      const id = created.data.id;
      expect((await client.getContact(id)).data).toMatchObject({ id, email: 'ahmed@example.com' });
      const list = await client.listContacts();
      expect(Array.isArray(list.data) ? list.data.map((c) => c.id) : list.data.data.map((c) => c.id)).toEqual(
        [id],
      );

      const updated = await client.updateContact(id, {
        label: 'Ahmed Al-Rashid (Updated)',
        notes: 'Upgraded to Premium',
      });
      expect(updated.data).toMatchObject({
        id,
        phone: '+966501110040',
        label: 'Ahmed Al-Rashid (Updated)',
        notes: 'Upgraded to Premium',
      });

      expect((await client.deleteContact(id)).success).toBe(true);
      await expectProviderError(client.getContact(id), ProviderErrorCode.NOT_FOUND);
    });

    it('templates: create (201) and list; the new template sends', async () => {
      const { client } = await fresh();
      const created = await client.createTemplate({
        workspace_id: 22,
        name: 'Welcome',
        message_type: 'text',
        content: 'Welcome {{name}}!',
        is_active: true,
      });
      expect(created.data).toMatchObject({
        name: 'Welcome',
        message_type: 'text',
        is_active: true,
        workspace_id: 22,
      });
      const list = await client.listTemplates();
      const items = Array.isArray(list.data) ? list.data : list.data.data;
      expect(items.map((t) => [t.id, t.name])).toEqual([
        [7, 'Order Shipped'],
        [created.data.id, 'Welcome'],
      ]);
      const sent = await client.sendMessage({
        instance: INSTANCE,
        recipient: '+966501110050',
        template_id: Number(created.data.id),
        template_variables: { name: 'Sara' },
      });
      expect((await client.getMessage(sent.data.message_id)).data.content).toBe('Welcome Sara!');
    });

    it('workspaces: the list and one by id', async () => {
      const list = await demo().listWorkspaces();
      const items = Array.isArray(list.data) ? list.data : list.data.data;
      expect(items.map((w) => [w.id, w.name])).toEqual([[22, 'Main Workspace']]);
      expect((await demo().getWorkspace(22)).data).toMatchObject({ id: 22, name: 'Main Workspace' });
    });

    it('magic numbers: FAILS → failed then refunded (credit back), NEVER_DELIVERED stays sent, READS_INSTANTLY reads at once', async () => {
      const { client } = await fresh();
      const send = async (recipient: string) =>
        (await client.sendMessage({ instance: INSTANCE, recipient, content: 'x' })).data.message_id;
      const fails = await send(FAILS);
      const never = await send(NEVER_DELIVERED);
      const instant = await send(READS_INSTANTLY);
      expect(await balance(client)).toBe(247);
      await cs.advance(STEP_MS);
      const failed = (await client.getMessageStatus(fails)).data;
      expect(failed.status).toBe('refunded');
      expect(failed.failed_at).toMatch(LARAVEL_TIME);
      expect(failed.error_message).toBeTruthy();
      expect(await balance(client)).toBe(248);
      await cs.advance(3 * STEP_MS);
      expect((await client.getMessageStatus(never)).data.status).toBe('sent');
      expect((await client.getMessageStatus(instant)).data.status).toBe('delivered');
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
          'location',
          'template',
          'contact_card',
          'poll',
          'buttons',
          'status_story',
          'bulk',
          'message_status',
          'message_list',
          'contacts',
          'templates_list',
          'templates_create',
          'instances',
          'workspaces',
        ].sort(),
      );
    });

    it('testConnection succeeds with any valid key, even one without scopes for it', async () => {
      await expect(adapterFor(DEMO_KEY).testConnection()).resolves.toBeUndefined();
      await expect(adapterFor(READONLY_KEY).testConnection()).resolves.toBeUndefined();
    });

    it('send text: QUEUED with a credit charged, then SENT → DELIVERED, where it stays (Wessaal has no read)', async () => {
      const { adapter } = await fresh();
      const sent = await adapter.send({ type: 'text', to: '+966501120001', text: 'Hello' });
      expect(sent).toMatchObject({
        status: MessageStatus.QUEUED,
        providerStatus: 'pending',
        creditsCharged: 1,
      });
      const seen: MessageStatus[] = [(await adapter.getMessageStatus(sent.providerMessageId)).status];
      for (let i = 0; i < 3; i++) {
        await cs.advance(STEP_MS);
        const status = await adapter.getMessageStatus(sent.providerMessageId);
        expect(status).toMatchObject({ providerMessageId: sent.providerMessageId, to: '+966501120001' });
        seen.push(status.status);
      }
      expect(seen).toEqual([
        MessageStatus.QUEUED,
        MessageStatus.SENT,
        MessageStatus.DELIVERED,
        MessageStatus.DELIVERED,
      ]);
    });

    it('send to the FAILS number: QUEUED, then FAILED with the error message', async () => {
      const { adapter } = await fresh();
      const sent = await adapter.send({ type: 'text', to: FAILS, text: 'x' });
      expect(sent.status).toBe(MessageStatus.QUEUED);
      await cs.advance(STEP_MS);
      const status = await adapter.getMessageStatus(sent.providerMessageId);
      expect(status.status).toBe(MessageStatus.FAILED);
      expect(status.errorMessage).toBeTruthy();
    });

    it('send image, video, document and audio with captions, a template, location, contact card, poll and buttons', async () => {
      const { client, adapter } = await fresh();
      const to = '+966501120002';
      const results = [
        await adapter.send({ type: 'image', to, media: { url: IMAGE_URL }, caption: 'Invoice' }),
        await adapter.send({
          type: 'video',
          to,
          media: { url: 'https://example.com/clip.mp4' },
          caption: 'Clip',
        }),
        await adapter.send({
          type: 'document',
          to,
          media: { url: 'https://example.com/c.pdf', filename: 'contract.pdf' },
          caption: 'Contract',
        }),
        await adapter.send({
          type: 'audio',
          to,
          media: { url: 'https://example.com/voice.mp3' },
          caption: 'Voice note',
        }),
        await adapter.send({
          type: 'template',
          to,
          template: '7',
          variables: { name: 'Omar', order_id: '1', tracking_url: 'u' },
        }),
        await adapter.send({
          type: 'location',
          to,
          latitude: 24.7136,
          longitude: 46.6753,
          name: 'HQ',
          address: 'Riyadh',
        }),
        await adapter.send({
          type: 'contact_card',
          to,
          contacts: [{ fullName: 'Support Team', phoneNumber: '+966200001234', organization: 'Acme Corp' }],
        }),
        await adapter.send({
          type: 'poll',
          to,
          question: 'Which time?',
          options: ['Morning', 'Evening'],
          selectableCount: 1,
        }),
        await adapter.send({
          type: 'buttons',
          to,
          title: 'Your Order is Ready',
          body: 'Order #5678 is packed.',
          footer: 'Thanks',
          buttons: [
            { type: 'reply', displayText: 'Confirm', id: 'confirm' },
            { type: 'copy', displayText: 'Copy code', copyCode: 'ABC123' },
          ],
        }),
      ];
      const types: string[] = [];
      for (const result of results) {
        expect(result.status).toBe(MessageStatus.QUEUED);
        const status = await adapter.getMessageStatus(result.providerMessageId);
        expect(status.to).toBe(to);
        types.push((await client.getMessageStatus(result.providerMessageId)).data.type);
      }
      expect(types).toEqual([
        'image',
        'video',
        'document',
        'audio',
        'text',
        'location',
        'contact',
        'poll',
        'buttons',
      ]);
    });

    it('send media without a caption: refused before any call (VALIDATION_FAILED naming caption)', async () => {
      // wessaal.txt, send: content is "Required unless template_id is provided"; the adapter sends the caption as
      // content, so media without one is refused by the client, never sent.
      const { account, client, adapter } = await fresh();
      const to = '+966501120003';
      const image = await expectProviderError(
        adapter.send({ type: 'image', to, media: { url: IMAGE_URL } }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(image.fieldErrors ?? {})).toEqual(['caption']);
      expect(image.httpStatus).toBeUndefined();
      const document = await expectProviderError(
        adapter.send({
          type: 'document',
          to,
          media: { url: 'https://example.com/c.pdf', filename: 'contract.pdf' },
          caption: '',
        }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(document.fieldErrors ?? {})).toEqual(['caption']);
      // No request reached the provider: nothing journaled for the account, nothing queued, no credit charged.
      expect(await cs.control.requests(`?account=${account.id}`)).toEqual([]);
      expect(await cs.phoneMessages({ account: account.id })).toEqual([]);
      expect(await balance(client)).toBe(250);
      expect((await client.listMessages()).data.total).toBe(0);
    });

    it('send media with a caption: accepted, the caption sent as the content', async () => {
      const { account, client, adapter } = await fresh();
      const to = '+966501120004';
      const sent = await adapter.send({ type: 'image', to, media: { url: IMAGE_URL }, caption: 'Invoice' });
      expect(sent.status).toBe(MessageStatus.QUEUED);
      expect((await adapter.getMessageStatus(sent.providerMessageId)).to).toBe(to);
      expect((await client.getMessage(sent.providerMessageId)).data).toMatchObject({
        type: 'image',
        recipient: to,
        content: 'Invoice',
        metadata: { media_url: IMAGE_URL },
      });
      expect(await cs.phoneMessages({ account: account.id })).toHaveLength(1);
      const journal = await cs.control.requests(`?account=${account.id}`);
      expect(journal.filter((entry) => entry.method === 'POST')).toEqual([
        expect.objectContaining({ path: expect.stringMatching(/\/send$/), status: 202 }),
      ]);
    });

    it('sendStatusStory: a text story to all contacts', async () => {
      const { adapter } = await fresh();
      const story = await adapter.sendStatusStory({
        kind: 'text',
        content: 'New products just dropped!',
        backgroundColor: '#25D366',
        font: 2,
      });
      expect(story.status).toBe(MessageStatus.QUEUED);
      expect(story.creditsCharged).toBe(1);
      await cs.advance(STEP_MS);
      expect((await adapter.getMessageStatus(story.providerMessageId)).status).toBe(MessageStatus.SENT);
    });

    it('sendBulk: per-item unified results, the blocked recipient failing alone', async () => {
      const { adapter } = await fresh();
      const result = await adapter.sendBulk({
        messages: [
          { type: 'text', to: '+966501120010', text: 'Hello 1' },
          { type: 'text', to: BLOCKED, text: 'Hello 2' },
          { type: 'image', to: '+971501234567', media: { url: IMAGE_URL }, caption: 'Receipt' },
          {
            type: 'template',
            to: '+966501120011',
            template: '7',
            variables: { name: 'A', order_id: '2', tracking_url: 'u' },
          },
        ],
      });
      expect(result.results.map((r) => [r.index, r.to, r.ok, r.status])).toEqual([
        [0, '+966501120010', true, MessageStatus.QUEUED],
        [1, BLOCKED, false, undefined],
        [2, '+971501234567', true, MessageStatus.QUEUED],
        [3, '+966501120011', true, MessageStatus.QUEUED],
      ]);
      expect(result.results[1]?.error).toBeTruthy();
      for (const item of result.results.filter((r) => r.ok)) {
        expect((await adapter.getMessageStatus(item.providerMessageId!)).to).toBe(item.to);
      }
    });

    it('listMessages: unified records, pageSize, providerStatus, type and pendingOnly', async () => {
      const { adapter } = await fresh();
      const first = await adapter.send({ type: 'text', to: '+966501120020', text: 'one' });
      await cs.advance(STEP_MS);
      const second = await adapter.send({ type: 'text', to: '+966501120021', text: 'two' });
      const page = await adapter.listMessages({ pageSize: 1 });
      expect(page).toMatchObject({ page: 1, pageCount: 2, total: 2 });
      expect(page.items.map((m) => [m.providerMessageId, m.to, m.text])).toEqual([
        [second.providerMessageId, '+966501120021', 'two'],
      ]);
      expect(page.items[0]?.status).toBe(MessageStatus.QUEUED);
      const sent = await adapter.listMessages({ providerStatus: 'sent' });
      expect(sent.items.map((m) => [m.providerMessageId, m.status])).toEqual([
        [first.providerMessageId, MessageStatus.SENT],
      ]);
      expect((await adapter.listMessages({ type: 'text' })).total).toBe(2);
      expect((await adapter.listMessages({ type: 'image' })).total).toBe(0);
      await cs.advance(STEP_MS);
      expect((await adapter.listMessages({ pendingOnly: true })).total).toBe(0);
    });

    it('contacts: create, list, update and delete', async () => {
      const { adapter } = await fresh();
      const created = await adapter.createContact({
        phone: '+966501120030',
        name: 'Layla',
        email: 'l@example.com',
        notes: 'new',
      });
      expect(created).toMatchObject({
        phone: '+966501120030',
        name: 'Layla',
        email: 'l@example.com',
        notes: 'new',
      });
      expect((await adapter.listContacts()).items.map((c) => c.id)).toEqual([created.id]);
      const updated = await adapter.updateContact(created.id, { name: 'Layla H.', notes: 'VIP' });
      expect(updated).toMatchObject({
        id: created.id,
        phone: '+966501120030',
        name: 'Layla H.',
        notes: 'VIP',
      });
      await adapter.deleteContact(created.id);
      expect((await adapter.listContacts()).total).toBe(0);
    });

    it('templates: create and list', async () => {
      const { adapter } = await fresh();
      const created = await adapter.createTemplate({
        name: 'Promo',
        content: 'Sale {{pct}}%',
        workspaceId: '22',
      });
      expect(created).toMatchObject({ name: 'Promo', status: 'active', messageType: 'text' });
      const list = await adapter.listTemplates();
      expect(list.items.map((t) => [t.id, t.name, t.status])).toEqual([
        ['7', 'Order Shipped', 'active'],
        [created.id, 'Promo', 'active'],
      ]);
      expect(list.items[1]?.content).toBe('Sale {{pct}}%');
    });

    it('instances and workspaces', async () => {
      const adapter = adapterFor(DEMO_KEY);
      expect((await adapter.listInstances()).map((i) => [i.id, i.name, i.status, i.workspace?.name])).toEqual(
        [
          ['124', INSTANCE, 'open', 'Main Workspace'],
          ['125', 'backup-instance', 'close', 'Main Workspace'],
          ['126', 'pairing-instance', 'connecting', 'Main Workspace'],
        ],
      );
      expect(await adapter.getInstance(INSTANCE)).toMatchObject({
        id: '124',
        name: INSTANCE,
        status: 'open',
        phoneNumber: '+966501234567',
        workspace: { id: '22', name: 'Main Workspace' },
      });
      expect((await adapter.listWorkspaces()).map((w) => [w.id, w.name])).toEqual([['22', 'Main Workspace']]);
      expect(await adapter.getWorkspace('22')).toMatchObject({ id: '22', name: 'Main Workspace' });
    });
  });

  describe('errors: every refusal the simulator can produce maps to its ProviderErrorCode', () => {
    it('missing or wrong key → AUTH_FAILED (401)', async () => {
      const wrong = await expectProviderError(
        clientFor('sk_live_nope').ping(),
        ProviderErrorCode.AUTH_FAILED,
      );
      expect(wrong.httpStatus).toBe(401);
      await expectProviderError(clientFor('').me(), ProviderErrorCode.AUTH_FAILED);
      await expectProviderError(adapterFor('sk_live_nope').testConnection(), ProviderErrorCode.AUTH_FAILED);
    });

    it('a key without the scope → PERMISSION_DENIED (403): the read-only key sending', async () => {
      const readonly = clientFor(READONLY_KEY);
      const send = await expectProviderError(
        readonly.sendMessage({ instance: INSTANCE, recipient: '+966501130001', content: 'x' }),
        ProviderErrorCode.PERMISSION_DENIED,
      );
      expect(send.httpStatus).toBe(403);
      await expectProviderError(readonly.listInstances(), ProviderErrorCode.PERMISSION_DENIED);
      await expectProviderError(
        adapterFor(READONLY_KEY).send({ type: 'text', to: '+966501130001', text: 'x' }),
        ProviderErrorCode.PERMISSION_DENIED,
      );
      // read_messages is what this key has: the list answers.
      await expect(readonly.listMessages()).resolves.toMatchObject({ success: true });
    });

    it('an empty pocket → INSUFFICIENT_CREDITS (402), nothing queued', async () => {
      const empty = clientFor(EMPTY_KEY);
      const error = await expectProviderError(
        empty.sendMessage({ instance: INSTANCE, recipient: '+966501130002', content: 'x' }),
        ProviderErrorCode.INSUFFICIENT_CREDITS,
      );
      expect(error).toMatchObject({ httpStatus: 402, providerCode: 'INSUFFICIENT_CREDITS' });
      await expectProviderError(
        adapterFor(EMPTY_KEY).sendBulk({ messages: [{ type: 'text', to: '+966501130002', text: 'x' }] }),
        ProviderErrorCode.INSUFFICIENT_CREDITS,
      );
      expect((await empty.listMessages()).data.total).toBe(0);
    });

    it('validation → VALIDATION_FAILED (422) with fieldErrors naming the field', async () => {
      const { client } = await fresh();
      const media = await expectProviderError(
        client.sendMessage({
          instance: INSTANCE,
          recipient: '+966501130003',
          message_type: 'image',
          content: 'x',
        }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(media.httpStatus).toBe(422);
      expect(Object.keys(media.fieldErrors ?? {}).sort()).toEqual(['filename', 'media_url']);

      const instance = await expectProviderError(
        client.sendMessage({ instance: 'backup-instance', recipient: '+966501130003', content: 'x' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(instance.fieldErrors ?? {})).toEqual(['instance']);

      const poll = await expectProviderError(
        client.sendPoll({ instance: INSTANCE, recipient: '+966501130003', name: 'Q?', values: ['only one'] }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(poll.fieldErrors ?? {})).toEqual(['values']);

      await client.createContact({ phone: '+966501130004' });
      const duplicate = await expectProviderError(
        client.createContact({ phone: '+966501130004' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(duplicate.fieldErrors ?? {})).toEqual(['phone']);

      const inactive = await client.createTemplate({
        workspace_id: 22,
        name: 'Off',
        message_type: 'text',
        content: 'off',
        is_active: false,
      });
      const template = await expectProviderError(
        client.sendMessage({
          instance: INSTANCE,
          recipient: '+966501130003',
          template_id: Number(inactive.data.id),
        }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(template.fieldErrors ?? {})).toEqual(['template_id']);
    });

    it('unknown instance, message, contact, template and workspace → NOT_FOUND (404)', async () => {
      const { client, adapter } = await fresh();
      const instance = await expectProviderError(
        client.sendMessage({ instance: 'no-such-instance', recipient: '+966501130005', content: 'x' }),
        ProviderErrorCode.NOT_FOUND,
      );
      expect(instance.httpStatus).toBe(404);
      await expectProviderError(client.getMessageStatus(1), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(client.getMessage(1), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(client.getContact(1), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(client.updateContact(1, { label: 'x' }), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(client.deleteContact(1), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(
        client.sendMessage({ instance: INSTANCE, contact_id: 1, content: 'x' }),
        ProviderErrorCode.NOT_FOUND,
      );
      await expectProviderError(
        client.sendMessage({ instance: INSTANCE, recipient: '+966501130005', template_id: 999_999 }),
        ProviderErrorCode.NOT_FOUND,
      );
      await expectProviderError(client.getInstance(999), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(client.getWorkspace(999), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(adapter.getWorkspace('999'), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(adapter.getMessageStatus('1'), ProviderErrorCode.NOT_FOUND);
      // Another account's message is not found either.
      const other = await demo().sendMessage({
        instance: INSTANCE,
        recipient: '+966501130006',
        content: 'x',
      });
      await expectProviderError(client.getMessageStatus(other.data.message_id), ProviderErrorCode.NOT_FOUND);
    });

    it('a blocked contact (422 naming it) → CONTACT_BLOCKED', async () => {
      const { client, adapter } = await fresh();
      const error = await expectProviderError(
        client.sendMessage({ instance: INSTANCE, recipient: BLOCKED, content: 'x' }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      expect(error.httpStatus).toBe(422);
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(['recipient']);
      await expectProviderError(
        adapter.send({ type: 'text', to: BLOCKED, text: 'x' }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      await expectProviderError(
        adapter.send({ type: 'location', to: BLOCKED, latitude: 1, longitude: 1 }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      expect(await balance(client)).toBe(250);
    });

    it('over the rate limit → RATE_LIMITED with retryAfterSeconds; allowed again in the next minute', async () => {
      const { client } = await fresh({ rateLimitPerMinute: 2 });
      await client.ping();
      await client.ping();
      const limited = await expectProviderError(client.ping(), ProviderErrorCode.RATE_LIMITED);
      expect(limited.httpStatus).toBe(429);
      expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
      await cs.advance(61_000);
      await expect(client.ping()).resolves.toMatchObject({ message: 'pong' });
    });

    it('injected 503 → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({
        provider: 'wessaal',
        kind: 'error',
        status: 503,
        path: '/integration/v1/messages/send',
      });
      const error = await expectProviderError(
        demo().sendMessage({ instance: INSTANCE, recipient: '+966501130007', content: 'x' }),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.httpStatus).toBe(503);
      expect(error.transient).toBe(true);
    });

    it('injected connection reset → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: 'wessaal', kind: 'reset', path: '/integration/v1/ping' });
      await expectProviderError(
        adapterFor(DEMO_KEY).testConnection(),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
    });

    it('injected hang with a 300 ms client timeout → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: 'wessaal', kind: 'hang', path: '/integration/v1/me' });
      const error = await expectProviderError(
        clientFor(DEMO_KEY, 300).me(),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.message).toContain('300 ms');
    });

    it('a malformed 200 body → UNEXPECTED_RESPONSE keeping the raw body', async () => {
      const body = { success: true, data: { message_id: 1 } };
      await cs.control.addFault({
        provider: 'wessaal',
        kind: 'error',
        status: 200,
        path: '/integration/v1/messages/*/status',
        body,
      });
      const error = await expectProviderError(
        demo().getMessageStatus(1),
        ProviderErrorCode.UNEXPECTED_RESPONSE,
      );
      expect(error.rawBody).toEqual(body);
    });
  });
});
