/**
 * The shared got-based client layer. One got instance carries the gateway-wide defaults; each
 * vendor gets a {@link VendorHttp} built with `got.extend()` plus its hook points (auth, rate
 * limiting, error parsing) and the resilience every vendor shares: per-vendor timeouts, retries
 * of idempotent calls with backoff and jitter, a circuit breaker, an HTTP cache with
 * revalidation and stale-if-error, de-duplication of identical reads in flight, a quota governor,
 * and the operation's deadline and upstream budget. Vendor clients call {@link VendorHttp.request}
 * and never import got themselves.
 *
 * One call, in order: authenticate → fresh cache hit, or join an identical call in flight →
 * (per attempt) deadline, breaker, quota wait, budget, rate limiter, send → retry if allowed →
 * revalidate / store / serve stale → parse. A vendor that rejects the credential gets one replay
 * after re-authentication.
 */
import type { ClientRequest } from 'node:http';
import got, { type CancelableRequest, type Got, type OptionsInit, type RequestError, type Response } from 'got';
import { GatewayError, VendorResponseError, badUserInput, toGatewayError, type ErrorCode } from '../errors.js';
import { assertJsonDepth, limitResponseSize } from '../security/vendor-responses.js';
import type { Logger } from '../logger.js';
import type { HttpDefaults } from '../config.js';
import type { VendorBreaker } from './breaker.js';
import { installGotOptionsShim } from './got-options.js';
import { HttpCache, requestKey, type CacheableRequest, type CachedResponse, type RawResponse } from './cache.js';
import { QuotaGovernor } from './quota.js';
import { RetryBudget, backoffMs, failureStatus, isTransient, vendorDelayMs } from './retry.js';
import type { RequestScope, UpstreamStats } from './scope.js';
import { takeTurn } from './fair-queue.js';
import { clientHeader, clientText } from './header-values.js';
import { queryParams, type QueryValue } from './url.js';
import { SharedHttpState } from './shared.js';
import { identityOfCredentials } from './identity-cache.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One vendor call, described without got types so vendor clients stay protocol-level. */
export interface VendorRequest {
  method?: HttpMethod;
  /** Path relative to the vendor base URL, segments already encoded with `pathSegment`. */
  path: string;
  /** Overrides the vendor base URL for this call (e.g. a separately configured SOAP endpoint). */
  url?: string;
  /** Query parameters; an array repeats the parameter. */
  searchParams?: Record<string, QueryValue>;
  headers?: Record<string, string | undefined>;
  json?: unknown;
  body?: string | Buffer | FormData;
  /** A short endpoint name for logs, metrics and `extensions.stale` (`searchRecords`). */
  operation?: string;
  /**
   * Marks a call that is safe to send twice: reads are by default; a write is only when the
   * vendor deduplicates it (e.g. Flowize `X-Uuid` chosen by the gateway).
   */
  idempotent?: boolean;
  /**
   * Marks a call that changes nothing at the vendor: GET/HEAD/OPTIONS by default; set it on reads
   * a vendor serves over POST (searches, flexiPIM lists). Read-only calls are retried, identical
   * ones in flight are shared, and they never retire cached answers the way a write does.
   */
  readOnly?: boolean;
  /** false keeps this GET out of the cache and out of in-flight sharing. */
  cache?: boolean;
  /** false for the calls that obtain credentials themselves. */
  authenticate?: boolean;
  /** Overrides the first-byte and whole-attempt timeouts (e.g. PhixFlow's long synchronous calls). */
  timeoutMs?: number;
  /** Statuses returned as a response instead of thrown (e.g. 404 meaning "absent"). */
  allowStatuses?: number[];
}

/** A vendor answer; `data` is the parsed JSON body when the body is JSON. */
export interface VendorResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  data: T;
}

/** Mutable view of a request that an auth strategy decorates. */
export interface OutgoingRequest {
  headers: Record<string, string>;
  searchParams: Record<string, string>;
}

