/**
 * How deep a JSON value nests, checked without risking the stack: the walk stops at the limit, so
 * its recursion is bounded by it (an explicit stack above 1000 levels).
 */

/** Whether `value` nests arrays/objects deeper than `max` levels (`[[1]]` nests 2). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  // The usual limits: a walk that allocates nothing. Very high limits: the explicit stack below.
  if (max <= 1000) return deeperThan(value, max);
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * True when the object `value` holds objects nested more than `levels` deep (recursion ≤ `levels`).
 * `for…in` also visits enumerable inherited keys, which parsed JSON does not have; one would only
 * be walked too, never skipped.
 */
function deeperThan(value: object, levels: number): boolean {
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child !== null && typeof child === 'object' && deeperThan(child, levels - 1)) return true;
    }
  } else {
    for (const key in value) {
      const child: unknown = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object' && deeperThan(child, levels - 1)) return true;
    }
  }
  return false;
}
