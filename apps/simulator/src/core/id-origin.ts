/** 2025-01-01T00:00:00Z: provider ids count from here so they stay far below Number.MAX_SAFE_INTEGER. */
const ID_EPOCH_MS = Date.UTC(2025, 0, 1);

/** Room for this many ids per millisecond of wall time; the simulator hands out well under 100 per millisecond. */
export const IDS_PER_MS = 1_000;

/**
 * Where a provider's numeric id sequence starts, derived from the start time (no counter file to keep or lose):
 * `(ms since 2025-01-01) x 1,000`. A later start begins above every id an earlier run could have handed out as long
 * as that run stayed under 1,000 ids per millisecond of its life, so ids never repeat across restarts (a real
 * provider never reuses them, and the gateway rightly deduplicates by them). Ids are 14 digits, safe in JSON and
 * in a double (Number.MAX_SAFE_INTEGER is reached in the year 2310).
 */
export function restartSafeIdStart(nowMs: number = Date.now()): number {
  return Math.max(0, Math.floor(nowMs) - ID_EPOCH_MS) * IDS_PER_MS;
}
