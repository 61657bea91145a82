import { decodeBytes, encodeBytes, needsHeldRequest } from './held-requests.js';

describe('held request encoding', () => {
  it('round-trips bytes nested anywhere through JSON', () => {
    const request = {
      to: '+966501234567',
      media: { data: new Uint8Array([0, 1, 254, 255]), filename: 'a.bin' },
      list: [new Uint8Array([7])],
    };
    const back = decodeBytes(JSON.parse(JSON.stringify(encodeBytes(request)))) as typeof request;
    expect(back.to).toBe(request.to);
    expect(back.media.data).toBeInstanceOf(Uint8Array);
    expect([...back.media.data]).toEqual([0, 1, 254, 255]);
    expect([...back.list[0]!]).toEqual([7]);
  });

  it('holds only what the message row cannot rebuild: uploads and secret texts', () => {
    expect(needsHeldRequest({ type: 'text', text: 'hi' })).toBe(false);
    expect(needsHeldRequest({ type: 'document', media: { url: 'https://x/y.pdf' } })).toBe(false);
    expect(needsHeldRequest({ type: 'document', media: { upload: { sha256: 'ab', size: 2 } } })).toBe(true);
    expect(needsHeldRequest({ type: 'text', text: '[secret]', secret: true })).toBe(true);
  });
});
