/**
 * The quota governor: reads the X-RateLimit-* headers a vendor sends and slows calls down before
 * the vendor would answer 429. When the remaining share of the window drops below the reserve,
 * the calls left are spread evenly over what remains of the window; when none are left, calls
 * wait for the reset; after a 429 with Retry-After, every call of that credential waits it out.
 * Observations live in the KeyValueStore, keyed by vendor and credential identity.
 */
import { systemClock, type Clock } from './clock.js';
import { rateLimitResetAt, vendorDelayMs } from './retry.js';
import type { KeyValueStore } from './store.js';

type Headers = Record<string, string | string[] | undefined>;

interface QuotaObservation {
  limit: number;
  remaining: number;
  /** Epoch ms when the vendor's window resets. */
  resetAt: number;
  /** Epoch ms before which the vendor asked not to be called (429 + Retry-After). */
  blockedUntil?: number;
  /** Epoch ms of the next paced slot while the reserve is being used. */
  nextSlotAt?: number;
}

function count(headers: Headers, name: string): number | undefined {
  const raw = headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || !Number.isFinite(value) ? undefined : value;
}

/** Keeps an observation until its window and any Retry-After are over (at least one second). */
function expiry(q: QuotaObservation, now: number): number {
  return Math.max(1_000, Math.max(q.resetAt, q.blockedUntil ?? 0) - now + 1_000);
}

export class QuotaGovernor {
  constructor(
    private readonly store: KeyValueStore,
    /** Percent of the limit below which calls are paced (0 disables pacing, not the wait for a reset). */
    private readonly reservePercent: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Milliseconds the next call for `key` should wait; the call is counted against the quota. */
  async delayFor(key: string): Promise<number> {
    const q = await this.store.get<QuotaObservation>(key);
    if (!q) return 0;
    const now = this.clock.now();
    let wait = q.blockedUntil !== undefined && q.blockedUntil > now ? q.blockedUntil - now : 0;
    if (q.resetAt > now) {
      if (q.remaining <= 0) {
        wait = Math.max(wait, q.resetAt - now);
      } else if (this.reservePercent > 0 && q.remaining < (q.limit * this.reservePercent) / 100) {
        const interval = (q.resetAt - now) / q.remaining;
        const slot = Math.max(now + wait, q.nextSlotAt ?? 0);
        q.nextSlotAt = slot + interval;
        wait = slot - now;
      }
      // Our own call, until the vendor's next headers say where the window really stands.
      q.remaining -= 1;
      await this.store.set(key, q, expiry(q, now));
    }
    return Math.max(0, Math.round(wait));
  }

  /** Records what a vendor answer (success or failure) says about the quota. */
  async observe(key: string, status: number | undefined, headers: Headers | undefined, failure?: unknown): Promise<void> {
    if (!headers) return;
    const now = this.clock.now();
    const limit = count(headers, 'x-ratelimit-limit');
    const remaining = count(headers, 'x-ratelimit-remaining');
    const resetAt = rateLimitResetAt(headers, now);
    const asked = status === 429 ? vendorDelayMs(failure, now) : undefined;
    if (remaining === undefined && asked === undefined) return;
    const previous = await this.store.get<QuotaObservation>(key);
    const next: QuotaObservation = {
      limit: limit ?? previous?.limit ?? remaining ?? 0,
      remaining: remaining ?? previous?.remaining ?? 0,
      resetAt: resetAt ?? previous?.resetAt ?? now,
      blockedUntil: asked !== undefined ? now + asked : previous?.blockedUntil,
      // A new window (its reset moved) starts unpaced.
      nextSlotAt: previous && resetAt !== undefined && Math.abs(previous.resetAt - resetAt) > 1_000 ? undefined : previous?.nextSlotAt,
    };
    await this.store.set(key, next, expiry(next, now));
  }
}
