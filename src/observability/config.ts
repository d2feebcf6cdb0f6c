/**
 * The operator-facing switches: GraphiQL, /metrics and OpenTelemetry tracing. Validated at startup
 * with the rest of the configuration (src/config.ts calls {@link readObservability}).
 */
import { z } from 'zod';
import { bool, documented, fallback, int, typed } from '../env-schema.js';

/** A collector URL, with its description. */
const url = (description: string) =>
  typed(
    z.string().url('expected an http(s) URL such as http://otel-collector:4318/v1/traces').describe(description),
    'URL',
  );

/** The variables this module reads (keys are variable names). */
export const observabilityEnv = z.object({
  VENDORGRAPH_GRAPHIQL: documented(
    bool.default('true').describe('Serves GraphiQL to browsers on GET /graphql (assets come from the gateway itself).'),
    {
      default: '`true` in sandbox mode, `false` in live mode',
    },
  ),
  VENDORGRAPH_METRICS: bool.default('true').describe('Serves Prometheus metrics on GET /metrics.'),
  VENDORGRAPH_METRICS_EVENT_LOOP_RESOLUTION_MS: int('a number of milliseconds', 1, 1_000)
    .default(100)
    .describe(
      "How often the event-loop delay behind `nodejs_eventloop_lag_*_seconds` is sampled. Each sample wakes the process: prom-client's 10 ms costs ~10 ms of CPU per second on an idle gateway.",
    ),
  VENDORGRAPH_TRACING: z
    .enum(['off', 'otlp', 'console'], { errorMap: () => ({ message: 'expected off|otlp|console' }) })
    .default('off')
    .describe(
      'Where spans go: nowhere (`off`), an OTLP/HTTP collector (`otlp`), or stdout (`console`, for a quick look).',
    ),
  VENDORGRAPH_TRACING_SAMPLE_RATIO: z.coerce
    .number({ invalid_type_error: 'expected a number between 0 and 1' })
    .min(0, 'expected a number between 0 and 1')
    .max(1, 'expected a number between 0 and 1')
    .default(1)
    .describe("Fraction of new traces kept (0..1); a caller's sampled traceparent is always honoured."),
  // The standard OpenTelemetry variables, read here so nothing else reads the environment.
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: fallback(
    url('Full OTLP/HTTP traces URL of the collector (used as is).'),
    '`http://localhost:4318/v1/traces`',
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(
    'Base URL of the collector; `/v1/traces` is appended. Used when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is unset.',
  ).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('vendorgraph').describe('`service.name` of the spans.'),
  VENDORGRAPH_READINESS_GRACE_MS: int('a number of milliseconds', 0)
    .default(60_000)
    .describe(
      'How long /readyz waits, from startup, for every configured vendor to answer its health check once; past it the gateway reports ready (degraded) with the unreachable vendors listed.',
    ),
  VENDORGRAPH_HEALTH_CACHE_MS: int('a number of milliseconds', 0, 600_000)
    .default(5_000)
    .describe('How long one round of vendor health checks answers /readyz and `vendors { healthy }` (0: every time).'),
});

export interface TracingConfig {
  exporter: 'off' | 'otlp' | 'console';
  /** Full OTLP/HTTP traces URL. */
  endpoint: string;
  serviceName: string;
  sampleRatio: number;
}

export interface ObservabilityConfig {
  graphiql: boolean;
  metrics: boolean;
  /** Sampling interval of the event-loop delay metrics (prom-client's `eventLoopMonitoringPrecision`). */
  eventLoopResolutionMs?: number;
  tracing: TracingConfig;
  /** Startup wait for every configured vendor's first healthy answer (see /readyz). */
  readinessGraceMs?: number;
  /** Lifetime of one round of health check results. */
  healthCacheMs?: number;
}

/** What an unconfigured gateway does: GraphiQL and metrics on, tracing off. */
export const defaultObservability: ObservabilityConfig = {
  graphiql: true,
  metrics: true,
  eventLoopResolutionMs: 100,
  tracing: { exporter: 'off', endpoint: 'http://localhost:4318/v1/traces', serviceName: 'vendorgraph', sampleRatio: 1 },
  readinessGraceMs: 60_000,
  healthCacheMs: 5_000,
};

/** Turns validated variables into the observability settings. */
export function readObservability(env: z.infer<typeof observabilityEnv>): ObservabilityConfig {
  // The OTLP convention: a signal-specific endpoint is used as is, the generic one gets /v1/traces.
  const endpoint =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`
      : defaultObservability.tracing.endpoint);
  return {
    graphiql: env.VENDORGRAPH_GRAPHIQL,
    metrics: env.VENDORGRAPH_METRICS,
    eventLoopResolutionMs: env.VENDORGRAPH_METRICS_EVENT_LOOP_RESOLUTION_MS,
    tracing: {
      exporter: env.VENDORGRAPH_TRACING,
      endpoint,
      serviceName: env.OTEL_SERVICE_NAME,
      sampleRatio: env.VENDORGRAPH_TRACING_SAMPLE_RATIO,
    },
    readinessGraceMs: env.VENDORGRAPH_READINESS_GRACE_MS,
    healthCacheMs: env.VENDORGRAPH_HEALTH_CACHE_MS,
  };
}
