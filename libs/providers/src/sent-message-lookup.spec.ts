import { PROVIDERS, createProvider } from './registry.js';

const CREDENTIALS: Record<string, unknown> = {
  washeej: { clientId: 'id', clientSecret: 'secret' },
  wutt: { clientId: 'id', clientSecret: 'secret' },
  watsal: { apiKey: 'key' },
  wessaal: { apiKey: 'key' },
  wamessenger: { apiKey: 'key' },
};

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
