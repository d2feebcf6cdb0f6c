/**
 * Credential lifecycles shared by the vendors that log in: a token is fetched once however many
 * calls wait for it (single-flight, across processes too: a lock in the store), refreshed before
 * it expires, and dropped when the vendor rejects it so that exactly one re-authentication follows.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestScope } from './scope.js';
import type { KeyValueStore } from './store.js';

/** How long one login may hold the token lock (longer than a login call's own timeouts). */
const LOCK_TTL_MS = 20_000;
/** How often a process waiting for another's login looks for the new token. */
const LOCK_POLL_MS = 25;

export interface IssuedToken {
  accessToken: string;
  /** Epoch milliseconds; undefined when the vendor gives no expiry. */
  expiresAt?: number;
  refreshToken?: string;
  /** Epoch milliseconds when the gateway obtained it (set by the manager): the token's lifetime starts here. */
  obtainedAt?: number;
}

/** Largest share of a token's lifetime spent refreshing early (see {@link refreshSkew}). */
export const MAX_SKEW_SHARE = 0.1;

/**
 * How long before expiry `token` is renewed: the configured skew, bounded by a tenth of the
 * token's lifetime. Without the bound a token living less than the skew (a 60 s Appmixer token
 * against a 3600 s skew) is "about to expire" from birth, and every operation logs in again.
 */
export function refreshSkew(token: IssuedToken, skewMs: number): number {
  if (token.expiresAt === undefined || token.obtainedAt === undefined) return skewMs;
  const lifetime = token.expiresAt - token.obtainedAt;
  return lifetime > 0 ? Math.min(skewMs, lifetime * MAX_SKEW_SHARE) : skewMs;
}

export interface TokenManagerOptions {
  store: KeyValueStore;
  /** Store key: vendor plus a hash of the credential identity, never the secret itself. */
  key: string;
  /** Obtains a brand-new token (login); its vendor call counts toward `scope`, the operation that needed it. */
  login(scope?: RequestScope): Promise<IssuedToken>;
  /** Exchanges a refresh token for a new token; falls back to `login` when absent or failing. */
  refresh?(current: IssuedToken, scope?: RequestScope): Promise<IssuedToken>;
  /** Refresh this long before expiry, at most a tenth of the token's lifetime. */
  refreshSkewMs?: number;
  now?(): number;
}

export class TokenManager {
  readonly #options: TokenManagerOptions;
  #inflight: Promise<IssuedToken> | undefined;
  /** How many times the vendor was asked for a token (login or refresh). */
  issued = 0;

  constructor(options: TokenManagerOptions) {
    this.#options = options;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /**
   * A valid token, obtaining or refreshing it when needed; concurrent callers share one call,
   * which counts toward the scope of the caller that started it.
   */
  async get(scope?: RequestScope): Promise<IssuedToken> {
    const current = await this.#options.store.get<IssuedToken>(this.#options.key);
    const skew = this.#options.refreshSkewMs ?? 60_000;
    if (current && (current.expiresAt === undefined || current.expiresAt - refreshSkew(current, skew) > this.#now()))
      return current;
    return this.#singleFlight(current, scope);
  }

  /** Forgets `token` if it is still the current one, so the next `get` re-authenticates. */
  async invalidate(token: unknown): Promise<void> {
    const current = await this.#options.store.get<IssuedToken>(this.#options.key);
    if (current && (token === undefined || current.accessToken === (token as IssuedToken | undefined)?.accessToken)) {
      await this.#options.store.delete(this.#options.key);
    }
  }

  #singleFlight(current: IssuedToken | undefined, scope: RequestScope | undefined): Promise<IssuedToken> {
    this.#inflight ??= (async () => {
      try {
        return await this.#underLock(current, scope);
      } finally {
        this.#inflight = undefined;
      }
    })();
    return this.#inflight;
  }

  /** A token stored since `current` was read, still unexpired (another holder's login or refresh). */
  async #newer(current: IssuedToken | undefined): Promise<IssuedToken | undefined> {
    const stored = await this.#options.store.get<IssuedToken>(this.#options.key);
    if (!stored || stored.accessToken === current?.accessToken) return undefined;
    return stored.expiresAt === undefined || stored.expiresAt > this.#now() ? stored : undefined;
  }

  /**
   * The single flight across everything sharing the store (workers, instances): one holder of a
   * lock with an expiry logs in; the others wait, then read what it stored. A holder that dies
   * holds the others back for at most the lock's lifetime, after which one of them takes over.
   */
  async #underLock(current: IssuedToken | undefined, scope: RequestScope | undefined): Promise<IssuedToken> {
    const { store, key } = this.#options;
    const lockKey = `${key}:lock`;
    const giveUpAt = Date.now() + 2 * LOCK_TTL_MS;
    for (;;) {
      const owner = await store.acquireLock(lockKey, LOCK_TTL_MS);
      if (owner) {
        try {
          // The previous holder may have stored a fresh token while this one waited for the lock.
          return (await this.#newer(current)) ?? (await this.#obtain(current, scope));
        } finally {
          await store.releaseLock(lockKey, owner).catch(() => undefined);
        }
      }
      await sleep(LOCK_POLL_MS);
      const stored = await this.#newer(current);
      if (stored) return stored;
      // Never fail a call because of the lock alone: past this, log in without it.
      if (Date.now() > giveUpAt) return this.#obtain(current, scope);
    }
  }

  async #obtain(current: IssuedToken | undefined, scope: RequestScope | undefined): Promise<IssuedToken> {
    let next: IssuedToken | undefined;
    if (current?.refreshToken && this.#options.refresh) {
      this.issued += 1;
      next = await this.#options.refresh(current, scope).catch(() => undefined);
    }
    if (!next) {
      this.issued += 1;
      next = await this.#options.login(scope);
    }
    next = { ...next, obtainedAt: next.obtainedAt ?? this.#now() };
    // Kept past expiry on purpose: the refresh token outlives the access token.
    await this.#options.store.set(this.#options.key, next);
    return next;
  }
}
