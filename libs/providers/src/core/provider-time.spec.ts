import { parseProviderTime } from './provider-time.js';

describe('parseProviderTime', () => {
  it('reads ISO 8601 with microseconds and a zone', () => {
    expect(parseProviderTime('2025-01-15T10:30:00.123456Z', 'ambiguous')?.toISOString()).toBe(
      '2025-01-15T10:30:00.123Z',
    );
    expect(parseProviderTime('2025-01-15T13:30:00+03:00', 'ambiguous')?.toISOString()).toBe(
      '2025-01-15T10:30:00.000Z',
    );
    expect(parseProviderTime('2025-01-15T14:00:00+0330', 'ambiguous')?.toISOString()).toBe(
      '2025-01-15T10:30:00.000Z',
    );
  });

  it('reads zone-less space and slash forms as UTC only when told to', () => {
    expect(parseProviderTime('2022-08-29 21:52:05', 'utc')?.toISOString()).toBe('2022-08-29T21:52:05.000Z');
    expect(parseProviderTime('2022/08/29 21:54:18', 'utc')?.toISOString()).toBe('2022-08-29T21:54:18.000Z');
    expect(parseProviderTime('2022-08-29 21:52:05', 'ambiguous')).toBeUndefined();
  });

  it('gives undefined for anything else', () => {
    for (const value of [undefined, null, '', 'yesterday', '2022-13-45 99:99:99', '1700000000']) {
      expect(parseProviderTime(value, 'utc')).toBeUndefined();
    }
  });
});
