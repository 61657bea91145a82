import nock from 'nock';
import { CAPABILITIES } from '../core/capabilities.js';
import { MessageStatus } from '../core/message-status.js';
import { OPERATION_CAPABILITY } from '../core/messaging-provider.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type { SendRequest } from '../core/unified.js';
import { watsalProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

const adapter = watsalProvider.create({
  baseUrl: 'http://localhost:4010/watsal',
  credentials: { apiKey: 'wk_test_123' },
  timeoutMs: 5_000,
});

async function rejectionOf(run: () => unknown): Promise<ProviderError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('watsalProvider and the capabilities WatsalAdapter lacks', () => {
  useNock();

  describe('provider definition', () => {
    it('describes Watsal with its real base URL, its secret and exactly three capabilities', () => {
      expect(watsalProvider).toMatchObject({
        id: 'watsal',
        name: 'Watsal',
        defaultBaseUrl: 'https://api.watsal.com',
      });
      expect(watsalProvider.secretFields).toEqual(['apiKey']);
      expect(CAPABILITIES.filter((c) => watsalProvider.capabilities[c])).toEqual([
        'template',
        'message_status',
        'otp',
      ]);
      expect(adapter.capabilities).toBe(watsalProvider.capabilities);
    });

    it('validates credentials: an apiKey string is required', () => {
      expect(watsalProvider.credentialsSchema.safeParse({ apiKey: 'wk_1' }).success).toBe(true);
      expect(watsalProvider.credentialsSchema.safeParse({ apiKey: '  ' }).success).toBe(false);
      expect(watsalProvider.credentialsSchema.safeParse({}).success).toBe(false);
    });

    it('builds a fresh adapter per connection, talking to the real base URL by default', async () => {
      const other = watsalProvider.create({ credentials: { apiKey: 'wk_other' } });
      expect(other).not.toBe(adapter);
      nock('https://api.watsal.com', { reqheaders: { authorization: 'Bearer wk_other' } })
        .get('/v1/messages/req_1')
        .reply(200, { success: true, data: { id: 'req_1', status: 'sent', timestamp: 't' } });
      await expect(other.getMessageStatus('req_1')).resolves.toMatchObject({ status: MessageStatus.SENT });
    });
  });

  describe('unsupported capabilities', () => {
    const unsupportedSends: SendRequest[] = [
      { type: 'text', to: '+201012345678', text: 'hi' },
      { type: 'image', to: '+201012345678', media: { url: 'https://example.test/a.png' } },
      { type: 'video', to: '+201012345678', media: { url: 'https://example.test/a.mp4' } },
      { type: 'document', to: '+201012345678', media: { url: 'https://example.test/a.pdf' } },
      { type: 'audio', to: '+201012345678', media: { url: 'https://example.test/a.mp3' } },
      { type: 'location', to: '+201012345678', latitude: 30, longitude: 31 },
      {
        type: 'contact_card',
        to: '+201012345678',
        contacts: [{ fullName: 'A', phoneNumber: '+201012345679' }],
      },
      { type: 'poll', to: '+201012345678', question: 'Q?', options: ['a', 'b'] },
      {
        type: 'buttons',
        to: '+201012345678',
        body: 'Pick',
        buttons: [{ type: 'reply', displayText: 'A', id: 'a' }],
      },
    ];

    it.each(unsupportedSends.map((request) => [request.type, request] as const))(
      'send %s rejects with UNSUPPORTED_CAPABILITY',
      async (type, request) => {
        const error = await rejectionOf(() => adapter.send(request));
        expect(error).toMatchObject({
          code: ProviderErrorCode.UNSUPPORTED_CAPABILITY,
          provider: 'watsal',
          capability: type,
        });
        expect(error.message).toBe(`watsal does not support ${type}`);
      },
    );

    const unsupportedOperations = Object.entries(OPERATION_CAPABILITY).filter(
      ([, capability]) => !watsalProvider.capabilities[capability],
    );

    it('covers every operation outside template, message_status and otp', () => {
      expect(unsupportedOperations.map(([name]) => name)).not.toContain('getMessageStatus');
      expect(unsupportedOperations.length).toBe(Object.keys(OPERATION_CAPABILITY).length - 3);
    });

    it.each(unsupportedOperations)(
      '%s rejects with UNSUPPORTED_CAPABILITY naming %s',
      async (name, capability) => {
        const method = adapter[name as keyof typeof OPERATION_CAPABILITY] as unknown as (
          ...args: unknown[]
        ) => unknown;
        const error = await rejectionOf(() => method.call(adapter, 'x', 'y'));
        expect(error).toMatchObject({
          code: ProviderErrorCode.UNSUPPORTED_CAPABILITY,
          provider: 'watsal',
          capability,
        });
      },
    );
  });
});
