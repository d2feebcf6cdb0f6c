/**
 * When a failed vendor call may be sent again, and when: which failures are transient, the
 * exponential backoff with jitter, the vendor's own word (Retry-After, X-RateLimit-Reset), and a
 * per-vendor retry budget so that retries cannot multiply the load on a vendor that is struggling.
 */
import type { KeyValueStore } from './store.js';

type Headers = Record<string, string | string[] | undefined>;

interface FailureLike {
  name?: string;
  code?: string;
  response?: { statusCode: number; headers: Headers };
}

/** Statuses that say "not now" rather than "no". */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504, 521, 522, 524]);

/** Network failures where the vendor may well answer the next attempt. */
const TRANSIENT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EADDRINUSE',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** The HTTP status of a got HTTPError, if the failure is one. */
export function failureStatus(error: unknown): number | undefined {
  const e = error as FailureLike | undefined;
  return e?.name === 'HTTPError' ? e.response?.statusCode : undefined;
}

function isNetworkFailure(error: unknown): boolean {
  const e = error as FailureLike | undefined;
  if (!e) return false;
  if (e.name === 'TimeoutError') return true;
  return e.name !== 'HTTPError' && e.code !== undefined && TRANSIENT_CODES.has(e.code);
}

/** True when an idempotent call that failed this way is worth another attempt. */
export function isTransient(error: unknown): boolean {
  const status = failureStatus(error);
  return status !== undefined ? TRANSIENT_STATUSES.has(status) : isNetworkFailure(error);
}

/**
 * True when the failure says the vendor is down or overloaded (5xx, timeouts, no connection):
 * what the circuit breaker counts. A 4xx, even a 429, proves the vendor is answering.
 */
export function isVendorDown(error: unknown): boolean {
  const status = failureStatus(error);
  if (status !== undefined) return status >= 500 && status !== 501 && status !== 505;
  return isNetworkFailure(error);
}

function header(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads X-RateLimit-Reset as epoch milliseconds. Vendors send either seconds until the reset or
 * the reset's epoch seconds (some epoch milliseconds); magnitudes tell them apart.
 */
export function rateLimitResetAt(headers: Headers | undefined, now = Date.now()): number | undefined {
  const raw = header(headers, 'x-ratelimit-reset');
  const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (value > 1e12) return value;
  if (value > 1e9) return value * 1000;
  return now + value * 1000;
}

/** How long the vendor asked to wait (Retry-After, else X-RateLimit-Reset on a 429/503), in ms. */
export function vendorDelayMs(error: unknown, now = Date.now()): number | undefined {
  const response = (error as FailureLike | undefined)?.response;
  if (!response) return undefined;
  const retryAfter = header(response.headers, 'retry-after');
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  if (response.statusCode === 429 || response.statusCode === 503) {
    const reset = rateLimitResetAt(response.headers, now);
    if (reset !== undefined) return Math.max(0, reset - now);
  }
  return undefined;
}

/** Exponential backoff with jitter for retry number `retry` (1-based): half fixed, half random. */
export function backoffMs(retry: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

const BUDGET_WINDOW_MS = 10_000;

export interface RetryBudgetSettings {
  retryBudgetPercent: number;
  retryBudgetMin: number;
}

/**
 * A vendor's retry budget over fixed 10 s windows: retries may add at most a set share of the
 * calls made (plus a small floor), so an outage cannot turn every call into three.
 */
export class RetryBudget {
  constructor(
    private readonly store: KeyValueStore,
    private readonly vendor: string,
    private readonly settings: RetryBudgetSettings,
  ) {}

  #key(kind: 'calls' | 'retries'): string {
    return `retry-budget:${this.vendor}:${Math.floor(Date.now() / BUDGET_WINDOW_MS)}:${kind}`;
  }

  /** Counts one call (its first attempt). */
  async recordCall(): Promise<void> {
    await this.store.increment(this.#key('calls'), 1, BUDGET_WINDOW_MS * 2);
  }

  /** Takes one retry from the budget; false when it is spent. */
  async tryRetry(): Promise<boolean> {
    const calls = (await this.store.get<number>(this.#key('calls'))) ?? 0;
    const allowed = Math.max(
      this.settings.retryBudgetMin,
      Math.floor((calls * this.settings.retryBudgetPercent) / 100),
    );
    const key = this.#key('retries');
    const used = await this.store.increment(key, 1, BUDGET_WINDOW_MS * 2);
    if (used <= allowed) return true;
    await this.store.increment(key, -1);
    return false;
  }
}
