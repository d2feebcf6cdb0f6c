/**
 * The whole configuration, read from the environment (and `.env` when present) and validated once
 * at startup with zod. Nothing else reads `process.env`. A bad value stops the boot with the
 * variable's name and what was expected; a secret's value is never echoed.
 */
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { bool, fallback, port, timeZone, typed } from './env-schema.js';
import { workersEnv } from './cluster/config.js';
import {
  operationEnv,
  readHttpSettings,
  resilienceEnv,
  vendorResilienceEnv,
  type HttpSettings,
  type OperationLimits,
  type StoreSettings,
} from './http/settings.js';
import { lifecycleEnv, readLifecycle, type LifecycleConfig } from './lifecycle/config.js';
import { observabilityEnv, readObservability, type ObservabilityConfig } from './observability/config.js';
import { readSecurity, securityEnv, type SecurityConfig } from './security/config.js';
import type { AnyVendorModule } from './kit/vendor.js';

/** Thrown when the environment does not describe a valid gateway; `problems` name the variables. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The gateway's own variables (vendors contribute theirs through the registry). */
export const coreEnv = z.object({
  NODE_ENV: z.string().optional().describe('`production` makes live mode the default.'),
  VENDORGRAPH_MODE: fallback(
    z
      .enum(['sandbox', 'live'], { errorMap: () => ({ message: 'expected sandbox or live' }) })
      .describe(
        '`sandbox` starts the built-in simulators and points every vendor without a base URL at them; `live` never does, and a vendor without settings answers VENDOR_NOT_CONFIGURED.',
      ),
    '`sandbox` (`live` when `NODE_ENV=production`)',
  ),
  PORT: port.default(4000).describe('Port the gateway listens on (0 picks a free one).'),
  HOST: typed(z.string().min(1, 'expected a host name or address'), 'host name or address')
    .default('0.0.0.0')
    .describe('Address the gateway listens on.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      errorMap: () => ({ message: 'expected fatal|error|warn|info|debug|trace|silent' }),
    })
    .default('info')
    .describe('pino log level (`silent` mutes the logs).'),
  VENDORGRAPH_DEBUG: bool
    .default('false')
    .describe('Allows `x-vendorgraph-debug: 1` in live mode (always allowed in sandbox mode).'),
  VENDORGRAPH_NAIVE_LOADERS: bool
    .default('false')
    .describe(
      "The benchmarks' naive baseline: DataLoaders without batching or per-request cache. For measuring, not for running a gateway.",
    ),
  VENDORGRAPH_FEDERATION: bool
    .default('false')
    .describe('Serves /graphql as an Apollo Federation 2 subgraph (docs/federation.md).'),
  VENDORGRAPH_WORKERS: typed(
    workersEnv.describe(
      'Gateway processes behind the one port: a number, or `auto` for one per core (docs/scaling.md).',
    ),
    'number or `auto`',
  ),
  // Timeouts, retries, breaker, cache and quota settings (VENDORGRAPH_* and per-vendor
  // <VENDOR>_* overrides) are validated by src/http/settings.ts.
  VENDORGRAPH_DEFAULT_TIMEZONE: timeZone()
    .default('UTC')
    .describe('IANA time zone of vendor wall-clock dates without a zone, unless a vendor sets its own.'),
  // Client authentication and request limits (documented in src/security/config.ts).
  ...securityEnv.shape,
});

/** Core variables holding secrets (vendors list theirs in `secretEnv`): never echoed, redacted everywhere. */
export const CORE_SECRET_ENV = ['VENDORGRAPH_JWT_SECRET', 'VENDORGRAPH_REDIS_URL'] as const;

export type CoreEnv = z.infer<typeof coreEnv>;
export type Mode = 'sandbox' | 'live';

/** One vendor's timeouts, retry, breaker, cache and quota settings (see src/http/settings.ts). */
export type HttpDefaults = HttpSettings;

/** Raw, validated vendor environment sections, keyed by vendor name. */
export type VendorEnvs = Record<string, Record<string, unknown>>;

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  logLevel: CoreEnv['LOG_LEVEL'];
  /** Whether `x-vendorgraph-debug` may be honoured. */
  debugAllowed: boolean;
  /** Gateway worker processes behind the one port (1: no cluster). */
  workers?: number;
  /** The benchmarks' naive build: loaders make one call per key, repeats included. */
  naiveLoaders?: boolean;
  /** Subgraph mode: `_service`, `_entities` and the entity keys (docs/federation.md). */
  federation?: boolean;
  /** Resilience settings from the VENDORGRAPH_* variables. */
  http: HttpDefaults;
  /** Per vendor: those settings with the vendor's own <VENDOR>_* overrides applied. */
  vendorHttp: Record<string, HttpDefaults>;
  /** Deadline and upstream call budget of one GraphQL operation. */
  operation: OperationLimits;
  /** Entries the in-memory store keeps at most (cache, tokens, breaker and quota state). */
  storeMaxEntries: number;
  /** Bytes of keys and values the in-memory store keeps at most (src/http/store.ts counts them). */
  storeMaxBytes?: number;
  /** Where shared state lives (memory when absent). */
  store?: StoreSettings;
  timeZone: string;
  vendorEnv: VendorEnvs;
  /** GraphiQL, /metrics and tracing switches (defaults apply when absent). */
  observability?: ObservabilityConfig;
  /** Client authentication and request limits (defaults apply when absent). */
  security?: SecurityConfig;
  /** Gateway-level secrets (Redis password, JWT secret) for the gateway's redactor. */
  secrets?: string[];
  /** Shutdown settings (defaults apply when absent). */
  lifecycle?: LifecycleConfig;
}

