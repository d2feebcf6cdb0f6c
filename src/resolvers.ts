/**
 * Resolvers of schema/base.graphql: the scalars and the `vendors` health list.
 */
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { GatewayContext } from './context.js';
import { RequestScope } from './http/scope.js';
import { scopedView } from './kit/scoped.js';
import { healthCacheOf } from './observability/health-cache.js';
import type { VendorRegistry } from './runtime.js';

const HEALTH_TIMEOUT_MS = 5_000;

/** Runs each vendor's health check in parallel, bounded in time; its vendor calls count toward `scope`. */
export async function checkHealth(registry: VendorRegistry, scope: RequestScope = new RequestScope()) {
  return Promise.all(
    Object.values(registry).map(async (entry) => {
      const { name } = entry;
      const answer = (healthy: boolean, message: string | null, latencyMs: number | null, breaker: string | null) => ({
        name,
        mode: entry.mode,
        healthy,
        latencyMs,
        message,
        breaker,
      });
      if (!entry.client) return answer(false, entry.message ?? null, null, null);
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const staleBefore = scope.stale.length;
      let timer: NodeJS.Timeout | undefined;
      try {
        const report = await Promise.race([
          entry.module.health(scopedView(entry.client as object, scope) as typeof entry.client),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('health check timed out')), HEALTH_TIMEOUT_MS);
          }),
        ]);
        const breaker = entry.breaker?.() ?? null;
        // A check answered without a vendor call (a cached token) cannot overrule an open breaker.
        if (breaker === 'OPEN')
          return answer(false, `${name} is unavailable (circuit open after repeated failures)`, elapsed(), breaker);
        // Nor can a check the cache answered because the vendor failed (stale-if-error).
        if (scope.stale.slice(staleBefore).some((mark) => mark.vendor === name))
          return answer(false, `${name} is failing (answered from stale cached data)`, elapsed(), breaker);
        return answer(report.healthy, report.message ?? null, elapsed(), breaker);
      } catch (error) {
        const message = error instanceof Error && 'code' in error ? error.message : 'health check failed';
        return answer(false, message, elapsed(), entry.breaker?.() ?? null);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

export const baseResolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Query: {
    // The gateway's shared round of health checks (also behind /readyz), cached for a few seconds.
    vendors: (_: unknown, __: unknown, ctx: GatewayContext) =>
      healthCacheOf<Awaited<ReturnType<typeof checkHealth>>[number]>(ctx.registry)?.get() ??
      checkHealth(ctx.registry, ctx.scope),
  },
};
