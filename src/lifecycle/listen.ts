/**
 * Opens the gateway's HTTP listener and reports the outcome honestly: the promise resolves only
 * once the port is bound, and rejects with a {@link ListenError} naming the address when it cannot
 * be (a busy port, a host that is not local, a privileged port), so the process can exit at once
 * instead of claiming to be ready.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

/** Why the listener could not be opened; the message names the host and port. */
export class ListenError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    /** The system error code (`EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`, …). */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot listen on ${host}:${port}: ${describe(code, port)} (${code})`, options);
    this.name = 'ListenError';
  }
}

function describe(code: string, port: number): string {
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} is already in use by another process; stop it or set PORT to a free port`;
    case 'EACCES':
      return `not allowed to bind port ${port} (ports below 1024 need privileges); set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
      return 'HOST is not an address of this machine';
    default:
      return 'the listener failed';
  }
}

export interface ListenOptions {
  port: number;
  host: string;
}

/** Creates an HTTP server for `handler` and binds it; rejects with {@link ListenError}. */
export function listen(handler: RequestListener, { port, host }: ListenOptions): Promise<Server> {
  const server = createServer(handler);
  return new Promise<Server>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', bound);
      reject(new ListenError(host, port, error.code ?? 'UNKNOWN', { cause: error }));
    };
    const bound = () => {
      server.off('error', failed);
      resolve(server);
    };
    server.once('error', failed);
    server.once('listening', bound);
    server.listen(port, host);
  });
}

/**
 * A request handler to bind before the app exists: the port is claimed first (a busy port fails
 * the start before anything else is loaded), and requests arriving while the gateway is still
 * starting get 503 `{"status":"starting"}` until {@link DeferredHandler.ready} hands over.
 */
export interface DeferredHandler {
  handler: RequestListener;
  ready(app: RequestListener): void;
}

/** Creates a {@link DeferredHandler}. */
export function deferredHandler(): DeferredHandler {
  let app: RequestListener | undefined;
  return {
    handler(req, res) {
      if (app) return app(req, res);
      res.writeHead(503, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'retry-after': '1',
      });
      res.end('{"status":"starting"}');
    },
    ready(handler) {
      app = handler;
    },
  };
}
