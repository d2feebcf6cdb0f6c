/**
 * The quota governor: reads the X-RateLimit-* headers a vendor sends and slows calls down before
 * the vendor would answer 429. When the remaining share of the window drops below the reserve,
 * the calls left are spread evenly over what remains of the window; when none are left, calls
 * wait for the reset; after a 429 with Retry-After, every call of that credential waits it out.
 * Observations live in the KeyValueStore, keyed by vendor and credential identity, and every
 * update several processes may race on is atomic there: calls sent since an observation are a
 * counter (INCRBY), and the paced schedule is changed only under a short lock.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { QuotaEvent } from './observers.js';
import { systemClock, type Clock } from './clock.js';
import { rateLimitResetAt, vendorDelayMs } from './retry.js';
import type { KeyValueStore } from './store.js';

type Headers = Record<string, string | string[] | undefined>;

interface QuotaObservation {
  /** Names this observation's counter of calls sent since (a new observation starts at zero). */
  id?: string;
  limit: number;
  /** What the vendor said was left when it answered. */
  remaining: number;
  /** Epoch ms when the vendor's window resets. */
  resetAt: number;
  /** Epoch ms before which the vendor asked not to be called (429 + Retry-After). */
  blockedUntil?: number;
}

/** The paced schedule of one window (kept apart from observations, which every answer replaces). */
interface PaceState {
  resetAt: number;
  nextSlotAt: number;
}

/** The pacing lock is held for one read and one write; a waiter gives up on it after this. */
const PACE_LOCK_MS = 1_000;
const PACE_LOCK_WAIT_MS = 200;

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
    /** The vendor, for the quota metrics (none: not reported). */
    private readonly vendor?: string,
    /** Where quota observations are reported (the gateway's observers). */
    private readonly notifyQuota?: (event: QuotaEvent) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Milliseconds the next call for `key` should wait; the call is counted against the quota. */
  async delayFor(key: string): Promise<number> {
    const q = await this.store.get<QuotaObservation>(key);
    if (!q) return 0;
    const now = this.clock.now();
    let wait = q.blockedUntil !== undefined && q.blockedUntil > now ? q.blockedUntil - now : 0;
    if (q.resetAt > now) {
      // Our own call, until the vendor's next headers say where the window really stands.
      const sent = await this.store.increment(`${key}:sent:${q.id ?? 'none'}`, 1, expiry(q, now));
      const remaining = q.remaining - (sent - 1);
      if (remaining <= 0) {
        wait = Math.max(wait, q.resetAt - now);
      } else if (this.reservePercent > 0 && remaining < (q.limit * this.reservePercent) / 100) {
        const slot = await this.#paceSlot(key, q, (q.resetAt - now) / remaining, now + wait);
        wait = slot - now;
      }
    }
    return Math.max(0, Math.round(wait));
  }

  /** The next paced slot at or after `earliest`, `interval` after the previous one in this window. */
  async #paceSlot(key: string, q: QuotaObservation, interval: number, earliest: number): Promise<number> {
    const paceKey = `${key}:pace`;
    const lockKey = `${paceKey}:lock`;
    const giveUpAt = Date.now() + PACE_LOCK_WAIT_MS;
    let owner = await this.store.acquireLock(lockKey, PACE_LOCK_MS);
    while (!owner && Date.now() < giveUpAt) {
      await sleep(2);
      owner = await this.store.acquireLock(lockKey, PACE_LOCK_MS);
    }
    try {
      const pace = await this.store.get<PaceState>(paceKey);
      // A new window (its reset moved) starts unpaced.
      const previous = pace && Math.abs(pace.resetAt - q.resetAt) <= 1_000 ? pace.nextSlotAt : 0;
      const slot = Math.max(earliest, previous);
      await this.store.set<PaceState>(
        paceKey,
        { resetAt: q.resetAt, nextSlotAt: slot + interval },
        expiry(q, Date.now()),
      );
      return slot;
    } finally {
      if (owner) await this.store.releaseLock(lockKey, owner).catch(() => undefined);
    }
  }

  /** Records what a vendor answer (success or failure) says about the quota. */
  async observe(
    key: string,
    status: number | undefined,
    headers: Headers | undefined,
    failure?: unknown,
  ): Promise<void> {
    if (!headers) return;
    const now = this.clock.now();
    const limit = count(headers, 'x-ratelimit-limit');
    const remaining = count(headers, 'x-ratelimit-remaining');
    const resetAt = rateLimitResetAt(headers, now);
    const asked = status === 429 ? vendorDelayMs(failure, now) : undefined;
    if (remaining === undefined && asked === undefined) return;
    const previous = await this.store.get<QuotaObservation>(key);
    const next: QuotaObservation = {
      // Fresh vendor numbers start a fresh count of our calls; a 429 without them keeps the count.
      id: remaining !== undefined ? randomUUID() : (previous?.id ?? randomUUID()),
      limit: limit ?? previous?.limit ?? remaining ?? 0,
      remaining: remaining ?? previous?.remaining ?? 0,
      resetAt: resetAt ?? previous?.resetAt ?? now,
      blockedUntil: asked !== undefined ? now + asked : previous?.blockedUntil,
    };
    await this.store.set(key, next, expiry(next, now));
    if (this.vendor && remaining !== undefined)
      this.notifyQuota?.({ vendor: this.vendor, limit: next.limit, remaining });
  }
}
