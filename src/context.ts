/**
 * The per-request GraphQL context: the caller's request scope and, per vendor, the shared client
 * (seen through a view bound to that scope, src/kit/scoped.ts) with this request's own
 * DataLoaders (created on first use, never shared between requests).
 * Reading a vendor that is not configured throws VENDOR_NOT_CONFIGURED, so every field of that
 * vendor fails with that code and nothing is sent.
 *
 * The core knows no vendor: each vendor adds its handle's type to {@link VendorHandles} by module
 * augmentation in its own `index.ts`, and the handles exist at run time for the vendors the
 * composition root passed in.
 */
import { GatewayError } from './errors.js';
import type { RequestScope } from './http/scope.js';
import type { LoaderKit } from './kit/loaders.js';
import { scopedView } from './kit/scoped.js';
import type { VendorRegistry } from './runtime.js';
import type { Identity } from './security/roles.js';

/** One vendor as a resolver sees it. */
export interface VendorHandle<Client, Loaders> {
  client: Client;
  loaders: Loaders;
}

/**
 * The vendor handles of the context, one per vendor, added by each vendor module:
 * `declare module '../../context.js' { interface VendorHandles { flowize: VendorHandle<…> } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VendorHandles {}

/** The name of a vendor the program was built with. */
export type VendorName = keyof VendorHandles & string;

export interface BaseContext {
  scope: RequestScope;
  requestId: string;
  /** Whether this request asked for (and may get) `extensions.upstream`. */
  debug: boolean;
  /** Who is calling (checked field by field against `@auth` requirements). */
  identity: Identity;
  /** Every vendor's client and settings state (for health). */
  registry: VendorRegistry;
}

export type GatewayContext = BaseContext & Readonly<VendorHandles>;

/**
 * The context object. Vendor handles are prototype getters, not own properties: Apollo clones the
 * context with Object.assign, which would otherwise invoke every getter (and fail for vendors
 * that are not configured).
 */
class RequestContext implements BaseContext {
  /** This request's vendor handles, created on first use (shared by Apollo's clones). */
  readonly handles = new Map<string, VendorHandle<unknown, unknown>>();

  constructor(
    readonly registry: VendorRegistry,
    readonly loaderKit: LoaderKit,
    readonly scope: RequestScope,
    readonly debug: boolean,
    readonly identity: Identity,
  ) {}

  get requestId(): string {
    return this.scope.requestId;
  }

  handle(name: string): VendorHandle<unknown, unknown> {
    const existing = this.handles.get(name);
    if (existing) return existing;
    const entry = this.registry[name as VendorName];
    if (!entry.client) {
      throw new GatewayError('VENDOR_NOT_CONFIGURED', `${name} is not configured on this gateway: ${entry.message}`, {
        vendor: name,
        retryable: false,
      });
    }
    // The shared client as this operation uses it: its vendor calls count toward this request's scope.
    const client = scopedView(entry.client as object, this.scope);
    const handle = { client, loaders: entry.module.createLoaders(client as typeof entry.client, this.loaderKit) };
    this.handles.set(name, handle);
    return handle;
  }
}

/** The context factory of one gateway: its class has one getter per vendor of its registry. */
export type ContextFactory = (scope: RequestScope, debug: boolean, identity: Identity) => GatewayContext;

/** Builds the context factory of a gateway whose vendors `registry` holds. */
export function contextFactory(registry: VendorRegistry, loaderKit: LoaderKit): ContextFactory {
  class GatewayRequestContext extends RequestContext {}
  for (const name of Object.keys(registry)) {
    Object.defineProperty(GatewayRequestContext.prototype, name, {
      get(this: RequestContext) {
        return this.handle(name);
      },
    });
  }
  return (scope, debug, identity) =>
    new GatewayRequestContext(registry, loaderKit, scope, debug, identity) as unknown as GatewayContext;
}
