import { laravelTime } from './wessaal.state.js';

/** The format laravelTime must keep: the ISO string's milliseconds, three zeros of microseconds, a Z. */
function expected(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

describe('laravelTime', () => {
  it('formats milliseconds across second, minute and day boundaries, in any order', () => {
    const day = Date.UTC(2025, 0, 15, 23, 59, 59);
    const times = [
      day,
      day + 1,
      day + 9,
      day + 10,
      day + 99,
      day + 100,
      day + 999,
      day + 1_000,
      day + 5,
      day,
    ];
    for (const ms of times) expect(laravelTime(ms)).toBe(expected(ms));
    expect(laravelTime(day + 7)).toBe('2025-01-15T23:59:59.007000Z');
    expect(laravelTime(day + 1_000)).toBe('2025-01-16T00:00:00.000000Z');
  });

  it('formats fractional and pre-1970 times as Date does', () => {
    for (const ms of [1_000.7, 0.5, -1, -1_500]) expect(laravelTime(ms)).toBe(expected(ms));
  });
});
