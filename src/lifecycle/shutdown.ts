/**
 * Graceful shutdown. On the first SIGTERM or SIGINT the gateway stops accepting connections,
 * answers any new request on a connection still open with 503 and `Connection: close` (so load
 * balancers and clients retry elsewhere; `/readyz` is one of them, so it turns 503 at once), lets
 * the requests in flight finish for up to `VENDORGRAPH_SHUTDOWN_TIMEOUT_MS`, then closes what the
 * gateway holds open (Apollo, telemetry, Redis, simulators, vendor connections) and exits 0. A
 * second signal exits at once. Apollo Server's own signal handling is off
 * (`stopOnTerminationSignals: false` in src/server.ts): it would stop Apollo and re-send the signal
 * while requests are still running.
 */
import { constants } from 'node:os';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

/** Something to close once no request runs any more (closed in the order given). */
export interface Closer {
  name: string;
  close(): Promise<void> | void;
}

export interface ShutdownOptions {
  logger: Logger;
  /** Longest wait for the requests in flight; then their connections are cut. */
  timeoutMs: number;
  closers?: Closer[];
}

/** What a shutdown did, for the last log line and the exit code. */
export interface ShutdownReport {
  /** Requests that were in flight when draining started and finished normally. */
  completed: number;
  /** Requests still running at the deadline, whose connections were cut. */
  abandoned: number;
  /** Closers that threw (logged). */
  failed: string[];
  durationMs: number;
}

const DRAINING_GRAPHQL = JSON.stringify({
  errors: [
    {
      message: 'vendorgraph is shutting down: send the request again',
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
    },
  ],
});
const DRAINING_OTHER = JSON.stringify({ status: 'draining' });

/** Tracks the requests in flight of one HTTP server and drains them on {@link shutdown}. */
export class GracefulShutdown {
  readonly #options: ShutdownOptions;
  readonly #closers: Closer[];
  readonly #inFlight = new Set<ServerResponse>();
  #server?: Server;
  #draining = false;
  #done?: Promise<ShutdownReport>;
  #onIdle?: () => void;

  constructor(options: ShutdownOptions) {
    this.#options = options;
    this.#closers = [...(options.closers ?? [])];
  }

  /** True from the moment shutdown starts. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Requests being handled right now. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Wraps the app: counts its requests, and refuses new ones once draining. */
  handler(app: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      if (this.#draining) {
        const graphql = (req.url ?? '').startsWith('/graphql');
        res.writeHead(503, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'close',
        });
        res.end(graphql ? DRAINING_GRAPHQL : DRAINING_OTHER);
        return;
      }
      this.#inFlight.add(res);
      res.once('close', () => {
        this.#inFlight.delete(res);
        if (!this.#draining) return;
        // The connection of a request that finished while draining is not reused.
        this.#server?.closeIdleConnections();
        if (this.#inFlight.size === 0) this.#onIdle?.();
      });
      app(req, res);
    };
  }

  /** The server whose connections are drained (the one {@link handler} serves). */
  attach(server: Server): void {
    this.#server = server;
  }

  /** Adds something to close once the listener is closed: last, or `first`. */
  addCloser(closer: Closer, options: { first?: boolean } = {}): void {
    if (options.first) this.#closers.unshift(closer);
    else this.#closers.push(closer);
  }

  /** Drains and closes; calling it again returns the same promise. */
  shutdown(timeoutMs: number = this.#options.timeoutMs): Promise<ShutdownReport> {
    this.#done ??= this.#run(timeoutMs);
    return this.#done;
  }

  async #run(timeoutMs: number): Promise<ShutdownReport> {
    const { logger } = this.#options;
    const started = performance.now();
    this.#draining = true;
    const waiting = this.#inFlight.size;
    // Answers still to be written tell the client not to reuse the connection.
    for (const res of this.#inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const server = this.#server;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    server?.closeIdleConnections();
    logger.info(
      { inFlight: waiting, timeoutMs },
      'draining: no longer accepting connections; waiting for the requests in flight',
    );

    let abandoned = 0;
    if (this.#inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<void>((resolve) => {
        this.#onIdle = resolve;
      });
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([idle, deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        abandoned = this.#inFlight.size;
        logger.warn({ abandoned, timeoutMs }, 'draining: requests still running at the shutdown deadline were cut');
      }
    }
    server?.closeAllConnections();
    await closed;

    const failed: string[] = [];
    for (const closer of this.#closers) {
      try {
        await closer.close();
      } catch (error) {
        failed.push(closer.name);
        logger.error({ err: error, closer: closer.name }, `shutdown: closing ${closer.name} failed`);
      }
    }
    return { completed: waiting - abandoned, abandoned, failed, durationMs: Math.round(performance.now() - started) };
  }
}

export interface SignalOptions {
  logger: Logger;
  /** The drain and close to run on the first signal. */
  shutdown: () => Promise<ShutdownReport>;
  /** Longest the whole shutdown may take before the process is ended anyway. */
  hardDeadlineMs: number;
  /** `process.exit` unless a test replaces it. */
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * Runs `shutdown` on the first SIGTERM/SIGINT and exits 0 when it completes (1 if something failed
 * to close); a second signal exits at once with 128 + the signal number. Returns a function that
 * removes the handlers.
 */
export function exitOnTerminationSignals(options: SignalOptions): () => void {
  const { logger, exit = (code: number) => process.exit(code), signals = ['SIGTERM', 'SIGINT'] } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, `second ${signal}: exiting without waiting for the drain`);
      exit(128 + (constants.signals[signal] ?? 15));
      return;
    }
    stopping = true;
    logger.info({ signal }, `${signal} received: shutting down gracefully`);
    // A closer that never returns (a hung Redis quit) must not keep the process alive forever.
    setTimeout(() => {
      logger.error({ hardDeadlineMs: options.hardDeadlineMs }, 'shutdown did not finish in time: exiting');
      exit(1);
    }, options.hardDeadlineMs).unref();
    options.shutdown().then(
      (report) => {
        logger.info(report, 'shut down');
        exit(report.failed.length > 0 ? 1 : 0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