/** How a vendor authenticates; the http layer calls it before every request. */
export interface AuthStrategy {
  /**
   * Adds credentials; returns an opaque marker of the credential used (for `invalidate`). `scope`
   * is the operation the call serves: a token call made for it counts toward its calls and budget.
   */
  apply(request: OutgoingRequest, scope?: RequestScope): Promise<unknown>;
  /** True when the failure means the credential is no longer valid and a fresh one may succeed. */
  isAuthFailure?(error: VendorResponseError): boolean;
  /** Forgets `credential` so the next `apply` obtains a new one (single-flight). */
  invalidate?(credential: unknown): Promise<void>;
  /**
   * A stable hash of whose credential this is (a client id, never a secret). Cached answers,
   * shared in-flight calls and quota observations are keyed by it. Without it the credentials
   * `apply` adds are hashed instead, so a refreshed token starts a fresh cache.
   */
  identity?(): string;
}

/** Queues calls to respect a vendor's published limits (see src/http/rate-limit.ts). */
export interface RateLimiter {
  /** Runs `task` when the limit allows; the task calls `sent` once its request has left (the vendor counts arrivals). */
  schedule<T>(task: (sent: (at?: number) => void) => Promise<T>): Promise<T>;
}

/** A vendor's http settings plus the gateway-wide state its calls share. */
export type VendorHttpDefaults = HttpDefaults & {
  /** Store, breakers and in-flight calls of the gateway; set by the registry. */
  shared?: SharedHttpState;
};

export interface VendorHttpOptions {
  vendor: string;
  baseUrl: string;
  defaults: VendorHttpDefaults;
  logger: Logger;
  auth?: AuthStrategy;
  limiter?: RateLimiter;
  /** Headers sent on every call of this vendor. */
  headers?: Record<string, string>;
  /**
   * Turns a non-2xx answer into a VendorResponseError carrying the vendor's own message and code.
   * Without it the status alone decides.
   */
  parseError?(
    status: number,
    body: string,
    headers: Record<string, string | string[] | undefined>,
  ): VendorResponseError | undefined;
}

/** What a vendor declares of its http client; the kit fills in the rest (src/kit/vendor.ts). */
export type VendorHttpDeclaration = Omit<VendorHttpOptions, 'vendor' | 'defaults' | 'logger'>;

// got 14's per-request options builder hits a slow path of Node 20's V8 (src/http/got-options.ts).
installGotOptionsShim();

/** The gateway-wide got instance: every vendor instance extends it. */
export const baseGot: Got = got.extend({
  // got has no timeout by default: every attempt sets one. Retries are VendorHttp's own loop.
  retry: { limit: 0 },
  throwHttpErrors: true,
  followRedirect: false,
  responseType: 'text',
  // A hostile or broken vendor cannot make the gateway buffer an unbounded body.
  handlers: [limitResponseSize],
});

const SAFE_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS']);

/** Failures after which a cached answer may stand in for a live one. */
const STALE_IF: ReadonlySet<ErrorCode> = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_TIMEOUT', 'VENDOR_RATE_LIMITED']);

/** One call on its way: the request, its credential and what the layers decided about it. */
interface Call {
  req: VendorRequest;
  method: HttpMethod;
  idempotent: boolean;
  readOnly: boolean;
  outgoing: OutgoingRequest;
  /** Whose credential the call carries (hashed). */
  identity: string;
  cacheRequest: CacheableRequest;
  scope: RequestScope | undefined;
  stats: UpstreamStats | undefined;
  /** Attempts sent over the network for this request (replays included). */
  trace: { attempts: number };
}

/** What one call produced: the raw answer, parsed when this caller owns it. */
interface Outcome {
  raw: RawResponse;
  data?: unknown;
  parsed: boolean;
  /** Set when a cached answer stood in for a failing vendor. */
  staleAgeSeconds?: number;
}

/**
 * A vendor's door to the network: auth, limits, retries, timeouts, caching, accounting and error mapping.
 *
 * One instance per vendor (and credential) lives for the process; {@link within} gives the view of
 * it that one GraphQL operation uses, so that every call it makes is counted, budgeted and timed
 * against that operation's {@link RequestScope}. The scope travels explicitly (no
 * AsyncLocalStorage: on Node 20 its promise hooks cost every promise of every request).
 */
