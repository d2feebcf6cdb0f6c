/**
 * zod building blocks for environment variables, shared by every config section so that the same
 * kind of value is read, and refused with the same words, everywhere.
 */
import { z } from 'zod';

/** A boolean written as true|false|1|0|yes|no|on|off. */
export const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    errorMap: () => ({ message: 'expected a boolean (true|false|1|0)' }),
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** An integer between `min` and `max`, described as `what` in errors. */
export const int = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ invalid_type_error: `expected ${what}` })
    .int(`expected ${what}`)
    .min(min, `expected ${what} of at least ${min}`)
    .max(max, `expected ${what} of at most ${max}`);

/** A number of milliseconds, at least `min`. */
export const ms = (min = 0) => int('a number of milliseconds', min);

/** A TCP port (0 picks a free one). */
export const port = z.coerce
  .number({ invalid_type_error: 'expected a port number' })
  .int('expected an integer port')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');
