/**
 * Flowize simulator — keystores: GET/POST/PUT/DELETE /v1/keystore/{id}/{key} and POST /v1/keystore/{id} search.
 * The request's Content-Type (application/json, application/xml or text/plain) decides how the
 * payload is read and how the answer is written, as documented (XML through protocol.ts).
 * Get/insert/update answer with the stored value itself; a GET of a missing key creates it from
 * the keystore's empty structure.
 */
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { entryRoutes, flowizeError } from './common.js';
import { parseBody } from './protocol.js';
import type { FlowizeState } from './seed.js';

/** RAW keystores speak text/plain; JSON and XML are negotiated by the shared middleware. */
function isText(req: Request): boolean {
  return (req.header('content-type') ?? '').toLowerCase().startsWith('text/plain');
}

/**
 * Writes `value` in the caller's format: plain text for text/plain (a non-string value as its
 * JSON text), else JSON with an ETag, which the negotiation middleware turns into XML when asked.
 */
function send(ctx: SimulatorContext<FlowizeState>, req: Request, res: Response, value: unknown): void {
  if (isText(req))
    res
      .status(200)
      .type('text/plain')
      .send(typeof value === 'string' ? value : JSON.stringify(value));
  else ctx.sendJson(req, res, 200, value);
}

/** Reads the payload in the caller's format: the raw text for text/plain, else JSON or XML. */
function readPayload(req: Request): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = typeof req.body === 'string' ? req.body : '';
  if (body.trim() === '') return { ok: false, message: 'The payload is required' };
  if (isText(req)) return { ok: true, value: body };
  const parsed = parseBody(req);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: 'The payload is not valid JSON or XML' };
}

/** Follows a dotted JSON path (`temp.max`); `key` / `keystore.key` name the entry's key. */
function pick(key: string, value: unknown, path: string): unknown {
  if (path === 'key' || path === 'keystore.key') return key;
  if (path === '*') return value;
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Search answers carry values the way a SQL JSON extraction does: scalars and JSON as text. */
function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function compare(a: unknown, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== null && a !== undefined && a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(asText(a) ?? '').localeCompare(b);
}

/** SQL LIKE: `%` any run, `_` one character, case-insensitive. */
function like(value: unknown, pattern: string): boolean {
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'is').test(String(asText(value) ?? ''));
}

const OPERATORS: Record<string, (value: unknown, operand: string) => boolean> = {
  '=': (v, o) => v !== undefined && compare(v, o) === 0,
  '!=': (v, o) => v === undefined || compare(v, o) !== 0,
  '<>': (v, o) => v === undefined || compare(v, o) !== 0,
  '<': (v, o) => v !== undefined && compare(v, o) < 0,
  '>': (v, o) => v !== undefined && compare(v, o) > 0,
  '<=': (v, o) => v !== undefined && compare(v, o) <= 0,
  '>=': (v, o) => v !== undefined && compare(v, o) >= 0,
  like: (v, o) => v !== undefined && like(v, o),
};

type Keystore = FlowizeState['keystores'][string];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function registerKeystoreRoutes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  const onKeystore = entryRoutes(router, ctx, (state) => state.keystores, ['id', 'Keystore']);

  /** Stores the payload under the key and answers it; POST (`insert`) refuses a key that exists. */
  const write = (insert: boolean) => (store: Keystore, req: Request, res: Response) => {
    const { id, key } = req.params as Record<string, string>;
    if (insert && store.entries.has(key)) return flowizeError(res, 409, `Key ${key} already exists in keystore ${id}`);
    const payload = readPayload(req);
    if (!payload.ok) return flowizeError(res, 400, payload.message);
    store.entries.set(key, payload.value);
    send(ctx, req, res, payload.value);
  };

  onKeystore('get', '/v1/keystore/:id/:key', (store, req, res) => {
    const key = String(req.params.key);
    if (!store.entries.has(key)) store.entries.set(key, structuredClone(store.template));
    send(ctx, req, res, store.entries.get(key));
  });

  onKeystore('post', '/v1/keystore/:id/:key', write(true));
  onKeystore('put', '/v1/keystore/:id/:key', write(false));

  onKeystore('delete', '/v1/keystore/:id/:key', (store, req, res) => {
    const { id, key } = req.params as Record<string, string>;
    if (!store.entries.delete(key)) return flowizeError(res, 404, `Key ${key} not found in keystore ${id}`);
    send(ctx, req, res, {
      id: 'ok',
      code: 200,
      'request-ip': req.ip,
      resource: null,
      message: `Successfully deleted key ${key} in keystore ${id}`,
      error: null,
    });
  });

  onKeystore('post', '/v1/keystore/:id', (store, req, res) => {
    const parsed = parseBody(req);
    if (!parsed.ok) return flowizeError(res, 400, 'The search must be JSON or XML');
    const search = parsed.value;
    if (!isObject(search) || !Array.isArray(search.select) || search.select.length === 0)
      return flowizeError(res, 400, 'select is required');
    const select: { field: string; alias: string }[] = [];
    for (const [i, item] of (search.select as unknown[]).entries()) {
      if (!isObject(item) || typeof item.field !== 'string' || item.field === '')
        return flowizeError(res, 400, `select[${i}].field is required`);
      select.push({ field: item.field, alias: typeof item.alias === 'string' && item.alias ? item.alias : item.field });
    }
    const tests: ((key: string, value: unknown) => boolean)[] = [];
    let condition = 'AND';
    if (search.where !== undefined && search.where !== null) {
      const where = search.where;
      if (!isObject(where) || !Array.isArray(where.rules))
        return flowizeError(res, 400, 'where must be {condition, rules: [...]}');
      condition = String(where.condition || 'AND').toUpperCase();
      if (condition !== 'AND' && condition !== 'OR') return flowizeError(res, 400, 'where.condition must be AND or OR');
      for (const [i, rule] of (where.rules as unknown[]).entries()) {
        if (
          !isObject(rule) ||
          typeof rule.field !== 'string' ||
          typeof rule.operator !== 'string' ||
          rule.value === undefined
        ) {
          return flowizeError(res, 400, `where.rules[${i}] needs field, operator and value`);
        }
        const op = OPERATORS[rule.operator.toLowerCase()];
        if (!op) return flowizeError(res, 400, `Unknown operator ${rule.operator}`);
        const field = rule.field;
        const operand = String(rule.value);
        tests.push((key, value) => op(pick(key, value, field), operand));
      }
    }
    const matches = [...store.entries].filter(([key, value]) =>
      tests.length === 0
        ? true
        : condition === 'OR'
          ? tests.some((t) => t(key, value))
          : tests.every((t) => t(key, value)),
    );
    // Documented answer: a bare array of rows keyed by alias.
    const rows = matches.map(([key, value]) =>
      Object.fromEntries(select.map(({ field, alias }) => [alias, asText(pick(key, value, field))])),
    );
    send(ctx, req, res, rows);
  });
}