export class VendorHttp {
  readonly vendor: string;
  /** The operation this view serves; undefined on the process-wide instance. */
  readonly scope: RequestScope | undefined;
  readonly #got: Got;
  readonly #options: VendorHttpOptions;
  readonly #settings: HttpDefaults;
  readonly #shared: SharedHttpState;
  readonly #cache?: HttpCache;
  readonly #breaker?: VendorBreaker;
  readonly #quota: QuotaGovernor;
  readonly #retryBudget: RetryBudget;
  readonly #prefix: string;
  /** The vendor's own headers, lower-cased once. */
  readonly #baseHeaders: Record<string, string>;

  constructor(options: VendorHttpOptions, view?: { of: VendorHttp; scope: RequestScope }) {
    this.vendor = options.vendor;
    this.#options = options;
    if (view) {
      // A view shares everything with the instance it is of; only the scope is its own.
      const of = view.of;
      this.scope = view.scope;
      this.#got = of.#got;
      this.#settings = of.#settings;
      this.#shared = of.#shared;
      this.#cache = of.#cache;
      this.#breaker = of.#breaker;
      this.#quota = of.#quota;
      this.#retryBudget = of.#retryBudget;
      this.#prefix = of.#prefix;
      this.#baseHeaders = of.#baseHeaders;
      return;
    }
    this.scope = undefined;
    const { shared, ...settings } = options.defaults;
    this.#settings = settings;
    this.#shared = shared ?? new SharedHttpState();
    const store = this.#shared.store;
    this.#prefix = options.baseUrl.replace(/\/+$/, '') + '/';
    this.#baseHeaders = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    if (settings.cacheEnabled) this.#cache = new HttpCache(store, this.vendor, settings);
    if (settings.breakerEnabled) this.#breaker = this.#shared.breaker(this.vendor, settings);
    this.#quota = new QuotaGovernor(
      store,
      settings.quotaReservePercent,
      this.vendor,
      this.#shared.observers.notifyQuota,
      this.#shared.clock,
    );
    this.#retryBudget = new RetryBudget(store, this.vendor, settings);
    this.#got = baseGot.extend({
      prefixUrl: this.#prefix,
      headers: { 'user-agent': 'vendorgraph', ...options.headers },
    });
  }

  /**
   * Client text for a request header, checked and UTF-8 encoded (src/http/header-values.ts): control
   * characters or more than this vendor's MAX_HEADER_VALUE_BYTES are BAD_USER_INPUT naming `argument`.
   */
  clientHeader(value: string, argument: string): string {
    return clientHeader(value, { argument, maxBytes: this.#settings.maxHeaderValueBytes });
  }

  /** The same checks as {@link clientHeader}, for text whose transport (header or URL) the client picks later. */
  clientText(value: string, argument: string): string {
    return clientText(value, { argument, maxBytes: this.#settings.maxHeaderValueBytes });
  }

  /** Callers of this gateway now waiting on an identical read in flight (joined, not yet answered). */
  get joinedInFlight(): number {
    return this.#shared.joined;
  }

  /** This client as one operation uses it: its calls count toward `scope` (calls, budget, deadline, request id). */
  within(scope: RequestScope): VendorHttp {
    return new VendorHttp(this.#options, { of: this, scope });
  }

  /**
   * Sends one call (plus retries when idempotent, plus one replay after re-authentication), for
   * `scope` (by default the operation this view serves; none outside an operation).
   */
  async request<T = unknown>(
    req: VendorRequest,
    scope: RequestScope | undefined = this.scope,
  ): Promise<VendorResponse<T>> {
    assertSendableHeaders(req.headers, this.vendor);
    const auth = req.authenticate === false ? undefined : this.#options.auth;
    const started = performance.now();
    const trace = { attempts: 0 };
    let status: number | string | undefined;
    try {
      for (let replay = 0; ; replay++) {
        const outgoing: OutgoingRequest = { headers: {}, searchParams: {} };
        const credential = auth ? await auth.apply(outgoing, scope) : undefined;
        try {
          const outcome = await this.#call(this.#prepare(req, outgoing, auth, scope, trace));
          status = outcome.raw.status;
          const data = outcome.parsed ? outcome.data : parseBody(outcome.raw, this.vendor);
          return { status: outcome.raw.status, headers: outcome.raw.headers, text: outcome.raw.text, data: data as T };
        } catch (error) {
          if (
            replay === 0 &&
            auth?.isAuthFailure &&
            error instanceof VendorResponseError &&
            auth.isAuthFailure(error)
          ) {
            // The vendor refused the credential, not the request: re-auth once and replay once.
            await auth.invalidate?.(credential);
            continue;
          }
          throw error;
        }
      }
    } catch (error) {
      status =
        failureStatus(error) ??
        (error as VendorResponseError).status ??
        (error as RequestError).code ??
        (error as GatewayError).code;
      throw toGatewayError(error, this.vendor);
    } finally {
      // Cache hits and joined calls never reached the vendor: they are not vendor calls.
      if (trace.attempts > 0) {
        this.#shared.observers.notifyVendorCall({
          scope,
          vendor: this.vendor,
          operation: req.operation,
          method: req.method ?? 'GET',
          status,
          durationMs: performance.now() - started,
        });
      }
    }
  }

  #prepare(
    req: VendorRequest,
    outgoing: OutgoingRequest,
    auth: AuthStrategy | undefined,
    scope: RequestScope | undefined,
    trace: Call['trace'],
  ): Call {
    const method = req.method ?? 'GET';
    const readOnly = req.readOnly ?? SAFE_METHODS.has(method);
    const headers: Record<string, string> = { ...this.#baseHeaders };
    if (req.headers)
      for (const k in req.headers) if (req.headers[k] !== undefined) headers[k.toLowerCase()] = req.headers[k];
    const query = queryParams(req.searchParams ?? {});
    const url = (req.url ?? this.#prefix + req.path.replace(/^\/+/, '')) + (query.size > 0 ? `?${query}` : '');
    return {
      req,
      method,
      readOnly,
      idempotent: req.idempotent ?? readOnly,
      outgoing,
      identity: auth
        ? (auth.identity?.() ?? identityOfCredentials(outgoing.headers, outgoing.searchParams))
        : 'anonymous',
      cacheRequest: { method, url, headers },
      scope,
      stats: scope?.stats(this.vendor),
      trace,
    };
  }

  /** Answers from the cache, joins an identical call in flight, or leads a new one. */
  async #call(call: Call): Promise<Outcome> {
    const { req, method } = call;
    const credentialed = req.authenticate !== false && req.cache !== false;
    const cacheable = this.#cache !== undefined && method === 'GET' && credentialed;
    const body = bodyKey(req);
    const joinable = this.#settings.dedupeEnabled && call.readOnly && credentialed && body !== null;
    if (!cacheable && !joinable) return this.#fetch(call);

    const key = requestKey(this.vendor, call.identity, call.cacheRequest, body ?? undefined);
    let entryKey: string | undefined;
    let entry: CachedResponse | undefined;
    if (cacheable) {
      entryKey = await this.#cache!.entryKey(call.identity, key);
      entry = await this.#cache!.get(entryKey);
      if (entry && this.#cache!.isFresh(entry, call.cacheRequest)) {
        if (call.stats) call.stats.cacheHits += 1;
        return { raw: entry, parsed: false };
      }
    }
    if (joinable) {
      const inflight = this.#shared.inflight.get(key) as Promise<Outcome> | undefined;
      if (inflight) {
        this.#shared.joined += 1;
        try {
          const shared = await inflight;
          if (call.stats) call.stats.deduplicated += 1;
          if (shared.staleAgeSeconds !== undefined) this.#markStale(call, shared.staleAgeSeconds);
          // The leader parsed its own copy; this caller parses the text into objects of its own.
          return { raw: shared.raw, parsed: false, staleAgeSeconds: shared.staleAgeSeconds };
        } catch (error) {
          // The leader ran out of *its* operation's budget: this operation may still have some.
          if (!(error instanceof GatewayError && error.code === 'UPSTREAM_BUDGET_EXCEEDED')) throw error;
        } finally {
          this.#shared.joined -= 1;
        }
      }
    }
    const leader = this.#fetch(call, entryKey, entry);
    if (joinable) {
      this.#shared.inflight.set(key, leader);
      const forget = () => {
        if (this.#shared.inflight.get(key) === leader) this.#shared.inflight.delete(key);
      };
      leader.then(forget, forget);
    }
    return leader;
  }

  /** Sends the call (conditionally when a cached copy exists) and keeps what the cache may keep. */
  async #fetch(call: Call, entryKey?: string, entry?: CachedResponse): Promise<Outcome> {
    const cache = this.#cache;
    const conditional = entry && cache ? cache.conditionalHeaders(entry, call.cacheRequest) : {};
    let raw: RawResponse;
    try {
      raw = await this.#send(call, conditional);
    } catch (error) {
      if (entry && cache?.servableStale(entry) && STALE_IF.has(toGatewayError(error, this.vendor).code)) {
        const ageSeconds = Math.round(cache.ageMs(entry) / 1000);
        this.#markStale(call, ageSeconds);
        this.#options.logger.warn(
          { vendor: this.vendor, operation: call.req.operation, ageSeconds, requestId: call.scope?.requestId },
          'serving stale cached data while the vendor fails',
        );
        return { raw: entry, parsed: false, staleAgeSeconds: ageSeconds };
      }
      throw error;
    }
    if (raw.status === 304 && entry && cache && entryKey) {
      if (call.stats) call.stats.revalidations += 1;
      return { raw: await cache.revalidated(entryKey, entry, call.cacheRequest, raw), parsed: false };
    }
    // Parsed before it is stored, so a malformed body is never cached.
    const data = parseBody(raw, this.vendor);
    if (cache && entryKey) await cache.put(entryKey, call.cacheRequest, raw);
    if (cache && !call.readOnly && raw.status < 400) await cache.invalidate(call.identity);
    return { raw, data, parsed: true };
  }

  #markStale(call: Call, ageSeconds: number): void {
    call.scope?.markStale({ vendor: this.vendor, operation: call.req.operation ?? call.method, ageSeconds });
  }

  /** The attempt loop: deadline, breaker, quota, budget, limiter, send, and retries. */
  async #send(call: Call, conditional: Record<string, string>): Promise<RawResponse> {
    const { scope, stats } = call;
    const quotaKey = `quota:${this.vendor}:${call.identity}`;
    await this.#retryBudget.recordCall();
    for (let retries = 0; ; retries++) {
      const remaining = scope?.remainingMs() ?? Infinity;
      if (remaining <= 0) {
        throw new GatewayError('VENDOR_TIMEOUT', `${this.vendor} was not called: the operation ran out of time`, {
          vendor: this.vendor,
        });
      }
      await this.#breaker?.admit();
      const quotaWait = await this.#quota.delayFor(quotaKey);
      if (quotaWait > 0) {
        if (quotaWait >= Math.min(remaining, this.#settings.retryAfterMaxMs)) {
          throw new GatewayError('VENDOR_RATE_LIMITED', `${this.vendor} quota is used up until its window resets`, {
            vendor: this.vendor,
          });
        }
        if (stats) stats.rateLimitWaitMs += quotaWait;
        await this.#shared.clock.sleep(quotaWait);
      }
      if (scope && !scope.spendCall()) {
        throw new GatewayError(
          'UPSTREAM_BUDGET_EXCEEDED',
          `The operation used up its budget of ${scope.upstreamBudget} vendor calls; ${this.vendor} was not called`,
          {
            vendor: this.vendor,
            retryable: false,
          },
        );
      }
      try {
        const raw = await this.#limited((sent) => {
          const attempt = () => this.#attempt(call, conditional, scope?.remainingMs() ?? Infinity, sent);
          return this.#breaker ? this.#breaker.run(attempt) : attempt();
        }, call);
        await this.#quota.observe(quotaKey, raw.status, raw.headers);
        return raw;
      } catch (error) {
        if (error instanceof GatewayError) throw error;
        const response = (error as RequestError).response;
        await this.#quota.observe(quotaKey, response?.statusCode, response?.headers, error);
        const delay = await this.#retryDelay(call, error, retries);
        if (delay === undefined) throw this.#vendorError(error) ?? error;
        if (stats) stats.retries += 1;
        this.#options.logger.debug(
          {
            vendor: this.vendor,
            operation: call.req.operation,
            retry: retries + 1,
            delayMs: delay,
            requestId: scope?.requestId,
          },
          'retrying vendor call',
        );
        await this.#shared.clock.sleep(delay);
      }
    }
  }

  /** Milliseconds before the next attempt, or undefined when this failure is final. */
  async #retryDelay(call: Call, error: unknown, retries: number): Promise<number | undefined> {
    const s = this.#settings;
    if (!call.idempotent || retries >= s.retryLimit || !isTransient(error)) return undefined;
    const asked = vendorDelayMs(error, this.#shared.clock.now());
    if (asked !== undefined && asked > s.retryAfterMaxMs) return undefined;
    const delay = asked ?? backoffMs(retries + 1, s.retryBaseDelayMs, s.retryMaxDelayMs);
    // Waiting past the deadline would only turn this failure into a timeout.
    if (delay >= (call.scope?.remainingMs() ?? Infinity)) return undefined;
    if (!(await this.#retryBudget.tryRetry())) {
      this.#options.logger.warn(
        { vendor: this.vendor, operation: call.req.operation },
        'retry budget spent: not retrying',
      );
      return undefined;
    }
    return delay;
  }

  async #limited<T>(task: (sent?: (at?: number) => void) => Promise<T>, { scope, stats }: Call): Promise<T> {
    const limiter = this.#options.limiter;
    if (!limiter) return task();
    const queuedAt = performance.now();
    // One operation holds at most MAX_QUEUED_PER_OPERATION places in the queue (src/http/fair-queue.ts).
    return takeTurn(scope, limiter, this.#settings.maxQueuedPerOperation, this.vendor, () =>
      limiter.schedule((sent) => {
        if (stats) stats.rateLimitWaitMs += Math.round(performance.now() - queuedAt);
        return task(sent);
      }),
    );
  }

  /**
   * One attempt over the network, with this vendor's timeouts clipped to the deadline. `sent` hears
   * when the request has been written out (after any connection set-up), for the rate limiter.
   */
  async #attempt(
    call: Call,
    conditional: Record<string, string>,
    remainingMs: number,
    sent?: (at?: number) => void,
  ): Promise<RawResponse> {
    const { req, method, stats } = call;
    const s = this.#settings;
    const headers: Record<string, string> = { ...call.outgoing.headers, ...conditional };
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k] = v;
    if (call.scope) headers['x-request-id'] = call.scope.requestId;
    const searchParams = queryParams({ ...call.outgoing.searchParams, ...req.searchParams });
    const whole = Math.max(1, Math.min(req.timeoutMs ?? s.requestTimeoutMs, remainingMs));
    const options: OptionsInit = {
      method,
      headers,
      searchParams: searchParams.size > 0 ? searchParams : undefined,
      timeout: {
        connect: s.connectTimeoutMs,
        response: Math.min(req.timeoutMs ?? s.responseTimeoutMs, whole),
        request: whole,
      },
      ...bodyOptions(req, headers),
    };
    if (stats) stats.calls += 1;
    call.trace.attempts += 1;
    const started = performance.now();
    let response: Response<string>;
    try {
      const pending = (
        req.url ? this.#got(req.url, { ...options, prefixUrl: '' }) : this.#got(req.path.replace(/^\/+/, ''), options)
      ) as CancelableRequest<Response<string>>;
      if (sent) pending.on('request', (request: ClientRequest) => whenWrittenOut(request, sent));
      response = (await pending) as Response<string>;
    } catch (error) {
      const status = (error as RequestError).response?.statusCode;
      if (status !== undefined && req.allowStatuses?.includes(status)) {
        response = (error as RequestError).response as Response<string>;
      } else {
        this.#log(call, status ?? (error as RequestError).code, started);
        throw error;
      }
    } finally {
      if (stats) stats.totalMs += Math.round(performance.now() - started);
    }
    this.#log(call, response.statusCode, started);
    return { status: response.statusCode, headers: response.headers, text: response.body ?? '' };
  }

  #vendorError(error: unknown): VendorResponseError | undefined {
    if (error instanceof VendorResponseError) return error;
    const response = (error as RequestError | undefined)?.response;
    if ((error as RequestError | undefined)?.name !== 'HTTPError' || !response) return undefined;
    const body = typeof response.body === 'string' ? response.body : String(response.body ?? '');
    return (
      this.#options.parseError?.(response.statusCode, body, response.headers) ??
      new VendorResponseError(response.statusCode, response.statusMessage ?? `HTTP ${response.statusCode}`)
    );
  }

  #log({ req, method, scope }: Call, status: number | string | undefined, started: number): void {
    // Built only when it would be written: one line per vendor call, at debug level.
    if (this.#options.logger.isLevelEnabled?.('debug') === false) return;
    // The path only: query strings may carry credentials (Flowize URL auth).
    this.#options.logger.debug(
      {
        vendor: this.vendor,
        method,
        operation: req.operation,
        status,
        ms: Math.round(performance.now() - started),
        requestId: scope?.requestId,
      },
      'vendor call',
    );
  }
}

