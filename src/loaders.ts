/**
 * The options every vendor's DataLoaders are built with. Normally DataLoader's own defaults:
 * keys batched per tick and cached per request. The naive build (`VENDORGRAPH_NAIVE_LOADERS`, used
 * by the benchmarks as their baseline) turns both off, so the same resolvers make one vendor call
 * per key, repeats included: what the gateway would cost without its loaders.
 */
import DataLoader from 'dataloader';
import pLimit from 'p-limit';

let naive = false;

/**
 * Runs `create` (a vendor's `createLoaders`) with loaders built naive or not. Loaders are created
 * synchronously, so the switch holds for exactly their construction; two gateways in one process
 * (tests) each keep their own build.
 */
export function createLoadersAs<T>(naiveBuild: boolean, create: () => T): T {
  const previous = naive;
  naive = naiveBuild;
  try {
    return create();
  } finally {
    naive = previous;
  }
}

/** `options` for a DataLoader constructor, with batching and caching off in the naive build. */
export function loaderOptions<K, V, C = K>(options: DataLoader.Options<K, V, C> = {}): DataLoader.Options<K, V, C> {
  return naive ? { ...options, batch: false, cache: false } : options;
}

export interface PerKeyOptions<K, C> {
  /** Calls one batch may have in flight (unbounded when omitted, e.g. behind a rate limiter). */
  concurrency?: number;
  /** Cache key of a key, for object keys (default: the key itself). */
  cacheKeyFn?: (key: K) => C;
}

/**
 * A loader for a vendor endpoint without a batch form: one call per distinct key, at most
 * `concurrency` at once; a failing key gets its Error in its own slot, the others still resolve.
 */
export function perKeyLoader<K, V, C = K>(fetch: (key: K) => Promise<V>, options: PerKeyOptions<K, C> = {}): DataLoader<K, V, C> {
  return new DataLoader<K, V, C>(
    async (keys) => {
      const limit = pLimit(options.concurrency ?? Infinity);
      return Promise.all(keys.map((key) => limit(() => fetch(key).catch((error: Error) => error))));
    },
    loaderOptions<K, V, C>(options.cacheKeyFn ? { cacheKeyFn: options.cacheKeyFn } : {}),
  );
}
