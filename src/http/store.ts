/**
 * The one small interface behind which shared state lives: tokens, the HTTP cache, breaker state,
 * retry budgets, quota observations, vendor rate-limit slots, locks and per-client counters. In
 * memory by default; Redis (src/http/redis-store.ts) when several gateway instances run side by
 * side, or the cluster primary (src/cluster/) for the workers of one process. Every operation that
 * several instances may race on is one atomic step of the store, never a read-modify-write here.
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/** A per-key request counter (rate-limiter-flexible's `consume`): resolves when allowed, rejects with a RateLimiterRes when not. */
export interface PointsLimiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
}

export interface PointsLimiterOptions {
  /** Names this counter apart from others in the same store. */
  keyPrefix: string;
  /** Requests allowed per key per window. */
  points: number;
  /** The window, in seconds (a fixed window that starts with a key's first request). */
  durationS: number;
}

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
  /**
   * Takes the lock `key` for `ttlMs` unless another holder has it; resolves to this holder's
   * owner token, or undefined when the lock is taken. The lock expires on its own, so a holder
   * that dies never blocks the others for longer than `ttlMs`.
   */
  acquireLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases `key` only if `owner` still holds it (compare-and-delete): a late holder never frees a successor's lock. */
  releaseLock(key: string, owner: string): Promise<void>;
  /**
   * Takes a start in the sliding-window log of `key` when fewer than `limit` starts lie within
   * the last `windowMs`: resolves to a ticket, or to the milliseconds until the oldest of those
   * starts leaves the window (then ask again). Decided at the moment of the call, so a start is
   * never booked ahead on a guess.
   */
  takeSlot(key: string, limit: number, windowMs: number): Promise<SlotGrant>;
  /**
   * Moves the start of `ticket` `delayMs` later: to when the call actually left (a new
   * connection, a busy event loop), so the calls after it are spaced from its real departure.
   */
  markSent(key: string, ticket: string, delayMs: number): Promise<void>;
  /** A per-key request counter counted wherever this store is shared (the per-client rate limit). */
  pointsLimiter(options: PointsLimiterOptions): PointsLimiter;
  /** Releases connections (the gateway calls it on shutdown); absent for in-process stores. */
  close?(): Promise<void>;
}

/** A start taken (`ticket`) or the wait before asking again (`waitMs`). */
export type SlotGrant = { ticket: string; waitMs?: undefined } | { ticket?: undefined; waitMs: number };

/** One start in a sliding-window log. */
interface SlotEntry {
  ticket: string;
  at: number;
}

/** How long a start stays in a log past its window (room for a late `markSent`). */
const SLOT_KEEP_MS = 60_000;

/** The sliding-window decision on `log` (mutated: a taken start is appended, expired ones dropped). */
export function takeFromLog(log: SlotEntry[], limit: number, windowMs: number, now: number): SlotGrant {
  for (let i = log.length - 1; i >= 0; i--) if (log[i].at <= now - windowMs - SLOT_KEEP_MS) log.splice(i, 1);
  const inside = log
    .filter((e) => e.at > now - windowMs)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  if (inside.length < limit) {
    const ticket = randomUUID();
    log.push({ ticket, at: now });
    return { ticket };
  }
  return { waitMs: Math.max(1, inside[inside.length - limit] + windowMs - now) };
}

export interface MemoryStoreOptions {
  /** The most entries kept; the least recently used go first (default 50,000). */
  maxEntries?: number;
  /**
   * The most bytes of keys and values kept, as {@link estimatedBytes} counts them; the least
   * recently used go first, and one value larger than this is not kept (default 64 MiB).
   */
  maxBytes?: number;
}

/** Default of {@link MemoryStoreOptions.maxBytes}. */
export const STORE_MAX_BYTES = 64 * 1_048_576;

