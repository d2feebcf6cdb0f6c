/**
 * Credential lifecycles shared by the vendors that log in: a token is fetched once however many
 * calls wait for it (single-flight), refreshed before it expires, and dropped when the vendor
 * rejects it so that exactly one re-authentication follows.
 */
import type { KeyValueStore } from './store.js';

export interface IssuedToken {
  accessToken: string;
  /** Epoch milliseconds; undefined when the vendor gives no expiry. */
  expiresAt?: number;
  refreshToken?: string;
}

export interface TokenManagerOptions {
  store: KeyValueStore;
  /** Store key: vendor plus a hash of the credential identity, never the secret itself. */
  key: string;
  /** Obtains a brand-new token (login). */
  login(): Promise<IssuedToken>;
  /** Exchanges a refresh token for a new token; falls back to `login` when absent or failing. */
  refresh?(current: IssuedToken): Promise<IssuedToken>;
  /** Refresh this long before expiry. */
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

  /** A valid token, obtaining or refreshing it when needed; concurrent callers share one call. */
  async get(): Promise<IssuedToken> {
    const current = await this.#options.store.get<IssuedToken>(this.#options.key);
    const skew = this.#options.refreshSkewMs ?? 60_000;
    if (current && (current.expiresAt === undefined || current.expiresAt - skew > this.#now())) return current;
    return this.#singleFlight(current);
  }

  /** Forgets `token` if it is still the current one, so the next `get` re-authenticates. */
  async invalidate(token: unknown): Promise<void> {
    const current = await this.#options.store.get<IssuedToken>(this.#options.key);
    if (current && (token === undefined || current.accessToken === (token as IssuedToken | undefined)?.accessToken)) {
      await this.#options.store.delete(this.#options.key);
    }
  }

  #singleFlight(current: IssuedToken | undefined): Promise<IssuedToken> {
    this.#inflight ??= (async () => {
      try {
        let next: IssuedToken | undefined;
        if (current?.refreshToken && this.#options.refresh) {
          this.issued += 1;
          next = await this.#options.refresh(current).catch(() => undefined);
        }
        if (!next) {
          this.issued += 1;
          next = await this.#options.login();
        }
        // Kept past expiry on purpose: the refresh token outlives the access token.
        await this.#options.store.set(this.#options.key, next);
        return next;
      } finally {
        this.#inflight = undefined;
      }
    })();
    return this.#inflight;
  }
}
