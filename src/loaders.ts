/**
 * The options every vendor's DataLoaders are built with. Normally DataLoader's own defaults:
 * keys batched per tick and cached per request. The naive build (`VENDORGRAPH_NAIVE_LOADERS`, used
 * by the benchmarks as their baseline) turns both off, so the same resolvers make one vendor call
 * per key, repeats included: what the gateway would cost without its loaders.
 */
import type DataLoader from 'dataloader';

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