/**
 * The default store, private to one gateway process: an LRU map with per-entry expiry, bounded by
 * entries and by bytes. The bytes are what matter: a cached vendor body may be up to a megabyte, so
 * the entry bound alone would let 50,000 of them outgrow any container, expired ones included (they
 * leave when read or pushed out, not on a timer).
 */
export class MemoryStore implements KeyValueStore {
  readonly #entries: LRUCache<string, { value: unknown }>;

  constructor(options: MemoryStoreOptions = {}) {
    this.#entries = new LRUCache({
      max: options.maxEntries ?? 50_000,
      maxSize: options.maxBytes ?? STORE_MAX_BYTES,
      sizeCalculation: (entry, key) => estimatedBytes(key, entry.value),
    });
  }

  /** Bytes the entries hold now, as {@link estimatedBytes} counts them. */
  get bytes(): number {
    return this.#entries.calculatedSize;
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
    if (current === undefined)
      this.#entries.set(key, { value: next }, { ttl: ttlMs !== undefined && ttlMs > 0 ? ttlMs : 0 });
    else this.#entries.set(key, { value: next }, { noUpdateTTL: true });
    return next;
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    if (this.#entries.get(key) !== undefined) return undefined;
    const owner = randomUUID();
    this.#entries.set(key, { value: owner }, { ttl: Math.max(1, ttlMs) });
    return owner;
  }

  async releaseLock(key: string, owner: string): Promise<void> {
    if (this.#entries.get(key)?.value === owner) this.#entries.delete(key);
  }

  async takeSlot(key: string, limit: number, windowMs: number): Promise<SlotGrant> {
    return this.takeSlotSync(key, limit, windowMs);
  }

  /** {@link takeSlot} without a promise (the cluster primary and the Redis fallback use it). */
  takeSlotSync(key: string, limit: number, windowMs: number, now = Date.now()): SlotGrant {
    const current = this.#entries.get(key)?.value;
    const log = Array.isArray(current) ? (current as SlotEntry[]) : [];
    const grant = takeFromLog(log, limit, windowMs, now);
    this.#entries.set(key, { value: log }, { ttl: windowMs + SLOT_KEEP_MS });
    return grant;
  }

  async markSent(key: string, ticket: string, delayMs: number): Promise<void> {
    const log = this.#entries.get(key)?.value;
    const entry = Array.isArray(log) ? (log as SlotEntry[]).find((e) => e.ticket === ticket) : undefined;
    if (entry && delayMs > 0) entry.at += delayMs;
  }

  /** Adds starts to the log of `key` that nobody took (the Redis fallback blocks a window with them). */
  blockSlots(key: string, times: number[], windowMs: number): void {
    const current = this.#entries.get(key)?.value;
    const log = Array.isArray(current) ? (current as SlotEntry[]) : [];
    for (const at of times) log.push({ ticket: randomUUID(), at });
    this.#entries.set(
      key,
      { value: log },
      { ttl: Math.max(...times, Date.now()) - Date.now() + windowMs + SLOT_KEEP_MS },
    );
  }

  pointsLimiter(options: PointsLimiterOptions): PointsLimiter {
    return new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: options.points, duration: options.durationS });
  }
}

/**
 * Roughly the bytes an entry holds: its key, and the strings of its value three levels down (a
 * cached response's body, headers and cache policy) at a byte per character, plus a fixed share per
 * value. A list counts as its length times its first item (rate-limit logs hold thousands of alike
 * entries and are written on every call). An estimate for a bound, not an exact heap size.
 */
export function estimatedBytes(key: string, value: unknown): number {
  return 64 + key.length + sizeOf(value, 3);
}

function sizeOf(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object' || depth === 0) return 8;
  if (Array.isArray(value)) return 32 + (value.length > 0 ? value.length * sizeOf(value[0], depth - 1) : 0);
  let size = 32;
  for (const k in value) size += k.length + sizeOf((value as Record<string, unknown>)[k], depth - 1);
  return size;
}
