import nock from 'nock';
import { ProviderErrorCode } from '../core/provider-error.js';
import { wuttProvider } from '../wutt/index.js';
import { WASHEEJ_CAPABILITIES, washeejProvider } from './index.js';
import {
  AUTH_HEADERS,
  CREDENTIALS,
  SENT_MESSAGE_EXAMPLE,
  failure,
  paginator,
  parseMultipart,
  providerErrorOf,
  recordAndReply,
  success,
} from './washeej.spec-support.js';
import { useNock } from '../core/testing/use-nock.js';

describe('Washeej platform provider definitions', () => {
  useNock();

  it('Washeej and Wutt.net differ only by id, name and default base URL', () => {
    expect(washeejProvider).toMatchObject({
      id: 'washeej',
      name: 'Washeej',
      defaultBaseUrl: 'https://app.washeej.com/external-api',
    });
    expect(wuttProvider).toMatchObject({
      id: 'wutt',
      name: 'Wutt.net',
      defaultBaseUrl: 'https://www.wutt.net/external-api',
    });
    for (const definition of [washeejProvider, wuttProvider]) {
      expect(definition.capabilities).toBe(WASHEEJ_CAPABILITIES);
      expect(definition.secretFields).toEqual(['clientId', 'clientSecret']);
      expect(definition.credentialsSchema).toBe(washeejProvider.credentialsSchema);
    }
  });

  it('validates credentials { clientId, clientSecret }', () => {
    expect(washeejProvider.credentialsSchema.safeParse(CREDENTIALS).success).toBe(true);
    expect(washeejProvider.credentialsSchema.safeParse({ clientId: 'a', clientSecret: ' ' }).success).toBe(
      false,
    );
    expect(washeejProvider.credentialsSchema.safeParse({ clientId: 'a' }).success).toBe(false);
  });

  it('a Wutt.net adapter calls www.wutt.net/external-api with the same headers, and its errors name wutt', async () => {
    const adapter = wuttProvider.create({ credentials: CREDENTIALS });
    nock('https://www.wutt.net', { reqheaders: AUTH_HEADERS })
      .get('/external-api/contact/list')
      .query({ paginate: '1' })
      .reply(200, success('contact-list', ['ok'], { contacts: paginator('contact/list', []) }));
    nock('https://www.wutt.net')
      .delete('/external-api/contact/delete/3')
      .reply(200, failure('not_found', ['The contact not found']));

    await adapter.testConnection();
    const error = await providerErrorOf(adapter.deleteContact('3'));

    expect(adapter.id).toBe('wutt');
    expect(error).toMatchObject({ code: ProviderErrorCode.NOT_FOUND, provider: 'wutt' });
  });

  it('create() honours a base URL override (the simulator), the timeout and defaults.from', async () => {
    const adapter = washeejProvider.create({
      baseUrl: 'http://127.0.0.1:4010/washeej/external-api',
      credentials: CREDENTIALS,
      defaults: { from: '+966512345678' },
      // Generous: nock answers in microseconds alone, but not always within 1 s on a machine busy with other suites.
      timeoutMs: 15_000,
    });
    const recorded = recordAndReply(
      nock('http://127.0.0.1:4010', { reqheaders: AUTH_HEADERS }).post(
        '/washeej/external-api/inbox/send-message',
      ),
      200,
      success('success', ['Message sent successfully'], {
        conversation_id: 2,
        message: SENT_MESSAGE_EXAMPLE,
      }),
    );

    await adapter.send({ type: 'text', to: '+966500000000', text: 'Hi' });

    expect(parseMultipart(recorded).fields).toMatchObject({ from_number: '966512345678' });
  });

  it('each create() builds a fresh adapter', () => {
    const a = washeejProvider.create({ credentials: CREDENTIALS });
    const b = washeejProvider.create({ credentials: CREDENTIALS });

    expect(a).not.toBe(b);
  });
});
