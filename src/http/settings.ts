/**
 * Resilience settings of the shared http layer: timeouts, retries, the circuit breaker, the HTTP
 * cache and the quota governor. Each is `VENDORGRAPH_<NAME>` for every vendor and may be
 * overridden for one vendor as `<VENDOR>_<NAME>` (e.g. `FLXPOINT_REQUEST_TIMEOUT_MS`). Operation
 * limits (deadline, upstream budget) and the memory store size apply to the whole gateway.
 */
import { z } from 'zod';
import { bool, fallback, int, ms, typed } from '../env-schema.js';
import { STORE_MAX_BYTES } from './store.js';

const percent = int('a percentage', 0, 100);

/** `CONNECT_TIMEOUT_MS` → `connectTimeoutMs`: the {@link HttpSettings} field a setting fills. */
type Camel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${Lowercase<H>}${Capitalize<Camel<T>>}`
  : Lowercase<S>;

function setting<S extends z.ZodTypeAny>(fallback: z.output<S>, schema: S, description: string) {
  return { schema: schema.describe(description) as S, fallback };
}

function withFields<T extends Record<string, { schema: z.ZodTypeAny; fallback: unknown }>>(table: T) {
  const camel = (name: string) => name.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(Object.entries(table).map(([name, row]) => [name, { ...row, field: camel(name) }])) as {
    [K in keyof T]: T[K] & { field: Camel<K & string> };
  };
}

/**
 * Every per-vendor setting: its validator (with its description), its default, and the field of
 * {@link HttpSettings} it fills. docs/configuration.md is generated from this table.
 */
export const RESILIENCE_SETTINGS = withFields({
  CONNECT_TIMEOUT_MS: setting(3_000, ms(1), 'TCP (and TLS) connection setup.'),
  RESPONSE_TIMEOUT_MS: setting(10_000, ms(1), 'From the request written to the first response byte.'),
  REQUEST_TIMEOUT_MS: setting(15_000, ms(1), 'One whole attempt, body included.'),
  RETRY_LIMIT: setting(2, int('an integer', 0, 10), 'Retries of an idempotent call (0 disables).'),
  RETRY_BASE_DELAY_MS: setting(100, ms(), 'First backoff delay; doubled per retry, with jitter.'),
  RETRY_MAX_DELAY_MS: setting(2_000, ms(), 'Longest computed backoff delay.'),
  RETRY_AFTER_MAX_MS: setting(
    5_000,
    ms(),
    'Longest Retry-After / X-RateLimit-Reset the gateway waits; a longer one fails with VENDOR_RATE_LIMITED.',
  ),
  RETRY_BUDGET_PERCENT: setting(
    20,
    percent,
    "Retries allowed per 10 s window as a share of the vendor's calls in that window.",
  ),
  RETRY_BUDGET_MIN: setting(10, int('an integer', 0), 'Retries always allowed per 10 s window, whatever the share.'),
  BREAKER_ENABLED: setting(true, bool, 'Whether the vendor has a circuit breaker.'),
  BREAKER_ERROR_PERCENT: setting(
    50,
    int('a percentage', 1, 100),
    'Failed share of recent calls (5xx, timeouts, connection errors) that opens the breaker.',
  ),
  BREAKER_VOLUME: setting(10, int('an integer', 1), 'Calls in the window before the breaker may open at all.'),
  BREAKER_WINDOW_MS: setting(10_000, ms(100), 'The rolling window the breaker counts calls in.'),
  BREAKER_RESET_MS: setting(5_000, ms(1), 'How long the breaker stays open before one probe call is let through.'),
  CACHE_ENABLED: setting(true, bool, 'Whether GET responses are cached (and revalidated with ETag / Last-Modified).'),
  CACHE_TTL_MS: setting(
    0,
    ms(),
    "Freshness the gateway grants a cached response; 0 follows the vendor's Cache-Control (Flowize: revalidate every time).",
  ),
  STALE_IF_ERROR_MS: setting(
    300_000,
    ms(),
    'How old a cached response may be and still be served while the vendor fails (0 disables stale-if-error).',
  ),
  CACHE_MAX_BODY_BYTES: setting(1_048_576, int('a number of bytes', 0), 'Largest response body the cache keeps.'),
  DEDUPE_ENABLED: setting(
    true,
    bool,
    "Whether identical read-only calls in flight at once share one vendor call (off only for the benchmarks' naive build).",
  ),
  QUOTA_RESERVE_PERCENT: setting(
    10,
    percent,
    'Below this share of X-RateLimit-Remaining, calls are paced over what is left of the window (0 disables).',
  ),
  MAX_HEADER_VALUE_BYTES: setting(
    8_192,
    int('a number of bytes', 16, 65_536),
    'Most UTF-8 bytes of one client-supplied header value (a flow name, a search value); more is BAD_USER_INPUT before any call.',
  ),
  MAX_QUEUED_PER_OPERATION: setting(
    2,
    int('an integer', 0, 1_000),
    "Calls one GraphQL operation may have waiting in a rate-limited vendor's queue at once (0: no cap); its further calls wait their turn behind other operations' calls.",
  ),
});

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
  VENDORGRAPH_STORE_MAX_BYTES: int('a number of bytes', 1_048_576)
    .default(STORE_MAX_BYTES)
    .describe(
      'Bytes of keys and values the in-memory store keeps, counted from their text (cached vendor bodies above all); the least recently used go first. The same bound applies to the fallback memory used while Redis is unreachable.',
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
