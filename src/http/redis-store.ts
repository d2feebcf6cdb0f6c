/**
 * The KeyValueStore in Redis, so that several gateway instances share tokens (and the lock that
 * makes their refresh single-flight), cached responses, breaker marks, retry budgets, quota
 * observations, vendor rate-limit slots and per-client counters. Values are JSON (Buffers are
 * kept as tagged base64 so they come back as Buffers); keys carry a prefix. Atomic steps are Lua
 * scripts; rate-limit slots are timed by the Redis server's clock, so instances whose clocks
 * disagree still agree on the schedule.
 *
 * Redis is an optimisation, never a dependency of a request: while it cannot be reached every
 * operation falls back to a private MemoryStore of this process (one warning per outage), so
 * tokens and the cache keep working per instance and nothing is thrown at a caller. What cannot
 * be shared then is divided: each instance keeps to its share (÷ the instances last seen
 * alive) of a vendor rate limit and of the per-client limit.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';
import {
  MemoryStore,
  type KeyValueStore,
  type PointsLimiter,
  type PointsLimiterOptions,
  type SlotGrant,
} from './store.js';

export interface RedisStoreOptions {
  /** redis:// or rediss:// URL, password included when the server needs one. */
  url: string;
  logger: Logger;
  /** Prepended to every key (default `vendorgraph:`), so one Redis can serve other tenants. */
  keyPrefix?: string;
  /** Longest wait for one command before it counts as a failure (default 500 ms). */
  commandTimeoutMs?: number;
  /** Entries the fallback memory store keeps during an outage (default 50,000). */
  fallbackMaxEntries?: number;
  /** Bytes the fallback memory store keeps during an outage (default 64 MiB). */
  fallbackMaxBytes?: number;
}

const BUFFER_TAG = '$vendorgraph:buffer';

// INCRBY, and PEXPIRE only when the key was new: MemoryStore's contract ("incrementing an existing
// key keeps its expiry", even no expiry), atomic, and it works on Redis 6 as well as 7.
const INCREMENT_SCRIPT = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

function serialise(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    // `v` is already Buffer#toJSON's output; the holder still has the Buffer itself.
    const original = this[key];
    return Buffer.isBuffer(original) ? { [BUFFER_TAG]: original.toString('base64') } : v;
  });
}

function deserialise(text: string): unknown {
  return JSON.parse(text, (_key, v) =>
    v !== null && typeof v === 'object' && typeof v[BUFFER_TAG] === 'string' && Object.keys(v).length === 1
      ? Buffer.from(v[BUFFER_TAG], 'base64')
      : v,
  );
}

// A sliding-window log of starts per key (see KeyValueStore.takeSlot) in a sorted set scored by
// the server's clock: takes a start when fewer than ARGV[1] lie within the last ARGV[2] ms and
// answers {0}, else answers {ms until the oldest of them leaves the window}.
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window - 60000)
local inside = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES')
local count = #inside / 2
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window + 60000)
  return {0}
end
local wait = tonumber(inside[(count - limit) * 2 + 2]) + window - now
if wait < 1 then wait = 1 end
return {wait}`;

// Moves a start later by ARGV[2] ms (when the call really left), if it is still in the log.
const SENT_SCRIPT = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score then redis.call('ZADD', KEYS[1], tonumber(score) + tonumber(ARGV[2]), ARGV[1]) end
return 0`;

