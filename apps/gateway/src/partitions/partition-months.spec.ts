import {
  createPartitionSql,
  monthOfPartition,
  monthStart,
  monthsToEnsure,
  partitionName,
} from './partition-months.js';

describe('monthly partitions', () => {
  it('start at the first of the month, UTC, across a year end', () => {
    expect(monthStart(new Date('2026-12-31T23:59:59.999Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(monthStart(new Date('2026-12-31T23:59:59.999Z'), 1).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    // 00:30 on the 1st in UTC+1 is still the previous month in UTC.
    expect(monthStart(new Date('2027-01-01T00:30:00+01:00')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('are named <table>_pYYYYMM, and the name gives the month back', () => {
    const month = new Date('2027-02-01T00:00:00Z');
    expect(partitionName('messages', month)).toBe('messages_p202702');
    expect(monthOfPartition('messages', 'messages_p202702')).toEqual(month);
    expect(monthOfPartition('messages', 'messages_default')).toBeNull();
    expect(monthOfPartition('messages', 'status_changes_p202702')).toBeNull();
    expect(monthOfPartition('messages', 'messages_p202713')).toBeNull();
  });

  it('are ensured for the current month and the months ahead', () => {
    expect(
      monthsToEnsure(new Date('2026-11-15T10:00:00Z'), 3).map((m) => partitionName('messages', m)),
    ).toEqual(['messages_p202611', 'messages_p202612', 'messages_p202701', 'messages_p202702']);
  });

  it('cover [first of the month, first of the next) in the DDL', () => {
    expect(createPartitionSql('inbound_messages', new Date('2026-12-01T00:00:00Z'))).toMatch(
      /"inbound_messages_p202612" PARTITION OF "inbound_messages"\s+FOR VALUES FROM \('2026-12-01T00:00:00.000Z'\) TO \('2027-01-01T00:00:00.000Z'\)/,
    );
  });
});
