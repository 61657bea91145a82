import {
  createdAtBounds,
  createdAtOfId,
  isTimeOrderedId,
  messageKeyWhere,
  newMessageId,
  timeOfId,
} from './message-key.js';

const V4 = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('message keys', () => {
  it('gives new messages UUIDv7 ids whose time is now, in increasing order', () => {
    const before = Date.now();
    const ids = Array.from({ length: 50 }, () => newMessageId());
    const after = Date.now();
    for (const id of ids) {
      expect(isTimeOrderedId(id)).toBe(true);
      const at = createdAtOfId(id).getTime();
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after + 1);
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('reads the millisecond of a v7 id, and no time from a v4 id', () => {
    // The first 48 bits of the id are the Unix time in milliseconds (RFC 9562).
    const ms = Date.UTC(2026, 11, 1, 0, 0, 0, 123).toString(16).padStart(12, '0');
    const id = `${ms.slice(0, 8)}-${ms.slice(8)}-7abc-8def-0123456789ab`;
    expect(createdAtOfId(id).toISOString()).toBe('2026-12-01T00:00:00.123Z');
    expect(isTimeOrderedId(V4)).toBe(false);
    expect(timeOfId(V4)).toBeNull();
    expect(() => createdAtOfId(V4)).toThrow(/not a time-ordered/);
    expect(isTimeOrderedId('not-a-uuid')).toBe(false);
  });

  it('bounds created_at to the ids of one statement, or not at all when one id has no time', () => {
    const a = '01890a5d-ac96-774b-bcce-b302099a8057';
    const b = '01890a5d-ad00-7000-8000-000000000000';
    expect(createdAtBounds([b, a])).toEqual([createdAtOfId(a), createdAtOfId(b)]);
    expect(createdAtBounds([a, V4])).toEqual(['-infinity', 'infinity']);
    expect(createdAtBounds([])).toEqual(['-infinity', 'infinity']);
  });

  it('adds created_at to a where by id only when the id has a time', () => {
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(messageKeyWhere(id)).toEqual({ id, createdAt: createdAtOfId(id) });
    expect(messageKeyWhere(V4)).toEqual({ id: V4 });
  });
});
