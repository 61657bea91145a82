import nock from 'nock';
import { CAPABILITIES } from './core/capabilities.js';
import { OPERATION_CAPABILITY, SEND_TYPE_CAPABILITY } from './core/messaging-provider.js';
import { ProviderError, ProviderErrorCode } from './core/provider-error.js';
import type { SendRequest } from './core/unified.js';
import { MessageStatus } from './core/message-status.js';
import { PROVIDERS, createProvider, getProvider, isFinalStatusFor } from './registry.js';

const CREDENTIALS: Record<string, unknown> = {
  washeej: { clientId: 'id', clientSecret: 'secret' },
  wutt: { clientId: 'id', clientSecret: 'secret' },
  watsal: { apiKey: 'key' },
  wessaal: { apiKey: 'key' },
  wamessenger: { apiKey: 'key' },
};

/** A minimal request of each send type, used to prove which types an adapter refuses without any HTTP. */
const SAMPLE_SENDS: Record<SendRequest['type'], SendRequest> = {
  text: { type: 'text', to: '+966500000000', text: 'hi' },
  image: { type: 'image', to: '+966500000000', media: { url: 'https://example.com/a.png' } },
  video: { type: 'video', to: '+966500000000', media: { url: 'https://example.com/a.mp4' } },
  document: { type: 'document', to: '+966500000000', media: { url: 'https://example.com/a.pdf' } },
  audio: { type: 'audio', to: '+966500000000', media: { url: 'https://example.com/a.mp3' } },
  location: { type: 'location', to: '+966500000000', latitude: 1, longitude: 2 },
  template: { type: 'template', to: '+966500000000', template: '1' },
  contact_card: {
    type: 'contact_card',
    to: '+966500000000',
    contacts: [{ fullName: 'A', phoneNumber: '+1' }],
  },
  poll: { type: 'poll', to: '+966500000000', question: 'q', options: ['a', 'b'] },
  buttons: {
    type: 'buttons',
    to: '+966500000000',
    body: 'b',
    buttons: [{ type: 'reply', displayText: 'x', id: 'x' }],
  },
};

/** Calls an operation with harmless arguments; only the unsupported ones must fail before any HTTP. */
function callOperation(
  adapter: ReturnType<typeof createProvider>,
  op: keyof typeof OPERATION_CAPABILITY,
): Promise<unknown> {
  const call = (adapter as unknown as Record<string, (...args: unknown[]) => unknown>)[op]!.bind(adapter);
  return Promise.resolve().then(() => call('1', { name: 'n', content: 'c' }));
}

describe('provider registry', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    // Every call an adapter does make answers 503 (the test only asks whether it was refused before any call). A
    // refused connection instead made nock's socket emit an 'error' after the request had settled, now and then
    // with no listener left, which crashed the Jest worker.
    const anyPath = (): boolean => true;
    const provider = nock('http://127.0.0.1:1').persist();
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const)
      provider[method](anyPath).reply(503);
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore(); // removes its interceptor: later files in this worker make real requests
  });

  it('holds the five providers, Washeej and Wutt on one implementation with different base URLs', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(['wamessenger', 'washeej', 'watsal', 'wessaal', 'wutt']);
    expect(getProvider('washeej').defaultBaseUrl).toBe('https://app.washeej.com/external-api');
    expect(getProvider('wutt').defaultBaseUrl).toBe('https://www.wutt.net/external-api');
    expect(getProvider('wutt').capabilities).toEqual(getProvider('washeej').capabilities);
  });

  it('rejects an unknown provider and bad credentials with VALIDATION_FAILED', () => {
    expect(() => getProvider('nope')).toThrow(
      expect.objectContaining({ code: ProviderErrorCode.VALIDATION_FAILED }),
    );
    expect(() => createProvider('wessaal', { credentials: {} })).toThrow(
      expect.objectContaining({ code: ProviderErrorCode.VALIDATION_FAILED, fieldErrors: expect.any(Object) }),
    );
  });

  describe.each(PROVIDERS.map((p) => [p.id]))('%s', (id) => {
    const definition = getProvider(id);
    const adapter = createProvider(id, { credentials: CREDENTIALS[id], baseUrl: 'http://127.0.0.1:1' });

    it('has a complete capability table and names its secret fields', () => {
      expect(Object.keys(definition.capabilities).sort()).toEqual([...CAPABILITIES].sort());
      expect(definition.secretFields.length).toBeGreaterThan(0);
      expect(adapter.id).toBe(id);
      expect(adapter.capabilities).toEqual(definition.capabilities);
    });

    it.each(Object.keys(SEND_TYPE_CAPABILITY) as Array<SendRequest['type']>)(
      'send type %s is refused exactly when its capability is false',
      async (type) => {
        const capability = SEND_TYPE_CAPABILITY[type];
        const outcome = await adapter.send(SAMPLE_SENDS[type]).catch((e: unknown) => e);
        const refused =
          outcome instanceof ProviderError && outcome.code === ProviderErrorCode.UNSUPPORTED_CAPABILITY;
        expect({ capability, refused }).toEqual({
          capability,
          refused: !definition.capabilities[capability],
        });
        if (refused) expect(outcome).toMatchObject({ provider: id, capability });
      },
    );

    it.each(Object.keys(OPERATION_CAPABILITY) as Array<keyof typeof OPERATION_CAPABILITY>)(
      'operation %s is refused exactly when its capability is false',
      async (op) => {
        const capability = OPERATION_CAPABILITY[op];
        const outcome = await callOperation(adapter, op).catch((e: unknown) => e);
        const refused =
          outcome instanceof ProviderError && outcome.code === ProviderErrorCode.UNSUPPORTED_CAPABILITY;
        expect({ op, refused }).toEqual({ op, refused: !definition.capabilities[capability] });
      },
    );
  });
});

