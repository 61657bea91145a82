import { CAPABILITIES } from '../core/capabilities.js';
import { MessageStatus } from '../core/message-status.js';
import { ProviderErrorCode } from '../core/provider-error.js';
import type { SendRequest } from '../core/unified.js';
import { rejectionOf, WESSAAL_TEST_API_KEY as KEY } from './wessaal.test-support.js';
import { wessaalStatusReading } from './wessaal.status.js';
import { WESSAAL_DEFAULT_BASE_URL, wessaalProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

// Nothing here reaches the network: unsupported operations reject before any call. The support file imports nock,
// which patches node:http on import; useNock() refuses any call that slips through and restores node:http at the end.

describe('Wessaal status mapping', () => {
  it.each([
    ['pending', MessageStatus.QUEUED],
    ['processing', MessageStatus.QUEUED],
    ['sent', MessageStatus.SENT],
    ['delivered', MessageStatus.DELIVERED],
    ['read', MessageStatus.READ],
    ['failed', MessageStatus.FAILED],
    ['refunded', MessageStatus.FAILED],
    ['Delivered', MessageStatus.DELIVERED],
    ['scheduled', MessageStatus.QUEUED],
    ['constructor', MessageStatus.QUEUED],
  ])('%s → %s, keeping the raw value', (raw, status) => {
    expect(wessaalStatusReading(raw)).toEqual({ status, providerStatus: raw });
  });
});

describe('Wessaal provider definition and unsupported capabilities', () => {
  useNock();

  const adapter = wessaalProvider.create({ credentials: { apiKey: KEY }, defaults: { from: 'my-instance' } });

  it('describes the real service and only what the adapter implements', () => {
    expect(wessaalProvider).toMatchObject({ id: 'wessaal', name: 'Wessaal', secretFields: ['apiKey'] });
    expect(wessaalProvider.defaultBaseUrl).toBe(WESSAAL_DEFAULT_BASE_URL);
    expect(WESSAAL_DEFAULT_BASE_URL).toBe('https://app.wessaal.com/integration/v1');
    const unsupported = CAPABILITIES.filter((c) => !wessaalProvider.capabilities[c]);
    expect(unsupported).toEqual(['inbound_list', 'conversations', 'otp', 'webhooks']);
    expect(adapter.capabilities).toBe(wessaalProvider.capabilities);
  });

  it('requires a non-empty apiKey', () => {
    expect(wessaalProvider.credentialsSchema.safeParse({ apiKey: 'sk_live_x' }).success).toBe(true);
    expect(wessaalProvider.credentialsSchema.safeParse({ apiKey: '  ' }).success).toBe(false);
    expect(wessaalProvider.credentialsSchema.safeParse({}).success).toBe(false);
  });

  it.each([
    ['listInbound', 'inbound_list', () => adapter.listInbound()],
    ['listConversations', 'conversations', () => adapter.listConversations()],
    ['setConversationState', 'conversations', () => adapter.setConversationState('1', 'done')],
    ['startVerification', 'otp', () => adapter.startVerification({ to: '+966501234567' })],
    ['setWebhook', 'webhooks', () => adapter.setWebhook('https://example.com/hook')],
  ] as const)('%s rejects with UNSUPPORTED_CAPABILITY naming %s', async (_operation, capability, call) => {
    const error = await rejectionOf(call());
    expect(error).toMatchObject({
      code: ProviderErrorCode.UNSUPPORTED_CAPABILITY,
      provider: 'wessaal',
      capability,
    });
    expect(error.message).toBe(`wessaal does not support ${capability}`);
  });

  it('parseWebhook throws UNSUPPORTED_CAPABILITY', () => {
    expect(() => adapter.parseWebhook({})).toThrow(
      expect.objectContaining({ code: ProviderErrorCode.UNSUPPORTED_CAPABILITY, capability: 'webhooks' }),
    );
  });

  it('an unknown send type rejects naming it', async () => {
    const request = { type: 'sticker', to: '+966501234567' } as unknown as SendRequest;
    const error = await rejectionOf(adapter.send(request));
    expect(error).toMatchObject({ code: ProviderErrorCode.UNSUPPORTED_CAPABILITY, capability: 'sticker' });
  });
});