/**
 * A last guard before anything is counted or sent: a header value Node would refuse (a character
 * above U+00FF, CR/LF, NUL) is the caller's input that a vendor client forgot to pass through
 * {@link VendorHttp.clientHeader}; it is BAD_USER_INPUT, never a failed vendor call.
 */
function assertSendableHeaders(headers: VendorRequest['headers'], vendor: string): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && /[^\t\u0020-\u007e\u0080-\u00ff]/.test(value)) {
      throw badUserInput(`A value for the ${name} header of a ${vendor} call has characters a header cannot carry`);
    }
  }
}

/**
 * The body options of one attempt. Node writes the headers of a request whose first body chunk is a
 * string in that chunk's encoding (UTF-8), which would encode again header values that carry UTF-8
 * bytes (src/http/header-values.ts): `ł` would arrive as `Å\u0082` turned into four bytes. With a
 * Buffer body Node writes the headers byte for byte, so such requests send their body as a Buffer.
 */
function bodyOptions(req: VendorRequest, headers: Record<string, string>): Pick<OptionsInit, 'json' | 'body'> {
  const eightBit = Object.values(headers).some((v) => /[\u0080-\u00ff]/.test(v));
  if (!eightBit)
    return { ...(req.json !== undefined && { json: req.json }), ...(req.body !== undefined && { body: req.body }) };
  if (req.json !== undefined) {
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    return { body: Buffer.from(JSON.stringify(req.json), 'utf8') };
  }
  if (typeof req.body === 'string') return { body: Buffer.from(req.body, 'utf8') };
  return req.body !== undefined ? { body: req.body } : {};
}

