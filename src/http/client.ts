/**
 * The shared got-based client layer. One got instance carries the gateway-wide defaults (timeouts,
 * no retries unless idempotent, request id, accounting); each vendor gets a {@link VendorHttp}
 * built with `got.extend()` plus its hook points: auth, rate limiting and error parsing.
 * Vendor clients call {@link VendorHttp.request} and never import got themselves.
 */
import got, { type Got, type OptionsInit, type RequestError, type Response } from 'got';
import { GatewayError, VendorResponseError, toGatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { HttpDefaults } from '../config.js';
import { currentScope, type UpstreamStats } from './scope.js';
import { notifyVendorCall } from './observers.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One vendor call, described without got types so vendor clients stay protocol-level. */
export interface VendorRequest {
  method?: HttpMethod;
  /** Path relative to the vendor base URL, segments already encoded with `pathSegment`. */
  path: string;
  /** Overrides the vendor base URL for this call (e.g. a separately configured SOAP endpoint). */
  url?: string;
  searchParams?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string | undefined>;
  json?: unknown;
  body?: string | Buffer | FormData;
  /** A short endpoint name for logs and metrics (`searchRecords`). */
  operation?: string;
  /**
   * Marks a call that is safe to send twice: GET/HEAD/OPTIONS are by default; a write is only
   * when the vendor deduplicates it (e.g. Flowize `X-Uuid` chosen by the gateway).
   */
  idempotent?: boolean;
  /** false for the calls that obtain credentials themselves. */
  authenticate?: boolean;
  /** Overrides the whole-request timeout (e.g. PhixFlow's long synchronous calls). */
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
  /** Adds credentials; returns an opaque marker of the credential used (for `invalidate`). */
  apply(request: OutgoingRequest): Promise<unknown>;
  /** True when the failure means the credential is no longer valid and a fresh one may succeed. */
  isAuthFailure?(error: VendorResponseError): boolean;
  /** Forgets `credential` so the next `apply` obtains a new one (single-flight). */
  invalidate?(credential: unknown): Promise<void>;
}

/** Queues calls to respect a vendor's published limits (see the resilience issue). */
export interface RateLimiter {
  schedule<T>(task: () => Promise<T>): Promise<T>;
}

export interface VendorHttpOptions {
  vendor: string;
  baseUrl: string;
  defaults: HttpDefaults;
  logger: Logger;
  auth?: AuthStrategy;
  limiter?: RateLimiter;
  /** Headers sent on every call of this vendor. */
  headers?: Record<string, string>;
  /**
   * Turns a non-2xx answer into a VendorResponseError carrying the vendor's own message and code.
   * Without it the status alone decides.
   */
  parseError?(status: number, body: string, headers: Record<string, string | string[] | undefined>): VendorResponseError | undefined;
  /** Base delay of the exponential backoff between retries (jitter added). */
  retryBaseDelayMs?: number;
}

interface CallContext extends Record<string, unknown> {
  stats?: UpstreamStats;
}

/** The gateway-wide got instance: every vendor instance extends it. */
export const baseGot: Got = got.extend({
  // got has no timeout by default: vendor instances always set one.
  retry: { limit: 0 },
  throwHttpErrors: true,
  followRedirect: false,
  responseType: 'text',
  hooks: {
    beforeRequest: [
      (options) => {
        const ctx = options.context as CallContext;
        if (ctx.stats) ctx.stats.calls += 1;
      },
    ],
    beforeRetry: [
      (error) => {
        const ctx = error.options.context as CallContext;
        if (ctx.stats) ctx.stats.retries += 1;
      },
    ],
  },
});

const SAFE_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS']);
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504, 521, 522, 524];

/** A vendor's door to the network: auth, limits, retries, timeouts, accounting and error mapping. */
export class VendorHttp {
  readonly vendor: string;
  readonly #got: Got;
  readonly #options: VendorHttpOptions;

