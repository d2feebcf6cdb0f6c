/**
 * Prometheus metrics (prom-client), one registry per gateway so that several gateways in one
 * process (the tests) do not share counters. Upstream calls come from the http layer's observer
 * registry; retries, cache hits, revalidations and rate-limit waits from each request's accounting
 * (the same numbers `extensions.upstream` shows); GraphQL operations and errors from an Apollo plugin.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GatewayContext } from '../context.js';
import type { BreakerEvent, BreakerState, QuotaEvent, VendorCallEvent } from '../http/observers.js';
import type { StaleMark, UpstreamStats } from '../http/scope.js';

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
const BREAKER_STATES: BreakerState[] = ['closed', 'half-open', 'open'];
/** Client-chosen operation names become a label: past this many distinct names, `other`. */
const MAX_OPERATION_NAMES = 200;

/** The gateway's metrics and the methods that feed them. */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #upstreamRequests: Counter<'vendor' | 'endpoint' | 'status'>;
  readonly #upstreamDuration: Histogram<'vendor' | 'endpoint'>;
  readonly #upstreamRetries: Counter<'vendor'>;
  readonly #cacheHits: Counter<'vendor'>;
  readonly #revalidations: Counter<'vendor'>;
  readonly #rateLimitWait: Counter<'vendor'>;
  readonly #deduplicated: Counter<'vendor'>;
  readonly #staleServed: Counter<'vendor' | 'endpoint'>;
  readonly #breakerState: Gauge<'vendor' | 'state'>;
  readonly #vendorUp: Gauge<'vendor'>;
  readonly #quotaRemaining: Gauge<'vendor'>;
  readonly #quotaLimit: Gauge<'vendor'>;
  readonly #outcomes: Counter<'name' | 'code'>;
  readonly #operations: Counter<'type' | 'name'>;
  readonly #operationDuration: Histogram<'type'>;
  readonly #errors: Counter<'code'>;
  readonly #operationNames = new Set<string>();

  constructor(vendors: readonly string[], options: { eventLoopResolutionMs?: number } = {}) {
    const registers = [this.registry];
    // The event-loop delay is sampled by a timer that wakes the process at this interval, loaded
    // or idle: prom-client's default (10 ms) alone cost ~10 ms of CPU per second.
    collectDefaultMetrics({
      register: this.registry,
      eventLoopMonitoringPrecision: options.eventLoopResolutionMs ?? 100,
    });
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name, help, labelNames, registers });
    const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Gauge<L>({ name, help, labelNames, registers });
    const histogram = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Histogram<L>({ name, help, labelNames, buckets: SECONDS_BUCKETS, registers });
    this.#upstreamRequests = counter(
      'vendorgraph_upstream_requests_total',
      'Vendor calls by vendor, endpoint and HTTP status (or network error code); retries of one call count once.',
      ['vendor', 'endpoint', 'status'],
    );
    this.#upstreamDuration = histogram(
      'vendorgraph_upstream_request_duration_seconds',
      'Wall time of vendor calls, retries and back-off included.',
      ['vendor', 'endpoint'],
    );
    this.#upstreamRetries = counter('vendorgraph_upstream_retries_total', 'Retries of idempotent vendor calls.', [
      'vendor',
    ]);
    this.#cacheHits = counter(
      'vendorgraph_upstream_cache_hits_total',
      'Vendor calls answered from the gateway cache.',
      ['vendor'],
    );
    this.#revalidations = counter(
      'vendorgraph_upstream_revalidations_total',
      'Conditional vendor calls answered 304 Not Modified.',
      ['vendor'],
    );
    this.#rateLimitWait = counter(
      'vendorgraph_upstream_rate_limit_wait_seconds_total',
      "Time vendor calls spent queued to respect the vendor's rate limits.",
      ['vendor'],
    );
    this.#deduplicated = counter(
      'vendorgraph_upstream_deduplicated_total',
      'Vendor calls saved by joining an identical call already in flight.',
      ['vendor'],
    );
    this.#staleServed = counter(
      'vendorgraph_upstream_stale_served_total',
      'Operations answered with stale cached data because the vendor failed (once per vendor endpoint per operation).',
      ['vendor', 'endpoint'],
    );
    this.#breakerState = gauge(
      'vendorgraph_upstream_breaker_state',
      "1 for the vendor circuit breaker's current state (closed, half-open, open), 0 for the others.",
      ['vendor', 'state'],
    );
    this.#vendorUp = gauge('vendorgraph_vendor_up', 'Result of the last vendor health check (1 healthy, 0 not).', [
      'vendor',
    ]);
    this.#quotaRemaining = gauge(
      'vendorgraph_upstream_quota_remaining',
      "Calls left in the vendor's rate-limit window (X-RateLimit-Remaining of its latest answer).",
      ['vendor'],
    );
    this.#quotaLimit = gauge(
      'vendorgraph_upstream_quota_limit',
      "Calls allowed per rate-limit window (X-RateLimit-Limit of the vendor's latest answer).",
      ['vendor'],
    );
    this.#outcomes = counter(
      'vendorgraph_graphql_operation_outcomes_total',
      'GraphQL operations by name and outcome: OK, or each distinct extensions.code the response carried (once per operation).',
      ['name', 'code'],
    );
    this.#operations = counter(
      'vendorgraph_graphql_operations_total',
      'GraphQL operations by type (query, mutation, unknown when the document did not parse or validate) and name.',
      ['type', 'name'],
    );
    this.#operationDuration = histogram(
      'vendorgraph_graphql_operation_duration_seconds',
      'Time from receiving a GraphQL operation to sending its response.',
      ['type'],
    );
    this.#errors = counter('vendorgraph_graphql_errors_total', 'GraphQL errors sent to clients, by extensions.code.', [
      'code',
    ]);
    for (const vendor of vendors) this.breakerState({ vendor, state: 'closed' });
  }

  /** Counts one finished vendor call. */
  vendorCall(event: VendorCallEvent): void {
    const endpoint = event.operation ?? 'unknown';
    this.#upstreamRequests.inc({ vendor: event.vendor, endpoint, status: String(event.status ?? 'error') });
    this.#upstreamDuration.observe({ vendor: event.vendor, endpoint }, event.durationMs / 1000);
  }

  /** Adds one request's upstream accounting (retries, cache hits, revalidations, queueing, stale data). */
  upstream(upstream: Record<string, UpstreamStats>, stale: readonly StaleMark[] = []): void {
    for (const mark of stale) this.#staleServed.inc({ vendor: mark.vendor, endpoint: mark.operation });
    for (const [vendor, stats] of Object.entries(upstream)) {
      if (stats.retries) this.#upstreamRetries.inc({ vendor }, stats.retries);
      if (stats.cacheHits) this.#cacheHits.inc({ vendor }, stats.cacheHits);
      if (stats.revalidations) this.#revalidations.inc({ vendor }, stats.revalidations);
      if (stats.rateLimitWaitMs) this.#rateLimitWait.inc({ vendor }, stats.rateLimitWaitMs / 1000);
      if (stats.deduplicated) this.#deduplicated.inc({ vendor }, stats.deduplicated);
    }
  }

  /** Records a breaker state change. */
  breakerState(event: BreakerEvent): void {
    for (const state of BREAKER_STATES)
      this.#breakerState.set({ vendor: event.vendor, state }, state === event.state ? 1 : 0);
  }

  /** Records a vendor health check result. */
  vendorHealth(vendor: string, healthy: boolean): void {
    this.#vendorUp.set({ vendor }, healthy ? 1 : 0);
  }

  /** Records what a vendor's rate-limit headers said (the latest answer wins). */
  quota(event: QuotaEvent): void {
    this.#quotaRemaining.set({ vendor: event.vendor }, event.remaining);
    this.#quotaLimit.set({ vendor: event.vendor }, event.limit);
  }

  /** Counts one GraphQL operation and the codes of the errors it answered with. */
  operation(type: string, name: string | undefined, seconds: number, errorCodes: string[]): void {
    const label = this.#operationName(name);
    this.#operations.inc({ type, name: label });
    this.#operationDuration.observe({ type }, seconds);
    for (const code of errorCodes) this.#errors.inc({ code });
    if (errorCodes.length === 0) this.#outcomes.inc({ name: label, code: 'OK' });
    for (const code of new Set(errorCodes)) this.#outcomes.inc({ name: label, code });
  }

  #operationName(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (this.#operationNames.has(name)) return name;
    if (this.#operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.#operationNames.add(name);
    return name;
  }
}

/** Feeds operations, error codes and each request's upstream accounting into `metrics`. */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let type = 'unknown';
      let name: string | undefined;
      return {
        async didResolveOperation({ operation, operationName }) {
          type = operation?.operation ?? type;
          name = operationName ?? undefined;
        },
        async willSendResponse({ response, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          metrics.operation(type, name, (performance.now() - started) / 1000, codes);
          if (contextValue?.scope) metrics.upstream(contextValue.scope.upstream, contextValue.scope.stale);
        },
      };
    },
  };
}
