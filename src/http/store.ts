/**
 * The one small interface behind which shared state lives: tokens, the HTTP cache, breaker state,
 * retry budgets and quota observations. In memory by default; a Redis implementation can replace
 * it when several gateway instances run side by side (`increment` maps onto INCRBY + PEXPIRE NX).
 */
import { LRUCache } from 'lru-cache';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value`; it disappears after `ttlMs` when given. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Adds `by` to the number at `key` (0 when absent) and returns the result. A new key expires
   * after `ttlMs`; incrementing an existing key keeps its expiry.
   */
  increment(key: string, by?: number, ttlMs?: number): Promise<number>;
  /** Releases connections (the gateway calls it on shutdown); absent for in-process stores. */
  close?(): Promise<void>;
}

export interface MemoryStoreOptions {
  /** The most entries kept; the least recently used go first (default 50,000). */
  maxEntries?: number;
}

/**
 * The default store, private to one gateway process: an LRU map with per-entry expiry, so cache
 * entries nobody reads again cannot grow memory without bound.
 */
export class MemoryStore implements KeyValueStore {
  readonly #entries: LRUCache<string, { value: unknown }>;

  constructor(options: MemoryStoreOptions = {}) {
    this.#entries = new LRUCache({ max: options.maxEntries ?? 50_000 });
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.#entries.get(key)?.value as T | undefined;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.#entries.set(key, { value }, { ttl: ttlMs !== undefined && ttlMs > 0 ? ttlMs : 0 });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    const current = this.#entries.get(key)?.value;
    const next = (typeof current === 'number' ? current : 0) + by;
    if (current === undefined) this.#entries.set(key, { value: next }, { ttl: ttlMs !== undefined && ttlMs > 0 ? ttlMs : 0 });
    else this.#entries.set(key, { value: next }, { noUpdateTTL: true });
    return next;
  }
}
