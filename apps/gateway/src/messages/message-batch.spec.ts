import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { unsupported } from '@app/providers';
import {
  batchAnswer,
  batchItemError,
  batchItemKey,
  checkBatchItem,
  nothingAccepted,
  repeatedKeys,
  sendRequestHash,
} from './message-batch.js';

describe('message batch helpers', () => {
  it('checkBatchItem validates one item like the ValidationPipe does a body', () => {
    const ok = checkBatchItem({ connection: 'c', to: '+966501234567', text: 'hi' }, 0);
    expect(ok).toMatchObject({ connection: 'c', to: '+966501234567', text: 'hi' });
    const field = (raw: unknown) => {
      try {
        checkBatchItem(raw, 2);
      } catch (error) {
        return batchItemError(error, 2).fields;
      }
      throw new Error('accepted');
    };
    expect(Object.keys(field({ connection: 'c', to: '12', text: 'x' })!)).toEqual(['messages.2.to']);
    expect(Object.keys(field({ connection: 'c', to: '+966501234567', text: 'x', extra: 1 })!)).toEqual([
      'messages.2.extra',
    ]);
    expect(Object.keys(field('text')!)).toEqual(['messages.2']);
    expect(Object.keys(field([])!)).toEqual(['messages.2']);
  });

  it('batchItemError names the field of errors that have none, and rethrows what is not a domain error', () => {
    const notFound = batchItemError(GatewayError.notFound('connection', 'x'), 4, 'messages.4.connection');
    expect(notFound).toMatchObject({
      code: 'NOT_FOUND',
      fields: { 'messages.4.connection': [expect.any(String)] },
    });
    expect(notFound.message).toMatch(/^messages\.4\.connection: connection "x" not found/);
    const capability = batchItemError(unsupported('washeej', 'poll'), 1, 'messages.1.type');
    expect(capability.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(batchItemError(GatewayError.notFound('x', 'y'), 0)).toEqual({
      code: 'NOT_FOUND',
      message: 'messages.0: x "y" not found',
      fields: null,
    });
    const bug = new TypeError('boom');
    expect(() => batchItemError(bug, 0)).toThrow(bug);
  });

  it('batchItemKey: the item key wins, else header#index, else none', () => {
    expect(batchItemKey('h', 3, 'own')).toBe('own');
    expect(batchItemKey('h', 3, undefined)).toBe('h#3');
    expect(batchItemKey(undefined, 3, undefined)).toBeUndefined();
  });

  it('repeatedKeys flags the later uses of a key only', () => {
    expect([...repeatedKeys(['a', undefined, 'b', 'a', undefined, 'a'])]).toEqual([3, 5]);
  });

  it('sendRequestHash is the synchronous send hash: key order does not matter, content does', () => {
    const a = sendRequestHash('c', { to: '+1', text: 'x' });
    expect(sendRequestHash('c', { text: 'x', to: '+1' })).toBe(a);
    expect(sendRequestHash('d', { to: '+1', text: 'x' })).not.toBe(a);
  });

  it('batchAnswer counts, nothingAccepted gathers every item field', () => {
    const refused = {
      index: 0,
      id: null,
      replayed: false,
      error: {
        code: GatewayErrorCode.BAD_USER_INPUT,
        message: 'messages.0.to: bad',
        fields: { 'messages.0.to': ['bad'] },
      },
    };
    const noField = {
      ...refused,
      index: 1,
      error: { code: GatewayErrorCode.NOT_FOUND, message: 'm', fields: null },
    };
    const accepted = { index: 2, id: 'id', replayed: true, error: null };
    expect(batchAnswer([refused, accepted])).toMatchObject({ accepted: 1, refused: 1 });
    const error = nothingAccepted(batchAnswer([refused, noField]));
    expect(error.httpStatus).toBe(400);
    expect(error.details.fields).toEqual({ 'messages.0.to': ['bad'], 'messages.1': ['m'] });
  });
});
