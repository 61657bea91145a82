import { GatewayError } from '../common/errors/gateway-error.js';
import { inboundProblem } from './inbound-check.js';
import { decodeInboundCursor, encodeInboundCursor } from './inbound-cursor.js';
import { receivedAtOf } from './received-at.js';
import { webhookUrlOf } from './webhook-url.js';
import { withoutNul } from './without-nul.js';

describe('inbound cursors', () => {
  const cursor = {
    receivedAt: new Date('2030-01-02T03:04:05.678Z'),
    id: '6f1c1a52-5d0e-4c1e-9a55-2f4e0c9b8a11',
  };

  it('round-trips and is opaque', () => {
    const encoded = encodeInboundCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeInboundCursor(encoded)).toEqual(cursor);
  });

  it.each([
    'garbage',
    '',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["in","not a date","6f1c1a52-5d0e-4c1e-9a55-2f4e0c9b8a11"]').toString('base64url'),
    Buffer.from('["in","2030-01-01T00:00:00Z","1; DROP TABLE x"]').toString('base64url'),
    Buffer.from('["msg","2030-01-01T00:00:00Z","6f1c1a52-5d0e-4c1e-9a55-2f4e0c9b8a11"]').toString(
      'base64url',
    ),
  ])('refuses %p as BAD_USER_INPUT naming after', (value) => {
    expect(() => decodeInboundCursor(value)).toThrow(GatewayError);
    expect(() => decodeInboundCursor(value)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { fields: { after: expect.any(Array) } } }),
    );
  });
});

describe('receivedAtOf', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it("reads WaMessenger's zone-less time as UTC and ISO times as they are", () => {
    expect(receivedAtOf('2022/08/29 21:54:18', now).toISOString()).toBe('2022-08-29T21:54:18.000Z');
    expect(receivedAtOf('2022-08-29T21:54:18+03:30', now).toISOString()).toBe('2022-08-29T18:24:18.000Z');
  });

  it('falls back to now when the provider gives nothing usable', () => {
    expect(receivedAtOf(undefined, now)).toBe(now);
    expect(receivedAtOf('yesterday', now)).toBe(now);
    expect(receivedAtOf('2022/13/45 99:99:99', now)).toBe(now);
  });
});

describe('inboundProblem', () => {
  const message = { providerMessageId: '1', from: '+989121234567', kind: 'text' as const, raw: {} };

  it('accepts an E.164 sender with an id', () => {
    expect(inboundProblem(message)).toBeUndefined();
  });

  it('names what is wrong', () => {
    expect(inboundProblem({ ...message, from: '+' })).toMatch(/not a phone number/);
    expect(inboundProblem({ ...message, providerMessageId: '' })).toMatch(/no id/);
  });
});

describe('withoutNul', () => {
  it('removes NUL from strings and keys, deeply, leaving other values alone', () => {
    expect(withoutNul({ 'a\u0000': ['b\u0000c', 1, null, { d: 'e\u0000' }] })).toEqual({
      a: ['bc', 1, null, { d: 'e' }],
    });
    expect(withoutNul(true)).toBe(true);
  });
});

describe('webhookUrlOf', () => {
  const connection = { provider: 'wamessenger', webhookToken: 'tok_-123' };

  it('prefers GATEWAY_PUBLIC_URL, keeping its path and dropping trailing slashes', () => {
    expect(
      webhookUrlOf({ publicUrl: 'https://gw.example.com/api/', origin: 'http://127.0.0.1:3000' }, connection),
    ).toBe('https://gw.example.com/api/v1/webhooks/wamessenger/tok_-123');
  });

  it("falls back to the caller's origin", () => {
    expect(webhookUrlOf({ origin: 'http://127.0.0.1:3000' }, connection)).toBe(
      'http://127.0.0.1:3000/v1/webhooks/wamessenger/tok_-123',
    );
  });

  it('refuses when neither is known', () => {
    expect(() => webhookUrlOf({}, connection)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
