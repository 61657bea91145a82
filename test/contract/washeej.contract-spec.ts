import {
  createProvider,
  MessageStatus,
  ProviderErrorCode,
  WasheejClient,
  washeejMessageStatus,
  type MessagingProvider,
  type WasheejUpload,
} from '@app/providers';
import {
  expectProviderError,
  startContractSim,
  STEP_MS,
  type ContractSim,
  type SimAccount,
} from './support/contract.js';

/**
 * Washeej and Wutt.net run one platform on two hosts: the same suite runs against both simulator mounts, each
 * with the client and adapter built for that id. Docs: provider-docs/README.md (Washeej and Wutt.net), washeej.txt.
 */
interface Platform {
  id: 'washeej' | 'wutt';
  demo: { clientId: string; clientSecret: string };
}

const PLATFORMS: Platform[] = [
  { id: 'washeej', demo: { clientId: 'washeej-demo-id', clientSecret: 'washeej-demo-secret' } },
  { id: 'wutt', demo: { clientId: 'wutt-demo-id', clientSecret: 'wutt-demo-secret' } },
];

const CLOUD_SENDER = '966512345678';
const DEVICE_SENDER = '966598765432';
const FAILS = '+966500000001';
const BLOCKED = '+966500000002';
const NEVER_DELIVERED = '+966500000003';
const READS_INSTANTLY = '+966500000004';

const upload = (filename: string, contentType: string): WasheejUpload => ({
  data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
  filename,
  contentType,
});
const PNG = upload('photo.png', 'image/png');
const PDF = upload('invoice.pdf', 'application/pdf');
const MP4 = upload('clip.mp4', 'video/mp4');
const MP3 = upload('voice.mp3', 'audio/mpeg');

/** `+966511000123` → the platform's mobile_code / mobile split. */
const saudi = (e164: string): { mobileCode: string; mobile: string } => ({
  mobileCode: '966',
  mobile: e164.replace(/^\+966/, ''),
});

