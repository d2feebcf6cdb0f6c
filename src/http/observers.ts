/**
 * A tiny observer registry between the http layer and whoever watches it (metrics, tracing),
 * so VendorHttp does not depend on prom-client or OpenTelemetry. One {@link HttpObservers} per
 * gateway (held by its SharedHttpState): two gateways in one process never see each other's
 * calls. A listener that throws is ignored: watching a call must never fail it.
 */
import type { RequestScope } from './scope.js';

/** One finished vendor call, as VendorHttp saw it (retries included in its duration). */
export interface VendorCallEvent {
  /** The operation the call served (tracing puts its span under that operation's); none outside one. */
  scope?: RequestScope;
  vendor: string;
  /** The client method's endpoint name (`searchRecords`); undefined when the caller gave none. */
  operation?: string;
  method: string;
  /** The HTTP status, or the network error code (`ETIMEDOUT`) when no response arrived. */
  status: number | string | undefined;
  /** Wall time of the call, retries and their back-off included. */
  durationMs: number;
}

/** A circuit breaker's state, as the resilience layer reports it. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** A vendor's circuit breaker changed state. */
export interface BreakerEvent {
  vendor: string;
  state: BreakerState;
}

/** What a vendor's X-RateLimit-* headers said about the calls left in its window. */
export interface QuotaEvent {
  vendor: string;
  limit: number;
  remaining: number;
}

type Listener<E> = (event: E) => void;

function channel<E>() {
  const listeners = new Set<Listener<E>>();
  return {
    on(listener: Listener<E>): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify(event: E): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // An observer's bug must not turn into a failed vendor call.
        }
      }
    },
  };
}

/** The vendor-call and breaker-state channels of one gateway. */
export class HttpObservers {
  readonly #vendorCalls = channel<VendorCallEvent>();
  readonly #breakers = channel<BreakerEvent>();
  readonly #quotas = channel<QuotaEvent>();
  /** Subscribes to finished vendor calls; returns the unsubscribe function. */
  readonly onVendorCall = this.#vendorCalls.on;
  /** Called by VendorHttp once per finished call. */
  readonly notifyVendorCall = this.#vendorCalls.notify;
  /** Subscribes to circuit breaker state changes; returns the unsubscribe function. */
  readonly onBreakerState = this.#breakers.on;
  /** Called by the resilience layer when a vendor's breaker opens, half-opens or closes. */
  readonly notifyBreakerState = this.#breakers.notify;
  /** Subscribes to quota observations (a vendor answer with X-RateLimit-* headers). */
  readonly onQuota = this.#quotas.on;
  /** Called by the quota governor for every vendor answer that states the quota. */
  readonly notifyQuota = this.#quotas.notify;
}
