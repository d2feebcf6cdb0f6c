/**
 * What operators see of a running gateway: /healthz (liveness), /readyz (per-vendor readiness),
 * /metrics (Prometheus), one structured log line per GraphQL request, the `x-request-id` response
 * header, and OpenTelemetry spans when tracing is switched on. src/server.ts mounts the pieces.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Router, type RequestHandler } from 'express';
import type { GatewayContext } from '../context.js';
import type { HttpObservers } from '../http/observers.js';
import { RequestScope, currentScope, runInScope } from '../http/scope.js';
import type { Logger } from '../logger.js';
import { checkHealth } from '../resolvers.js';
import type { VendorRegistry } from '../runtime.js';
import { defaultObservability, type ObservabilityConfig } from './config.js';
import { GatewayMetrics, metricsPlugin } from './metrics.js';
import { requestLogPlugin } from './request-log.js';
import { GatewayTracing } from './tracing.js';

export { GatewayMetrics } from './metrics.js';
export { GatewayTracing } from './tracing.js';
export type { ObservabilityConfig, TracingConfig } from './config.js';

export interface Observability {
  /** GET /healthz, /readyz and (when enabled) /metrics. */
  routes: Router;
  /** Runs inside a /graphql request's scope: echoes the request id and starts its span. */
  requestMiddleware: RequestHandler;
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

/** A readiness report: ready unless a configured vendor failed its health check. */
export interface Readiness {
  ready: boolean;
  vendors: Awaited<ReturnType<typeof checkHealth>>;
}

/** Wires metrics, logs and tracing for one gateway. */
export function createObservability(config: ObservabilityConfig = defaultObservability, deps: ObservabilityDeps): Observability {
  const { registry, logger, observers } = deps;
  const configured = Object.values(registry).filter((v) => v.mode !== 'NOT_CONFIGURED').map((v) => v.name);
  const metrics = config.metrics ? new GatewayMetrics(configured) : undefined;
  const tracing = config.tracing.exporter === 'off' ? undefined : new GatewayTracing(config.tracing);
  const unsubscribe = [
    observers.onVendorCall((event) => {
      metrics?.vendorCall(event);
      tracing?.vendorCall(event);
    }),
    observers.onBreakerState((event) => metrics?.breakerState(event)),
  ];

  // Probes from several load balancers at once share one round of vendor health checks.
  let inFlight: Promise<Readiness> | undefined;
  const readiness = (): Promise<Readiness> =>
    (inFlight ??= (async () => {
      const scope = new RequestScope();
      try {
        const vendors = await runInScope(scope, () => checkHealth(registry));
        for (const v of vendors) if (v.mode !== 'NOT_CONFIGURED') metrics?.vendorHealth(v.name, v.healthy);
        metrics?.upstream(scope.upstream);
        // A vendor nobody configured cannot become healthy by waiting: it does not hold readiness back.
        return { ready: vendors.every((v) => v.healthy || v.mode === 'NOT_CONFIGURED'), vendors };
      } finally {
        inFlight = undefined;
      }
    })());

  const routes = Router();
  routes.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  routes.get('/readyz', async (_req, res) => {
    const report = await readiness();
    if (!report.ready) logger.warn({ vendors: report.vendors.filter((v) => !v.healthy && v.mode !== 'NOT_CONFIGURED') }, 'not ready: a configured vendor is unhealthy');
    res
      .status(report.ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status: report.ready ? 'ready' : 'unavailable', vendors: report.vendors });
  });
  if (metrics) {
    routes.get('/metrics', async (_req, res) => {
      res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store').send(await metrics.registry.metrics());
    });
  }

  const traceRequest = tracing?.middleware();
  const requestMiddleware: RequestHandler = (req, res, next) => {
    const scope = currentScope();
    if (scope) res.setHeader('x-request-id', scope.requestId);
    if (traceRequest) traceRequest(req, res, next);
    else next();
  };

  return {
    routes,
    requestMiddleware,
    plugins: [requestLogPlugin(logger), ...(metrics ? [metricsPlugin(metrics)] : []), ...(tracing ? [tracing.plugin()] : [])],
    metrics,
    tracing,
    async stop() {
      for (const off of unsubscribe) off();
      await tracing?.shutdown();
    },
  };
}
