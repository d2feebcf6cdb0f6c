/**
 * The vendor clients of one gateway, built once from the configuration and the vendor modules the
 * composition root passed in. A vendor whose settings are missing has no client and a message
 * naming the missing variables.
 */
import type { Config } from './config.js';
import type { VendorHandles, VendorName } from './context.js';
import type { BreakerState } from './http/breaker.js';
import { VendorHttp } from './http/client.js';
import { SharedHttpState } from './http/shared.js';
import { MemoryStore, type KeyValueStore } from './http/store.js';
import type { AnyVendorModule, VendorDeps } from './kit/vendor.js';
import type { Logger } from './logger.js';
import type { Redactor } from './redact.js';

export interface VendorEntry<Client = unknown> {
  name: string;
  /** The module the entry was built from (its health check and loaders). */
  module: AnyVendorModule;
  mode: 'SANDBOX' | 'LIVE' | 'NOT_CONFIGURED';
  client?: Client;
  /** Why the vendor is not configured. */
  message?: string;
  /** The vendor's circuit breaker state; undefined when it has none (disabled or not configured). */
  breaker?(): BreakerState | undefined;
}

/** Each vendor's entry, its client typed by the vendor's own `VendorHandles` augmentation. */
export type VendorRegistry = { [K in VendorName]: VendorEntry<VendorHandles[K]['client']> };

/**
 * The store `config` asks for: this process's memory, or Redis shared with other instances. The
 * Redis store (and ioredis with it) is loaded only when configured: it costs every other gateway
 * resident memory for nothing.
 */
export async function createStore(config: Config, logger: Logger): Promise<KeyValueStore> {
  if (config.store?.kind === 'redis') {
    const { RedisStore } = await import('./http/redis-store.js');
    return new RedisStore({
      url: config.store.url,
      logger: logger.child({ component: 'store' }),
      fallbackMaxEntries: config.storeMaxEntries,
      fallbackMaxBytes: config.storeMaxBytes,
    });
  }
  return new MemoryStore({ maxEntries: config.storeMaxEntries, maxBytes: config.storeMaxBytes });
}

export interface RegistryOptions {
  logger: Logger;
  /** Vendors answered by a built-in simulator (reported as SANDBOX). */
  simulated: readonly string[];
  /** The gateway's shared http state (store, breakers, in-flight calls, observers). */
  shared: SharedHttpState;
  /** The gateway's redactor: every vendor's secrets are registered with it. */
  redactor: Redactor;
}

/** Builds every configured vendor's client. */
export function createRegistry(
  config: Config,
  vendors: readonly AnyVendorModule[],
  options: RegistryOptions,
): VendorRegistry {
  const { logger, simulated, shared, redactor } = options;
  const registry: Record<string, VendorEntry> = {};
  for (const mod of vendors) {
    const name = mod.name;
    const env = (config.vendorEnv[name] ?? {}) as Record<string, unknown>;
    for (const key of mod.secretEnv) if (typeof env[key] === 'string') redactor.add(env[key] as string);
    const http = { ...(config.vendorHttp?.[name] ?? config.http), shared };
    const vendorLogger = logger.child({ vendor: name });
    const deps: VendorDeps = {
      vendor: name,
      mode: config.mode,
      http,
      logger: vendorLogger,
      store: shared.store,
      timeZone: config.timeZone,
      createHttp: (declaration) =>
        new VendorHttp({ vendor: name, defaults: http, logger: vendorLogger, ...declaration }),
      secret: (value) => redactor.add(value),
    };
    const result = mod.settings(env, deps);
    if ('missing' in result) {
      registry[name] = { name, module: mod, mode: 'NOT_CONFIGURED', message: `missing ${result.missing.join(', ')}` };
      continue;
    }
    const client = mod.createClient(result.settings, deps);
    registry[name] = {
      name,
      module: mod,
      mode: simulated.includes(name) ? 'SANDBOX' : 'LIVE',
      client,
      breaker: () => shared.breakerState(name),
    };
  }
  return registry as VendorRegistry;
}
