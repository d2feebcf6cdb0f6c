/**
 * The per-GraphQL-request scope: what the operation's vendor calls cost, its budget, deadline and
 * request id. It travels explicitly: the request context holds it, and each vendor client is used
 * through a view bound to it (src/kit/scoped.ts, VendorHttp.within), so the process runs without
 * AsyncLocalStorage and its per-promise hooks.
 */
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
  /** Answers taken from an identical call another request already had in flight. */
  deduplicated: number;
}

/** A cached answer served while its vendor failed (the `extensions.stale` entry). */
export interface StaleMark {
  vendor: string;
  /** The vendor endpoint's name (`getFlowDiagram`), never its URL. */
  operation: string;
  /** How long ago the vendor last confirmed the data. */
  ageSeconds: number;
}

/** The limits of one GraphQL operation. */
export interface ScopeLimits {
  /** Milliseconds from the scope's creation after which no vendor call starts or is retried. */
  timeoutMs?: number;
  /** Vendor calls the operation may make, across vendors. */
  upstreamBudget?: number;
}

export class RequestScope {
  readonly upstream: Record<string, UpstreamStats> = {};
  readonly stale: StaleMark[] = [];
  /** Epoch ms of the operation's deadline (Infinity without one). */
  readonly deadline: number;
  readonly upstreamBudget: number;
  #spent = 0;

  constructor(
    readonly requestId: string = randomUUID(),
    limits: ScopeLimits = {},
  ) {
    this.deadline = limits.timeoutMs === undefined ? Infinity : Date.now() + limits.timeoutMs;
    this.upstreamBudget = limits.upstreamBudget ?? Infinity;
  }

  /** The stats bucket for `vendor`, created on first use. */
  stats(vendor: string): UpstreamStats {
    return (this.upstream[vendor] ??= {
      calls: 0,
      cacheHits: 0,
      revalidations: 0,
      retries: 0,
      rateLimitWaitMs: 0,
      totalMs: 0,
      deduplicated: 0,
    });
  }

  /** Takes one vendor call from the operation's budget; false when it is spent. */
  spendCall(): boolean {
    if (this.#spent >= this.upstreamBudget) return false;
    this.#spent += 1;
    return true;
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return this.deadline - Date.now();
  }

  /** Notes that stale cached data was served (once per vendor endpoint, with the oldest age). */
  markStale(mark: StaleMark): void {
    const same = this.stale.find((m) => m.vendor === mark.vendor && m.operation === mark.operation);
    if (!same) this.stale.push(mark);
    else same.ageSeconds = Math.max(same.ageSeconds, mark.ageSeconds);
  }
}

// The scope of each /graphql request, by its response object (set once the request is accepted).
const byResponse = new WeakMap<object, RequestScope>();

/** Makes `scope` the one of the request `res` answers. */
export function bindScope(res: object, scope: RequestScope): void {
  byResponse.set(res, scope);
}

/** The scope of the request `res` answers, if it has one. */
export function scopeOf(res: object): RequestScope | undefined {
  return byResponse.get(res);
}
