/**
 * The KeyValueStore in Redis, so that several gateway instances share tokens, cached responses,
 * breaker marks, retry budgets and quota observations. Values are JSON (Buffers, which nothing
 * stores today, are kept as tagged base64 so they come back as Buffers); keys carry a prefix.
 *
 * Redis is an optimisation, never a dependency of a request: while it cannot be reached every
 * operation falls back to a private MemoryStore of this process (one warning per outage), so
 * tokens and the cache keep working per instance and nothing is thrown at a caller.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { MemoryStore, type KeyValueStore } from './store.js';

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
    v !== null && typeof v === 'object' && typeof v[BUFFER_TAG] === 'string' && Object.keys(v).length === 1 ? Buffer.from(v[BUFFER_TAG], 'base64') : v,
  );
}

type RedisWithIncrement = Redis & { vgIncrement(key: string, by: number, ttlMs: number): Promise<number> };

export class RedisStore implements KeyValueStore {
  readonly #redis: RedisWithIncrement;
  readonly #fallback: MemoryStore;
  readonly #logger: Logger;
  /** True between the first failure of an outage and the next successful command. */
  #degraded = false;
  /** Whether a connection was ever ready (before that, commands may wait for the first one). */
  #everReady = false;

  constructor(options: RedisStoreOptions) {
    this.#logger = options.logger;
    this.#fallback = new MemoryStore({ maxEntries: options.fallbackMaxEntries });
    this.#redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? 'vendorgraph:',
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2_000,
      // Fail fast into the fallback rather than queue a request's commands behind reconnects.
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    }) as RedisWithIncrement;
    this.#redis.defineCommand('vgIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    this.#redis.on('ready', () => {
      this.#everReady = true;
      if (this.#degraded) this.#recovered();
    });
    // Without a listener ioredis reports every reconnect failure as an unhandled error event.
    this.#redis.on('error', (error: Error) => this.#failed(error));
  }

  #failed(error: unknown): void {
    if (this.#degraded) return;
    this.#degraded = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.#logger.warn(`redis store unavailable (${reason}); this instance keeps its state in memory until it is back`);
  }

  #recovered(): void {
    this.#degraded = false;
    this.#logger.info('redis store reachable again; state is shared across instances again');
  }

  /** Runs `command` on Redis, or `fallback` when Redis is known down or the command fails. */
  async #run<T>(command: (redis: RedisWithIncrement) => Promise<T>, fallback: (memory: MemoryStore) => Promise<T>): Promise<T> {
    // While the first connection is being made commands wait in ioredis' queue (bounded by
    // commandTimeout); once a connection failed they go straight to memory instead of each
    // waiting out the timeout.
    if ((this.#everReady || this.#degraded) && this.#redis.status !== 'ready') {
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
      async (redis) => Number(await redis.vgIncrement(key, Math.trunc(by), ttlMs !== undefined && ttlMs > 0 ? Math.ceil(ttlMs) : 0)),
      (memory) => memory.increment(key, by, ttlMs),
    );
  }

  /** Closes the connection (QUIT when connected, so pending writes land first). */
  async close(): Promise<void> {
    if (this.#redis.status === 'ready') await this.#redis.quit().catch(() => this.#redis.disconnect());
    else this.#redis.disconnect();
  }
}
