/**
 * Flxpoint settings from the environment. Flxpoint has three token types with separate scopes —
 * one Account token for the workspace, one Source token per supplier/warehouse, one Channel token
 * per sales or reseller channel — and a published limit of 2 requests/second per token.
 */
import { z } from 'zod';
import { fallback, requireVars, timeZone, typed, wholeNumber } from '../../env-schema.js';
import { apiRoot, baseUrlVar, choiceVar, settingsOf, textVar, vendorConfig } from '../../kit/vendor-config.js';
import type { SettingsResult } from '../../kit/vendor.js';

const TOKEN_LIST = /^\s*[A-Za-z0-9_-]+\s*=\s*[^\s,=]+\s*(?:,\s*[A-Za-z0-9_-]+\s*=\s*[^\s,=]+\s*)*$/;

/** `id=token,id=token` (the value is never echoed in errors). */
const tokenList = () =>
  typed(z.string(), 'comma-separated `id=token` pairs').refine(
    (v) => TOKEN_LIST.test(v),
    'expected a comma-separated list of id=token pairs, e.g. 101=abc,102=def',
  );

/** Flxpoint's published limit: requests per second per token. */
const DEFAULT_REQUESTS_PER_SECOND = 2;
/** Largest page asked for when FLXPOINT_MAX_PAGE_SIZE is unset. */
const DEFAULT_MAX_PAGE_SIZE = 100;

export const flxpointEnv = z.object({
  FLXPOINT_BASE_URL: baseUrlVar('API root, e.g. `https://api.flxpoint.com`. Required.'),
  FLXPOINT_ACCOUNT_TOKEN: textVar(
    'The Account token (workspace): account, connections, channels, orders; inventory, fulfillment requests and shipments with a `sourceId`. At least one token of any type is required.',
    'expected a Flxpoint Account token',
  ),
  FLXPOINT_SOURCE_TOKENS: tokenList().optional().describe('Source tokens by source id: `101=tokenA,102=tokenB`.'),
  FLXPOINT_CHANNEL_TOKENS: tokenList().optional().describe('Channel tokens by channel id: `201=tokenC`.'),
  FLXPOINT_ACKNOWLEDGE_METHOD: fallback(
    choiceVar(
      ['PATCH', 'POST'],
      'Method of `/fulfillment-requests/{id}/acknowledge`: the reference page says PATCH, the polling guide POST; PATCH (the reference) unless set.',
    ),
    'PATCH',
  ),
  FLXPOINT_REQUESTS_PER_SECOND: fallback(
    z.coerce
      .number({ invalid_type_error: 'expected a number of requests per second' })
      .positive('expected a positive number')
      .max(100)
      .describe(
        'Requests per second per token the gateway queues to (Flxpoint publishes 2). With several replicas, divide by the replica count.',
      ),
    DEFAULT_REQUESTS_PER_SECOND,
  ),
  FLXPOINT_RATE_LIMIT_MARGIN_MS: fallback(
    wholeNumber('expected a whole number of milliseconds', { min: 0, max: 1000 }).describe(
      "Milliseconds added to Flxpoint's one-second window between a token's calls, for clock skew and scheduling jitter.",
    ),
    75,
  ),
  FLXPOINT_MAX_PAGE_SIZE: fallback(
    wholeNumber('expected a whole number', { min: 1, max: 1000 }).describe(
      'Largest page (and `ids[]` batch) the gateway asks for in one call (not documented by Flxpoint).',
    ),
    DEFAULT_MAX_PAGE_SIZE,
  ),
  FLXPOINT_TIMEZONE: fallback(
    timeZone().describe("Time zone of Flxpoint timestamps without a zone (the reseller endpoints')."),
    'VENDORGRAPH_DEFAULT_TIMEZONE',
  ),
});

export type FlxpointEnv = z.infer<typeof flxpointEnv>;

export interface FlxpointTokens {
  account?: string;
  /** Source id → Source token. */
  sources: Map<string, string>;
  /** Channel id → Channel token. */
  channels: Map<string, string>;
}

export interface FlxpointSettings {
  baseUrl: string;
  tokens: FlxpointTokens;
  acknowledgeMethod: 'PATCH' | 'POST';
  requestsPerSecond: number;
  /** Safety margin on the rate-limit window (undefined: the rate limiter's default). */
  rateLimitMarginMs?: number;
  maxPageSize: number;
  timeZone: string;
}

export const FLXPOINT_SECRETS = [
  'FLXPOINT_ACCOUNT_TOKEN',
  'FLXPOINT_SOURCE_TOKENS',
  'FLXPOINT_CHANNEL_TOKENS',
] as const;

/** Parses a validated `id=token` list; each token is registered for redaction on its own. */
function parseTokenList(value: string | undefined, registerSecret: (token: string) => void): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of (value ?? '').split(',')) {
    const [id, token] = pair.split('=').map((s) => s.trim());
    if (!id || !token) continue;
    registerSecret(token);
    map.set(id, token);
  }
  return map;
}

/** Reads the settings; at least one token of any type is needed. */
export function flxpointSettings(
  env: FlxpointEnv,
  defaultTimeZone: string,
  registerSecret: (token: string | undefined) => void = () => undefined,
): SettingsResult<FlxpointSettings> {
  const tokens: FlxpointTokens = {
    account: env.FLXPOINT_ACCOUNT_TOKEN,
    sources: parseTokenList(env.FLXPOINT_SOURCE_TOKENS, registerSecret),
    channels: parseTokenList(env.FLXPOINT_CHANNEL_TOKENS, registerSecret),
  };
  registerSecret(tokens.account);
  // A validated token list holds at least one pair, so "set" means "has a token" for all three.
  const required = requireVars(env, [
    'FLXPOINT_BASE_URL',
    {
      anyOf: ['FLXPOINT_ACCOUNT_TOKEN', 'FLXPOINT_SOURCE_TOKENS', 'FLXPOINT_CHANNEL_TOKENS'],
      as: 'FLXPOINT_ACCOUNT_TOKEN (or FLXPOINT_SOURCE_TOKENS / FLXPOINT_CHANNEL_TOKENS)',
    },
  ]);
  return settingsOf(required, (values) => ({
    baseUrl: apiRoot(values.FLXPOINT_BASE_URL),
    tokens,
    acknowledgeMethod: env.FLXPOINT_ACKNOWLEDGE_METHOD ?? 'PATCH',
    requestsPerSecond: env.FLXPOINT_REQUESTS_PER_SECOND ?? DEFAULT_REQUESTS_PER_SECOND,
    rateLimitMarginMs: env.FLXPOINT_RATE_LIMIT_MARGIN_MS,
    maxPageSize: env.FLXPOINT_MAX_PAGE_SIZE ?? DEFAULT_MAX_PAGE_SIZE,
    timeZone: env.FLXPOINT_TIMEZONE ?? defaultTimeZone,
  }));
}

/** The flxpoint configuration part of the vendor module: variables, secrets, base-URL variable, settings. */
export const flxpointConfig = vendorConfig('flxpoint', flxpointEnv, FLXPOINT_SECRETS, (env, deps) =>
  flxpointSettings(env, deps.timeZone, deps.secret),
);