describe('isFinalStatusFor', () => {
  it('ends Wessaal at DELIVERED (its documented lifecycle has no read receipt) and the others at READ', () => {
    expect(isFinalStatusFor('wessaal', MessageStatus.DELIVERED)).toBe(true);
    expect(isFinalStatusFor('wamessenger', MessageStatus.DELIVERED)).toBe(false);
    expect(isFinalStatusFor('watsal', MessageStatus.DELIVERED)).toBe(false);
    for (const { id } of PROVIDERS) {
      expect(isFinalStatusFor(id, MessageStatus.READ)).toBe(true);
      expect(isFinalStatusFor(id, MessageStatus.FAILED)).toBe(true);
      expect(isFinalStatusFor(id, MessageStatus.SENT)).toBe(false);
    }
  });

  it('falls back to READ and FAILED for an id it does not know', () => {
    expect(isFinalStatusFor('nope', MessageStatus.DELIVERED)).toBe(false);
    expect(isFinalStatusFor('nope', MessageStatus.FAILED)).toBe(true);
  });
});

/**
 * Which adapters can say whether a message was already sent (issue #13). Washeej/Wutt list no sent messages; Watsal
 * reads a message only by the id the crash lost (GET /v1/messages/{id}, no list): see the README's deviations.
 */
const ANSWERS = ['wamessenger', 'wessaal'];

describe('findSentMessage is on exactly the adapters whose provider can answer', () => {
  it.each(PROVIDERS.map((p) => [p.id]))('%s', (id) => {
    const adapter = createProvider(id, { credentials: CREDENTIALS[id], baseUrl: 'http://127.0.0.1:1' });
    expect(typeof adapter.findSentMessage === 'function').toBe(ANSWERS.includes(id));
  });

  it('knows every provider', () => {
    expect(PROVIDERS.map((p) => p.id).sort()).toEqual(Object.keys(CREDENTIALS).sort());
  });
});

/**
 * Which adapters read several statuses in one call (the gateway's batched polls): Wessaal from its message list.
 * WaMessenger's `showAllMessages` lists statuses too, but by phone number, not yet used.
 */
const LISTS_STATUSES = ['wessaal'];

describe('getMessageStatuses is on exactly the adapters that read statuses in bulk', () => {
  it.each(PROVIDERS.map((p) => [p.id]))('%s', (id) => {
    const adapter = createProvider(id, { credentials: CREDENTIALS[id], baseUrl: 'http://127.0.0.1:1' });
    expect(typeof adapter.getMessageStatuses === 'function').toBe(LISTS_STATUSES.includes(id));
  });
});
