/**
 * Test helpers: a whole gateway (sandbox simulators included) on free loopback ports, and a small
 * GraphQL-over-HTTP client. Every test talks to it over real HTTP.
 */
import { loadConfig } from '../src/app.js';
import { startGateway, type RunningGateway } from '../src/app.js';
import type { Clock } from '../src/http/clock.js';
import { createLogger } from '../src/logger.js';
import { Redactor } from '../src/redact.js';
import type { Simulator } from '../src/sandbox/framework.js';
import type { VendorName } from '../src/context.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions: Record<string, any> }[];
  extensions?: Record<string, any>;
  /** The raw body text, for leak checks. */
  text: string;
}

export interface TestGateway {
  url: string;
  gateway: RunningGateway;
  sim(name: VendorName): Simulator<any>;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** Lines the gateway logged, for leak checks. */
export const logLines: string[] = [];

/**
 * Starts a sandbox gateway; `env` adds or overrides variables. The circuit breaker and
 * stale-if-error are off, health checks are not cached and the retry budget is wide by default, so
 * that a test injecting a fault sees that fault's own outcome rather than a breaker a previous test
 * opened or a cached answer a previous test left; test/resilience turns them on where they are the point. A `clock`
 * (test/support/clock.ts) makes the gateway's waits cost no real time.
 */
export async function startTestGateway(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestGateway> {
  const config = loadConfig({
    VENDORGRAPH_MODE: 'sandbox',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    // Generous, so a busy machine never turns an ordinary call into a timeout and a retry; a test
    // about timeouts sets its own (and makes the vendor hang rather than be slow).
    VENDORGRAPH_RESPONSE_TIMEOUT_MS: '10000',
    VENDORGRAPH_REQUEST_TIMEOUT_MS: '15000',
    VENDORGRAPH_BREAKER_ENABLED: 'false',
    VENDORGRAPH_STALE_IF_ERROR_MS: '0',
    VENDORGRAPH_RETRY_BUDGET_MIN: '1000',
    // Every health check reaches the vendor, so a fault injected just before shows at once.
    VENDORGRAPH_HEALTH_CACHE_MS: '0',
    ...env,
  });
  // The gateway's own redactor, so its log lines are stripped of every secret it knows.
  const redactor = new Redactor(config.secrets);
  const logger = createLogger(
    config.logLevel,
    {
      write(line: string) {
        logLines.push(line);
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    redactor,
  );
  const gateway = await startGateway(config, { logger, redactor, clock: options.clock });
  return {
    url: gateway.url,
    gateway,
    sim(name) {
      const sim = gateway.sandbox.simulators[name];
      if (!sim) throw new Error(`${name} is not simulated in this gateway`);
      return sim;
    },
    async gql(query, variables, headers = {}) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const body = JSON.parse(text);
      return { status: res.status, headers: res.headers, text, ...body };
    },
    close: () => gateway.close(),
  };
}
