/**
 * The loader kit every vendor's `createLoaders` receives: DataLoaders built with this gateway's
 * options. Normally DataLoader's own defaults — keys batched per tick and cached per request. The
 * naive build (`VENDORGRAPH_NAIVE_LOADERS`, the benchmarks' baseline) turns both off, so the same
 * resolvers make one vendor call per key, repeats included: what the gateway would cost without
 * its loaders. It is an option of the kit, not a process-wide switch.
 */
import DataLoader from 'dataloader';
import pLimit from 'p-limit';

export interface PerKeyOptions<K, C> {
  /** Calls one batch may have in flight (unbounded when omitted, e.g. behind a rate limiter). */
  concurrency?: number;
  /** Cache key of a key, for object keys (default: the key itself). */
  cacheKeyFn?: (key: K) => C;
}

export interface GroupedBatchOptions<K, V, G> {
  /** The group a key belongs to (one batch call per group): a source id, a table name. */
  groupOf(key: K): G;
  /**
   * The batch call of one group: answers for these keys in any order (matched with `keyOf`), or
   * a map from each key's cache key to its answer.
   */
  fetch(group: G, keys: K[]): Promise<V[] | Map<string, V | null>>;
  /** The cache key an answer belongs to; needed when `fetch` answers a list. */
  keyOf?(value: V, group: G): string;
  /** Cache key of a requested key (default: `String(key)`). */
  cacheKeyFn?(key: K): string;
  /** Largest number of keys one call may carry; bigger groups are split. */
  maxBatchSize?: number;
  /** Batch calls in flight at once (unbounded when omitted). */
  concurrency?: number;
}

/** The factory of one gateway's DataLoaders. */
export class LoaderKit {
  constructor(readonly naive = false) {}

  /** `options` for a DataLoader constructor, with batching and caching off in the naive build. */
  options<K, V, C = K>(options: DataLoader.Options<K, V, C> = {}): DataLoader.Options<K, V, C> {
    return this.naive ? { ...options, batch: false, cache: false } : options;
  }

  /** A DataLoader over `batch`, built with this kit's options. */
  loader<K, V, C = K>(
    batch: DataLoader.BatchLoadFn<K, V>,
    options: DataLoader.Options<K, V, C> = {},
  ): DataLoader<K, V, C> {
    return new DataLoader<K, V, C>(batch, this.options(options));
  }

  /**
   * A loader for an endpoint without a batch form: one call per distinct key, at most
   * `concurrency` at once; a failing key gets its Error in its own slot, the others still resolve.
   */
  perKey<K, V, C = K>(fetch: (key: K) => Promise<V>, options: PerKeyOptions<K, C> = {}): DataLoader<K, V, C> {
    return this.loader<K, V, C>(
      async (keys) => {
        const limit = limiter(options.concurrency, keys.length);
        return Promise.all(keys.map((key) => limit(() => fetch(key).catch((error: Error) => error))));
      },
      options.cacheKeyFn ? { cacheKeyFn: options.cacheKeyFn } : {},
    );
  }

  /**
   * A loader for an endpoint with a batch form: keys are grouped (one call per group, split at
   * `maxBatchSize`), answers are matched back by key, and a key the vendor did not return resolves
   * to null; a failed call puts its Error in the slots of that call's keys only.
   */
  groupedBatch<K, V, G>(options: GroupedBatchOptions<K, V, G>): DataLoader<K, V | null, string> {
    const cacheKey = options.cacheKeyFn ?? ((key: K) => String(key));
    return this.loader<K, V | null, string>(
      async (keys) => {
        const groups = new Map<G, K[]>();
        for (const key of keys) {
          const group = options.groupOf(key);
          const list = groups.get(group);
          if (list) list.push(key);
          else groups.set(group, [key]);
        }
        const results = new Map<string, V | null | Error>();
        const size = options.maxBatchSize ?? Infinity;
        const chunks: [G, K[]][] = [];
        for (const [group, groupKeys] of groups) {
          const distinct = [...new Map(groupKeys.map((k) => [cacheKey(k), k])).values()];
          for (let i = 0; i < distinct.length; i += size) chunks.push([group, distinct.slice(i, i + size)]);
        }
        const limit = limiter(options.concurrency, chunks.length);
        await Promise.all(
          chunks.map(([group, chunk]) =>
            limit(async () => {
              try {
                const values = await options.fetch(group, chunk);
                const found =
                  values instanceof Map ? values : new Map(values.map((v) => [options.keyOf!(v, group), v]));
                for (const k of chunk) results.set(cacheKey(k), found.get(cacheKey(k)) ?? null);
              } catch (error) {
                for (const k of chunk) results.set(cacheKey(k), error as Error);
              }
            }),
          ),
        );
        return keys.map((k) => results.get(cacheKey(k)) ?? null);
      },
      { cacheKeyFn: cacheKey },
    );
  }
}

/**
 * At most `concurrency` of a batch's `tasks` at once. Without a bound, or when the batch has no more
 * tasks than the bound (a one-key batch, nearly always), tasks simply run: p-limit's queue and
 * async-context binding cost a few promises per task on every batch of every request (~1% of the
 * one-call query's CPU profile), for a limit that could not be reached.
 */
function limiter(concurrency: number | undefined, tasks: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (concurrency === undefined || concurrency === Infinity || tasks <= concurrency)
    return (task) => {
      try {
        return task();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };
  return pLimit(concurrency);
}
