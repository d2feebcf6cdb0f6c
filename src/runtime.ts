/**
 * The vendor clients of one gateway process, built once from the configuration. A vendor whose
 * settings are missing has no client and a message naming the missing variables.
 */
import type { Config } from './config.js';
import type { BreakerState } from './http/breaker.js';
import type { Clock } from './http/clock.js';
import { RedisStore } from './http/redis-store.js';
import { SharedHttpState } from './http/shared.js';
import { MemoryStore, type KeyValueStore } from './http/store.js';
import type { Logger } from './logger.js';
import { vendors, type VendorName, type VendorTypes, type VendorDeps } from './vendors/index.js';

export interface VendorEntry<K extends VendorName = VendorName> {
  name: K;
  mode: 'SANDBOX' | 'LIVE' | 'NOT_CONFIGURED';
  client?: VendorTypes[K]['client'];
  /** Why the vendor is not configured. */
  message?: string;
  /** The vendor's circuit breaker state; undefined when it has none (disabled or not configured). */
  breaker?(): BreakerState | undefined;
  /** Whether this gateway builds its loaders naive (the benchmarks' baseline, src/loaders.ts). */
  naiveLoaders?: boolean;
}

export type VendorRegistry = { [K in VendorName]: VendorEntry<K> };

/** The store `config` asks for: this process's memory, or Redis shared with other instances. */
export function createStore(config: Config, logger: Logger): KeyValueStore {
  if (config.store?.kind === 'redis') {
    return new RedisStore({ url: config.store.url, logger: logger.child({ component: 'store' }), fallbackMaxEntries: config.storeMaxEntries });
  }
  return new MemoryStore({ maxEntries: config.storeMaxEntries });
}

/** Builds every configured vendor's client; simulated vendors are those `simulated` lists. */
export function createRegistry(
  config: Config,
  logger: Logger,
  simulated: VendorName[],
  store: KeyValueStore = createStore(config, logger),
  clock?: Clock,
): VendorRegistry {
  const registry = {} as Record<VendorName, VendorEntry>;
  // One per gateway: every vendor's calls share the store, the breakers and the calls in flight.
  const shared = new SharedHttpState(store, clock);
  for (const name of Object.keys(vendors) as VendorName[]) {
    const mod = vendors[name];
    const http = { ...(config.vendorHttp?.[name] ?? config.http), shared };
    const deps: VendorDeps = { mode: config.mode, http, logger: logger.child({ vendor: name }), store, timeZone: config.timeZone };
    const result = mod.settings(config.vendorEnv[name] as never, deps);
    if ('missing' in result) {
      registry[name] = { name, mode: 'NOT_CONFIGURED', message: `missing ${result.missing.join(', ')}` };
      continue;
    }
    const client = (mod.createClient as (s: unknown, d: VendorDeps) => unknown)(result.settings, deps);
    const breaker = () => shared.breakerState(name);
    registry[name] = { name, mode: simulated.includes(name) ? 'SANDBOX' : 'LIVE', client, breaker, naiveLoaders: config.naiveLoaders } as VendorEntry;
  }
  return registry as VendorRegistry;
}
