/**
 * What `/readyz` answers. A gateway is ready once every configured vendor has passed its health
 * check at least once (tokens obtained, hosts reached), or once the startup grace
 * (`VENDORGRAPH_READINESS_GRACE_MS`) is over: then it serves the vendors that answer and reports
 * the others (`degraded`), because one vendor being down must not take every replica, and with
 * them the other vendors, out of service. A gateway with no vendor configured (live mode without
 * settings) is never ready. While draining, the shutdown answers 503 before this is asked
 * (src/lifecycle/shutdown.ts).
 */
import type { HealthCache, HealthResult } from './health-cache.js';

/** A vendor as the registry describes it. */
interface RegisteredVendor {
  name: string;
  mode: 'SANDBOX' | 'LIVE' | 'NOT_CONFIGURED';
}

export interface ReadinessReport<T extends HealthResult = HealthResult> {
  ready: boolean;
  /**
   * `ready`: every configured vendor answers. `degraded`: ready, but the vendors in `unreachable`
   * do not answer. `unavailable`: not ready (see `reason`).
   */
  status: 'ready' | 'degraded' | 'unavailable';
  reason?: string;
  /** Vendors whose settings are missing: their fields answer VENDOR_NOT_CONFIGURED. */
  notConfigured: string[];
  /** Configured vendors whose latest health check failed. */
  unreachable: string[];
  vendors: T[];
}

export interface ReadinessOptions<T extends HealthResult> {
  vendors: readonly RegisteredVendor[];
  health: HealthCache<T>;
  /** How long after `startedAt` a vendor that never answered stops holding readiness back. */
  graceMs: number;
  now?: () => number;
  startedAt?: number;
}

/** Returns the function that computes one readiness report. */
export function createReadiness<T extends HealthResult>(
  options: ReadinessOptions<T>,
): () => Promise<ReadinessReport<T>> {
  const now = options.now ?? Date.now;
  const startedAt = options.startedAt ?? now();
  const configured = options.vendors.filter((v) => v.mode !== 'NOT_CONFIGURED').map((v) => v.name);
  const notConfigured = options.vendors.filter((v) => v.mode === 'NOT_CONFIGURED').map((v) => v.name);
  return async () => {
    const vendors = await options.health.get();
    const base = { notConfigured, vendors };
    if (configured.length === 0) {
      return {
        ...base,
        ready: false,
        status: 'unavailable',
        reason: "no vendor is configured: set at least one vendor's variables",
        unreachable: [],
      };
    }
    const unreachable = configured.filter((name) => !vendors.some((v) => v.name === name && v.healthy));
    if (unreachable.length === 0) return { ...base, ready: true, status: 'ready', unreachable };
    const waitingFor = configured.filter((name) => !options.health.hasAnswered(name));
    const elapsed = now() - startedAt;
    if (waitingFor.length > 0 && elapsed < options.graceMs) {
      return {
        ...base,
        ready: false,
        status: 'unavailable',
        reason: `waiting for ${waitingFor.join(', ')} to answer a health check (for up to ${Math.ceil((options.graceMs - elapsed) / 1000)} s more)`,
        unreachable,
      };
    }
    return {
      ...base,
      ready: true,
      status: 'degraded',
      reason: `not reachable: ${unreachable.join(', ')}`,
      unreachable,
    };
  };
}
