/**
 * One round of vendor health checks, shared for a few seconds (`VENDORGRAPH_HEALTH_CACHE_MS`) by
 * `/readyz` and the `vendors { healthy }` field, so that probes from several load balancers and
 * clients polling the field do not each call every vendor. Callers arriving while a round runs
 * join it. A round runs in a request scope of its own: its vendor calls belong to no client's
 * operation (deadline, upstream budget, debug accounting).
 */
import { RequestScope } from '../http/scope.js';

/** The part of a vendor's health result the cache looks at. */
export interface HealthResult {
  name: string;
  healthy: boolean;
}

export interface HealthCacheOptions<T extends HealthResult> {
  /** Runs one round: every vendor's health check, its vendor calls counted toward `scope`. */
  check: (scope: RequestScope) => Promise<T[]>;
  /** How long a round's results are served (0: a new round for every caller not joining one). */
  ttlMs: number;
  /** Clock (tests). */
  now?: () => number;
  /** Sees each round's results and the scope its calls ran in (metrics). */
  onRound?: (results: T[], scope: RequestScope) => void;
}

/** The latest round of health results of one gateway. */
export class HealthCache<T extends HealthResult> {
  readonly #options: HealthCacheOptions<T>;
  readonly #now: () => number;
  readonly #answered = new Set<string>();
  #latest?: { at: number; results: T[] };
  #round?: Promise<T[]>;

  constructor(options: HealthCacheOptions<T>) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Results no older than the TTL, from the round in flight, or from a new round. */
  get(): Promise<T[]> {
    if (this.#latest && this.#now() - this.#latest.at < this.#options.ttlMs)
      return Promise.resolve(this.#latest.results);
    this.#round ??= this.#run().finally(() => {
      this.#round = undefined;
    });
    return this.#round;
  }

  /** Whether `vendor` has passed a health check at least once since the gateway started. */
  hasAnswered(vendor: string): boolean {
    return this.#answered.has(vendor);
  }

  async #run(): Promise<T[]> {
    const scope = new RequestScope();
    const results = await this.#options.check(scope);
    for (const result of results) if (result.healthy) this.#answered.add(result.name);
    this.#latest = { at: this.#now(), results };
    this.#options.onRound?.(results, scope);
    return results;
  }
}

// The cache of each gateway, found from its vendor registry (which every request context carries).
const caches = new WeakMap<object, HealthCache<HealthResult>>();

/** Makes `cache` the one the `vendors` field of the gateway owning `registry` reads. */
export function shareHealthCache<T extends HealthResult>(registry: object, cache: HealthCache<T>): void {
  caches.set(registry, cache as unknown as HealthCache<HealthResult>);
}

/** The health cache of the gateway owning `registry`, if it has one. */
export function healthCacheOf<T extends HealthResult>(registry: object): HealthCache<T> | undefined {
  return caches.get(registry) as unknown as HealthCache<T> | undefined;
}
