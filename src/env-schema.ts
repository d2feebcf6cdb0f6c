/**
 * zod building blocks for environment variables, shared by every config section so that the same
 * kind of value is read, and refused with the same words, everywhere. Each variable carries its
 * human description with `.describe()`; `scripts/print-config-docs.ts` prints them, with the type
 * and default read from the schema, into docs/configuration.md.
 */
import { z } from 'zod';
import { isTimeZone } from './dates.js';

/** What the configuration reference shows beyond the zod shape itself. */
export interface EnvDoc {
  /** The kind of value, when the schema alone cannot say (a refinement, a transform). */
  type?: string;
  /** What the variable's reader uses when it is unset, when that is not a zod `.default()`. */
  default?: string;
}

const docs = new WeakMap<z.ZodTypeAny, EnvDoc>();

/**
 * Attaches documentation notes to `schema` itself (see {@link typed} for when a note survives);
 * e.g. a zod default that the reader overrides in some mode.
 */
export function documented<T extends z.ZodTypeAny>(schema: T, doc: EnvDoc): T {
  return annotate(schema, doc);
}

function annotate<T extends z.ZodTypeAny>(schema: T, doc: EnvDoc): T {
  docs.set(schema, { ...docs.get(schema), ...doc });
  return schema;
}

/**
 * The documentation notes of a schema: the ones attached to it or to any schema it wraps
 * (optional, default, refinements), the outermost winning.
 */
export function envDoc(schema: z.ZodTypeAny): EnvDoc {
  const chain: z.ZodTypeAny[] = [];
  for (let s: z.ZodTypeAny | undefined = schema; s; s = innerOf(s)) chain.push(s);
  return chain.reverse().reduce<EnvDoc>((doc, s) => ({ ...doc, ...docs.get(s) }), {});
}

/** The schema one wrapper (optional, nullable, default, refinement or transform) holds. */
export function innerOf(schema: z.ZodTypeAny): z.ZodTypeAny | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return schema.unwrap() as z.ZodTypeAny;
  if (schema instanceof z.ZodDefault) return schema.removeDefault() as z.ZodTypeAny;
  if (schema instanceof z.ZodEffects) return schema.innerType() as z.ZodTypeAny;
  return undefined;
}

/**
 * An optional variable whose reader applies `shown` when it is unset (in code, because the value
 * depends on other settings or must stay `undefined` for the sandbox to fill in). Describe the
 * schema before passing it: the description carries over, a later `.describe()` would drop `shown`.
 */
export function fallback<T extends z.ZodTypeAny>(schema: T, shown: string | number | boolean): z.ZodOptional<T> {
  return annotate(schema.optional(), { default: String(shown) });
}

const BOOLEAN_WORDS = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
  errorMap: () => ({ message: 'expected a boolean (true|false|1|0)' }),
});
annotate(BOOLEAN_WORDS, { type: 'boolean (`true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`)' });

/** A boolean written as true|false|1|0|yes|no|on|off. */
export const bool = BOOLEAN_WORDS.transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** An integer between `min` and `max`, described as `what` in errors. */
export const int = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ invalid_type_error: `expected ${what}` })
    .int(`expected ${what}`)
    .min(min, `expected ${what} of at least ${min}`)
    .max(max, `expected ${what} of at most ${max}`);

/**
 * A whole number (`expected` is the whole error message for anything else); `min`/`max` keep
 * zod's own wording.
 */
export function wholeNumber(expected = 'expected a whole number', bounds: { min?: number; max?: number } = {}) {
  let schema = z.coerce.number({ invalid_type_error: expected }).int(expected);
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return schema;
}

/** A number of milliseconds, at least `min`. */
export const ms = (min = 0) => int('a number of milliseconds', min);

/** A TCP port (0 picks a free one). */
export const port = z.coerce
  .number({ invalid_type_error: 'expected a port number' })
  .int('expected an integer port')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');

/** An absolute http(s) URL (a vendor's API root or endpoint). */
export function httpUrl() {
  return annotate(z.string().url('expected an absolute http(s) URL'), { type: 'absolute http(s) URL' }).refine(
    (u) => /^https?:\/\//i.test(u),
    'expected an http(s) URL',
  );
}

/** An IANA time zone name (`UTC`, `Europe/Amsterdam`), checked against this runtime's zone data. */
export function timeZone() {
  return annotate(z.string(), { type: 'IANA time zone' }).refine(isTimeZone, {
    message: 'expected an IANA time zone such as UTC or Europe/Amsterdam',
  });
}

/**
 * Marks the kind of value a schema holds when the schema cannot say it (refinements). Wrapping the
 * result keeps the mark; adding a check or a description to the marked schema itself makes a copy
 * without it, so mark last (before `.optional()`, `.refine()` or `fallback()`).
 */
export function typed<T extends z.ZodTypeAny>(schema: T, type: string): T {
  return annotate(schema, { type });
}

/** A group of variables of which any one will do, reported as `as` when all are unset. */
export interface AnyOf<K extends string> {
  anyOf: readonly K[];
  as: string;
}

/** The required variables, all present, with their narrowed types. */
export type PresentVars<E, K extends keyof E> = E & { [P in K]-?: NonNullable<E[P]> };

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The "is this vendor configured" check of a vendor's `settings()`: `{ missing }` naming the unset
 * variables in the order given (a vendor without them answers VENDOR_NOT_CONFIGURED), or the
 * variables with the required ones narrowed to present. A group `{ anyOf, as }` is missing only
 * when all of its variables are, and is reported as `as`.
 */
export function requireVars<E extends object, K extends keyof E & string = never>(
  env: E,
  required: readonly (K | AnyOf<keyof E & string>)[],
): { missing: string[] } | { values: PresentVars<E, K> } {
  const read = env as Record<string, unknown>;
  const missing: string[] = [];
  for (const r of required) {
    if (typeof r === 'string') {
      if (!isSet(read[r])) missing.push(r);
    } else if (!r.anyOf.some((name) => isSet(read[name]))) missing.push(r.as);
  }
  return missing.length > 0 ? { missing } : { values: env as PresentVars<E, K> };
}
