/**
 * What every Appmixer simulator route shares: hapi/Boom error bodies, Bearer JWT checks, and the
 * list conventions (repeatable `filter=prop:value`, `sort=field:±1`, `offset`/`limit`,
 * `projection=-field`).
 */
import { createHmac } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { violation, type SimulatorContext } from '../framework.js';
import type { AppmixerState, SimUser } from './seed.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  415: 'Unsupported Media Type',
};

/** A Boom error: `{statusCode, error, message}`. */
export function boom(res: Response, status: number, message: string): void {
  res.status(status).json({ statusCode: status, error: REASONS[status] ?? 'Error', message });
}

/** A Boom error for a request that broke a wire rule: answered the same, and recorded. */
export function refuse(res: Response, rule: string, status: number, message: string): void {
  violation(res, rule, message, status);
  boom(res, status, message);
}

const SECRET = 'appmixer-sandbox-signing-key';

function sign(data: string): string {
  return createHmac('sha256', SECRET).update(data).digest('base64url');
}

/** Issues a signed JWT `{id, scope, iat, exp}` and records it. */
export function issueToken(state: AppmixerState, user: SimUser): string {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + state.tokenTtlSeconds;
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  // The counter keeps tokens issued in the same second distinct.
  const payload = Buffer.from(
    JSON.stringify({ id: user.id, scope: user.scope, iat, exp, n: ++state.counters.ids }),
  ).toString('base64url');
  const token = `${header}.${payload}.${sign(`${header}.${payload}`)}`;
  state.tokens.set(token, { userId: user.id, exp });
  return token;
}

/**
 * The user a request's Bearer token belongs to; answers 401 itself (and returns undefined) when
 * the token is missing, forged, unknown or expired.
 */
export function authenticate(state: AppmixerState, req: Request, res: Response): SimUser | undefined {
  const authorization = req.header('authorization');
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) {
    // Only `Authorization: Bearer <token>` is documented: another scheme, header or the query
    // string is the client's wire bug, not an expired credential.
    const elsewhere = authorization
      ? 'an Authorization header without the Bearer scheme'
      : (['x-access-token', 'x-auth-token', 'token'].find((h) => req.header(h)) ??
        (req.query.token !== undefined || req.query.access_token !== undefined ? 'the query string' : undefined));
    if (elsewhere)
      refuse(
        res,
        'auth.header-name',
        401,
        `Missing authentication: the token must be sent as Authorization: Bearer, not in ${elsewhere}`,
      );
    else refuse(res, 'auth.missing', 401, 'Missing authentication');
    return undefined;
  }
  const [header, payload, signature] = token.split('.');
  const entry = state.tokens.get(token);
  if (!header || !payload || signature !== sign(`${header}.${payload}`) || !entry) {
    boom(res, 401, 'Invalid token');
    return undefined;
  }
  if (entry.exp * 1000 <= Date.now()) {
    boom(res, 401, 'Token expired');
    return undefined;
  }
  const user = state.users.find((u) => u.id === entry.userId);
  if (!user || !user.isActive) {
    boom(res, 401, 'Invalid token');
    return undefined;
  }
  return user;
}

export function isAdmin(user: SimUser): boolean {
  return user.scope.includes('admin');
}

/** A query parameter as a list (Express gives a string, or an array when repeated). */
export function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function single(value: unknown): string | undefined {
  const all = list(value);
  return all.length > 0 ? all[all.length - 1] : undefined;
}

/** Reads a dotted path (`customFields.category`). */
export function get(item: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), item);
}

/** Applies `prop:value` / `prop:!value` / `prop:~regex` filters; answers 400 for a malformed one. */
export function applyFilters<T>(items: T[], filters: string[], res: Response): T[] | undefined {
  let out = items;
  for (const f of filters) {
    const at = f.indexOf(':');
    if (at <= 0) {
      refuse(res, 'query', 400, `Invalid filter "${f}". Expected property:value.`);
      return undefined;
    }
    const prop = f.slice(0, at);
    const raw = f.slice(at + 1);
    if (raw.startsWith('~')) {
      let re: RegExp;
      try {
        re = new RegExp(raw.slice(1), 'i');
      } catch {
        refuse(res, 'query', 400, `Invalid regular expression in filter "${f}".`);
        return undefined;
      }
      out = out.filter((i) => re.test(String(get(i, prop) ?? '')));
    } else if (raw.startsWith('!')) {
      out = out.filter((i) => String(get(i, prop) ?? '') !== raw.slice(1));
    } else {
      out = out.filter((i) => String(get(i, prop) ?? '') === raw);
    }
  }
  return out;
}

