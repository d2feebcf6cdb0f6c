/**
 * Throttling of failed client authentication (online key guessing). Failures are counted per
 * source address and per key prefix (the first {@link PREFIX_LENGTH} characters of a presented API
 * key) in a one-minute window (rate-limiter-flexible). Over the limit:
 *
 * - a **source** is refused with 429 + Retry-After before its credential is even checked, for the
 *   rest of the window: guessing from it stops, and it learns nothing from the answer;
 * - a **prefix** is refused only to sources that have failed themselves in the window: a source
 *   with a clean record is always checked, so an attacker hammering a valid key's prefix from
 *   elsewhere (or from many addresses) cannot lock that key's owner out.
 *
 * A valid credential never counts as a failure. The counters are per gateway instance.
 */
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/** Characters of an API key that form its prefix (`vg_` plus five random characters of a generated key). */
export const PREFIX_LENGTH = 8;

export interface AuthThrottleSettings {
  /** Failed attempts one source address may make per minute; 0 disables the throttle. */
  failuresPerSource: number;
  /** Failed attempts per minute with one key prefix, across sources. */
  failuresPerPrefix: number;
}

/** Why a request is refused before authentication. */
export interface Throttled {
  reason: 'source' | 'prefix';
  /** Seconds until the window frees the caller (Retry-After). */
  retryAfterS: number;
}

const WINDOW_S = 60;

/** The prefix of the API key in these headers, if the caller sent one (never a JWT's). */
export function presentedKeyPrefix(headers: Record<string, string | string[] | undefined>): string | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const apiKey = first(headers['x-api-key'])?.trim();
  if (apiKey) return apiKey.slice(0, PREFIX_LENGTH);
  const match = /^(Bearer|ApiKey)\s+(\S+)/i.exec(first(headers.authorization) ?? '');
  if (!match || /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(match[2])) return undefined;
  return match[2].slice(0, PREFIX_LENGTH);
}

export class AuthFailureThrottle {
  readonly #bySource?: RateLimiterMemory;
  readonly #byPrefix?: RateLimiterMemory;
  readonly #settings: AuthThrottleSettings;

  constructor(settings: AuthThrottleSettings) {
    this.#settings = settings;
    if (settings.failuresPerSource > 0) {
      this.#bySource = new RateLimiterMemory({
        keyPrefix: 'auth-fail-source',
        points: settings.failuresPerSource,
        duration: WINDOW_S,
      });
      this.#byPrefix = new RateLimiterMemory({
        keyPrefix: 'auth-fail-prefix',
        points: Math.max(1, settings.failuresPerPrefix),
        duration: WINDOW_S,
      });
    }
  }

  /** Whether a request from `source` presenting `prefix` is refused before its credential is checked. */
  async check(source: string, prefix: string | undefined): Promise<Throttled | undefined> {
    if (!this.#bySource) return undefined;
    const own = await this.#bySource.get(source);
    if (own && own.consumedPoints >= this.#settings.failuresPerSource)
      return { reason: 'source', retryAfterS: seconds(own) };
    if (prefix === undefined || !own || own.consumedPoints === 0) return undefined;
    const shared = await this.#byPrefix!.get(prefix);
    if (shared && shared.consumedPoints >= this.#settings.failuresPerPrefix)
      return { reason: 'prefix', retryAfterS: seconds(shared) };
    return undefined;
  }

  /** Counts one failed attempt. */
  async failed(source: string, prefix: string | undefined): Promise<void> {
    if (!this.#bySource) return;
    // penalty() adds a point without throwing; the count expires a minute after the first failure.
    await this.#bySource.penalty(source, 1);
    if (prefix !== undefined) await this.#byPrefix!.penalty(prefix, 1);
  }
}

function seconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}
