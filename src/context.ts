/**
 * The per-request GraphQL context: the caller's request scope and, per vendor, the shared client
 * with this request's own DataLoaders (created on first use, never shared between requests).
 * Reading a vendor that is not configured throws VENDOR_NOT_CONFIGURED, so every field of that
 * vendor fails with that code and nothing is sent.
 */
import { GatewayError } from './errors.js';
import { createLoadersAs } from './loaders.js';
import type { RequestScope } from './http/scope.js';
import { vendors, type VendorName, type VendorTypes } from './vendors/index.js';
import type { VendorRegistry } from './runtime.js';
import type { Identity } from './security/roles.js';


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
  /** Who is calling (checked field by field against `@auth` requirements). */
  identity: Identity;
  /** Every vendor's client and settings state (for health). */
  registry: VendorRegistry;
} & { readonly [K in VendorName]: VendorHandle<K> };

/**
 * The context object. Vendor handles are prototype getters, not own properties: Apollo clones the
 * context with Object.assign, which would otherwise invoke every getter (and fail for vendors
 * that are not configured).
 */
class RequestContext {
  /** This request's vendor handles, created on first use (shared by Apollo's clones). */
  readonly handles = new Map<VendorName, VendorHandle<VendorName>>();

  constructor(
    readonly registry: VendorRegistry,
    readonly scope: RequestScope,
    readonly debug: boolean,
    readonly identity: Identity,
  ) {}

  get requestId(): string {
    return this.scope.requestId;
  }

  handle(name: VendorName): VendorHandle<VendorName> {
    const existing = this.handles.get(name);
    if (existing) return existing;
    const entry = this.registry[name];
    if (!entry.client) {
      throw new GatewayError('VENDOR_NOT_CONFIGURED', `${name} is not configured on this gateway: ${entry.message}`, {
        vendor: name,
        retryable: false,
      });
    }
    const loaders = createLoadersAs(entry.naiveLoaders ?? false, () => (vendors[name].createLoaders as (c: unknown) => unknown)(entry.client));
    const handle = { client: entry.client, loaders } as VendorHandle<VendorName>;
    this.handles.set(name, handle);
    return handle;
  }
}

for (const name of Object.keys(vendors) as VendorName[]) {
  Object.defineProperty(RequestContext.prototype, name, {
    get(this: RequestContext) {
      return this.handle(name);
    },
  });
}

/** Builds the context of one GraphQL request. */
export function createContext(registry: VendorRegistry, scope: RequestScope, debug: boolean, identity: Identity): GatewayContext {
  return new RequestContext(registry, scope, debug, identity) as unknown as GatewayContext;
}
