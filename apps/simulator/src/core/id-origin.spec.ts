import { IDS_PER_MS, restartSafeIdStart } from './id-origin.js';

describe('restartSafeIdStart', () => {
  it('starts a later run above every id an earlier run handed out at under 1,000 ids per millisecond', () => {
    const firstStart = Date.UTC(2026, 11, 2, 16, 0, 0);
    const lifeMs = 60_000;
    const lastIdOfFirstRun = restartSafeIdStart(firstStart) + lifeMs * (IDS_PER_MS - 1);
    const restartedAfterOneSecond = firstStart + lifeMs + 1_000;
    expect(restartSafeIdStart(restartedAfterOneSecond)).toBeGreaterThan(lastIdOfFirstRun);
  });

  it('stays a safe integer for centuries', () => {
    const id = restartSafeIdStart(Date.UTC(2300, 0, 1));
    expect(Number.isSafeInteger(id)).toBe(true);
  });
});
