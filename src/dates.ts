/**
 * Vendor wall-clock strings (`2016-05-03 11:47:38`, `31-12-2017 12:00:00`) read in the vendor's
 * time zone, and Dates written back in a vendor's format.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and every
 * date of every vendor item goes through here (the benchmarks found it the gateway's top cost).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    // Zones come from config and vendor data (an environment's time zone): few, but not ours to bound.
    if (formatters.size >= 256) formatters.clear();
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** A quarter of an hour: every zone's offset changes only on such a boundary (in UTC). */
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * Offsets already computed, by zone and quarter hour. `formatToParts` is the costly step and a
 * list of vendor items shares a handful of quarter hours, so most dates are a map lookup.
 */
const offsets = new Map<string, number>();

/** Offset of `zone` from UTC at `utcMs`, in milliseconds. */
function zoneOffset(utcMs: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const key = `${zone}\n${Math.floor(utcMs / QUARTER_HOUR_MS)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const parts = formatterFor(zone).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  // Whole seconds: the formatter does not show milliseconds.
  const second = Math.floor(utcMs / 1000) * 1000;
  const offset =
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - second;
  if (offsets.size >= 4096) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * Parses a vendor date. Strings with a zone (ISO 8601) keep it; wall-clock strings are read in
 * `zone`. Empty strings, zero dates and garbage give null.
 */
export function parseVendorDate(value: unknown, zone = 'UTC'): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return new Date(value > 1e12 ? value : value * 1000);
  const text = String(value).trim();
  if (/^0000-00-00/.test(text)) return null;
  const m = WALL.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s] = m;
    const hours = Number(h);
    // "24:00:00" appears in Flowize's docs as the end of a day.
    const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), hours, Number(mi), Number(s ?? 0));
    const guess = naive - zoneOffset(naive, zone);
    return new Date(naive - zoneOffset(guess, zone));
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Formats `date` as `YYYY-MM-DD HH:mm:ss` wall-clock time in `zone`. */
export function formatWallClock(date: Date, zone = 'UTC'): string {
  const shifted = new Date(date.getTime() + zoneOffset(date.getTime(), zone));
  return shifted.toISOString().replace('T', ' ').slice(0, 19);
}

/** Zones already checked (config values and vendor data: few, looked up per item). */
const zoneValidity = new Map<string, boolean>();

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  const known = zoneValidity.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    formatterFor(zone);
    valid = true;
  } catch {
    valid = false;
  }
  if (zoneValidity.size >= 1024) zoneValidity.clear();
  zoneValidity.set(zone, valid);
  return valid;
}
