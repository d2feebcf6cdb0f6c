/**
 * What the Flxpoint simulator's route files share: the Spring-style error body, token checks, the
 * call and route types, and paging. Kept apart from index.ts so route files never import the index back.
 */
import type { Request, Response } from 'express';
import { violation } from '../framework.js';
import type { FlxpointState, SimToken, TokenType } from './seed.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
};

/** A Spring Boot error body (Flxpoint documents none; this is what its stack answers). */
export function flxError(req: Request, res: Response, status: number, message: string): void {
  res
    .status(status)
    .json({ timestamp: new Date().toISOString(), status, error: REASONS[status] ?? 'Error', message, path: req.path });
}

/** The caller's token, checked and rate limited; answers 401/429 itself and returns undefined. */
export function authenticate(state: FlxpointState, req: Request, res: Response): SimToken | undefined {
  const token = req.header('x-api-token');
  const entry = token ? state.tokens.get(token) : undefined;
  if (!token || !entry) {
    flxError(req, res, 401, 'Unauthorized');
    return undefined;
  }
  // Counted as Flxpoint states it: at most `ratePerSecond` accepted requests per token in any
  // sliding 1000 ms window, at arrival. A burst within the limit passes; a third call less than a
  // second after the call two before it does not, however the calls are spaced.
  const now = Date.now();
  const rate = state.ratePerSecond;
  const recent = (state.arrivals.get(token) ?? []).filter((at) => now - at < 1000);
  state.arrivals.set(token, recent);
  res.set('X-RateLimit-Limit', String(rate));
  if (recent.length >= rate) {
    state.rateLimited += 1;
    res.set('Retry-After', String(Math.max(1, Math.ceil((recent[recent.length - rate] + 1000 - now) / 1000))));
    flxError(req, res, 429, `Rate limit exceeded: ${rate} requests per second per token`);
    return undefined;
  }
  recent.push(now);
  res.set('X-RateLimit-Remaining', String(rate - recent.length));
  return entry;
}

/** What a route handler gets: the state, the authenticated token, helpers. */
export interface FlxCall {
  state: FlxpointState;
  token: SimToken;
  req: Request;
  res: Response;
  /** Query parameters, arrays (`ids[]`) included. */
  query: URLSearchParams;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
}

export type FlxHandler = (call: FlxCall) => void;

/** Registers a route reachable with the given token types; answers 403 to the others. */
export type FlxRoute = (
  method: 'get' | 'post' | 'put' | 'patch',
  path: string,
  types: TokenType[],
  handler: FlxHandler,
) => void;

/** `page`/`pageSize` or `filterPageNumber`/`filterPageSize` (1-based); undefined after a 400. */
export function paging(
  call: FlxCall,
  pageParam: string,
  sizeParam: string,
  required = false,
): { page: number; size: number } | undefined {
  const pageText = call.query.get(pageParam);
  const sizeText = call.query.get(sizeParam);
  const refuse = (message: string) => {
    violation(call.res, 'paging', message, 400);
    flxError(call.req, call.res, 400, message);
  };
  if (required && (!pageText || !sizeText)) return void refuse(`${!pageText ? pageParam : sizeParam} is required`);
  const page = pageText ? Number(pageText) : 1;
  const size = sizeText ? Number(sizeText) : 50;
  if (!Number.isInteger(page) || page < 1) return void refuse(`${pageParam} must be a positive integer`);
  if (!Number.isInteger(size) || size < 1 || size > 500) return void refuse(`${sizeParam} must be between 1 and 500`);
  return { page, size };
}

export function slice<T>(items: T[], p: { page: number; size: number }): T[] {
  return items.slice((p.page - 1) * p.size, p.page * p.size);
}

/** An ISO 8601 query parameter as epoch ms; undefined when absent, NaN when malformed. */
export function instant(call: FlxCall, name: string): number | undefined {
  const text = call.query.get(name);
  if (!text) return undefined;
  return Date.parse(text);
}

/**
 * A batch endpoint's body: a non-empty array of `what`, at most `max.count` of them (what the
 * maximum applies to: `max.verb`); answers 400 itself otherwise.
 */
export function bodyItems(call: FlxCall, what: string, max?: { count: number; verb: string }): unknown[] | undefined {
  const items = call.body;
  if (!Array.isArray(items) || items.length === 0)
    return void flxError(call.req, call.res, 400, `The body must be a non-empty array of ${what}`);
  if (max && items.length > max.count)
    return void flxError(call.req, call.res, 400, `At most ${max.count} ${what} may be ${max.verb} per request`);
  return items;
}

/**
 * Writes the `fields` a request body sends onto a stored record. A field the body leaves out is
 * kept; one it sends as null becomes `cleared(field)`, or is kept where the endpoint ignores nulls
 * (no `cleared`).
 */
export function patchFields<T extends object>(
  record: T,
  body: Record<string, unknown>,
  fields: readonly (keyof T & string)[],
  cleared?: (field: keyof T & string) => unknown,
): void {
  const target = record as Record<string, unknown>;
  for (const field of fields) {
    const value = body[field];
    if (value !== undefined && value !== null) target[field] = value;
    else if (value === null && cleared) target[field] = cleared(field);
  }
}