describe.each(PLATFORMS)('$id contract: client and adapter against the simulator', (platform) => {
  let cs: ContractSim;
  let baseUrl: string;

  const clientFor = (
    credentials: { clientId: string; clientSecret: string },
    timeoutMs?: number,
  ): WasheejClient =>
    new WasheejClient({
      baseUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      providerId: platform.id,
      timeoutMs,
    });
  const demoClient = (): WasheejClient => clientFor(platform.demo);

  const adapterFor = (credentials: Record<string, string>, timeoutMs?: number): MessagingProvider =>
    createProvider(platform.id, {
      baseUrl,
      credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
      defaults: { from: `+${CLOUD_SENDER}` },
      timeoutMs,
    });

  /** An isolated account (frozen lifecycle delays) and a client for it. */
  async function fresh(
    settings: Record<string, unknown> = {},
  ): Promise<{ account: SimAccount; client: WasheejClient }> {
    const account = await cs.createAccount(platform.id, settings);
    return {
      account,
      client: clientFor({
        clientId: account.credentials.clientId!,
        clientSecret: account.credentials.clientSecret!,
      }),
    };
  }

  /** The customer writes in: opens the 24-hour window for free-form messages from the Cloud API sender. */
  async function customerWrites(
    account: SimAccount,
    from: string,
    text = 'Hello, I need help',
  ): Promise<void> {
    await cs.control.inbound({ provider: platform.id, account: account.id, from, text });
  }

  async function phoneStatuses(account: SimAccount, to: string): Promise<string[]> {
    return (await cs.phoneMessages({ account: account.id, to })).map((m) => m.status);
  }

  beforeAll(async () => {
    cs = await startContractSim();
    baseUrl = `${cs.url}/${platform.id}/external-api`;
  });
  afterAll(async () => {
    await cs.close();
  });
  afterEach(async () => {
    await cs.control.clearFaults();
  });

  describe('client: every endpoint', () => {
    it('contactList: the demo contacts newest first, with search, paginate and page', async () => {
      const all = await demoClient().contactList();
      expect(all.remark).toBe('contact-list');
      expect(all.data.contacts.total).toBe(4);
      expect(all.data.contacts.data.map((c) => c.firstname)).toEqual(['John', 'Blocked', 'Sara', 'Ahmed']);

      const ahmed = await demoClient().contactList({ search: 'Ahmed' });
      expect(ahmed.data.contacts.data).toHaveLength(1);
      expect(ahmed.data.contacts.data[0]).toMatchObject({
        firstname: 'Ahmed',
        lastname: 'Ali',
        mobile_code: '966',
        mobile: '501234567',
      });

      const page2 = await demoClient().contactList({ paginate: 3, page: 2 });
      expect(page2.data.contacts).toMatchObject({ current_page: 2, per_page: 3, last_page: 2, total: 4 });
      expect(page2.data.contacts.data.map((c) => c.firstname)).toEqual(['Ahmed']);
    });

    it('contactStore, contactUpdate and contactDelete: the stored contact is found, changed and removed', async () => {
      const { client } = await fresh();
      const stored = await client.contactStore({
        firstname: 'Layla',
        lastname: 'Hassan',
        mobileCode: '966',
        mobile: '511000111',
        city: 'Dammam',
        postCode: '31411',
        profileImage: PNG,
      });
      expect(stored.remark).toBe('contact_save');
      expect(stored.data.contact).toMatchObject({
        firstname: 'Layla',
        lastname: 'Hassan',
        mobile_code: '966',
        mobile: '511000111',
      });
      const id = stored.data.contact.id;

      const listed = await client.contactList({ search: '511000111' });
      expect(listed.data.contacts.data.map((c) => c.id)).toEqual([id]);

      const updated = await client.contactUpdate(id, { firstname: 'Laila', city: 'Khobar' });
      expect(updated.status).toBe('success');
      expect(updated.data.contact).toMatchObject({
        id,
        firstname: 'Laila',
        lastname: 'Hassan',
        mobile: '511000111',
      });

      const deleted = await client.contactDelete(id);
      expect(deleted).toMatchObject({ remark: 'contact_deleted', status: 'success' });
      expect((await client.contactList()).data.contacts.total).toBe(0);
    });

    it('conversationList, conversationDetails and changeConversationStatus follow an inbound conversation', async () => {
      const { account, client } = await fresh();
      await customerWrites(account, '+966511000222');

      const list = await client.conversationList();
      expect(list.remark).toBe('inbox');
      expect(list.data.conversation.total).toBe(1);
      const conversation = list.data.conversation.data[0]!;
      expect(conversation).toMatchObject({ status: 4, contact: { mobile_code: '966', mobile: '511000222' } });

      const unread = await client.conversationList({ status: 4 });
      expect(unread.data.conversation.data.map((c) => c.id)).toEqual([conversation.id]);

      const details = await client.conversationDetails(conversation.id);
      expect(details.remark).toBe('conversation_details');
      expect(details.data.conversation).toMatchObject({
        id: conversation.id,
        contact_id: conversation.contact_id,
        status: 4,
      });

      const changed = await client.changeConversationStatus(conversation.id, 3);
      expect(changed).toMatchObject({ remark: 'status_updated', status: 'success' });
      expect((await client.conversationDetails(conversation.id)).data.conversation.status).toBe(3);
      expect((await client.conversationList({ status: 3 })).data.conversation.data.map((c) => c.id)).toEqual([
        conversation.id,
      ]);
      expect((await client.conversationList({ status: 4 })).data.conversation.total).toBe(0);
    });

    it('conversationList on the demo inbox: newest first, with contacts and notes', async () => {
      const list = await demoClient().conversationList();
      expect(list.data.conversation.total).toBe(2);
      const [ahmed, sara] = list.data.conversation.data;
      expect(ahmed).toMatchObject({ status: 4, contact: { firstname: 'Ahmed' } });
      expect(ahmed?.notes?.map((n) => n.note)).toEqual(['Asked about order #123']);
      expect(sara).toMatchObject({ status: 1, contact: { firstname: 'Sara' } });
    });

    it('sendMessage: text inside the window; the returned id is the stored message and moves 1 → 2 → 3', async () => {
      const { account, client } = await fresh();
      const to = '+966511000333';
      await customerWrites(account, to);
      const conversations = await client.conversationList();
      const conversationId = conversations.data.conversation.data[0]!.id;

      const sent = await client.sendMessage({
        ...saudi(to),
        fromNumber: CLOUD_SENDER,
        message: 'Your order shipped',
      });
      expect(sent.remark).toBe('success');
      expect(sent.data.conversation_id).toBe(conversationId);
      expect(sent.data.message).toMatchObject({ message: 'Your order shipped', status: 1 });

      const onPhone = await cs.phoneMessages({ account: account.id, to });
      expect(onPhone.map((m) => m.id)).toEqual([String(sent.data.message.id)]);
      expect(onPhone[0]).toMatchObject({ text: 'Your order shipped', status: '1' });

      const seen: MessageStatus[] = [washeejMessageStatus(sent.data.message.status).status];
      for (let i = 0; i < 2; i++) {
        await cs.advance(STEP_MS);
        const [status] = await phoneStatuses(account, to);
        seen.push(washeejMessageStatus(status).status);
      }
      expect(seen).toEqual([MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ]);
    });

    it('sendMessage: image, document, video and audio uploads, a location, a CTA URL and an interactive list', async () => {
      const { account, client } = await fresh();
      const to = '+966511000444';
      await customerWrites(account, to);
      const recipient = saudi(to);
      const cases = [
        { params: { message: 'A photo', image: PNG }, type: 'image' },
        { params: { document: PDF }, type: 'document' },
        { params: { video: MP4 }, type: 'video' },
        { params: { audio: MP3 }, type: 'audio' },
        { params: { latitude: 24.7136, longitude: 46.6753 }, type: 'location' },
        { params: { message: 'Track it', ctaUrlId: 1 }, type: 'cta_url' },
        { params: { interactiveListId: 1 }, type: 'interactive_list' },
      ];
      const ids: string[] = [];
      for (const { params, type } of cases) {
        const sent = await client.sendMessage({ ...recipient, ...params });
        expect(sent.remark).toBe('success');
        expect(sent.data.message).toMatchObject({ type, status: 1 });
        ids.push(String(sent.data.message.id));
      }
      const onPhone = await cs.phoneMessages({ account: account.id, to });
      expect(onPhone.map((m) => m.id).sort()).toEqual([...ids].sort());
      expect(onPhone.map((m) => m.type).sort()).toEqual(cases.map((c) => c.type).sort());
    });

    it('sendTemplateMessage: approved templates with body and header variables start a conversation', async () => {
      const { account, client } = await fresh();
      const to = '+966511000555';
      const sent = await client.sendTemplateMessage({
        ...saudi(to),
        fromNumber: CLOUD_SENDER,
        templateId: 1,
        bodyVariables: ['Layla', '#42'],
      });
      expect(sent.remark).toBe('template_sent');
      expect(sent.data?.conversation_id).toBeDefined();

      const withHeader = await client.sendTemplateMessage({
        ...saudi(to),
        templateId: '5',
        bodyVariables: ['Layla', 'Sunday'],
        headerVariables: ['SH-1'],
      });
      expect(withHeader.remark).toBe('template_sent');
      expect(withHeader.data?.conversation_id).toBe(sent.data?.conversation_id);

      const texts = (await cs.phoneMessages({ account: account.id, to })).map((m) => m.text).sort();
      expect(texts).toEqual([
        'Hello Layla, your order #42 has been confirmed.',
        'Hi Layla, your package is on its way and arrives on Sunday.',
      ]);
      const details = await client.conversationDetails(sent.data!.conversation_id!);
      expect(details.data.conversation.id).toBe(sent.data?.conversation_id);
    });

    it('templateList: every template with its status, paginated', async () => {
      const list = await demoClient().templateList();
      expect(list.data.templates.total).toBe(5);
      const byId = Object.fromEntries(list.data.templates.data.map((t) => [String(t.id), t]));
      expect(byId['1']).toMatchObject({ name: 'order_confirmation', status: 1 });
      expect(byId['2']).toMatchObject({ name: 'appointment_reminder', status: 0 });
      expect(byId['3']).toMatchObject({ status: 2 });
      expect(byId['4']).toMatchObject({ status: 3 });
      const page = await demoClient().templateList({ page: 3, paginate: 2 });
      expect(page.data.templates).toMatchObject({ current_page: 3, last_page: 3, per_page: 2 });
      expect(page.data.templates.data).toHaveLength(1);
    });

    it('magic numbers: FAILS ends at 9, NEVER_DELIVERED stays at 1, READS_INSTANTLY reads at once', async () => {
      const { account, client } = await fresh();
      for (const to of [FAILS, NEVER_DELIVERED, READS_INSTANTLY]) {
        await customerWrites(account, to);
        const sent = await client.sendMessage({ ...saudi(to), message: 'hi' });
        expect(sent.data.message.status).toBe(1);
      }
      await cs.advance(STEP_MS);
      expect(await phoneStatuses(account, FAILS)).toEqual(['9']);
      expect(await phoneStatuses(account, NEVER_DELIVERED)).toEqual(['1']);
      expect(await phoneStatuses(account, READS_INSTANTLY)).toEqual(['3']);
      await cs.advance(5 * STEP_MS);
      expect(washeejMessageStatus((await phoneStatuses(account, FAILS))[0]).status).toBe(
        MessageStatus.FAILED,
      );
      expect(await phoneStatuses(account, NEVER_DELIVERED)).toEqual(['1']);
    });
  });

  describe('adapter: every capability of the table', () => {
    it('the capability table is the documented one', () => {
      const adapter = adapterFor(platform.demo);
      const supported = Object.entries(adapter.capabilities)
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
          'buttons',
          'contacts',
          'templates_list',
          'conversations',
        ].sort(),
      );
    });

    it('testConnection succeeds with the demo credentials', async () => {
      await expect(adapterFor(platform.demo).testConnection()).resolves.toBeUndefined();
    });

    it('send text: SENT, then DELIVERED → READ as the clock moves', async () => {
      const account = await cs.createAccount(platform.id);
      const adapter = adapterFor(account.credentials);
      const to = '+966511000666';
      await customerWrites(account, to);
      const sent = await adapter.send({ type: 'text', to, text: 'Hello from the adapter' });
      expect(sent).toMatchObject({ status: MessageStatus.SENT, providerStatus: '1' });
      expect(sent.providerMessageId).toMatch(/^\d+$/);
      expect(sent.conversationId).toMatch(/^\d+$/);

      const seen: MessageStatus[] = [];
      for (let i = 0; i < 2; i++) {
        await cs.advance(STEP_MS);
        const message = (await cs.phoneMessages({ account: account.id, to })).find(
          (m) => m.id === sent.providerMessageId,
        );
        seen.push(washeejMessageStatus(message?.status).status);
      }
      expect(seen).toEqual([MessageStatus.DELIVERED, MessageStatus.READ]);
    });

    it('send to the FAILS number: SENT, then FAILED', async () => {
      const account = await cs.createAccount(platform.id);
      const adapter = adapterFor(account.credentials);
      await customerWrites(account, FAILS);
      const sent = await adapter.send({ type: 'text', to: FAILS, text: 'hi' });
      expect(sent.status).toBe(MessageStatus.SENT);
      await cs.advance(STEP_MS);
      const [status] = await phoneStatuses(account, FAILS);
      expect(washeejMessageStatus(status).status).toBe(MessageStatus.FAILED);
    });

    it('send image, video, document, audio, location, template and buttons', async () => {
      const account = await cs.createAccount(platform.id);
      const adapter = adapterFor(account.credentials);
      const to = '+966511000777';
      await customerWrites(account, to);
      const results = [
        await adapter.send({ type: 'image', to, media: PNG, caption: 'A photo' }),
        await adapter.send({ type: 'video', to, media: MP4 }),
        await adapter.send({ type: 'document', to, media: PDF }),
        await adapter.send({ type: 'audio', to, media: MP3 }),
        await adapter.send({ type: 'location', to, latitude: 21.4225, longitude: 39.8262 }),
        await adapter.send({ type: 'buttons', to, body: 'Track your order', ctaUrlId: 1 }),
        await adapter.send({ type: 'buttons', to, body: 'Pick one', interactiveListId: 1 }),
      ];
      for (const result of results) {
        expect(result).toMatchObject({ status: MessageStatus.SENT, providerStatus: '1' });
        expect(result.providerMessageId).toMatch(/^\d+$/);
      }
      const types = (await cs.phoneMessages({ account: account.id, to })).map((m) => m.type).sort();
      expect(types).toEqual([
        'audio',
        'cta_url',
        'document',
        'image',
        'interactive_list',
        'location',
        'video',
      ]);

      const other = '+966511000778';
      const template = await adapter.send({
        type: 'template',
        to: other,
        template: '1',
        bodyVariables: ['Omar', '#7'],
      });
      // The docs show no template_sent data: the adapter reports the send as accepted (QUEUED or SENT).
      expect([MessageStatus.QUEUED, MessageStatus.SENT]).toContain(template.status);
      expect(template.conversationId).toMatch(/^\d+$/);
      expect((await cs.phoneMessages({ account: account.id, to: other })).map((m) => m.text)).toEqual([
        'Hello Omar, your order #7 has been confirmed.',
      ]);
    });

    it('contacts: create, list with search, update and delete', async () => {
      const account = await cs.createAccount(platform.id);
      const adapter = adapterFor(account.credentials);
      const created = await adapter.createContact({
        phone: '+966511000888',
        name: 'Omar Farouk',
        city: 'Medina',
      });
      expect(created).toMatchObject({
        phone: '+966511000888',
        firstName: 'Omar',
        lastName: 'Farouk',
        name: 'Omar Farouk',
      });

      const listed = await adapter.listContacts({ search: 'Omar', pageSize: 10 });
      expect(listed).toMatchObject({ page: 1, pageCount: 1, total: 1 });
      expect(listed.items.map((c) => c.id)).toEqual([created.id]);

      const updated = await adapter.updateContact(created.id, { firstName: 'Omer' });
      expect(updated).toMatchObject({
        id: created.id,
        firstName: 'Omer',
        lastName: 'Farouk',
        phone: '+966511000888',
      });

      await adapter.deleteContact(created.id);
      expect((await adapter.listContacts()).total).toBe(0);
    });

    it('listTemplates: unified statuses, paged', async () => {
      const adapter = adapterFor(platform.demo);
      const page = await adapter.listTemplates();
      expect(page.total).toBe(5);
      expect(Object.fromEntries(page.items.map((t) => [t.id, t.status]))).toEqual({
        '1': 'approved',
        '2': 'pending',
        '3': 'rejected',
        '4': 'disabled',
        '5': 'approved',
      });
      expect(page.items.find((t) => t.id === '1')).toMatchObject({
        name: 'order_confirmation',
        content: 'Hello {{1}}, your order {{2}} has been confirmed.',
      });
      expect(await adapter.listTemplates({ pageSize: 2 })).toMatchObject({ pageCount: 3, total: 5 });
    });

    it('conversations: list by state, get one, set its state', async () => {
      const account = await cs.createAccount(platform.id);
      const adapter = adapterFor(account.credentials);
      await customerWrites(account, '+966511000999');
      const unread = await adapter.listConversations({ state: 'unread' });
      expect(unread.total).toBe(1);
      const [conversation] = unread.items;
      expect(conversation).toMatchObject({ state: 'unread' });

      const got = await adapter.getConversation(conversation!.id);
      expect(got).toMatchObject({
        id: conversation!.id,
        contactId: conversation!.contactId,
        state: 'unread',
      });

      await adapter.setConversationState(conversation!.id, 'done');
      expect((await adapter.getConversation(conversation!.id)).state).toBe('done');
      expect((await adapter.listConversations({ state: 'done' })).items.map((c) => c.id)).toEqual([
        conversation!.id,
      ]);
      expect((await adapter.listConversations({ state: 'unread' })).total).toBe(0);
    });
  });

  describe('errors: every refusal the simulator can produce maps to its ProviderErrorCode', () => {
    it('missing client-id, missing client-secret and a wrong pair → AUTH_FAILED (401)', async () => {
      const noId = await expectProviderError(
        clientFor({ clientId: '', clientSecret: platform.demo.clientSecret }).contactList(),
        ProviderErrorCode.AUTH_FAILED,
      );
      expect(noId).toMatchObject({ httpStatus: 401, providerCode: 'Unauthorized' });
      expect(noId.message).toContain('The client id is required');

      const noSecret = await expectProviderError(
        clientFor({ clientId: platform.demo.clientId, clientSecret: '' }).contactList(),
        ProviderErrorCode.AUTH_FAILED,
      );
      expect(noSecret.message).toContain('The client secret is required');

      const wrong = await expectProviderError(
        clientFor({ clientId: platform.demo.clientId, clientSecret: 'not-the-secret' }).contactList(),
        ProviderErrorCode.AUTH_FAILED,
      );
      expect(wrong.message).toContain('Invalid credentials');

      await expectProviderError(
        adapterFor({ clientId: 'nobody', clientSecret: 'nothing' }).testConnection(),
        ProviderErrorCode.AUTH_FAILED,
      );
    });

    it('a caller IP off the whitelist → IP_NOT_WHITELISTED naming the IP', async () => {
      const { account, client } = await fresh();
      await cs.patchAccount(account.id, { ipWhitelist: ['203.0.113.7'] });
      const error = await expectProviderError(client.contactList(), ProviderErrorCode.IP_NOT_WHITELISTED);
      expect(error.httpStatus).toBe(401);
      expect(error.message).toContain('127.0.0.1');
      await expectProviderError(
        adapterFor(account.credentials).testConnection(),
        ProviderErrorCode.IP_NOT_WHITELISTED,
      );

      await cs.patchAccount(account.id, { ipWhitelist: ['127.0.0.1', '::1'] });
      await expect(client.contactList()).resolves.toMatchObject({ status: 'success' });
    });

    it.each([
      ['none', 'subscription_required'],
      ['expired', 'subscription_required'],
      ['no_api', 'not_available'],
    ])('plan %s → SUBSCRIPTION_REQUIRED (%s, HTTP 200)', async (plan, remark) => {
      const { account, client } = await fresh({ plan });
      const error = await expectProviderError(client.contactList(), ProviderErrorCode.SUBSCRIPTION_REQUIRED);
      expect(error).toMatchObject({ httpStatus: 200, providerCode: remark });
      await expectProviderError(
        adapterFor(account.credentials).send({ type: 'text', to: '+966511000123', text: 'hi' }),
        ProviderErrorCode.SUBSCRIPTION_REQUIRED,
      );
    });

    it('validation_error sentences → VALIDATION_FAILED with fieldErrors naming the field', async () => {
      const { account, client } = await fresh();
      await client.contactStore({ firstname: 'A', lastname: 'B', mobileCode: '966', mobile: '511001001' });
      const taken = await expectProviderError(
        client.contactStore({ firstname: 'C', lastname: 'D', mobileCode: '966', mobile: '511001001' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(taken).toMatchObject({ httpStatus: 200, providerCode: 'validation_error' });
      expect(taken.fieldErrors?.mobile).toEqual(['The mobile has already been taken.']);

      const badCode = await expectProviderError(
        client.contactStore({ firstname: 'E', lastname: 'F', mobileCode: '123456', mobile: '511001002' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(badCode.fieldErrors ?? {})).toEqual(['mobile_code']);

      await customerWrites(account, '+966511001003');
      const badSender = await expectProviderError(
        client.sendMessage({ ...saudi('+966511001003'), fromNumber: '966599999999', message: 'hi' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(badSender.fieldErrors?.from_number).toEqual(['The selected from number is invalid.']);

      const badList = await expectProviderError(
        client.sendMessage({ ...saudi('+966511001003'), interactiveListId: 999 }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(badList.fieldErrors ?? {})).toEqual(['interactive_list_id']);

      const variables = await expectProviderError(
        client.sendTemplateMessage({ ...saudi('+966511001003'), templateId: 1, bodyVariables: ['only one'] }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(variables.fieldErrors?.body_variables).toEqual(['The body variables must contain 2 items.']);
    });

    it('unknown contact, conversation and template → NOT_FOUND', async () => {
      const client = demoClient();
      const update = await expectProviderError(
        client.contactUpdate(987654, { firstname: 'X' }),
        ProviderErrorCode.NOT_FOUND,
      );
      expect(update).toMatchObject({ providerCode: 'unknown_contact', httpStatus: 200 });
      expect(
        (await expectProviderError(client.contactDelete(987654), ProviderErrorCode.NOT_FOUND)).providerCode,
      ).toBe('not_found');
      await expectProviderError(client.conversationDetails(987654), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(client.changeConversationStatus(987654, 1), ProviderErrorCode.NOT_FOUND);
      // Template 2 exists but is pending: the platform answers not_found for any template it cannot send.
      await expectProviderError(
        client.sendTemplateMessage({ ...saudi('+966511001004'), templateId: 2, bodyVariables: ['a', 'b'] }),
        ProviderErrorCode.NOT_FOUND,
      );
      await expectProviderError(
        adapterFor(platform.demo).getConversation('987654'),
        ProviderErrorCode.NOT_FOUND,
      );
    });

    it('a blocked contact → CONTACT_BLOCKED (magic number, seeded contact, template and delete)', async () => {
      const client = demoClient();
      const magic = await expectProviderError(
        client.sendMessage({ ...saudi(BLOCKED), fromNumber: CLOUD_SENDER, message: 'hi' }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      expect(magic).toMatchObject({ httpStatus: 200, providerCode: 'contact_blocked' });
      await expectProviderError(
        client.sendTemplateMessage({ ...saudi('+966503456789'), templateId: 1, bodyVariables: ['a', 'b'] }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      await expectProviderError(
        adapterFor(platform.demo).send({ type: 'text', to: BLOCKED, text: 'hi' }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      const blockedContact = (await client.contactList({ search: 'Blocked' })).data.contacts.data[0]!;
      const deletion = await expectProviderError(
        client.contactDelete(blockedContact.id),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      expect(deletion.providerCode).toBe('contact_error');
    });

    it('business refusals → REJECTED: the 24-hour window and a template from a Device sender', async () => {
      const { client } = await fresh();
      const closed = await expectProviderError(
        client.sendMessage({ ...saudi('+966511001005'), message: 'Hello out of the blue' }),
        ProviderErrorCode.REJECTED,
      );
      expect(closed).toMatchObject({ httpStatus: 200, providerCode: 'window_closed' });

      // Sara wrote three days ago in the demo inbox: her window is closed too.
      await expectProviderError(
        adapterFor(platform.demo).send({ type: 'text', to: '+966502345678', text: 'Any news?' }),
        ProviderErrorCode.REJECTED,
      );

      const device = await expectProviderError(
        client.sendTemplateMessage({
          ...saudi('+966511001005'),
          fromNumber: DEVICE_SENDER,
          templateId: 1,
          bodyVariables: ['a', 'b'],
        }),
        ProviderErrorCode.REJECTED,
      );
      expect(device.providerCode).toBe('not_cloud_sender');
    });

    it('send-message from a Device/QR number is refused: from_number must be a Cloud API sender', async () => {
      // washeej.txt, send-message "Sender Number Selection": "The number must be a Cloud API (Meta Business) account,
      // not a Device/QR account"; provider-docs/README.md: "from_number must be a Cloud API sender". The refusal's
      // exact remark is undocumented: a business refusal (REJECTED) or an invalid from_number (VALIDATION_FAILED).
      const refused = [ProviderErrorCode.REJECTED, ProviderErrorCode.VALIDATION_FAILED] as const;
      const { account, client } = await fresh();
      await customerWrites(account, '+966511001006');
      await expectProviderError(
        client.sendMessage({ ...saudi('+966511001006'), fromNumber: DEVICE_SENDER, message: 'hi' }),
        refused,
      );
      await expectProviderError(
        adapterFor(account.credentials).send({
          type: 'text',
          from: `+${DEVICE_SENDER}`,
          to: '+966511001007',
          text: 'Device numbers have no 24-hour window',
        }),
        refused,
      );
      expect(await cs.phoneMessages({ account: account.id })).toEqual([]);
    });

    it('deleting a contact that has messages → REJECTED (contact_error)', async () => {
      const ahmed = (await demoClient().contactList({ search: 'Ahmed' })).data.contacts.data[0]!;
      const withMessages = await expectProviderError(
        demoClient().contactDelete(ahmed.id),
        ProviderErrorCode.REJECTED,
      );
      expect(withMessages.providerCode).toBe('contact_error');
    });

    it('over the rate limit → RATE_LIMITED with retryAfterSeconds; allowed again in the next minute', async () => {
      const { account, client } = await fresh();
      await cs.patchAccount(account.id, { rateLimitPerMinute: 2 });
      await client.contactList();
      await client.contactList();
      const limited = await expectProviderError(client.contactList(), ProviderErrorCode.RATE_LIMITED);
      expect(limited.httpStatus).toBe(429);
      expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(limited.transient).toBe(true);
      await cs.advance(61_000);
      await expect(client.contactList()).resolves.toMatchObject({ status: 'success' });
    });

    it('injected 503 → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({
        provider: platform.id,
        kind: 'error',
        status: 503,
        path: '/external-api/contact/list',
      });
      const error = await expectProviderError(
        demoClient().contactList(),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.httpStatus).toBe(503);
      await expectProviderError(
        adapterFor(platform.demo).testConnection(),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
    });

    it('an "exception" answer on HTTP 200 → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({
        provider: platform.id,
        kind: 'error',
        status: 200,
        path: '/external-api/inbox/template-list',
        body: {
          remark: 'exception',
          status: 'error',
          message: ['Something went wrong. Please try again later.'],
        },
      });
      await expectProviderError(demoClient().templateList(), ProviderErrorCode.PROVIDER_UNAVAILABLE);
    });

    it('injected connection reset → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: platform.id, kind: 'reset', path: '/external-api/contact/list' });
      await expectProviderError(demoClient().contactList(), ProviderErrorCode.PROVIDER_UNAVAILABLE);
    });

    it('injected hang with a 300 ms client timeout → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: platform.id, kind: 'hang', path: '/external-api/contact/list' });
      const started = Date.now();
      const error = await expectProviderError(
        clientFor(platform.demo, 300).contactList(),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.message).toContain('300 ms');
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('a malformed 200 body → UNEXPECTED_RESPONSE keeping the raw body', async () => {
      const body = { remark: 'contact-list', status: 'success', data: { contacts: 'not a paginator' } };
      await cs.control.addFault({
        provider: platform.id,
        kind: 'error',
        status: 200,
        path: '/external-api/contact/list',
        body,
      });
      const error = await expectProviderError(
        demoClient().contactList(),
        ProviderErrorCode.UNEXPECTED_RESPONSE,
      );
      expect(error.rawBody).toEqual(body);
    });
  });
});
