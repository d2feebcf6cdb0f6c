/**
 * The one small interface behind which shared state lives (tokens today; caches, limiter buckets
 * and breaker state as they arrive). In memory by default; a Redis implementation can replace it
 * when several gateway instances run side by side.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value`; it disappears after `ttlMs` when given. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The default store: a Map with lazy expiry, private to one gateway process. */
export class MemoryStore implements KeyValueStore {
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : Date.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}
