/**
 * The per-GraphQL-request scope, carried by AsyncLocalStorage so that the http layer can count
 * upstream calls and forward the request id without every client method taking a context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What one GraphQL request cost at one vendor (the `extensions.upstream` entry). */
export interface UpstreamStats {
  /** HTTP requests sent to the vendor, retries and token calls included. */
  calls: number;
  cacheHits: number;
  /** Conditional requests the vendor answered with 304. */
  revalidations: number;
  retries: number;
  /** Milliseconds spent queued by the vendor's rate limiter. */
  rateLimitWaitMs: number;
  /** Milliseconds spent waiting on the vendor (sum over calls). */
  totalMs: number;
}

export class RequestScope {
  readonly upstream: Record<string, UpstreamStats> = {};

  constructor(readonly requestId: string = randomUUID()) {}

  /** The stats bucket for `vendor`, created on first use. */
  stats(vendor: string): UpstreamStats {
    return (this.upstream[vendor] ??= { calls: 0, cacheHits: 0, revalidations: 0, retries: 0, rateLimitWaitMs: 0, totalMs: 0 });
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` inside `scope`; vendor calls made from it are accounted to that scope. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the GraphQL request being served, if any (vendor calls at startup have none). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