/** Sorts by `field:1` / `field:-1`; answers 400 for a malformed sort. */
export function applySort<T>(items: T[], sort: string | undefined, res: Response): T[] | undefined {
  if (!sort) return items;
  const m = /^([\w.]+):(-?1)$/.exec(sort);
  if (!m) {
    refuse(res, 'query', 400, `Invalid sort "${sort}". Expected field:1 or field:-1.`);
    return undefined;
  }
  const dir = Number(m[2]);
  return [...items].sort((a, b) => {
    const x = get(a, m[1]);
    const y = get(b, m[1]);
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
    return cmp * dir;
  });
}

/** `offset` (default 0) and `limit` (default 100); answers 400 when not non-negative integers. */
export function paging(req: Request, res: Response): { offset: number; limit: number } | undefined {
  const offset = Number(single(req.query.offset) ?? 0);
  const limit = Number(single(req.query.limit) ?? 100);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0 || limit > 1000) {
    refuse(res, 'paging', 400, 'offset and limit must be non-negative integers (limit at most 1000)');
    return undefined;
  }
  return { offset, limit };
}

/** Drops the fields a `projection=-a,-b` excludes. */
export function project<T extends object>(item: T, projection: string | undefined): Partial<T> {
  if (!projection) return item;
  const out: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  for (const p of projection.split(',')) if (p.startsWith('-')) delete out[p.slice(1)];
  return out as Partial<T>;
}

/**
 * Parses a JSON body; answers 415 when a body comes without `Content-Type: application/json`
 * (hapi validates the payload type) and 400 when it is not a JSON object, recording both.
 */
export function jsonBody(req: Request, res: Response): Record<string, unknown> | undefined {
  const text = typeof req.body === 'string' ? req.body : '';
  const type = req.header('content-type') ?? '';
  if (text && !/^application\/json\b/i.test(type)) {
    refuse(
      res,
      'content-type',
      415,
      `Unsupported Media Type: a JSON payload needs Content-Type: application/json, got ${type ? `"${type}"` : 'none'}`,
    );
    return undefined;
  }
  try {
    const value = text ? (JSON.parse(text) as unknown) : {};
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  refuse(res, 'body.json', 400, 'Invalid request payload JSON format');
  return undefined;
}

/** A request to one of the routes below: their paths only name single `:param`s, each one string. */
export type UserRequest = Request<Record<string, string>>;

/** A route handler for a signed-in user: called only once the request's Bearer token checked out. */
export type UserHandler = (req: UserRequest, res: Response, user: SimUser, state: AppmixerState) => void;

/** Registers a route per method that {@link authenticate}s first (answering 401 itself), then runs its handler. */
export type UserRoutes = Record<
  'get' | 'post' | 'put' | 'patch' | 'delete',
  (path: string, handler: UserHandler) => void
>;

/** Every Appmixer route but `POST /user/auth` needs a Bearer token: these register routes that check it. */
export function userRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): UserRoutes {
  const on =
    (method: keyof UserRoutes) =>
    (path: string, handler: UserHandler): void => {
      router[method](path, (req: Request, res: Response) => {
        const state = ctx.state;
        const user = authenticate(state, req, res);
        if (user) handler(req as UserRequest, res, user, state);
      });
    };
  return { get: on('get'), post: on('post'), put: on('put'), patch: on('patch'), delete: on('delete') };
}

/**
 * Answers one page of a list: `offset`/`limit` checked first, then `select` picks the items (it
 * answers its own 400s and returns undefined), then `sort=field:±1`, the page, and with
 * `projectable` the `projection=-field` of each item.
 */
export function sendPage<T extends object>(
  ctx: SimulatorContext<AppmixerState>,
  req: Request,
  res: Response,
  select: () => T[] | undefined,
  projectable = false,
): void {
  const page = paging(req, res);
  const items = page && select();
  const sorted = items && applySort(items, single(req.query.sort), res);
  if (!page || !sorted) return;
  const projection = projectable ? single(req.query.projection) : undefined;
  ctx.sendJson(
    req,
    res,
    200,
    sorted.slice(page.offset, page.offset + page.limit).map((item) => project(item, projection)),
  );
}

/** Answers a sibling `/count` endpoint with `{count}` of the matching items (undefined: their 400 is already sent). */
export function sendCount(
  ctx: SimulatorContext<AppmixerState>,
  req: Request,
  res: Response,
  items: unknown[] | undefined,
): void {
  if (items) ctx.sendJson(req, res, 200, { count: items.length });
}