// Compare-and-delete: only the owner that took the lock frees it.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// This instance's heartbeat; answers how many instances beat within the staleness window.
const HEARTBEAT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return redis.call('ZCARD', KEYS[1])`;

/** How often an instance says it is alive, and after how long without it an instance is gone. */
const HEARTBEAT_MS = 2_000;
const INSTANCE_STALE_MS = 10_000;

type RedisWithIncrement = Redis & {
  vgIncrement(key: string, by: number, ttlMs: number): Promise<number>;
  vgTake(key: string, limit: number, windowMs: number, ticket: string): Promise<[number]>;
  vgSent(key: string, ticket: string, delayMs: number): Promise<number>;
  vgRelease(key: string, owner: string): Promise<number>;
  vgHeartbeat(key: string, instance: string, staleMs: number): Promise<number>;
};

export class RedisStore implements KeyValueStore {
  readonly #redis: RedisWithIncrement;
  readonly #fallback: MemoryStore;
  readonly #logger: Logger;
  /** True between the first failure of an outage and the next successful command. */
  #degraded = false;
  /** Whether a connection was ever ready (before that, commands may wait for the first one). */
  #everReady = false;
  /** When the current outage was noticed (epoch ms); undefined while Redis answers. */
  #degradedSince: number | undefined;
  /** This instance's id in the heartbeat set. */
  readonly #instance = randomUUID();
  /** Instances (this one included) seen alive at the last heartbeat; kept through an outage. */
  #instances = 1;
  readonly #heartbeat: NodeJS.Timeout;
  /** Per rate-limit key: when this instance last took a start from Redis (local epoch ms). */
  readonly #lastTaken = new Map<string, number>();
  /** Rate-limit keys whose fallback log was seeded in the current outage. */
  readonly #seeded = new Set<string>();

  constructor(options: RedisStoreOptions) {
    this.#logger = options.logger;
    this.#fallback = new MemoryStore({ maxEntries: options.fallbackMaxEntries, maxBytes: options.fallbackMaxBytes });
    this.#redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? 'vendorgraph:',
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2_000,
      // Fail fast into the fallback rather than queue a request's commands behind reconnects.
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    }) as RedisWithIncrement;
    this.#redis.defineCommand('vgIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    this.#redis.defineCommand('vgTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.#redis.defineCommand('vgSent', { numberOfKeys: 1, lua: SENT_SCRIPT });
    this.#redis.defineCommand('vgRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    this.#redis.defineCommand('vgHeartbeat', { numberOfKeys: 1, lua: HEARTBEAT_SCRIPT });
    this.#redis.on('ready', () => {
      this.#everReady = true;
      if (this.#degraded) this.#recovered();
      void this.#beat();
    });
    this.#heartbeat = setInterval(() => void this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
    // Without a listener ioredis reports every reconnect failure as an unhandled error event.
    this.#redis.on('error', (error: Error) => this.#failed(error));
  }

  #failed(error: unknown): void {
    if (this.#degraded) return;
    this.#degraded = true;
    this.#degradedSince = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.#logger.warn(
      { instances: this.#instances },
      `redis store unavailable (${reason}); this instance keeps its state in memory until it is back, and keeps to 1/${this.#instances} of each vendor rate limit and per-client limit`,
    );
  }

  #recovered(): void {
    this.#degraded = false;
    this.#degradedSince = undefined;
    this.#seeded.clear();
    this.#logger.info('redis store reachable again; state is shared across instances again');
  }

  /** Instances seen alive (this one included) at the last heartbeat. */
  get instances(): number {
    return this.#instances;
  }

  /** Whether Redis is in use right now (false during an outage). */
  get connected(): boolean {
    return !this.#degraded && this.#redis.status === 'ready';
  }

  async #beat(): Promise<void> {
    if (this.#redis.status !== 'ready') return;
    try {
      this.#instances = Math.max(
        1,
        Number(await this.#redis.vgHeartbeat('instances', this.#instance, INSTANCE_STALE_MS)),
      );
    } catch {
      // The next command notices the outage; the last count stays for the fallback share.
    }
  }

  /** Whether a command should go to Redis now (see #run). */
  #usable(): boolean {
    return !((this.#everReady || this.#degraded) && this.#redis.status !== 'ready');
  }

  /** Runs `command` on Redis, or `fallback` when Redis is known down or the command fails. */
  async #run<T>(
    command: (redis: RedisWithIncrement) => Promise<T>,
    fallback: (memory: MemoryStore) => Promise<T>,
  ): Promise<T> {
    // While the first connection is being made commands wait in ioredis' queue (bounded by
    // commandTimeout); once a connection failed they go straight to memory instead of each
    // waiting out the timeout.
    if (!this.#usable()) {
      this.#failed(new Error(`connection ${this.#redis.status}`));
      return fallback(this.#fallback);
    }
    try {
      const result = await command(this.#redis);
      if (this.#degraded) this.#recovered();
      return result;
    } catch (error) {
      this.#failed(error);
      return fallback(this.#fallback);
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.#run(
      async (redis) => {
        const text = await redis.get(key);
        if (text === null) return undefined;
        try {
          return deserialise(text) as T;
        } catch {
          // Not ours (another writer under the prefix): a miss, not a failure.
          return undefined;
        }
      },
      (memory) => memory.get<T>(key),
    );
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    if (value === undefined) return this.delete(key);
    const text = serialise(value);
    await this.#run(
      async (redis) => {
        if (ttlMs !== undefined && ttlMs > 0) await redis.set(key, text, 'PX', Math.ceil(ttlMs));
        else await redis.set(key, text);
      },
      (memory) => memory.set(key, value, ttlMs),
    );
  }

  async delete(key: string): Promise<void> {
    await this.#run(
      async (redis) => {
        await redis.del(key);
      },
      (memory) => memory.delete(key),
    );
  }

  /** INCRBY (integers only) with PEXPIRE on a new key; see INCREMENT_SCRIPT. */
  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    return this.#run(
      async (redis) =>
        Number(await redis.vgIncrement(key, Math.trunc(by), ttlMs !== undefined && ttlMs > 0 ? Math.ceil(ttlMs) : 0)),
      (memory) => memory.increment(key, by, ttlMs),
    );
  }

  /** SET NX PX with a random owner; during an outage the lock is this instance's alone. */
  async acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    const owner = randomUUID();
    return this.#run(
      async (redis) =>
        (await redis.set(key, owner, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK' ? owner : undefined,
      (memory) => memory.acquireLock(key, ttlMs),
    );
  }

  async releaseLock(key: string, owner: string): Promise<void> {
    await this.#run(
      async (redis) => {
        await redis.vgRelease(key, owner);
      },
      (memory) => memory.releaseLock(key, owner),
    );
  }

  /**
   * The sliding-window log in Redis. During an outage this instance takes starts from its own log
   * at its share of the limit — ⌊limit ÷ instances⌋ per window, or one per window × instances ÷
   * limit when there are more instances than the limit allows — and none before one window has
   * passed since the outage began (every start taken in Redis lies before it).
   */
  async takeSlot(key: string, limit: number, windowMs: number): Promise<SlotGrant> {
    const ticket = randomUUID();
    return this.#run<SlotGrant>(
      async (redis) => {
        const [wait] = await redis.vgTake(key, limit, Math.ceil(windowMs), ticket);
        if (Number(wait) > 0) return { waitMs: Number(wait) };
        this.#lastTaken.set(key, Date.now());
        if (this.#lastTaken.size > 10_000) this.#lastTaken.delete(this.#lastTaken.keys().next().value!);
        return { ticket };
      },
      async (memory) => {
        const n = this.#instances;
        const shareLimit = Math.max(1, Math.floor(limit / n));
        const shareWindow = limit >= n ? windowMs : (windowMs * n) / limit;
        if (!this.#seeded.has(key)) {
          this.#seeded.add(key);
          // Alone, this instance knows every start it took; with others, any of theirs may lie
          // just before the outage was noticed.
          const since = n > 1 ? (this.#degradedSince ?? Date.now()) : 0;
          const blockedUntil = Math.max(since + windowMs, (this.#lastTaken.get(key) ?? 0) + windowMs);
          memory.blockSlots(
            key,
            Array.from({ length: shareLimit }, () => blockedUntil - shareWindow),
            shareWindow,
          );
        }
        return memory.takeSlotSync(key, shareLimit, shareWindow);
      },
    );
  }

  async markSent(key: string, ticket: string, delayMs: number): Promise<void> {
    if (delayMs <= 0) return;
    await this.#run(
      async (redis) => {
        await redis.vgSent(key, ticket, Math.ceil(delayMs));
      },
      (memory) => memory.markSent(key, ticket, delayMs),
    );
  }

  /**
   * rate-limiter-flexible's RateLimiterRedis on this store's connection; during an outage a
   * RateLimiterMemory of this instance allows its share (⌊points ÷ instances⌋, at least 1).
   */
  pointsLimiter(options: PointsLimiterOptions): PointsLimiter {
    const shared = new RateLimiterRedis({
      storeClient: this.#redis,
      keyPrefix: `rl:${options.keyPrefix}`,
      points: options.points,
      duration: options.durationS,
    });
    const shares = new Map<number, RateLimiterMemory>();
    const share = () => {
      const n = this.#instances;
      let limiter = shares.get(n);
      if (!limiter) {
        limiter = new RateLimiterMemory({
          keyPrefix: options.keyPrefix,
          points: Math.max(1, Math.floor(options.points / n)),
          duration: options.durationS,
        });
        shares.set(n, limiter);
      }
      return limiter;
    };
    return {
      consume: async (key, points = 1) => {
        if (this.#usable()) {
          try {
            const result = await shared.consume(key, points);
            if (this.#degraded) this.#recovered();
            return result;
          } catch (error) {
            if (error instanceof RateLimiterRes) throw error;
            this.#failed(error);
          }
        } else {
          this.#failed(new Error(`connection ${this.#redis.status}`));
        }
        return share().consume(key, points);
      },
    };
  }

  /** Leaves the heartbeat set and closes the connection (QUIT when connected, so pending writes land first). */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    if (this.#redis.status === 'ready') {
      await this.#redis.zrem('instances', this.#instance).catch(() => undefined);
      await this.#redis.quit().catch(() => this.#redis.disconnect());
    } else this.#redis.disconnect();
  }
}
