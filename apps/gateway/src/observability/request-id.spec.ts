import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id.js';

const withHeader = (value: string | string[] | undefined) =>
  ({ headers: { 'x-request-id': value } }) as unknown as IncomingMessage;

describe('requestIdOf', () => {
  it("keeps a caller's plausible X-Request-Id", () => {
    expect(requestIdOf(withHeader('abc-123_DEF.4:5'))).toBe('abc-123_DEF.4:5');
  });

  it('generates a UUID for a missing, repeated, oversized or unprintable one', () => {
    for (const value of [undefined, ['a', 'b'], 'x'.repeat(129), 'with space', 'line\nbreak', ''])
      expect(requestIdOf(withHeader(value))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
  });
});
