/**
 * One circuit breaker per vendor (opossum). After too many failed calls in its rolling window the
 * breaker opens: that vendor's calls fail fast with VENDOR_UNAVAILABLE instead of piling up on a
 * vendor that is down. After the reset time one probe call is let through; its success closes the
 * breaker. Opening is mirrored into the KeyValueStore, so with a shared store (Redis, or the
 * cluster primary) an instance that has not seen the failures itself fails fast too: it checks the
 * mark before each call and, between calls, every {@link BREAKER_SYNC_MS} (its health shows it).
 */
import CircuitBreaker from 'opossum';
import { GatewayError } from '../errors.js';
import { HttpObservers } from './observers.js';
import type { KeyValueStore } from './store.js';

/** What the `vendors` health list shows. */
export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerSettings {
  breakerErrorPercent: number;
  breakerVolume: number;
  breakerWindowMs: number;
  breakerResetMs: number;
}

interface OpenedMark {
  openedAt: number;
}

type Task = () => Promise<unknown>;

/** How often a closed breaker looks for another instance's open mark (so it shows within a second). */
export const BREAKER_SYNC_MS = 500;

export class VendorBreaker {
  readonly #breaker: CircuitBreaker<[Task], unknown>;
  readonly #store: KeyValueStore;
  readonly #key: string;
  /** True while this instance opens itself because the store says another instance did. */
  #mirroring = false;
  readonly #sync: NodeJS.Timeout;

  /** `isFailure` tells a vendor that is down (5xx, timeout, no connection) from a call it refused. */
  constructor(
    readonly vendor: string,
    settings: BreakerSettings,
    store: KeyValueStore,
    isFailure: (error: unknown) => boolean,
    observers: HttpObservers = new HttpObservers(),
  ) {
    const notifyBreakerState = observers.notifyBreakerState;
    this.#store = store;
    this.#key = `breaker:${vendor}`;
    this.#breaker = new CircuitBreaker<[Task], unknown>((task) => task(), {
      name: vendor,
      // got ends each attempt with its own timeouts; a second clock here would only race them.
      timeout: false,
      errorThresholdPercentage: settings.breakerErrorPercent,
      volumeThreshold: settings.breakerVolume,
      rollingCountTimeout: settings.breakerWindowMs,
      rollingCountBuckets: 10,
      resetTimeout: settings.breakerResetMs,
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      // opossum counts a filtered error as a success: a 404 or 429 proves the vendor is up.
      errorFilter: (error: unknown) => !isFailure(error),
    });
    this.#breaker.on('open', () => {
      notifyBreakerState({ vendor, state: 'open' });
      if (this.#mirroring) return;
      void this.#store
        .set<OpenedMark>(this.#key, { openedAt: Date.now() }, settings.breakerResetMs)
        .catch(() => undefined);
    });
    this.#sync = setInterval(() => void this.#mirror(), BREAKER_SYNC_MS);
    this.#sync.unref();
    this.#breaker.on('halfOpen', () => notifyBreakerState({ vendor, state: 'half-open' }));
    this.#breaker.on('close', () => {
      notifyBreakerState({ vendor, state: 'closed' });
      void this.#store.delete(this.#key).catch(() => undefined);
    });
  }

  get state(): BreakerState {
    if (this.#breaker.halfOpen) return 'HALF_OPEN';
    return this.#breaker.opened ? 'OPEN' : 'CLOSED';
  }

  /** Throws VENDOR_UNAVAILABLE when the breaker is open here or, through the store, elsewhere. */
  async admit(): Promise<void> {
    await this.#mirror();
    if (this.#breaker.opened) throw this.#openError();
  }

  /** Opens this breaker when it is closed and the store holds another instance's open mark. */
  async #mirror(): Promise<void> {
    if (!this.#breaker.closed) return;
    const mark = await this.#store.get<OpenedMark>(this.#key).catch(() => undefined);
    if (mark && this.#breaker.closed) {
      this.#mirroring = true;
      this.#breaker.open();
      this.#mirroring = false;
    }
  }

  /** Runs one attempt through the breaker, which counts its outcome. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    try {
      return (await this.#breaker.fire(task)) as T;
    } catch (error) {
      // A concurrent call is already probing the half-open breaker: this one fails fast.
      if (error instanceof Error && CircuitBreaker.isOurError(error)) throw this.#openError();
      throw error;
    }
  }

  /** Stops the breaker's timers. */
  shutdown(): void {
    clearInterval(this.#sync);
    this.#breaker.shutdown();
  }

  #openError(): GatewayError {
    return new GatewayError(
      'VENDOR_UNAVAILABLE',
      `${this.vendor} is unavailable (circuit open after repeated failures)`,
      {
        vendor: this.vendor,
        retryable: true,
      },
    );
  }
}