  constructor(options: VendorHttpOptions) {
    this.vendor = options.vendor;
    this.#options = options;
    const { defaults } = options;
    const base = options.retryBaseDelayMs ?? 100;
    this.#got = baseGot.extend({
      prefixUrl: options.baseUrl.replace(/\/+$/, '') + '/',
      headers: { 'user-agent': 'vendorgraph', ...options.headers },
      timeout: {
        connect: defaults.connectTimeoutMs,
        response: defaults.responseTimeoutMs,
        request: defaults.requestTimeoutMs,
      },
      retry: {
        limit: 0,
        methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
        statusCodes: RETRY_STATUSES,
        maxRetryAfter: defaults.requestTimeoutMs,
        calculateDelay: ({ attemptCount, computedValue, error }) => {
          if (computedValue === 0) return 0;
          // Retry-After (or X-RateLimit-Reset) is the vendor's word: got already computed it.
          if (error.response?.headers['retry-after'] !== undefined) return computedValue;
          return Math.round(base * 2 ** (attemptCount - 1) * (0.5 + Math.random()));
        },
      },
    });
  }

  /** Sends one call (plus retries when idempotent, plus one replay after re-authentication). */
  async request<T = unknown>(req: VendorRequest): Promise<VendorResponse<T>> {
    const auth = req.authenticate === false ? undefined : this.#options.auth;
    const stats = currentScope()?.stats(this.vendor);
    for (let attempt = 0; ; attempt++) {
      const outgoing: OutgoingRequest = { headers: {}, searchParams: {} };
      const credential = auth ? await auth.apply(outgoing) : undefined;
      try {
        return await this.#limited(() => this.#send<T>(req, outgoing, stats), stats);
      } catch (error) {
        const vendorError = this.#vendorError(error);
        if (attempt === 0 && auth?.isAuthFailure && vendorError && auth.isAuthFailure(vendorError)) {
          // The vendor refused the credential, not the request: re-auth once and replay once.
          await auth.invalidate?.(credential);
          continue;
        }
        throw toGatewayError(vendorError ?? error, this.vendor);
      }
    }
  }

  async #limited<T>(task: () => Promise<T>, stats: UpstreamStats | undefined): Promise<T> {
    const limiter = this.#options.limiter;
    if (!limiter) return task();
    const queuedAt = performance.now();
    return limiter.schedule(() => {
      if (stats) stats.rateLimitWaitMs += Math.round(performance.now() - queuedAt);
      return task();
    });
  }

  async #send<T>(req: VendorRequest, outgoing: OutgoingRequest, stats: UpstreamStats | undefined): Promise<VendorResponse<T>> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? SAFE_METHODS.has(method);
    const headers: Record<string, string> = { ...outgoing.headers };
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k] = v;
    const scope = currentScope();
    if (scope) headers['x-request-id'] = scope.requestId;
    const searchParams: Record<string, string> = { ...outgoing.searchParams };
    for (const [k, v] of Object.entries(req.searchParams ?? {})) if (v !== undefined) searchParams[k] = String(v);

    const options: OptionsInit = {
      method,
      headers,
      searchParams: Object.keys(searchParams).length > 0 ? new URLSearchParams(searchParams) : undefined,
      context: { stats } satisfies CallContext,
      // A status the caller reads as an answer (a SOAP Fault on 500, a 404 meaning absent) is final.
      retry: {
        limit: idempotent ? this.#options.defaults.retryLimit : 0,
        ...(req.allowStatuses && { statusCodes: RETRY_STATUSES.filter((s) => !req.allowStatuses!.includes(s)) }),
      },
      ...(req.json !== undefined && { json: req.json }),
      ...(req.body !== undefined && { body: req.body }),
      ...(req.timeoutMs !== undefined && { timeout: { request: req.timeoutMs, response: req.timeoutMs } }),
    };
    const started = performance.now();
    let response: Response<string>;
    try {
      response = (await (req.url
        ? this.#got(req.url, { ...options, prefixUrl: '' })
        : this.#got(req.path.replace(/^\/+/, ''), options))) as Response<string>;
    } catch (error) {
      const status = (error as RequestError).response?.statusCode;
      if (status !== undefined && req.allowStatuses?.includes(status)) {
        response = (error as RequestError).response as Response<string>;
      } else {
        this.#log(req, method, status ?? (error as RequestError).code, started);
        throw error;
      } 
    } finally {
      if (stats) stats.totalMs += Math.round(performance.now() - started);
    }
    if (response.statusCode === 304 && stats) stats.revalidations += 1;
    this.#log(req, method, response.statusCode, started);
    return { status: response.statusCode, headers: response.headers, text: response.body ?? '', data: parseBody<T>(response, this.vendor) };
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

  #log(req: VendorRequest, method: string, status: number | string | undefined, started: number): void {
    notifyVendorCall({ vendor: this.vendor, operation: req.operation, method, status, durationMs: performance.now() - started });
    // The path only: query strings may carry credentials (Flowize URL auth).
    this.#options.logger.debug(
      { vendor: this.vendor, method, operation: req.operation, status, ms: Math.round(performance.now() - started), requestId: currentScope()?.requestId },
      'vendor call',
    );
  }
}

function parseBody<T>(response: Response<string>, vendor: string): T {
  const type = String(response.headers['content-type'] ?? '');
  const text = response.body ?? '';
  if (!text || !/json/i.test(type)) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new GatewayError('VENDOR_BAD_RESPONSE', `${vendor} sent a response the gateway could not understand`, {
      vendor,
      vendorStatus: response.statusCode,
      cause,
    });
  }
}

/** Parses a body the caller knows is JSON whatever the content type says. */
export function parseJson<T>(text: string, vendor: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new GatewayError('VENDOR_BAD_RESPONSE', `${vendor} sent a response the gateway could not understand`, { vendor, cause });
  }
}
