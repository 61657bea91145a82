import nock from 'nock';

/**
 * The nock lifecycle of a client spec (call it inside a describe): no real network while it runs, every interceptor
 * consumed by the end of each test, and nock's interceptor removed at the end, because later files in the same jest
 * worker make real requests (node:http, which nock patches) and a leftover interceptor would refuse them.
 */
export function useNock(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate(); // a previous describe of this file restored it
    nock.disableNetConnect();
  });
  afterEach(() => {
    // finally: one unmatched mock must not leak into the next test's failure.
    try {
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      nock.cleanAll();
    }
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
