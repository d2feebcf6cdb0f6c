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
    expect(parseVendorDate('2024-07-01T12:00:00+02:00', 'America/New_York')?.toISOString()).toBe('2024-07-01T10:00:00.000Z');
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
