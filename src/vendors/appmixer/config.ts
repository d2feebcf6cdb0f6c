/**
 * Appmixer settings from the environment: the tenant's API root and the user the gateway signs in
 * as (`POST /user/auth` takes a username or an email, plus the password).
 */
import { z } from 'zod';
import { int } from '../../env-schema.js';
import type { SettingsResult } from '../../kit/vendor.js';

const url = z.string().url('expected an absolute http(s) URL').refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL');

export const appmixerEnv = z.object({
  /** Tenant API root, e.g. https://api.YOUR_TENANT.appmixer.cloud */
  APPMIXER_BASE_URL: url.optional(),
  /** The user's username (often an email address); sent as `username`. */
  APPMIXER_USERNAME: z.string().min(1).optional(),
  /** Alternative to APPMIXER_USERNAME: sign in with `email` instead. */
  APPMIXER_EMAIL: z.string().email('expected an email address').optional(),
  APPMIXER_PASSWORD: z.string().min(1).optional(),
  /** Sign in again this many seconds before the token's `exp` (tokens last about 30 days). */
  APPMIXER_TOKEN_REFRESH_SKEW_S: z.coerce.number({ invalid_type_error: 'expected a number of seconds' }).int().min(0).optional(),
  /** Calls one loader batch may have in flight (Appmixer has no batch reads and publishes no limit). */
  APPMIXER_MAX_CONCURRENCY: int('an integer', 1, 256).optional(),
});

export type AppmixerEnv = z.infer<typeof appmixerEnv>;

/** Who the gateway signs in as: Appmixer accepts either identifier. */
export type AppmixerLogin = { username: string } | { email: string };

export interface AppmixerSettings {
  baseUrl: string;
  login: AppmixerLogin;
  password: string;
  refreshSkewMs: number;
  /** Parallel calls one loader batch may have in flight. */
  maxConcurrency: number;
}

/** Default parallel calls per loader batch: enough for a page of flows in one round trip. */
export const APPMIXER_DEFAULT_CONCURRENCY = 16;

export const APPMIXER_SECRETS = ['APPMIXER_PASSWORD'] as const;

/** Reads the settings, naming the variables that are still missing. */
export function appmixerSettings(env: AppmixerEnv): SettingsResult<AppmixerSettings> {
  const missing: string[] = [];
  if (!env.APPMIXER_BASE_URL) missing.push('APPMIXER_BASE_URL');
  if (!env.APPMIXER_USERNAME && !env.APPMIXER_EMAIL) missing.push('APPMIXER_USERNAME');
  if (!env.APPMIXER_PASSWORD) missing.push('APPMIXER_PASSWORD');
  if (missing.length > 0 || !env.APPMIXER_BASE_URL || !env.APPMIXER_PASSWORD) return { missing };
  return {
    settings: {
      baseUrl: env.APPMIXER_BASE_URL.replace(/\/+$/, ''),
      login: env.APPMIXER_USERNAME ? { username: env.APPMIXER_USERNAME } : { email: env.APPMIXER_EMAIL! },
      password: env.APPMIXER_PASSWORD,
      refreshSkewMs: (env.APPMIXER_TOKEN_REFRESH_SKEW_S ?? 3600) * 1000,
      maxConcurrency: env.APPMIXER_MAX_CONCURRENCY ?? APPMIXER_DEFAULT_CONCURRENCY,
    },
  };
}
