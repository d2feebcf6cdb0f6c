/**
 * The state every VendorHttp of one gateway shares: the KeyValueStore (cache, breaker marks, retry
 * budgets, quota observations, tokens), one circuit breaker per vendor, and the calls in flight
 * that identical GETs of concurrent GraphQL requests join. The registry creates one per gateway;
 * a VendorHttp built without one gets a private instance.
 */
import { VendorBreaker, type BreakerSettings, type BreakerState } from './breaker.js';
import { systemClock, type Clock } from './clock.js';
import { HttpObservers } from './observers.js';
import { isVendorDown } from './retry.js';
import { MemoryStore, type KeyValueStore } from './store.js';

export class SharedHttpState {
  /** Calls in flight by request key; only this process's promises can be joined. */
  readonly inflight = new Map<string, Promise<unknown>>();
  /** Callers now waiting on a call in flight instead of sending their own (tests wait on it). */
  joined = 0;
  readonly #breakers = new Map<string, VendorBreaker>();

  constructor(
    readonly store: KeyValueStore = new MemoryStore(),
    /** This gateway's vendor-call and breaker observers (metrics, tracing). */
    readonly observers: HttpObservers = new HttpObservers(),
    /** The time retries, pacing and tokens wait on (tests pass one that costs no real time). */
    readonly clock: Clock = systemClock,
  ) {}

  /** The vendor's breaker, created with `settings` on first use. */
  breaker(vendor: string, settings: BreakerSettings): VendorBreaker {
    let breaker = this.#breakers.get(vendor);
    if (!breaker) {
      breaker = new VendorBreaker(vendor, settings, this.store, isVendorDown, this.observers);
      this.#breakers.set(vendor, breaker);
    }
    return breaker;
  }

  /** The vendor's breaker state; undefined when it has none (disabled, or no call made yet). */
  breakerState(vendor: string): BreakerState | undefined {
    return this.#breakers.get(vendor)?.state;
  }

  /** Stops the breakers' timers. */
  shutdown(): void {
    for (const breaker of this.#breakers.values()) breaker.shutdown();
    this.#breakers.clear();
  }
}
