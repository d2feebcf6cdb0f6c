/**
 * The whole configuration, read from the environment (and `.env` when present) and validated once
 * at startup with zod. Nothing else reads `process.env`. A bad value stops the boot with the
 * variable's name and what was expected; a secret's value is never echoed.
 */
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { bool, port } from './env-schema.js';
import { isTimeZone } from './dates.js';
import { operationEnv, readHttpSettings, resilienceEnv, vendorResilienceEnv, type HttpSettings, type OperationLimits, type StoreSettings } from './http/settings.js';
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
  NODE_ENV: z.string().optional(),
  VENDORGRAPH_MODE: z.enum(['sandbox', 'live'], { errorMap: () => ({ message: 'expected sandbox or live' }) }).optional(),
  PORT: port.default(4000),
  HOST: z.string().min(1, 'expected a host name or address').default('0.0.0.0'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      errorMap: () => ({ message: 'expected fatal|error|warn|info|debug|trace|silent' }),
    })
    .default('info'),
  /** Allows `x-vendorgraph-debug: 1` in live mode (always allowed in sandbox mode). */
  VENDORGRAPH_DEBUG: bool.default('false'),
  /** Benchmarks' naive baseline: DataLoaders without batching or per-request cache (see src/loaders.ts). */
  VENDORGRAPH_NAIVE_LOADERS: bool.default('false'),
  // Timeouts, retries, breaker, cache and quota settings (VENDORGRAPH_* and per-vendor
  // <VENDOR>_* overrides) are validated by src/http/settings.ts.
  /** Vendor time zone for wall-clock strings without a zone (IANA name). */
  VENDORGRAPH_DEFAULT_TIMEZONE: z
    .string()
    .refine(isTimeZone, { message: 'expected an IANA time zone such as UTC or Europe/Amsterdam' })
    .default('UTC'),
  // Client authentication and request limits (documented in src/security/config.ts).
  ...securityEnv.shape,
});


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
  /** The benchmarks' naive build: loaders make one call per key, repeats included. */
  naiveLoaders?: boolean;
  /** Resilience settings from the VENDORGRAPH_* variables. */
  http: HttpDefaults;
  /** Per vendor: those settings with the vendor's own <VENDOR>_* overrides applied. */
  vendorHttp: Record<string, HttpDefaults>;
  /** Deadline and upstream call budget of one GraphQL operation. */
  operation: OperationLimits;
  /** Entries the in-memory store keeps at most (cache, tokens, breaker and quota state). */
  storeMaxEntries: number;
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
    if (URL.canParse(env.VENDORGRAPH_REDIS_URL)) secrets.push(decodeURIComponent(new URL(env.VENDORGRAPH_REDIS_URL).password));
  }
  if (operation.success && operation.data.VENDORGRAPH_STORE === 'redis' && !operation.data.VENDORGRAPH_REDIS_URL) {
    problems.push('VENDORGRAPH_REDIS_URL: required when VENDORGRAPH_STORE=redis');
  }
  if (problems.length > 0 || !core.success || !observability.success || !resilience.success || !operation.success) throw new ConfigError(problems);

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
    naiveLoaders: c.VENDORGRAPH_NAIVE_LOADERS,
    http,
    vendorHttp: Object.fromEntries(
      vendors.map(({ name }) => [name, readHttpSettings(vendorResilience[name], name.toUpperCase(), http)]),
    ),
    operation: {
      timeoutMs: operation.data.VENDORGRAPH_OPERATION_TIMEOUT_MS,
      upstreamBudget: operation.data.VENDORGRAPH_UPSTREAM_BUDGET,
    },
    storeMaxEntries: operation.data.VENDORGRAPH_STORE_MAX_ENTRIES,
    store: operation.data.VENDORGRAPH_STORE === 'redis' ? { kind: 'redis', url: operation.data.VENDORGRAPH_REDIS_URL! } : { kind: 'memory' },
    timeZone: c.VENDORGRAPH_DEFAULT_TIMEZONE,
    vendorEnv: vendorEnv as VendorEnvs,
    // GraphiQL is off in live mode unless VENDORGRAPH_GRAPHIQL turns it on.
    observability: { ...readObservability(observability.data), ...(mode === 'live' && env.VENDORGRAPH_GRAPHIQL === undefined && { graphiql: false }) },
    security,
    secrets,
  };
}

