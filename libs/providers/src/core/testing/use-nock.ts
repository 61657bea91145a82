import nock from 'nock';

/** This machine's own test servers (a resetting server, say) stay reachable; nothing beyond it is. */
const LOOPBACK = /^127\.0\.0\.1:\d+$/;

/**
 * The nock lifecycle of a client spec (call it inside a describe): no real network beyond loopback while it runs,
 * every interceptor consumed by the end of each test, nothing of a test left running into the next, and nock's
 * interceptor removed at the end, because later files in the same jest worker make real requests (node:http, which
 * nock patches) and a leftover interceptor would wrap theirs (test/support/http-patch-guard.ts fails such a file).
 */
export function useNock(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate(); // a previous describe of this file restored it
    nock.disableNetConnect();
    nock.enableNetConnect(LOOPBACK);
  });
  afterEach(() => {
    // finally: one unmatched mock must not leak into the next test's failure.
    try {
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      // A timeout test gives up before its delayed reply: that reply's timer would otherwise fire in a later test.
      nock.abortPendingRequests();
      nock.cleanAll();
    }
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
