import { describe, expect, it } from 'vitest';
import { formatWallClock, parseVendorDate } from '../../src/dates.js';

describe('parseVendorDate', () => {
  it('reads wall-clock strings in UTC by default', () => {
    expect(parseVendorDate('2024-07-01 12:00:00')?.toISOString()).toBe('2024-07-01T12:00:00.000Z');
  });

  it('reads wall-clock strings in the vendor time zone, summer and winter alike', () => {
    expect(parseVendorDate('2024-07-01 12:00:00', 'Europe/Amsterdam')?.toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(parseVendorDate('2024-01-15 12:00:00', 'Europe/Amsterdam')?.toISOString()).toBe('2024-01-15T11:00:00.000Z');
    expect(parseVendorDate('2024-01-15 12:00:00', 'America/New_York')?.toISOString()).toBe('2024-01-15T17:00:00.000Z');
    // The same zone again (its formatter is reused) gives the same answer.
    expect(parseVendorDate('2024-07-01 12:00:00', 'Europe/Amsterdam')?.toISOString()).toBe('2024-07-01T10:00:00.000Z');
  });

  it('keeps the zone of ISO strings and gives null for empty and zero dates', () => {
    expect(parseVendorDate('2024-07-01T12:00:00+02:00', 'America/New_York')?.toISOString()).toBe(
      '2024-07-01T10:00:00.000Z',
    );
    expect(parseVendorDate('')).toBeNull();
    expect(parseVendorDate('0000-00-00 00:00:00')).toBeNull();
  });
});

describe('formatWallClock', () => {
  it('writes a Date as wall-clock time in the vendor time zone', () => {
    expect(formatWallClock(new Date('2024-07-01T10:00:00Z'), 'Europe/Amsterdam')).toBe('2024-07-01 12:00:00');
    expect(formatWallClock(new Date('2024-07-01T10:00:00Z'))).toBe('2024-07-01 10:00:00');
  });
});

describe('offsets around daylight-saving changes', () => {
  it('reads wall-clock times on both sides of a change, with the offsets cached per quarter hour', () => {
    // Amsterdam springs forward at 01:00 UTC on 2024-03-31 and falls back at 01:00 UTC on 2024-10-27.
    expect(parseVendorDate('2024-03-31 01:59:59', 'Europe/Amsterdam')?.toISOString()).toBe('2024-03-31T00:59:59.000Z');
    expect(parseVendorDate('2024-03-31 03:00:00', 'Europe/Amsterdam')?.toISOString()).toBe('2024-03-31T01:00:00.000Z');
    expect(parseVendorDate('2024-10-27 04:00:00', 'Europe/Amsterdam')?.toISOString()).toBe('2024-10-27T03:00:00.000Z');
    // Lord Howe Island moves by half an hour; Kathmandu sits at +05:45.
    expect(parseVendorDate('2024-07-01 12:00:00', 'Australia/Lord_Howe')?.toISOString()).toBe(
      '2024-07-01T01:30:00.000Z',
    );
    expect(parseVendorDate('2024-07-01 12:00:00', 'Asia/Kathmandu')?.toISOString()).toBe('2024-07-01T06:15:00.000Z');
  });

  it('writes back every quarter hour of a change day as it reads it', () => {
    for (let t = Date.UTC(2024, 9, 26, 20); t < Date.UTC(2024, 9, 27, 6); t += 7 * 60_000 + 13_000) {
      const wall = formatWallClock(new Date(t), 'America/New_York');
      const back = parseVendorDate(wall, 'America/New_York')!.getTime();
      // A wall time in the repeated hour is ambiguous; it reads back to one of its two instants.
      expect([t, t - 3_600_000, t + 3_600_000]).toContain(back);
      expect(formatWallClock(new Date(back), 'America/New_York')).toBe(wall);
    }
  });
});
