/**
 * Rate limiting by queuing: a vendor's published limit is respected by holding calls back, never
 * by failing them. {@link KeyedRateLimiter} keeps one bucket per key (Flxpoint: per API token,
 * because each token has its own 2 requests/second) and hands out {@link RateLimiter}s that
 * VendorHttp's `limiter` option takes. Bottleneck does the scheduling; VendorHttp accounts the
 * time spent queued in `extensions.upstream.<vendor>.rateLimitWaitMs`.
 */
import Bottleneck from 'bottleneck';
import type { RateLimiter } from './client.js';

export interface RateLimitOptions {
  /** Calls one bucket may start per second (Flxpoint publishes 2). */
  requestsPerSecond: number;
}

function checkRate(value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`requestsPerSecond must be a positive number, received ${String(value)}`);
  return value;
}

/**
 * Buckets keyed by credential. Calls are spaced evenly (`1000 / requestsPerSecond` ms apart) rather
 * than let through in bursts: the vendor counts arrivals, and arrival times jitter, so an even
 * spacing is the schedule that never trips a per-second window.
 */
export class KeyedRateLimiter {
  readonly #group: Bottleneck.Group;
  readonly #views = new Map<string, RateLimiter>();

  constructor(options: RateLimitOptions) {
    const rate = checkRate(options.requestsPerSecond);
    this.#group = new Bottleneck.Group({ maxConcurrent: null, minTime: Math.ceil(1000 / rate) });
  }

  /** The limiter of one bucket; calls scheduled on the same key share its rate. */
  forKey(key: string): RateLimiter {
    let view = this.#views.get(key);
    if (!view) {
      // Bottleneck.Group drops idle buckets and recreates them on demand, so resolve it per call.
      view = { schedule: (task) => this.#group.key(key).schedule(task) };
      this.#views.set(key, view);
    }
    return view;
  }
}
