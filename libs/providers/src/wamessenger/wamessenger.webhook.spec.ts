import { MessageStatus } from '../core/message-status.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { wamessengerProvider } from './index.js';
import { waMessengerReportStatus, waMessengerWebhookDeliveryStatus } from './wamessenger.status.js';

const KEY = 'Ab12Cd34Ef56';
const provider = wamessengerProvider.create({
  baseUrl: 'https://sim.wamessenger.test',
  credentials: { apiKey: KEY },
});

const INBOUND = {
  Hash: KEY,
  DataType: 'message',
  ID: '3836672',
  From: '989121234567',
  To: '989121234568',
  Type: 'chat',
  Chat: 'salam',
  Date: '2022/08/29 21:54:18',
};
const DELIVERY = {
  Hash: KEY,
  DataType: 'delivery',
  ID: '80379458',
  delivery: 2,
  phonenumber: '989121234567',
};

function rejection(body: unknown): ProviderError {
  let caught: unknown;
  try {
    provider.parseWebhook(body);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProviderError);
  const error = caught as ProviderError;
  expect(error.code).toBe(ProviderErrorCode.VALIDATION_FAILED);
  expect(JSON.stringify({ ...error.toJSON(), message: error.message })).not.toContain(KEY);
  return error;
}

describe('WaMessenger status mapping', () => {
  it.each([
    [{ status: 'OK', delivery: 'server' }, MessageStatus.SENT, 'server'],
    [{ status: 'OK', delivery: 'phone' }, MessageStatus.DELIVERED, 'phone'],
    [{ status: 'OK', delivery: 'read' }, MessageStatus.READ, 'read'],
    [{ status: 'ok', delivery: 'READ' }, MessageStatus.READ, 'READ'],
    [{ status: 'OK', delivery: '' }, MessageStatus.SENT, 'OK'],
    [{ status: 'OK' }, MessageStatus.SENT, 'OK'],
    [{ status: 'OK', delivery: null }, MessageStatus.SENT, 'OK'],
    [{ status: 'OK', delivery: 'played' }, MessageStatus.QUEUED, 'played'],
    [{ status: 'pending' }, MessageStatus.QUEUED, 'pending'],
    [{ status: '' }, MessageStatus.QUEUED, ''],
    [{ status: 'Failed', delivery: '' }, MessageStatus.FAILED, 'Failed'],
    [{ status: 'error' }, MessageStatus.FAILED, 'error'],
  ])('report %j → %s', (report, status, providerStatus) => {
    expect(waMessengerReportStatus(report)).toEqual({ status, providerStatus });
  });

  it.each([
    [1, MessageStatus.SENT],
    [2, MessageStatus.DELIVERED],
    [3, MessageStatus.READ],
    ['3', MessageStatus.READ],
    [9, MessageStatus.QUEUED],
  ])('webhook delivery %j → %s', (delivery, status) => {
    expect(waMessengerWebhookDeliveryStatus(delivery)).toEqual({ status, providerStatus: String(delivery) });
  });
});

describe('WaMessengerAdapter.parseWebhook', () => {
  it('turns an inbound chat into an inbound event with E.164 numbers and the key redacted from raw', () => {
    expect(provider.parseWebhook(INBOUND)).toEqual([
      {
        kind: 'inbound',
        message: {
          providerMessageId: '3836672',
          from: '+989121234567',
          to: '+989121234568',
          kind: 'text',
          text: 'salam',
          fileUrl: undefined,
          receivedAt: '2022/08/29 21:54:18',
          raw: { ...INBOUND, Hash: '[redacted]' },
        },
      },
    ]);
  });

  it('reads a file message: Chat holds the file URL', () => {
    const [event] = provider.parseWebhook({
      ...INBOUND,
      Type: 'file',
      Chat: 'https://f.test/a.jpg',
      ID: 3836673,
    });
    expect(event).toMatchObject({
      kind: 'inbound',
      message: {
        providerMessageId: '3836673',
        kind: 'file',
        fileUrl: 'https://f.test/a.jpg',
        text: undefined,
      },
    });
  });

  it.each([
    [1, MessageStatus.SENT],
    ['2', MessageStatus.DELIVERED],
    [3, MessageStatus.READ],
  ])('turns delivery %j into a status event', (delivery, status) => {
    expect(provider.parseWebhook({ ...DELIVERY, delivery })).toEqual([
      {
        kind: 'status',
        providerMessageId: '80379458',
        status,
        providerStatus: String(delivery),
        raw: { ...DELIVERY, delivery, Hash: '[redacted]' },
      },
    ]);
  });

  it('accepts an array of events and a JSON string body', () => {
    const events = provider.parseWebhook(JSON.stringify([INBOUND, DELIVERY]));
    expect(events.map((event) => event.kind)).toEqual(['inbound', 'status']);
  });

  it('rejects a body whose Hash is another key, without echoing either', () => {
    const error = rejection({ ...INBOUND, Hash: 'someone-elses-key' });
    expect(error.fieldErrors).toEqual({ 'body.Hash': ['does not match this connection'] });
    expect(error.message).not.toContain('someone-elses-key');
  });

  it('rejects a body without Hash, and a whole array when one event is foreign', () => {
    const { Hash: _omitted, ...withoutHash } = DELIVERY;
    expect(rejection(withoutHash).fieldErrors).toEqual({ 'body.Hash': ['does not match this connection'] });
    expect(rejection([INBOUND, { ...DELIVERY, Hash: `${KEY}x` }]).fieldErrors).toEqual({
      'body[1].Hash': ['does not match this connection'],
    });
  });

  it('rejects events matching neither shape', () => {
    expect(rejection({ ...INBOUND, DataType: 'presence' }).fieldErrors).toHaveProperty(['body.DataType']);
    expect(rejection({ ...INBOUND, From: undefined }).message).toContain('not an inbound message');
    expect(rejection({ ...DELIVERY, delivery: 'read' }).message).toContain('not a delivery report');
    expect(rejection('not json').fieldErrors).toEqual({ body: ['not JSON'] });
    expect(rejection(42).fieldErrors).toEqual({ body: ['expected a JSON object'] });
  });
});
