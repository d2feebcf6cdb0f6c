/**
 * What operators see of a running gateway: /healthz (liveness), /readyz (per-vendor readiness),
 * /metrics (Prometheus), one structured log line per GraphQL request, the `x-request-id` response
 * header, and OpenTelemetry spans when tracing is switched on. src/server.ts mounts the pieces.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Router } from 'express';
import type { HttpHandler } from '../http-handlers.js';
import type { GatewayContext } from '../context.js';
import type { HttpObservers } from '../http/observers.js';
import { scopeOf } from '../http/scope.js';
import type { Logger } from '../logger.js';
import { checkHealth } from '../resolvers.js';
import type { VendorRegistry } from '../runtime.js';
import { defaultObservability, type ObservabilityConfig } from './config.js';
import { HealthCache, shareHealthCache } from './health-cache.js';
import { GatewayMetrics, metricsPlugin } from './metrics.js';
import { createReadiness, type ReadinessReport } from './readiness.js';
import { requestLogPlugin } from './request-log.js';
import type { GatewayTracing } from './tracing.js';

export { GatewayMetrics } from './metrics.js';
export type { GatewayTracing } from './tracing.js';
export type { ObservabilityConfig, TracingConfig } from './config.js';

export interface Observability {
  /** GET /healthz, /readyz and (when enabled) /metrics. */
  routes: Router;
  /** Runs inside a /graphql request's scope: echoes the request id and starts its span. */
  requestMiddleware: HttpHandler;
  /** Apollo plugins: request log, metrics, span naming. */
  plugins: ApolloServerPlugin<GatewayContext>[];
  metrics?: GatewayMetrics;
  tracing?: GatewayTracing;
  /** Unsubscribes from the http layer and flushes spans. */
  stop(): Promise<void>;
}

export interface ObservabilityDeps {
  registry: VendorRegistry;
  logger: Logger;
  /** This gateway's vendor-call and breaker observers. */
  observers: HttpObservers;
}

/** A readiness report (see src/observability/readiness.ts). */
export type Readiness = ReadinessReport<Awaited<ReturnType<typeof checkHealth>>[number]>;

/**
 * Wires metrics, logs and tracing for one gateway. OpenTelemetry's SDK and exporter are loaded only
 * when tracing is on: they are a large share of the start-up time otherwise spent for nothing.
 */
export async function createObservability(
  config: ObservabilityConfig = defaultObservability,
  deps: ObservabilityDeps,
): Promise<Observability> {
  const { registry, logger, observers } = deps;
  const configured = Object.values(registry)
    .filter((v) => v.mode !== 'NOT_CONFIGURED')
    .map((v) => v.name);
  const metrics = config.metrics
    ? new GatewayMetrics(configured, { eventLoopResolutionMs: config.eventLoopResolutionMs })
    : undefined;
  const tracing =
    config.tracing.exporter === 'off' ? undefined : new (await import('./tracing.js')).GatewayTracing(config.tracing);
  const unsubscribe = [
    observers.onVendorCall((event) => {
      metrics?.vendorCall(event);
      tracing?.vendorCall(event);
    }),
    observers.onBreakerState((event) => metrics?.breakerState(event)),
    observers.onQuota((event) => metrics?.quota(event)),
  ];

  // One round of health checks serves /readyz and `vendors { healthy }` for a few seconds.
  const health = new HealthCache({
    check: (scope) => checkHealth(registry, scope),
    ttlMs: config.healthCacheMs ?? 0,
    onRound(vendors, scope) {
      for (const v of vendors) if (v.mode !== 'NOT_CONFIGURED') metrics?.vendorHealth(v.name, v.healthy);
      metrics?.upstream(scope.upstream);
    },
  });
  shareHealthCache(registry, health);
  const readiness = createReadiness({
    vendors: Object.values(registry),
    health,
    graceMs: config.readinessGraceMs ?? 0,
  });
  let lastStatus: Readiness['status'] | undefined;

  const routes = Router();
  routes.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  routes.get('/readyz', async (_req, res) => {
    const report = await readiness();
    // Probes come every few seconds: log changes, not every answer.
    if (report.status !== lastStatus) {
      const fields = { status: report.status, unreachable: report.unreachable, notConfigured: report.notConfigured };
      if (report.status === 'ready') logger.info(fields, 'readiness: ready');
      else logger.warn(fields, `readiness: ${report.status} (${report.reason})`);
      lastStatus = report.status;
    }
    const { status, reason, notConfigured, unreachable, vendors } = report;
    res
      .status(report.ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status, reason, notConfigured, unreachable, vendors });
  });
  if (metrics) {
    routes.get('/metrics', async (_req, res) => {
      res
        .set('content-type', metrics.registry.contentType)
        .set('cache-control', 'no-store')
        .send(await metrics.registry.metrics());
    });
  }

  const traceRequest = tracing?.middleware();
  const requestMiddleware: HttpHandler = (req, res, next) => {
    const scope = scopeOf(res);
    if (scope) res.setHeader('x-request-id', scope.requestId);
    if (traceRequest) traceRequest(req, res, next);
    else next();
  };

  return {
    routes,
    requestMiddleware,
    plugins: [
      requestLogPlugin(logger),
      ...(metrics ? [metricsPlugin(metrics)] : []),
      ...(tracing ? [tracing.plugin()] : []),
    ],
    metrics,
    tracing,
    async stop() {
      for (const off of unsubscribe) off();
      await tracing?.shutdown();
    },
  };
}
