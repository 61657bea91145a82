import { sinceMonthSql, withinMonthsSql } from './message-months.js';

const V4 = '3b241101-e2bb-4255-8caf-4136c566a962';

/** A UUIDv7 whose time is `at` (the first 48 bits, RFC 9562). */
function idAt(at: string): string {
  const ms = Date.parse(at).toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7abc-8def-0123456789ab`;
}

describe('message months as SQL constants', () => {
  it("bounds a column to the whole UTC months of the ids' times", () => {
    expect(withinMonthsSql('created_at', [idAt('2026-12-15T10:00:00.000Z')])).toBe(
      " AND created_at >= '2026-12-01T00:00:00.000Z'::timestamptz" +
        " AND created_at < '2027-01-01T00:00:00.000Z'::timestamptz",
    );
    // The first and last instants of a month stay in it; ids of several months span them all.
    expect(
      withinMonthsSql('m.created_at', [idAt('2026-11-30T23:59:59.999Z'), idAt('2026-09-01T00:00:00.000Z')]),
    ).toBe(
      " AND m.created_at >= '2026-09-01T00:00:00.000Z'::timestamptz" +
        " AND m.created_at < '2026-12-01T00:00:00.000Z'::timestamptz",
    );
  });

  it("bounds a column from the first id's month on", () => {
    expect(sinceMonthSql('at', [idAt('2027-01-01T00:00:00.000Z')])).toBe(
      " AND at >= '2027-01-01T00:00:00.000Z'::timestamptz",
    );
  });

  it('adds nothing when an id has no time (v4) or there is none', () => {
    expect(withinMonthsSql('created_at', [V4])).toBe('');
    expect(withinMonthsSql('created_at', [idAt('2026-12-15T10:00:00.000Z'), V4])).toBe('');
    expect(sinceMonthSql('at', [V4])).toBe('');
    expect(withinMonthsSql('created_at', [])).toBe('');
  });
});
