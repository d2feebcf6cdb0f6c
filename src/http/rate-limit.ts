/**
 * Rate limiting by queuing: a vendor's published limit is respected by holding calls back, never
 * by failing them. {@link KeyedRateLimiter} keeps one queue per key (Flxpoint: per API token,
 * because each token has its own 2 requests/second) and hands out {@link RateLimiter}s that
 * VendorHttp's `limiter` option takes; VendorHttp accounts the time spent queued in
 * `extensions.upstream.<vendor>.rateLimitWaitMs`.
 *
 * The schedule itself lives in the KeyValueStore (`takeSlot`): a sliding-window log of start
 * times per key, so every process sharing the store (workers through the cluster primary,
 * instances through Redis) draws its starts from one log and the vendor sees one client. A start
 * is taken at the moment the call may leave, and moved to when it really left (`markSent`, from
 * the request's `finish`): a new connection's set-up or a busy event loop can delay a departure
 * by far more than any margin, and the calls after it must be spaced from where it really was.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimiter } from './client.js';
import { MemoryStore, type KeyValueStore, type SlotGrant } from './store.js';

/**
 * Added to the vendor's window by default. The vendor counts arrivals, and an arrival lags its
 * start by a network and scheduling delay that varies from call to call (tens of milliseconds on
 * a busy host): a call that left on time after one that left late would otherwise land inside
 * the window of the call two before it.
 */
export const DEFAULT_MARGIN_MS = 75;

export interface RateLimitOptions {
  /** Calls one key may start per second (Flxpoint publishes 2); fractions allowed (0.5 = one per 2 s). */
  requestsPerSecond: number;
  /** Milliseconds added to the window as a safety margin (default {@link DEFAULT_MARGIN_MS}). */
  marginMs?: number;
  /** Where the schedule lives (default: a store private to this limiter). */
  store?: KeyValueStore;
  /** Prefix of the store keys (default `ratelimit`); the vendor's name keeps vendors apart. */
  keyPrefix?: string;
}

function checkRate(value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`requestsPerSecond must be a positive number, received ${String(value)}`);
  return value;
}

function checkMargin(value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`marginMs must be a number of milliseconds ≥ 0, received ${String(value)}`);
  return value;
}

/**
 * Queues keyed by credential. A rate of `r` per second is enforced as the vendor counts it: at
 * most ⌊r⌋ departures (at least one) in any sliding window of ⌊r⌋ ÷ r seconds, plus the margin.
 * Two calls may leave together; the third waits until one window after the first left.
 */
export class KeyedRateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #store: KeyValueStore;
  readonly #prefix: string;
  readonly #queues = new Map<string, KeyQueue>();

  constructor(options: RateLimitOptions) {
    const rate = checkRate(options.requestsPerSecond);
    const margin = checkMargin(options.marginMs ?? DEFAULT_MARGIN_MS);
    this.limit = Math.max(1, Math.floor(rate));
    this.windowMs = Math.ceil((1000 * this.limit) / rate + margin);
    this.#store = options.store ?? new MemoryStore({ maxEntries: 10_000 });
    this.#prefix = options.keyPrefix ?? 'ratelimit';
  }

  /** The limiter of one key; calls scheduled on the same key share its rate. */
  forKey(key: string): RateLimiter {
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = new KeyQueue(this.#store, `${this.#prefix}:${key}`, this.limit, this.windowMs);
      this.#queues.set(key, queue);
    }
    return queue;
  }
}

/**
 * One key's FIFO. Only its head asks the store for a start, and only when it may leave now, so
 * nothing is booked ahead: processes interleave fairly, and when the store changes (Redis lost)
 * no start was promised on the old one.
 */
class KeyQueue implements RateLimiter {
  readonly #waiting: ((sent: (at?: number) => void) => void)[] = [];
  #pumping = false;
  /** Used only when the shared store throws (it falls back on its own; this is a last resort). */
  #local?: MemoryStore;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async schedule<T>(task: (sent: (at?: number) => void) => Promise<T>): Promise<T> {
    const sent = await new Promise<(at?: number) => void>((resolve) => {
      this.#waiting.push(resolve);
      void this.#pump();
    });
    return task(sent);
  }

  #storeFor(): KeyValueStore {
    return this.#local ?? this.store;
  }

  async #take(): Promise<SlotGrant & { store: KeyValueStore }> {
    const store = this.#storeFor();
    try {
      return { ...(await store.takeSlot(this.key, this.limit, this.windowMs)), store };
    } catch {
      this.#local ??= new MemoryStore({ maxEntries: 100 });
      return { ...(await this.#local.takeSlot(this.key, this.limit, this.windowMs)), store: this.#local };
    }
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting.length > 0) {
        const grant = await this.#take();
        if (grant.ticket === undefined) {
          await sleep(grant.waitMs);
          continue;
        }
        const { ticket, store } = grant;
        const takenAt = Date.now();
        let reported = false;
        this.#waiting.shift()!((at = Date.now()) => {
          if (reported) return;
          reported = true;
          void store.markSent(this.key, ticket, at - takenAt).catch(() => undefined);
        });
      }
    } finally {
      this.#pumping = false;
    }
  }
}
