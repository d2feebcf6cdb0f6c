/**
 * Resilience settings of the shared http layer: timeouts, retries, the circuit breaker, the HTTP
 * cache and the quota governor. Each is `VENDORGRAPH_<NAME>` for every vendor and may be
 * overridden for one vendor as `<VENDOR>_<NAME>` (e.g. `FLXPOINT_REQUEST_TIMEOUT_MS`). Operation
 * limits (deadline, upstream budget) and the memory store size apply to the whole gateway.
 */
import { z } from 'zod';
import { bool, fallback, int, ms, typed } from '../env-schema.js';

const percent = int('a percentage', 0, 100);

/**
 * Every per-vendor setting: its validator (with its description), its default, and the field of
 * {@link HttpSettings} it fills. docs/configuration.md is generated from this table.
 */
export const RESILIENCE_SETTINGS = {
  CONNECT_TIMEOUT_MS: {
    schema: ms(1).describe('TCP (and TLS) connection setup.'),
    fallback: 3_000,
    field: 'connectTimeoutMs',
  },
  RESPONSE_TIMEOUT_MS: {
    schema: ms(1).describe('From the request written to the first response byte.'),
    fallback: 10_000,
    field: 'responseTimeoutMs',
  },
  REQUEST_TIMEOUT_MS: {
    schema: ms(1).describe('One whole attempt, body included.'),
    fallback: 15_000,
    field: 'requestTimeoutMs',
  },
  RETRY_LIMIT: {
    schema: int('an integer', 0, 10).describe('Retries of an idempotent call (0 disables).'),
    fallback: 2,
    field: 'retryLimit',
  },
  RETRY_BASE_DELAY_MS: {
    schema: ms().describe('First backoff delay; doubled per retry, with jitter.'),
    fallback: 100,
    field: 'retryBaseDelayMs',
  },
  RETRY_MAX_DELAY_MS: {
    schema: ms().describe('Longest computed backoff delay.'),
    fallback: 2_000,
    field: 'retryMaxDelayMs',
  },
  RETRY_AFTER_MAX_MS: {
    schema: ms().describe(
      'Longest Retry-After / X-RateLimit-Reset the gateway waits; a longer one fails with VENDOR_RATE_LIMITED.',
    ),
    fallback: 5_000,
    field: 'retryAfterMaxMs',
  },
  RETRY_BUDGET_PERCENT: {
    schema: percent.describe("Retries allowed per 10 s window as a share of the vendor's calls in that window."),
    fallback: 20,
    field: 'retryBudgetPercent',
  },
  RETRY_BUDGET_MIN: {
    schema: int('an integer', 0).describe('Retries always allowed per 10 s window, whatever the share.'),
    fallback: 10,
    field: 'retryBudgetMin',
  },
  BREAKER_ENABLED: {
    schema: bool.describe('Whether the vendor has a circuit breaker.'),
    fallback: true,
    field: 'breakerEnabled',
  },
  BREAKER_ERROR_PERCENT: {
    schema: int('a percentage', 1, 100).describe(
      'Failed share of recent calls (5xx, timeouts, connection errors) that opens the breaker.',
    ),
    fallback: 50,
    field: 'breakerErrorPercent',
  },
  BREAKER_VOLUME: {
    schema: int('an integer', 1).describe('Calls in the window before the breaker may open at all.'),
    fallback: 10,
    field: 'breakerVolume',
  },
  BREAKER_WINDOW_MS: {
    schema: ms(100).describe('The rolling window the breaker counts calls in.'),
    fallback: 10_000,
    field: 'breakerWindowMs',
  },
  BREAKER_RESET_MS: {
    schema: ms(1).describe('How long the breaker stays open before one probe call is let through.'),
    fallback: 5_000,
    field: 'breakerResetMs',
  },
  CACHE_ENABLED: {
    schema: bool.describe('Whether GET responses are cached (and revalidated with ETag / Last-Modified).'),
    fallback: true,
    field: 'cacheEnabled',
  },
  CACHE_TTL_MS: {
    schema: ms().describe(
      "Freshness the gateway grants a cached response; 0 follows the vendor's Cache-Control (Flowize: revalidate every time).",
    ),
    fallback: 0,
    field: 'cacheTtlMs',
  },
  STALE_IF_ERROR_MS: {
    schema: ms().describe(
      'How old a cached response may be and still be served while the vendor fails (0 disables stale-if-error).',
    ),
    fallback: 300_000,
    field: 'staleIfErrorMs',
  },
  CACHE_MAX_BODY_BYTES: {
    schema: int('a number of bytes', 0).describe('Largest response body the cache keeps.'),
    fallback: 1_048_576,
    field: 'cacheMaxBodyBytes',
  },
  DEDUPE_ENABLED: {
    schema: bool.describe(
      "Whether identical read-only calls in flight at once share one vendor call (off only for the benchmarks' naive build).",
    ),
    fallback: true,
    field: 'dedupeEnabled',
  },
  QUOTA_RESERVE_PERCENT: {
    schema: percent.describe(
      'Below this share of X-RateLimit-Remaining, calls are paced over what is left of the window (0 disables).',
    ),
    fallback: 10,
    field: 'quotaReservePercent',
  },
  MAX_HEADER_VALUE_BYTES: {
    schema: int('a number of bytes', 16, 65_536).describe(
      'Most UTF-8 bytes of one client-supplied header value (a flow name, a search value); more is BAD_USER_INPUT before any call.',
    ),
    fallback: 8_192,
    field: 'maxHeaderValueBytes',
  },
  MAX_QUEUED_PER_OPERATION: {
    schema: int('an integer', 0, 1_000).describe(
      "Calls one GraphQL operation may have waiting in a rate-limited vendor's queue at once (0: no cap); its further calls wait their turn behind other operations' calls.",
    ),
    fallback: 2,
    field: 'maxQueuedPerOperation',
  },
} as const;

