/**
 * The HTTP cache of vendor GET responses, in the KeyValueStore. Entries are keyed by credential
 * identity, so one caller can never read what another caller's credentials fetched. Freshness
 * follows the vendor's Cache-Control (http-cache-semantics, as a private cache) unless the
 * operator grants a TTL; stale entries are revalidated with If-None-Match / If-Modified-Since, and
 * may be served while the vendor fails, within the stale-if-error budget. A successful write
 * through a credential retires every entry of that credential (a generation counter), so a read
 * after a write never sees the cache's older copy.
 */
import { createHash } from 'node:crypto';
import CachePolicy from 'http-cache-semantics';
import type { KeyValueStore } from './store.js';

type Headers = Record<string, string | string[] | undefined>;

/** A response as the http layer passes it around before parsing. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** What the cache keeps of one response. */
export interface CachedResponse extends RawResponse {
  /** Epoch ms when the vendor last confirmed this body (stored or revalidated). */
  validatedAt: number;
  policy: CachePolicy.CachePolicyObject;
}

export interface CacheSettings {
  cacheTtlMs: number;
  staleIfErrorMs: number;
  cacheMaxBodyBytes: number;
}

/** The request a cache entry answers, as http-cache-semantics reads it. */
export interface CacheableRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** How long an entry with validators is kept past its freshness, for cheap revalidation. */
const REVALIDATION_KEEP_MS = 10 * 60_000;

/** Headers that differ per call without changing the answer. */
const VOLATILE_HEADERS = new Set(['x-request-id', 'user-agent', 'if-none-match', 'if-modified-since']);

const POLICY_OPTIONS = { shared: false, cacheHeuristic: 0, immutableMinTimeToLive: 0 };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The key of a request made with one credential identity. Everything that can change the answer
 * is in it (method, URL with query, headers, body); the credential only through its identity.
 */
export function requestKey(
  vendor: string,
  identity: string,
  request: CacheableRequest,
  body?: string | Buffer,
): string {
  const headers = Object.entries(request.headers)
    .filter(([name]) => !VOLATILE_HEADERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256').update(JSON.stringify([vendor, identity, request.method, request.url, headers]));
  if (body !== undefined) hash.update(body);
  return hash.digest('hex');
}

/** A stable, non-reversible identity for credentials (never store or log the secret itself). */
export function credentialIdentity(parts: unknown): string {
  return sha256(JSON.stringify(parts)).slice(0, 32);
}

export class HttpCache {
  constructor(
    private readonly store: KeyValueStore,
    private readonly vendor: string,
    private readonly settings: CacheSettings,
  ) {}

  #generationKey(identity: string): string {
    return `cache-gen:${this.vendor}:${identity}`;
  }

  /** The store key of a request key, under the identity's current generation. */
  async entryKey(identity: string, requestKeyHash: string): Promise<string> {
    const generation = (await this.store.get<number>(this.#generationKey(identity))) ?? 0;
    return `cache:${this.vendor}:${generation}:${requestKeyHash}`;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    return this.store.get<CachedResponse>(key);
  }

  /** True when `entry` may answer `request` without asking the vendor. */
  isFresh(entry: CachedResponse, request: CacheableRequest): boolean {
    if (this.settings.cacheTtlMs > 0) return Date.now() - entry.validatedAt < this.settings.cacheTtlMs;
    return CachePolicy.fromObject(entry.policy).satisfiesWithoutRevalidation(request);
  }

  /** If-None-Match / If-Modified-Since for revalidating `entry`. */
  conditionalHeaders(entry: CachedResponse, request: CacheableRequest): Record<string, string> {
    const all = CachePolicy.fromObject(entry.policy).revalidationHeaders(request);
    const out: Record<string, string> = {};
    for (const name of ['if-none-match', 'if-modified-since']) {
      const value = all[name];
      if (typeof value === 'string') out[name] = value;
    }
    return out;
  }

  /** Milliseconds since the vendor last confirmed `entry`. */
  ageMs(entry: CachedResponse): number {
    return Date.now() - entry.validatedAt;
  }

  /** True when `entry` is young enough to be served while the vendor fails. */
  servableStale(entry: CachedResponse): boolean {
    return this.settings.staleIfErrorMs > 0 && this.ageMs(entry) <= this.settings.staleIfErrorMs;
  }

  /** Keeps a 200 answer when the vendor allows it and it is small enough. */
  async put(key: string, request: CacheableRequest, response: RawResponse): Promise<void> {
    if (response.status !== 200 || Buffer.byteLength(response.text) > this.settings.cacheMaxBodyBytes) return;
    const policy = new CachePolicy(request, { status: response.status, headers: response.headers }, POLICY_OPTIONS);
    if (!policy.storable()) return;
    await this.#write(key, policy, response);
  }

  /** Refreshes `entry` after the vendor answered 304 Not Modified; returns the entry to serve. */
  async revalidated(
    key: string,
    entry: CachedResponse,
    request: CacheableRequest,
    notModified: RawResponse,
  ): Promise<CachedResponse> {
    const { policy } = CachePolicy.fromObject(entry.policy).revalidatedPolicy(request, {
      status: 304,
      headers: notModified.headers,
    });
    return this.#write(key, policy, entry);
  }

  /** Retires every entry of `identity` (after a successful write through it). */
  async invalidate(identity: string): Promise<void> {
    await this.store.increment(this.#generationKey(identity), 1);
  }

  async #write(key: string, policy: CachePolicy, response: RawResponse): Promise<CachedResponse> {
    const entry: CachedResponse = {
      status: response.status,
      headers: response.headers,
      text: response.text,
      validatedAt: Date.now(),
      policy: policy.toObject(),
    };
    const freshMs = this.settings.cacheTtlMs > 0 ? this.settings.cacheTtlMs : policy.timeToLive();
    const headers = policy.responseHeaders();
    const validators = headers.etag !== undefined || headers['last-modified'] !== undefined;
    const keepMs = freshMs + Math.max(this.settings.staleIfErrorMs, validators ? REVALIDATION_KEEP_MS : 0);
    if (keepMs > 0) await this.store.set(key, entry, keepMs);
    return entry;
  }
}
