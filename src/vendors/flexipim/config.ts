/**
 * flexiPIM settings from the environment: each customer has its own instance (base URL) and one
 * static API token, sent in a header literally named `token`.
 */
import { z } from 'zod';
import { fallback, requireVars, timeZone, wholeNumber } from '../../env-schema.js';
import { apiRoot, baseUrlVar, choiceVar, settingsOf, textVar, vendorConfig } from '../../kit/vendor-config.js';
import type { SettingsResult } from '../../kit/vendor.js';

/** Largest `rec_limit` asked for when FLEXIPIM_MAX_PAGE_SIZE is unset. */
const DEFAULT_MAX_PAGE_SIZE = 100;

export const flexipimEnv = z.object({
  FLEXIPIM_BASE_URL: baseUrlVar(
    'Instance API root including the version, e.g. `https://acme.flexipim.com/api/v2`. Required.',
  ),
  FLEXIPIM_TOKEN: textVar(
    "The instance's API token (Site Info → API Token), sent in the `token` header. Required.",
    'expected the flexiPIM API token',
  ),
  FLEXIPIM_TIMEZONE: fallback(
    timeZone().describe("Time zone of flexiPIM's wall-clock dates (`2023-01-12 09:41:07`)."),
    'VENDORGRAPH_DEFAULT_TIMEZONE',
  ),
  FLEXIPIM_CHECK_CONNECTION_METHOD: fallback(
    choiceVar(
      ['GET', 'POST'],
      'Method of `/checkConnection`: the docs list POST but their sample sends GET; POST, like every other flexiPIM call, unless set.',
    ),
    'POST',
  ),
  FLEXIPIM_MAX_PAGE_SIZE: fallback(
    wholeNumber('expected a whole number', { min: 1, max: 1000 }).describe(
      'Largest `rec_limit` the gateway asks for in one call (flexiPIM documents no maximum).',
    ),
    DEFAULT_MAX_PAGE_SIZE,
  ),
  FLEXIPIM_ENTITY_CHANNEL: z
    .string()
    .regex(/^\d{1,18}$/, 'expected a numeric flexiPIM channel id')
    .optional()
    .describe(
      'Channel a federation representation of FlexipimProduct without `channel` is read in (subgraph mode, docs/federation.md); without it such representations are refused.',
    ),
});

export type FlexipimEnv = z.infer<typeof flexipimEnv>;

export interface FlexipimSettings {
  baseUrl: string;
  token: string;
  timeZone: string;
  checkConnectionMethod: 'GET' | 'POST';
  maxPageSize: number;
  /** Channel of FlexipimProduct entities referenced by id alone. */
  entityChannel?: string;
}

export const FLEXIPIM_SECRETS = ['FLEXIPIM_TOKEN'] as const;

/** Reads the settings, naming the variables that are missing. */
export function flexipimSettings(env: FlexipimEnv, defaultTimeZone: string): SettingsResult<FlexipimSettings> {
  return settingsOf(requireVars(env, ['FLEXIPIM_BASE_URL', 'FLEXIPIM_TOKEN']), (values) => ({
    baseUrl: apiRoot(values.FLEXIPIM_BASE_URL),
    token: values.FLEXIPIM_TOKEN,
    timeZone: env.FLEXIPIM_TIMEZONE ?? defaultTimeZone,
    checkConnectionMethod: env.FLEXIPIM_CHECK_CONNECTION_METHOD ?? 'POST',
    maxPageSize: env.FLEXIPIM_MAX_PAGE_SIZE ?? DEFAULT_MAX_PAGE_SIZE,
    entityChannel: env.FLEXIPIM_ENTITY_CHANNEL,
  }));
}

/** The flexipim configuration part of the vendor module: variables, secrets, base-URL variable, settings. */
export const flexipimConfig = vendorConfig('flexipim', flexipimEnv, FLEXIPIM_SECRETS, (env, deps) =>
  flexipimSettings(env, deps.timeZone),
);
