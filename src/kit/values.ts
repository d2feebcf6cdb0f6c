/**
 * Lenient readers for vendor values that may come as text, numbers or nothing: vendors send ids
 * and counts as numbers or numeric strings, and an empty form field (`''`) as often as `null`.
 * Each reader maps "no value" (`''`, `null`, `undefined`) to `null` for the GraphQL side.
 */

/** `''`, `null` and `undefined`: what vendors send for "no value". */
function isBlank(value: unknown): value is '' | null | undefined {
  return value === '' || value === null || value === undefined;
}

/** A value as text (`12` → `"12"`), or null when there is none. */
export function textOrNull(value: unknown): string | null {
  return isBlank(value) ? null : String(value);
}

/** A value as a whole number (`"12.7"` → `12`), or null when there is none or it is not a number. */
export function intOrNull(value: unknown): number | null {
  if (isBlank(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}
