/**
 * The gateway's request handlers on plain node:http requests and responses, and the runner that
 * serves POST /graphql with them without Express.
 *
 * Nearly every request is a POST to /graphql. Express's own request handling (its router, its
 * request and response prototypes, its final handler) cost the one-call query ~0.15–0.5 ms of CPU
 * per operation on the bare stack, more at concurrency 1 (bench/stack-floor.ts, the rows "node:http
 * server + body-parser + Apollo Server 5 + got" and "Express 5 + …"). The /graphql handlers use
 * nothing of Express (no `req.ip`, `res.locals`, `res.send()`), so src/server.ts runs the same
 * handlers through `runHandlers` for POST /graphql and mounts them on Express for everything else
 * (GET queries, other spellings of the path), where they behave identically.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ErrorCode } from './errors.js';

/** A request as the handlers see it: `body` is set by the body parser. */
export type HttpRequest = IncomingMessage & { body?: unknown };
export type Next = (error?: unknown) => void;
/** An Express-compatible handler that uses only node:http's request and response. */
export type HttpHandler = (req: HttpRequest, res: ServerResponse, next: Next) => unknown;
export type HttpErrorHandler = (error: unknown, req: HttpRequest, res: ServerResponse, next: Next) => unknown;

/** True for the canonical GraphQL path, with or without a query string. */
export function isGraphqlPath(url: string | undefined): boolean {
  return url !== undefined && url.startsWith('/graphql') && (url.length === 8 || url.charCodeAt(8) === 63); // '?'
}

/** The client's address as Express's `req.ip` gives it without `trust proxy` (the gateway sets none). */
export function clientAddress(req: IncomingMessage): string | undefined {
  return req.socket?.remoteAddress;
}

/** Answers with a GraphQL error body outside Apollo (before it runs, or when a handler failed). */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code, retryable: code === 'RATE_LIMITED' } }] });
  res.statusCode = status;
  for (const name in headers) res.setHeader(name, headers[name]!);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * Runs `handlers` in order as Express would (each calls `next()` to pass on, `next(error)` to skip
 * to the error handlers; a throw or a rejected promise counts as `next(error)`), then `errors` in
 * order, then `last` for an error no handler answered.
 */
export function runHandlers(
  handlers: readonly HttpHandler[],
  errors: readonly HttpErrorHandler[],
  last: (error: unknown, req: HttpRequest, res: ServerResponse) => void,
): RequestListener {
  return (req, res) => {
    let index = 0;
    let errorIndex = 0;
    const fail = (error: unknown): void => {
      const handler = errors[errorIndex++];
      if (!handler) return last(error, req, res);
      try {
        const result = handler(error, req, res, (next?: unknown) => fail(next ?? error));
        if (result instanceof Promise) result.catch(fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    const next: Next = (error) => {
      if (error !== undefined && error !== null) return fail(error);
      const handler = handlers[index++];
      if (!handler) return last(undefined, req, res);
      try {
        const result = handler(req, res, next);
        if (result instanceof Promise) result.catch(fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    next();
  };
}
