/**
 * `VENDORGRAPH_WORKERS`: how many gateway processes serve the one port. A number (1 = no
 * cluster, the default) or `auto` for one per core (`os.availableParallelism()`).
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** The most workers one primary starts (beyond that, run more instances). */
export const MAX_WORKERS = 64;

export const workersEnv = z
  .string()
  .refine(
    (v) => v === 'auto' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_WORKERS),
    `expected a number of workers from 1 to ${MAX_WORKERS}, or auto`,
  )
  .transform((v) => (v === 'auto' ? Math.min(MAX_WORKERS, availableParallelism()) : Number(v)))
  .default('1');
