/**
 * flexiPIM settings from the environment: each customer has its own instance (base URL) and one
 * static API token, sent in a header literally named `token`.
 */
import { z } from 'zod';
import { isTimeZone } from '../../dates.js';
import type { SettingsResult } from '../../kit/vendor.js';

const url = z.string().url('expected an absolute http(s) URL').refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL');

export const flexipimEnv = z.object({
  /** API root including the version, e.g. https://acme.flexipim.com/api/v2 */
  FLEXIPIM_BASE_URL: url.optional(),
  /** The instance's API token (Site Info → API Token). */
  FLEXIPIM_TOKEN: z.string().min(1, 'expected the flexiPIM API token').optional(),
  /** Time zone of flexiPIM's wall-clock dates (`2023-01-12 09:41:07`); the gateway default when unset. */
  FLEXIPIM_TIMEZONE: z.string().refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Amsterdam').optional(),
  /**
   * Method of /checkConnection: the docs list POST but their sample sends GET. POST by default,
   * like every other flexiPIM call.
   */
  FLEXIPIM_CHECK_CONNECTION_METHOD: z.enum(['GET', 'POST'], { errorMap: () => ({ message: 'expected GET or POST' }) }).optional(),
  /** Largest `rec_limit` the gateway asks for in one call (not documented; 100 by default). */
  FLEXIPIM_MAX_PAGE_SIZE: z.coerce.number({ invalid_type_error: 'expected a whole number' }).int('expected a whole number').min(1).max(1000).optional(),
});

export type FlexipimEnv = z.infer<typeof flexipimEnv>;

export interface FlexipimSettings {
  baseUrl: string;
  token: string;
  timeZone: string;
  checkConnectionMethod: 'GET' | 'POST';
  maxPageSize: number;
}

export const FLEXIPIM_SECRETS = ['FLEXIPIM_TOKEN'] as const;

/** Reads the settings, naming the variables that are missing. */
export function flexipimSettings(env: FlexipimEnv, defaultTimeZone: string): SettingsResult<FlexipimSettings> {
  const missing: string[] = [];
  if (!env.FLEXIPIM_BASE_URL) missing.push('FLEXIPIM_BASE_URL');
  if (!env.FLEXIPIM_TOKEN) missing.push('FLEXIPIM_TOKEN');
  if (!env.FLEXIPIM_BASE_URL || !env.FLEXIPIM_TOKEN) return { missing };
  return {
    settings: {
      baseUrl: env.FLEXIPIM_BASE_URL.replace(/\/+$/, ''),
      token: env.FLEXIPIM_TOKEN,
      timeZone: env.FLEXIPIM_TIMEZONE ?? defaultTimeZone,
      checkConnectionMethod: env.FLEXIPIM_CHECK_CONNECTION_METHOD ?? 'POST',
      maxPageSize: env.FLEXIPIM_MAX_PAGE_SIZE ?? 100,
    },
  };
}
