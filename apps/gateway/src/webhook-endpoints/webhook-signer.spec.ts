import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret, signedHeaders } from './webhook-signer.js';

describe('webhook signer', () => {
  const body = JSON.stringify({
    type: 'message.status_changed',
    timestamp: '2026-01-01T00:00:00Z',
    data: {},
  });

  it('signs so that the Standard Webhooks reference library verifies', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signedHeaders([secret], 'evt_1', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails with another secret or a changed body', () => {
    const headers = signedHeaders([newWebhookSecret()], 'evt_1', body);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    const secret = newWebhookSecret();
    const signed = signedHeaders([secret], 'evt_1', body);
    expect(() => new Webhook(secret).verify(`${body} `, signed)).toThrow(WebhookVerificationError);
  });

  it('signs with every active secret during a rotation', () => {
    const [next, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signedHeaders([next, previous], 'evt_2', body);
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(next).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });
});