/** Formats zod issues as `VARIABLE: expected …`, never echoing a value. */
function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
}

/**
 * Reads and validates the configuration of a gateway built with `vendors` (each contributes its
 * own variables). `env` defaults to `process.env` merged with `.env`; tests pass their own object.
 */
export function readConfig(vendors: readonly AnyVendorModule[], env?: NodeJS.ProcessEnv): Config {
  if (!env) {
    if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true } as Parameters<typeof loadDotenv>[0]);
    env = process.env;
  }
  const problems: string[] = [];
  const core = coreEnv.safeParse(env);
  if (!core.success) problems.push(...describeIssues(core.error));

  const vendorEnv = {} as Record<string, unknown>;
  for (const mod of vendors) {
    const parsed = mod.env.safeParse(env);
    if (!parsed.success) problems.push(...describeIssues(parsed.error));
    else vendorEnv[mod.name] = parsed.data;
  }
  const observability = observabilityEnv.safeParse(env);
  if (!observability.success) problems.push(...describeIssues(observability.error));
  const resilience = resilienceEnv.safeParse(env);
  if (!resilience.success) problems.push(...describeIssues(resilience.error));
  const operation = operationEnv.safeParse(env);
  if (!operation.success) problems.push(...describeIssues(operation.error));
  const lifecycle = lifecycleEnv.safeParse(env);
  if (!lifecycle.success) problems.push(...describeIssues(lifecycle.error));
  const vendorResilience = {} as Record<string, Record<string, unknown>>;
  for (const { name } of vendors) {
    const parsed = vendorResilienceEnv(name).safeParse(env);
    if (!parsed.success) problems.push(...describeIssues(parsed.error));
    else vendorResilience[name] = parsed.data;
  }
  // The URL may carry a password: a secret, whatever else goes wrong.
  const secrets: string[] = [];
  if (env.VENDORGRAPH_REDIS_URL) {
    secrets.push(env.VENDORGRAPH_REDIS_URL);
    if (URL.canParse(env.VENDORGRAPH_REDIS_URL))
      secrets.push(decodeURIComponent(new URL(env.VENDORGRAPH_REDIS_URL).password));
  }
  if (operation.success && operation.data.VENDORGRAPH_STORE === 'redis' && !operation.data.VENDORGRAPH_REDIS_URL) {
    problems.push('VENDORGRAPH_REDIS_URL: required when VENDORGRAPH_STORE=redis');
  }
  if (
    problems.length > 0 ||
    !core.success ||
    !observability.success ||
    !resilience.success ||
    !operation.success ||
    !lifecycle.success
  )
    throw new ConfigError(problems);

  const c = core.data;
  const http = readHttpSettings(resilience.data, 'VENDORGRAPH');
  const mode: Mode = c.VENDORGRAPH_MODE ?? (c.NODE_ENV === 'production' ? 'live' : 'sandbox');
  const { security, problems: securityProblems } = readSecurity(c, mode);
  if (securityProblems.length > 0) throw new ConfigError(securityProblems);
  if (security.jwt?.secret) secrets.push(security.jwt.secret);
  return {
    mode,
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    debugAllowed: mode === 'sandbox' || c.VENDORGRAPH_DEBUG,
    workers: c.VENDORGRAPH_WORKERS,
    naiveLoaders: c.VENDORGRAPH_NAIVE_LOADERS,
    federation: c.VENDORGRAPH_FEDERATION,
    http,
    vendorHttp: Object.fromEntries(
      vendors.map(({ name }) => [name, readHttpSettings(vendorResilience[name], name.toUpperCase(), http)]),
    ),
    operation: {
      timeoutMs: operation.data.VENDORGRAPH_OPERATION_TIMEOUT_MS,
      upstreamBudget: operation.data.VENDORGRAPH_UPSTREAM_BUDGET,
    },
    storeMaxEntries: operation.data.VENDORGRAPH_STORE_MAX_ENTRIES,
    storeMaxBytes: operation.data.VENDORGRAPH_STORE_MAX_BYTES,
    store:
      operation.data.VENDORGRAPH_STORE === 'redis'
        ? { kind: 'redis', url: operation.data.VENDORGRAPH_REDIS_URL! }
        : { kind: 'memory' },
    timeZone: c.VENDORGRAPH_DEFAULT_TIMEZONE,
    vendorEnv: vendorEnv as VendorEnvs,
    // GraphiQL is off in live mode unless VENDORGRAPH_GRAPHIQL turns it on.
    observability: {
      ...readObservability(observability.data),
      ...(mode === 'live' && env.VENDORGRAPH_GRAPHIQL === undefined && { graphiql: false }),
    },
    security,
    secrets,
    lifecycle: readLifecycle(lifecycle.data),
  };
}
