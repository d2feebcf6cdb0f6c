/**
 * The per-request GraphQL context: the caller's request scope and, per vendor, the shared client
 * with this request's own DataLoaders (created on first use, never shared between requests).
 * Reading a vendor that is not configured throws VENDOR_NOT_CONFIGURED, so every field of that
 * vendor fails with that code and nothing is sent.
 */
import { GatewayError } from './errors.js';
import type { RequestScope } from './http/scope.js';
import { vendors, type VendorName, type VendorTypes } from './vendors/index.js';
import type { VendorRegistry } from './runtime.js';


/** One vendor as a resolver sees it. */
export interface VendorHandle<K extends VendorName> {
  client: VendorTypes[K]['client'];
  loaders: VendorTypes[K]['loaders'];
}

export type GatewayContext = {
  scope: RequestScope;
  requestId: string;
  /** Whether this request asked for (and may get) `extensions.upstream`. */
  debug: boolean;
  /** Every vendor's client and settings state (for health). */
  registry: VendorRegistry;
} & { readonly [K in VendorName]: VendorHandle<K> };

/** Builds the context of one GraphQL request. */
export function createContext(registry: VendorRegistry, scope: RequestScope, debug: boolean): GatewayContext {
  const ctx = { scope, requestId: scope.requestId, debug, registry } as Record<string, unknown>;
  for (const name of Object.keys(vendors) as VendorName[]) {
    let handle: VendorHandle<VendorName> | undefined;
    Object.defineProperty(ctx, name, {
      enumerable: true,
      get() {
        if (handle) return handle;
        const entry = registry[name];
        if (!entry.client) {
          throw new GatewayError('VENDOR_NOT_CONFIGURED', `${name} is not configured on this gateway: ${entry.message}`, {
            vendor: name,
            retryable: false,
          });
        }
        const mod = vendors[name];
        handle = { client: entry.client, loaders: (mod.createLoaders as (c: unknown) => unknown)(entry.client) } as VendorHandle<VendorName>;
        return handle;
      },
    });
  }
  return ctx as GatewayContext;
}