/**
 * Calls `done` once `request` is written out over a connected socket: 'finish' alone fires while a
 * new connection is still being set up (the bytes wait in the socket's buffer).
 */
function whenWrittenOut(request: ClientRequest, done: () => void): void {
  let finished = request.writableFinished;
  let connected = false;
  const check = () => {
    if (finished && connected) done();
  };
  const onSocket = (socket: NonNullable<ClientRequest['socket']>) => {
    if (socket.connecting) {
      socket.once('connect', () => {
        connected = true;
        check();
      });
    } else {
      connected = true;
      check();
    }
  };
  if (request.socket) onSocket(request.socket);
  else request.once('socket', onSocket);
  if (!finished) {
    request.once('finish', () => {
      finished = true;
      check();
    });
  }
}

/** What identifies a request body for sharing: undefined (none), text, or null when it cannot be compared. */
function bodyKey(req: VendorRequest): string | Buffer | undefined | null {
  if (req.json !== undefined) return JSON.stringify(req.json);
  if (req.body === undefined || typeof req.body === 'string' || Buffer.isBuffer(req.body)) return req.body;
  const fields: [string, string][] = [];
  for (const [name, value] of req.body.entries()) {
    if (typeof value !== 'string') return null;
    fields.push([name, value]);
  }
  return `form:${JSON.stringify(fields)}`;
}

function parseBody(response: RawResponse, vendor: string): unknown {
  const type = String(response.headers['content-type'] ?? '');
  const text = response.text;
  if (!text || !/json/i.test(type)) return undefined;
  return parseJson(text, vendor, response.status);
}

/**
 * Parses a body the caller knows is JSON whatever the content type says; `status` is the vendor's
 * HTTP status, for the error.
 */
export function parseJson<T>(text: string, vendor: string, status?: number): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new GatewayError('VENDOR_BAD_RESPONSE', `${vendor} sent a response the gateway could not understand`, {
      vendor,
      vendorStatus: status,
      cause,
    });
  }
  assertJsonDepth(data, vendor, status);
  return data as T;
}
