import { FaultRegistry } from './faults.js';

const NOW = '2026-01-01T00:00:00.000Z';

describe('FaultRegistry', () => {
  it('matches provider, method and glob path, and retires after `times`', () => {
    const faults = new FaultRegistry();
    expect(faults.isEmpty).toBe(true);
    const fault = faults.add(
      {
        provider: 'wessaal',
        kind: 'error',
        method: 'post',
        path: '/integration/v1/messages/*',
        status: 503,
        times: 2,
      },
      NOW,
    );
    expect(
      faults.match(
        'wessaal',
        'GET',
        '/integration/v1/messages/send',
        '/wessaal/integration/v1/messages/send',
      ),
    ).toBeUndefined();
    expect(faults.match('watsal', 'POST', '/integration/v1/messages/send', '/x')).toBeUndefined();
    expect(
      faults.match('wessaal', 'POST', '/integration/v1/ping', '/wessaal/integration/v1/ping'),
    ).toBeUndefined();
    expect(
      faults.match(
        'wessaal',
        'POST',
        '/integration/v1/messages/send',
        '/wessaal/integration/v1/messages/send',
      )?.id,
    ).toBe(fault.id);
    expect(
      faults.match(
        'wessaal',
        'POST',
        '/integration/v1/messages/send',
        '/wessaal/integration/v1/messages/send',
      )?.fired,
    ).toBe(2);
    expect(
      faults.match(
        'wessaal',
        'POST',
        '/integration/v1/messages/send',
        '/wessaal/integration/v1/messages/send',
      ),
    ).toBeUndefined();
    expect(faults.isEmpty).toBe(true);
  });

  it('matches the full path too, and any path when none is given', () => {
    const faults = new FaultRegistry();
    faults.add({ provider: 'watsal', kind: 'delay', path: '/watsal/v1/**' }, NOW);
    expect(faults.match('watsal', 'GET', '/v1/messages/1', '/watsal/v1/messages/1')).toBeDefined();
    faults.clear();
    faults.add({ provider: 'watsal', kind: 'reset' }, NOW);
    expect(faults.match('watsal', 'GET', '/anything', '/watsal/anything')?.kind).toBe('reset');
  });

  it('repeats the same probabilistic pattern for the same seed', () => {
    const pattern = (seed: number): boolean[] => {
      const faults = new FaultRegistry();
      faults.add({ provider: 'wessaal', kind: 'error', probability: 0.5, seed }, NOW);
      return Array.from({ length: 40 }, () => faults.match('wessaal', 'GET', '/', '/wessaal/') !== undefined);
    };
    const first = pattern(42);
    expect(pattern(42)).toEqual(first);
    expect(pattern(7)).not.toEqual(first);
    const hits = first.filter(Boolean).length;
    expect(hits).toBeGreaterThan(8);
    expect(hits).toBeLessThan(32);
  });

  it('lists and removes by id', () => {
    const faults = new FaultRegistry();
    const a = faults.add({ provider: 'wutt', kind: 'hang' }, NOW);
    faults.add({ provider: 'wutt', kind: 'reset' }, NOW);
    expect(faults.list().map((f) => f.kind)).toEqual(['hang', 'reset']);
    expect(faults.remove(a.id)).toBe(true);
    expect(faults.remove(a.id)).toBe(false);
    expect(faults.list()).toHaveLength(1);
  });
});
