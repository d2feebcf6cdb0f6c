/**
 * Resilience settings of the shared http layer: timeouts, retries, the circuit breaker, the HTTP
 * cache and the quota governor. Each is `VENDORGRAPH_<NAME>` for every vendor and may be
 * overridden for one vendor as `<VENDOR>_<NAME>` (e.g. `FLXPOINT_REQUEST_TIMEOUT_MS`). Operation
 * limits (deadline, upstream budget) and the memory store size apply to the whole gateway.
 */
import { z } from 'zod';
import { bool, int, ms } from '../env-schema.js';

const percent = int('a percentage', 0, 100);

/**
 * Every per-vendor setting: its validator, its default, and the field of {@link HttpSettings}
 * it fills. The README's Resilience table lists the same names and defaults.
 */
export const RESILIENCE_SETTINGS = {
  /** TCP (and TLS) connection setup. */
  CONNECT_TIMEOUT_MS: { schema: ms(1), fallback: 3_000, field: 'connectTimeoutMs' },
  /** From the request written to the first response byte. */
  RESPONSE_TIMEOUT_MS: { schema: ms(1), fallback: 10_000, field: 'responseTimeoutMs' },
  /** One whole attempt, body included. */
  REQUEST_TIMEOUT_MS: { schema: ms(1), fallback: 15_000, field: 'requestTimeoutMs' },
  /** Retries of an idempotent call (0 disables). */
  RETRY_LIMIT: { schema: int('an integer', 0, 10), fallback: 2, field: 'retryLimit' },
  /** First backoff delay; doubled per retry, with jitter. */
  RETRY_BASE_DELAY_MS: { schema: ms(), fallback: 100, field: 'retryBaseDelayMs' },
  /** Longest computed backoff delay. */
  RETRY_MAX_DELAY_MS: { schema: ms(), fallback: 2_000, field: 'retryMaxDelayMs' },
  /** Longest Retry-After / X-RateLimit-Reset the gateway waits; a longer one fails with VENDOR_RATE_LIMITED. */
  RETRY_AFTER_MAX_MS: { schema: ms(), fallback: 5_000, field: 'retryAfterMaxMs' },
  /** Retries allowed per 10 s window as a share of the vendor's calls in that window. */
  RETRY_BUDGET_PERCENT: { schema: percent, fallback: 20, field: 'retryBudgetPercent' },
  /** Retries always allowed per 10 s window, whatever the share. */
  RETRY_BUDGET_MIN: { schema: int('an integer', 0), fallback: 10, field: 'retryBudgetMin' },
  /** Whether the vendor has a circuit breaker. */
  BREAKER_ENABLED: { schema: bool, fallback: true, field: 'breakerEnabled' },
  /** Failed share of recent calls (5xx, timeouts, connection errors) that opens the breaker. */
  BREAKER_ERROR_PERCENT: { schema: int('a percentage', 1, 100), fallback: 50, field: 'breakerErrorPercent' },
  /** Calls in the window before the breaker may open at all. */
  BREAKER_VOLUME: { schema: int('an integer', 1), fallback: 10, field: 'breakerVolume' },
  /** The rolling window the breaker counts calls in. */
  BREAKER_WINDOW_MS: { schema: ms(100), fallback: 10_000, field: 'breakerWindowMs' },
  /** How long the breaker stays open before one probe call is let through. */
  BREAKER_RESET_MS: { schema: ms(1), fallback: 5_000, field: 'breakerResetMs' },
  /** Whether GET responses are cached (and revalidated with ETag / Last-Modified). */
  CACHE_ENABLED: { schema: bool, fallback: true, field: 'cacheEnabled' },
  /** Freshness the gateway grants a cached response; 0 follows the vendor's Cache-Control (Flowize: revalidate every time). */
  CACHE_TTL_MS: { schema: ms(), fallback: 0, field: 'cacheTtlMs' },
  /** How old a cached response may be and still be served while the vendor fails (0 disables stale-if-error). */
  STALE_IF_ERROR_MS: { schema: ms(), fallback: 300_000, field: 'staleIfErrorMs' },
  /** Largest response body the cache keeps. */
  CACHE_MAX_BODY_BYTES: { schema: int('a number of bytes', 0), fallback: 1_048_576, field: 'cacheMaxBodyBytes' },
  /** Whether identical read-only calls in flight at once share one vendor call (off only for the benchmarks' naive build). */
  DEDUPE_ENABLED: { schema: bool, fallback: true, field: 'dedupeEnabled' },
  /** Below this share of X-RateLimit-Remaining, calls are paced over what is left of the window (0 disables). */
  QUOTA_RESERVE_PERCENT: { schema: percent, fallback: 10, field: 'quotaReservePercent' },
  /** Most UTF-8 bytes of one client-supplied header value (a flow name, a search value); more is BAD_USER_INPUT before any call. */
  MAX_HEADER_VALUE_BYTES: { schema: int('a number of bytes', 16, 65_536), fallback: 8_192, field: 'maxHeaderValueBytes' },
  /**
   * Calls one GraphQL operation may have waiting in a rate-limited vendor's queue at once (0: no
   * cap); the operation's further calls wait their turn behind other operations' calls.
   */
  MAX_QUEUED_PER_OPERATION: { schema: int('an integer', 0, 1_000), fallback: 2, field: 'maxQueuedPerOperation' },
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
  VENDORGRAPH_OPERATION_TIMEOUT_MS: ms(1).default(60_000),
  VENDORGRAPH_UPSTREAM_BUDGET: int('an integer', 1).default(200),
  VENDORGRAPH_STORE_MAX_ENTRIES: int('an integer', 100).default(50_000),
  /** Where shared state lives: this process's memory, or Redis shared by several instances. */
  VENDORGRAPH_STORE: z.enum(['memory', 'redis'], { errorMap: () => ({ message: 'expected memory or redis' }) }).default('memory'),
  /** redis:// or rediss:// URL (a secret: it may carry a password); required with VENDORGRAPH_STORE=redis. */
  VENDORGRAPH_REDIS_URL: z
    .string()
    .refine((u) => URL.canParse(u) && /^rediss?:$/.test(new URL(u).protocol), 'expected a redis:// or rediss:// URL')
    .optional(),
});

/** Where the KeyValueStore lives (VENDORGRAPH_STORE / VENDORGRAPH_REDIS_URL). */
export type StoreSettings = { kind: 'memory' } | { kind: 'redis'; url: string };

const names = Object.keys(RESILIENCE_SETTINGS) as SettingName[];

/** `VENDORGRAPH_<NAME>` for every setting, all optional (defaults applied by {@link readHttpSettings}). */
export const resilienceEnv = z.object(Object.fromEntries(names.map((n) => [`VENDORGRAPH_${n}`, RESILIENCE_SETTINGS[n].schema.optional()])));

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
