/**
 * Flxpoint settings from the environment. Flxpoint has three token types with separate scopes —
 * one Account token for the workspace, one Source token per supplier/warehouse, one Channel token
 * per sales or reseller channel — and a published limit of 2 requests/second per token.
 */
import { z } from 'zod';
import { isTimeZone } from '../../dates.js';
import type { SettingsResult } from '../../kit/vendor.js';

const url = z.string().url('expected an absolute http(s) URL').refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL');

const TOKEN_LIST = /^\s*[A-Za-z0-9_-]+\s*=\s*[^\s,=]+\s*(?:,\s*[A-Za-z0-9_-]+\s*=\s*[^\s,=]+\s*)*$/;

/** `id=token,id=token` (the value is never echoed in errors). */
const tokenList = z.string().refine((v) => TOKEN_LIST.test(v), 'expected a comma-separated list of id=token pairs, e.g. 101=abc,102=def');

export const flxpointEnv = z.object({
  /** API root, e.g. https://api.flxpoint.com */
  FLXPOINT_BASE_URL: url.optional(),
  /** The Account token: account, connections, channels, orders; inventory/FRs/shipments with a sourceId. */
  FLXPOINT_ACCOUNT_TOKEN: z.string().min(1, 'expected a Flxpoint Account token').optional(),
  /** Source tokens by source id (`101=token,102=token`). */
  FLXPOINT_SOURCE_TOKENS: tokenList.optional(),
  /** Channel tokens by channel id (`201=token`). */
  FLXPOINT_CHANNEL_TOKENS: tokenList.optional(),
  /**
   * Method of /fulfillment-requests/{id}/acknowledge: the reference page says PATCH, the polling
   * guide POST. PATCH (the reference) unless set.
   */
  FLXPOINT_ACKNOWLEDGE_METHOD: z.enum(['PATCH', 'POST'], { errorMap: () => ({ message: 'expected PATCH or POST' }) }).optional(),
  /** Requests per second per token (Flxpoint publishes 2). */
  FLXPOINT_REQUESTS_PER_SECOND: z.coerce.number({ invalid_type_error: 'expected a number of requests per second' }).positive('expected a positive number').max(100).optional(),
  /** Largest page (and `ids[]` batch) the gateway asks for; not documented, 100 by default. */
  FLXPOINT_MAX_PAGE_SIZE: z.coerce.number({ invalid_type_error: 'expected a whole number' }).int('expected a whole number').min(1).max(1000).optional(),
  /** Time zone of Flxpoint timestamps without a zone (the reseller endpoints'). */
  FLXPOINT_TIMEZONE: z.string().refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Amsterdam').optional(),
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
  maxPageSize: number;
  timeZone: string;
}

export const FLXPOINT_SECRETS = ['FLXPOINT_ACCOUNT_TOKEN', 'FLXPOINT_SOURCE_TOKENS', 'FLXPOINT_CHANNEL_TOKENS'] as const;

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
export function flxpointSettings(env: FlxpointEnv, defaultTimeZone: string, registerSecret: (token: string | undefined) => void = () => undefined): SettingsResult<FlxpointSettings> {
  const tokens: FlxpointTokens = {
    account: env.FLXPOINT_ACCOUNT_TOKEN,
    sources: parseTokenList(env.FLXPOINT_SOURCE_TOKENS, registerSecret),
    channels: parseTokenList(env.FLXPOINT_CHANNEL_TOKENS, registerSecret),
  };
  registerSecret(tokens.account);
  const missing: string[] = [];
  if (!env.FLXPOINT_BASE_URL) missing.push('FLXPOINT_BASE_URL');
  if (!tokens.account && tokens.sources.size === 0 && tokens.channels.size === 0) {
    missing.push('FLXPOINT_ACCOUNT_TOKEN (or FLXPOINT_SOURCE_TOKENS / FLXPOINT_CHANNEL_TOKENS)');
  }
  if (missing.length > 0 || !env.FLXPOINT_BASE_URL) return { missing };
  return {
    settings: {
      baseUrl: env.FLXPOINT_BASE_URL.replace(/\/+$/, ''),
      tokens,
      acknowledgeMethod: env.FLXPOINT_ACKNOWLEDGE_METHOD ?? 'PATCH',
      requestsPerSecond: env.FLXPOINT_REQUESTS_PER_SECOND ?? 2,
      maxPageSize: env.FLXPOINT_MAX_PAGE_SIZE ?? 100,
      timeZone: env.FLXPOINT_TIMEZONE ?? defaultTimeZone,
    },
  };
}
