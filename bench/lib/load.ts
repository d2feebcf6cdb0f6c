/**
 * Load through autocannon: a closed loop of `connections` keeping one request in flight each (or
 * an open loop at `overallRate`), every request built by `next()`. Latencies are kept whole so
 * p50/p95/p99 are exact; GraphQL answers are read to count errors by `extensions.code`.
 */
import autocannon from 'autocannon';

/** One request as `next()` describes it. */
export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:4000 */
  origin: string;
  connections: number;
  /** Run for this long … */
  durationS?: number;
  /** … or until this many responses. */
  amount?: number;
  /** Requests per second over all connections (open loop); unlimited when omitted. */
  overallRate?: number;
  next(): LoadRequest;
  /** Read answers as GraphQL: an answer with `errors` is a failed operation. */
  graphql?: boolean;
  /** Seconds after which a request counts as timed out. */
  timeoutS?: number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface LoadResult {
  /** Responses received. */
  ops: number;
  durationS: number;
  /** Responses per second. */
  throughput: number;
  latency: Latency;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  /** GraphQL errors by `extensions.code` (one operation may carry several). */
  errorsByCode: Record<string, number>;
  /** Operations answered with at least one error or a non-2xx status. */
  failedOps: number;
  /** Socket errors and timeouts seen by the load generator. */
  connectionErrors: number;
  timeouts: number;
}

/** The value below which `p` percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50/p95/p99, mean and max of samples in milliseconds. */
export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Counts the errors of one GraphQL answer into `into`; true when it had any. */
export function countGraphqlErrors(status: number, body: string, into: Record<string, number>): boolean {
  if (status < 200 || status >= 300) {
    let code = `HTTP_${status}`;
    try {
      code = JSON.parse(body)?.errors?.[0]?.extensions?.code ?? code;
    } catch {
      // not JSON: the status names it
    }
    into[code] = (into[code] ?? 0) + 1;
    return true;
  }
  let parsed: { errors?: { extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    into.UNPARSEABLE_RESPONSE = (into.UNPARSEABLE_RESPONSE ?? 0) + 1;
    return true;
  }
  if (!parsed.errors?.length) return false;
  for (const error of parsed.errors) {
    const code = error.extensions?.code ?? 'NO_CODE';
    into[code] = (into[code] ?? 0) + 1;
  }
  return true;
}

/** Runs one load and resolves with what it measured. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorsByCode: Record<string, number> = {};
  let failedOps = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
        ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
        timeout: options.timeoutS ?? 30,
        requests: [
          {
            setupRequest: (request) => {
              const next = options.next();
              return {
                ...request,
                method: next.method ?? 'POST',
                path: next.path,
                headers: { ...(next.body !== undefined && { 'content-type': 'application/json' }), ...next.headers },
                body: next.body,
              } as typeof request;
            },
            onResponse: (status: number, body: string) => {
              const failed = options.graphql
                ? countGraphqlErrors(status, body, errorsByCode)
                : status < 200 || status >= 400;
              if (failed) failedOps += 1;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const durationS = (performance.now() - started) / 1000;
        resolve({
          ops: latencies.length,
          durationS,
          throughput: latencies.length / durationS,
          latency: summarize(latencies),
          statuses,
          errorsByCode,
          failedOps,
          connectionErrors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}
