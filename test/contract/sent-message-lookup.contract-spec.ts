import {
  createProvider,
  MessageStatus,
  ProviderErrorCode,
  type MessagingProvider,
  type SendRequest,
  type SentMessageMatch,
  type SentMessageQuery,
} from '@app/providers';
import { expectProviderError, startContractSim, STEP_MS, type ContractSim } from './support/contract.js';

/**
 * findSentMessage (issue #13) against the simulator, an implementation written from the provider docs without the
 * client library: the adapter sends, then asks whether that message exists, as the gateway will after a crash.
 */

const INSTANCE = 'my-instance';

describe('sent-message lookup contract: findSentMessage against the simulator', () => {
  let cs: ContractSim;

  beforeAll(async () => {
    cs = await startContractSim();
  });
  afterAll(async () => {
    await cs.close();
  });
  afterEach(async () => {
    await cs.control.clearFaults();
  });

  /** Simulator time (it moves only with the wall clock and `advance`). */
  async function simNow(): Promise<Date> {
    return new Date((await cs.control.call<{ now: string }>('GET', '/clock')).now);
  }

  async function freshAdapter(provider: 'wessaal' | 'wamessenger'): Promise<MessagingProvider> {
    const account = await cs.createAccount(provider);
    const apiKey = account.credentials.apiKey!;
    const baseUrl = provider === 'wessaal' ? `${cs.url}/wessaal/integration/v1` : `${cs.url}/wamessenger`;
    return createProvider(provider, { baseUrl, credentials: { apiKey }, defaults: { from: INSTANCE } });
  }

  function lookup(adapter: MessagingProvider, query: SentMessageQuery): Promise<SentMessageMatch | null> {
    if (!adapter.findSentMessage) throw new Error(`${adapter.id} must implement findSentMessage`);
    return adapter.findSentMessage(query);
  }

  /** Sends and returns the window a crashed attempt would have: from just before the call to just after it. */
  async function sendInWindow(
    adapter: MessagingProvider,
    request: SendRequest,
  ): Promise<{ id: string; since: Date; until: Date }> {
    const since = await simNow();
    const { providerMessageId } = await adapter.send(request);
    return { id: providerMessageId, since, until: await simNow() };
  }

  it('wessaal: what only the detail shows tells apart messages the list shows alike', async () => {
    const adapter = await freshAdapter('wessaal');
    const image: SendRequest = {
      type: 'image',
      to: '+966501239001',
      caption: 'Invoice',
      media: { url: 'https://example.com/a.png' },
    };
    const template: SendRequest = {
      type: 'template',
      to: '+966501239002',
      template: '7',
      variables: { name: 'Ahmed' },
    };
    const first = await sendInWindow(adapter, image);
    await adapter.send(template);
    const window = { since: first.since, until: await simNow() };

    const otherUrl: SendRequest = { ...image, media: { url: 'https://example.com/b.png' } };
    await expect(lookup(adapter, { request: otherUrl, ...window })).resolves.toBeNull();
    const otherVariables: SendRequest = { ...template, variables: { name: 'Layla' } };
    await expect(lookup(adapter, { request: otherVariables, ...window })).resolves.toBeNull();
    await expect(lookup(adapter, { request: image, ...window })).resolves.toMatchObject({
      providerMessageId: first.id,
    });
  });

  describe.each([
    [
      'wessaal',
      [
        { type: 'text', to: '+966501230001', text: 'Your code is 1234' },
        {
          type: 'image',
          to: '+966501230002',
          caption: 'Your receipt',
          media: { url: 'https://example.com/receipt.png' },
        },
        {
          type: 'template',
          to: '+966501230003',
          template: '7',
          variables: { name: 'Ahmed', order_id: 'ORD-1' },
        },
        { type: 'poll', to: '+966501230004', question: 'Lunch?', options: ['Yes', 'No'] },
        { type: 'location', to: '+966501230005', latitude: 24.7, longitude: 46.7, name: 'Office' },
        {
          type: 'contact_card',
          to: '+966501230006',
          contacts: [{ fullName: 'Layla Hassan', phoneNumber: '+966501110003' }],
        },
        {
          type: 'buttons',
          to: '+966501230007',
          title: 'Order ready',
          body: 'Order #5678 is ready',
          buttons: [{ type: 'reply', displayText: 'Confirm', id: 'confirm_5678' }],
        },
      ],
    ],
    [
      'wamessenger',
      [
        { type: 'text', to: '+989121230001', text: 'Salam' },
        {
          type: 'image',
          to: '+989121230002',
          caption: 'Photo',
          media: { url: 'https://cdn.example.com/a.jpg' },
        },
      ],
    ],
  ] as Array<['wessaal' | 'wamessenger', SendRequest[]]>)('%s', (provider, requests) => {
    it.each(requests.map((request) => [request.type, request]))(
      'finds a %s it just sent, and not the same one with other content or outside the window',
      async (_type, request) => {
        const adapter = await freshAdapter(provider);
        const sent = await sendInWindow(adapter, request);
        // Another message to the same number, sent afterwards: the walk passes over it.
        await adapter.send({ type: 'text', to: request.to, text: 'something else entirely' });

        await expect(lookup(adapter, { request, since: sent.since, until: sent.until })).resolves.toEqual({
          providerMessageId: sent.id,
          status: MessageStatus.QUEUED,
          providerStatus: expect.any(String),
        });

        const other: SendRequest = { type: 'text', to: request.to, text: 'never sent' };
        await expect(
          lookup(adapter, { request: other, since: sent.since, until: sent.until }),
        ).resolves.toBeNull();
        await expect(
          lookup(adapter, {
            request: { ...request, to: '+966509870000' },
            since: sent.since,
            until: sent.until,
          }),
        ).resolves.toBeNull();

        await cs.advance(10 * STEP_MS);
        const later = await simNow();
        await expect(lookup(adapter, { request, since: later, until: later })).resolves.toBeNull();
      },
    );

    it('reports the status the message has reached', async () => {
      const adapter = await freshAdapter(provider);
      const request = requests[0]!;
      const sent = await sendInWindow(adapter, request);
      await cs.advance(STEP_MS);
      const match = await lookup(adapter, { request, since: sent.since, until: sent.until });
      expect(match).toMatchObject({ providerMessageId: sent.id, status: MessageStatus.SENT });
    });

    it('is transient when the provider answers 500', async () => {
      const adapter = await freshAdapter(provider);
      const now = await simNow();
      await cs.control.addFault({
        provider,
        kind: 'error',
        status: 500,
        path: provider === 'wessaal' ? '/integration/v1/messages' : '/showAllMessages/*',
      });
      await expectProviderError(
        lookup(adapter, { request: requests[0]!, since: now, until: now }),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
    });
  });
});
