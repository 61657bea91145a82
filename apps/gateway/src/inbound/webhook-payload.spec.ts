import { webhookPayload } from './webhook-payload.js';

const EVENT = { Hash: 'k', DataType: 'message', ID: '1' };

describe('webhookPayload', () => {
  it('passes parsed JSON objects and arrays through', () => {
    expect(webhookPayload(EVENT)).toBe(EVENT);
    const list = [EVENT, EVENT];
    expect(webhookPayload(list)).toBe(list);
  });

  it('parses JSON that arrived as text or bytes', () => {
    expect(webhookPayload(` ${JSON.stringify(EVENT)} `)).toEqual(EVENT);
    expect(webhookPayload(Buffer.from(JSON.stringify([EVENT])))).toEqual([EVENT]);
  });

  it('reads form fields, including form text', () => {
    expect(webhookPayload('Hash=k&DataType=message&ID=1')).toEqual(EVENT);
    const fields = { ...EVENT };
    expect(webhookPayload(fields)).toBe(fields);
  });

  it('unwraps JSON sent under a form content type', () => {
    expect(webhookPayload({ [JSON.stringify(EVENT)]: '' })).toEqual(EVENT);
    expect(webhookPayload({ data: JSON.stringify(EVENT) })).toEqual(EVENT);
    expect(webhookPayload({ payload: JSON.stringify([EVENT]) })).toEqual([EVENT]);
  });

  it('leaves what it cannot read for the adapter to refuse', () => {
    expect(webhookPayload('{"Hash":')).toBe('{"Hash":');
    expect(webhookPayload('hello')).toBe('hello');
    expect(webhookPayload(undefined)).toBeUndefined();
    expect(webhookPayload({ '{not json': '' })).toEqual({ '{not json': '' });
    expect(webhookPayload({ other: JSON.stringify(EVENT) })).toEqual({ other: JSON.stringify(EVENT) });
  });
});
