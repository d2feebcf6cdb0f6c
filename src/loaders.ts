/**
 * The options every vendor's DataLoaders are built with. Normally DataLoader's own defaults:
 * keys batched per tick and cached per request. The naive build (`VENDORGRAPH_NAIVE_LOADERS`, used
 * by the benchmarks as their baseline) turns both off, so the same resolvers make one vendor call
 * per key, repeats included: what the gateway would cost without its loaders.
 */
import type DataLoader from 'dataloader';

let naive = false;

/**
 * Switches the loaders created from now on to the naive build (or back). Set once per gateway at
 * startup from the configuration; loaders already created keep their options.
 */
export function useNaiveLoaders(on: boolean): void {
  naive = on;
}

/** Whether loaders are built naive (no batching, no per-request cache). */
export function naiveLoaders(): boolean {
  return naive;
}

/** `options` for a DataLoader constructor, with batching and caching off in the naive build. */
export function loaderOptions<K, V, C = K>(options: DataLoader.Options<K, V, C> = {}): DataLoader.Options<K, V, C> {
  return naive ? { ...options, batch: false, cache: false } : options;
}
