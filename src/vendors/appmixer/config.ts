/**
 * Appmixer settings from the environment: the tenant's API root and the user the gateway signs in
 * as (`POST /user/auth` takes a username or an email, plus the password).
 */
import { z } from 'zod';
import { fallback, int, requireVars, wholeNumber } from '../../env-schema.js';
import { apiRoot, baseUrlVar, settingsOf, textVar, vendorConfig } from '../../kit/vendor-config.js';
import type { SettingsResult } from '../../kit/vendor.js';

/** Default parallel calls per loader batch: enough for a page of flows in one round trip. */
export const APPMIXER_DEFAULT_CONCURRENCY = 16;

/** Seconds before the token's `exp` the gateway signs in again, when unset. */
const DEFAULT_REFRESH_SKEW_S = 3600;

export const appmixerEnv = z.object({
  APPMIXER_BASE_URL: baseUrlVar('Tenant API root, e.g. `https://api.YOUR_TENANT.appmixer.cloud`. Required.'),
  APPMIXER_USERNAME: textVar(
    "The user's username (often an email address), sent as `username` to `POST /user/auth`. Required unless APPMIXER_EMAIL is set.",
  ),
  APPMIXER_EMAIL: z
    .string()
    .email('expected an email address')
    .optional()
    .describe('Alternative to APPMIXER_USERNAME: sign in with `email` instead.'),
  APPMIXER_PASSWORD: textVar("The user's password, sent only in the sign-in body. Required."),
  APPMIXER_TOKEN_REFRESH_SKEW_S: fallback(
    wholeNumber('expected a number of seconds', { min: 0 }).describe(
      "Sign in again this many seconds before the token's JWT `exp` (tokens last about 30 days).",
    ),
    DEFAULT_REFRESH_SKEW_S,
  ),
  APPMIXER_MAX_CONCURRENCY: fallback(
    int('an integer', 1, 256).describe(
      'Calls one loader batch may have in flight (Appmixer has no batch reads and publishes no rate limit).',
    ),
    APPMIXER_DEFAULT_CONCURRENCY,
  ),
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

export const APPMIXER_SECRETS = ['APPMIXER_PASSWORD'] as const;

/** Reads the settings, naming the variables that are still missing. */
export function appmixerSettings(env: AppmixerEnv): SettingsResult<AppmixerSettings> {
  const required = requireVars(env, [
    'APPMIXER_BASE_URL',
    { anyOf: ['APPMIXER_USERNAME', 'APPMIXER_EMAIL'], as: 'APPMIXER_USERNAME' },
    'APPMIXER_PASSWORD',
  ]);
  return settingsOf(required, (values) => ({
    baseUrl: apiRoot(values.APPMIXER_BASE_URL),
    login: values.APPMIXER_USERNAME ? { username: values.APPMIXER_USERNAME } : { email: values.APPMIXER_EMAIL! },
    password: values.APPMIXER_PASSWORD,
    refreshSkewMs: (env.APPMIXER_TOKEN_REFRESH_SKEW_S ?? DEFAULT_REFRESH_SKEW_S) * 1000,
    maxConcurrency: env.APPMIXER_MAX_CONCURRENCY ?? APPMIXER_DEFAULT_CONCURRENCY,
  }));
}

/** The appmixer configuration part of the vendor module: variables, secrets, base-URL variable, settings. */
export const appmixerConfig = vendorConfig('appmixer', appmixerEnv, APPMIXER_SECRETS, (env) => appmixerSettings(env));
