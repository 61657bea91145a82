import { headroom, trimArray, trimMap } from './retention.js';

describe('retention caps', () => {
  const final = (n: number): boolean => n % 2 === 0;

  it('leaves a map at or under the cap alone, and 0 means unlimited', () => {
    const map = new Map([1, 2, 3].map((n) => [n, n]));
    trimMap(map, 3, final);
    trimMap(map, 0, final);
    expect([...map.keys()]).toEqual([1, 2, 3]);
  });

  it('evicts the oldest final records first, below the cap by the headroom', () => {
    const max = 32;
    const map = new Map(Array.from({ length: max + 1 }, (_, i) => [i, i]));
    const evicted: number[] = [];
    trimMap(map, max, final, (value) => evicted.push(value));
    expect(map.size).toBe(max - headroom(max));
    expect(evicted).toEqual([0, 2, 4]);
    expect(map.has(1)).toBe(true);
  });

  it('evicts the oldest in-flight records when too few are final', () => {
    const map = new Map(Array.from({ length: 40 }, (_, i) => [i, i]));
    trimMap(map, 32, () => false);
    expect([...map.keys()][0]).toBe(40 - (32 - headroom(32)));
  });

  it('trims arrays in place the same way', () => {
    const list = Array.from({ length: 33 }, (_, i) => i);
    const evicted: number[] = [];
    trimArray(list, 32, final, (value) => evicted.push(value));
    expect(evicted).toEqual([0, 2, 4]);
    expect(list).toHaveLength(30);
    expect(list.slice(0, 3)).toEqual([1, 3, 5]);
    const inFlight = Array.from({ length: 40 }, (_, i) => i);
    trimArray(inFlight, 32, () => false);
    expect(inFlight[0]).toBe(10);
  });
});