type Settings = typeof RESILIENCE_SETTINGS;
type SettingName = keyof Settings;

/** The resolved http settings of one vendor (global values with that vendor's overrides). */
export type HttpSettings = { -readonly [K in SettingName as Settings[K]['field']]: z.output<Settings[K]['schema']> };

/** Limits of one GraphQL operation, across vendors. */
export interface OperationLimits {
  /** Deadline of the whole operation: no vendor call starts or is retried past it. */
  timeoutMs: number;
  /** Vendor calls (retries and token calls included) one operation may make. */
  upstreamBudget: number;
}

/** Gateway-wide variables: operation limits and the memory store bound. */
export const operationEnv = z.object({
  VENDORGRAPH_OPERATION_TIMEOUT_MS: ms(1)
    .default(60_000)
    .describe(
      'Deadline of one GraphQL operation: no vendor call starts, waits or is retried past it, and each call is cut at it.',
    ),
  VENDORGRAPH_UPSTREAM_BUDGET: int('an integer', 1)
    .default(200)
    .describe(
      'Vendor calls one operation may make (retries and token calls included; cache hits and shared calls not). Past it, fields answer UPSTREAM_BUDGET_EXCEEDED.',
    ),
  VENDORGRAPH_STORE_MAX_ENTRIES: int('an integer', 100)
    .default(50_000)
    .describe(
      'Entries the in-memory store keeps (least recently used go first); with Redis, the bound of the fallback memory used while Redis is unreachable.',
    ),
  VENDORGRAPH_STORE: z
    .enum(['memory', 'redis'], { errorMap: () => ({ message: 'expected memory or redis' }) })
    .default('memory')
    .describe(
      "Where shared state (tokens, cache, breaker and quota state) lives: this process's memory, or Redis shared by several instances.",
    ),
  VENDORGRAPH_REDIS_URL: typed(z.string(), '`redis://` or `rediss://` URL')
    .refine((u) => URL.canParse(u) && /^rediss?:$/.test(new URL(u).protocol), 'expected a redis:// or rediss:// URL')
    .optional()
    .describe(
      '`redis://[:password@]host:6379[/db]`, or `rediss://` for TLS; required with VENDORGRAPH_STORE=redis. A secret: it may carry a password.',
    ),
});

/** Where the KeyValueStore lives (VENDORGRAPH_STORE / VENDORGRAPH_REDIS_URL). */
export type StoreSettings = { kind: 'memory' } | { kind: 'redis'; url: string };

const names = Object.keys(RESILIENCE_SETTINGS) as SettingName[];

/** `VENDORGRAPH_<NAME>` for every setting, all optional (defaults applied by {@link readHttpSettings}). */
export const resilienceEnv = z.object(
  Object.fromEntries(
    names.map((n) => [`VENDORGRAPH_${n}`, fallback(RESILIENCE_SETTINGS[n].schema, RESILIENCE_SETTINGS[n].fallback)]),
  ),
);

/** `<VENDOR>_<NAME>` overrides for one vendor. */
export function vendorResilienceEnv(vendor: string) {
  const prefix = vendor.toUpperCase();
  return z.object(Object.fromEntries(names.map((n) => [`${prefix}_${n}`, RESILIENCE_SETTINGS[n].schema.optional()])));
}

/** The settings for `prefix` (`VENDORGRAPH` or a vendor's), falling back to `base` then to defaults. */
export function readHttpSettings(parsed: Record<string, unknown>, prefix: string, base?: HttpSettings): HttpSettings {
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const { field, fallback } = RESILIENCE_SETTINGS[n];
    out[field] = parsed[`${prefix}_${n}`] ?? base?.[field] ?? fallback;
  }
  return out as HttpSettings;
}
