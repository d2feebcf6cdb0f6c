/**
 * Flowize simulator — tables: GET/PUT/DELETE /v1/tables/{table}/{id}, POST /v1/tables/{table}/ insert and POST /v1/tables/{table}/search.
 * Every answer uses the tables envelope `{data, total, start_at, next_element, limit, offset, max_results}`
 * (delete uses `{id, code, request-ip, resource, message, error}`), with every documented operator.
 * JSON or XML payloads and answers (XML through protocol.ts), as documented.
 */
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { entryRoutes, flowizeError } from './common.js';
import { parseBody } from './protocol.js';
import type { FlowizeState, SimTableRow } from './seed.js';

/** Most rows one search (or update) may touch, as documented. */
export const TABLE_LIMIT_MAX = 100;

type Table = FlowizeState['tables'][string];

interface Rule {
  field: string;
  operator: string;
  value?: unknown;
}

interface Where {
  condition?: string;
  rules: Rule[];
}

/** Columns every row has besides the user-defined ones. */
const SYSTEM_COLUMNS = new Set(['id', 'date_created', 'date_updated']);

/** Seeded rows carry no system dates; a fixed one keeps answers (and ETags) stable. */
const SEED_DATE = '2024-01-01 00:00:00';

function now(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}

/** A row as Flowize sends it: the id as a string, the system dates first. */
function rowView(row: SimTableRow): Record<string, unknown> {
  const { id, date_created, date_updated, ...columns } = row;
  return {
    id: String(id),
    date_created: date_created ?? SEED_DATE,
    date_updated: date_updated ?? date_created ?? SEED_DATE,
    ...columns,
  };
}

function envelope(rows: SimTableRow[], options: { limit: number; offset: number; maxResults: number; total?: number }) {
  return {
    data: rows.map(rowView),
    total: options.total ?? rows.length,
    start_at: options.offset,
    next_element: options.offset + rows.length,
    limit: options.limit,
    offset: options.offset,
    max_results: options.maxResults,
  };
}

/** A cell as searches see it: seeded rows have no system dates of their own. */
function cell(row: SimTableRow, field: string): unknown {
  if (field === 'date_created' || field === 'date_updated') return row[field] ?? SEED_DATE;
  return row[field];
}

/** The user-defined columns of a table (from its first row; tables are created in the Flowize UI). */
function columnsOf(table: Table): Set<string> {
  const sample = table.rows[0] ?? {};
  return new Set(Object.keys(sample).filter((c) => !SYSTEM_COLUMNS.has(c)));
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** MySQL-like comparison: numerically when both sides are numbers, else as strings. */
function compare(a: unknown, b: unknown): number {
  const x = Number(a);
  const y = Number(b);
  if (text(a) !== '' && text(b) !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return text(a).localeCompare(text(b));
}

const lower = (v: unknown) => text(v).toLowerCase();

/** Each documented operator: a predicate over (column value, rule value). */
const OPERATORS: Record<string, (cell: unknown, value: unknown) => boolean> = {
  '=': (c, v) => compare(c, v) === 0,
  '!=': (c, v) => compare(c, v) !== 0,
  '<>': (c, v) => compare(c, v) !== 0,
  '<': (c, v) => compare(c, v) < 0,
  '>': (c, v) => compare(c, v) > 0,
  '<=': (c, v) => compare(c, v) <= 0,
  '>=': (c, v) => compare(c, v) >= 0,
  // The doc lists `=>`; it is accepted as a spelling of `>=`.
  '=>': (c, v) => compare(c, v) >= 0,
  between: (c, v) => compare(c, (v as unknown[])[0]) >= 0 && compare(c, (v as unknown[])[1]) <= 0,
  not_between: (c, v) => !(compare(c, (v as unknown[])[0]) >= 0 && compare(c, (v as unknown[])[1]) <= 0),
  in: (c, v) => (v as unknown[]).some((x) => compare(c, x) === 0),
  not_in: (c, v) => !(v as unknown[]).some((x) => compare(c, x) === 0),
  begins_with: (c, v) => lower(c).startsWith(lower(v)),
  not_begins_with: (c, v) => !lower(c).startsWith(lower(v)),
  ends_with: (c, v) => lower(c).endsWith(lower(v)),
  not_ends_with: (c, v) => !lower(c).endsWith(lower(v)),
  contains: (c, v) => lower(c).includes(lower(v)),
  not_contains: (c, v) => !lower(c).includes(lower(v)),
  is_empty: (c) => text(c) === '',
  is_not_empty: (c) => text(c) !== '',
};

/** Validates a `where`; returns an error message, or the predicate over rows. */
function compileWhere(where: unknown, table: Table): string | ((row: SimTableRow) => boolean) {
  if (where === undefined || where === null) return () => true;
  if (!isObject(where) || !Array.isArray(where.rules)) return 'where must be {condition, rules: [...]}';
  const condition = text((where as Partial<Where>).condition || 'AND').toUpperCase();
  if (condition !== 'AND' && condition !== 'OR') return 'where.condition must be AND or OR';
  const known = new Set([...columnsOf(table), ...SYSTEM_COLUMNS]);
  const tests: ((row: SimTableRow) => boolean)[] = [];
  for (const [i, rule] of (where.rules as unknown[]).entries()) {
    if (!isObject(rule) || typeof rule.field !== 'string' || typeof rule.operator !== 'string')
      return `where.rules[${i}] needs field and operator`;
    const op = OPERATORS[rule.operator.toLowerCase()];
    if (!op) return `Unknown operator ${rule.operator}`;
    if (!known.has(rule.field)) return `Unknown column ${rule.field}`;
    const name = rule.operator.toLowerCase();
    if ((name === 'between' || name === 'not_between') && !(Array.isArray(rule.value) && rule.value.length === 2)) {
      return `${rule.operator} needs a value with two elements`;
    }
    if ((name === 'in' || name === 'not_in') && !Array.isArray(rule.value))
      return `${rule.operator} needs an array value`;
    const field = rule.field;
    const value = rule.value;
    tests.push((row) => op(cell(row, field), value));
  }
  return condition === 'OR'
    ? (row) => tests.length === 0 || tests.some((t) => t(row))
    : (row) => tests.every((t) => t(row));
}

interface Window {
  limit: number;
  offset: number;
  order: (a: SimTableRow, b: SimTableRow) => number;
}

/** Reads limit/offset/order_field/order_type; returns an error message or the window. */
function readWindow(body: Record<string, unknown>, table: Table): string | Window {
  const limit = body.limit === undefined ? TABLE_LIMIT_MAX : Number(body.limit);
  const offset = body.offset === undefined ? 0 : Number(body.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > TABLE_LIMIT_MAX)
    return `limit must be between 1 and ${TABLE_LIMIT_MAX}`;
  if (!Number.isInteger(offset) || offset < 0) return 'offset must be a non-negative integer';
  const field = body.order_field === undefined ? 'id' : String(body.order_field);
  if (field !== 'id' && !columnsOf(table).has(field) && !SYSTEM_COLUMNS.has(field)) return `Unknown column ${field}`;
  const type = text(body.order_type || 'ASC').toUpperCase();
  if (type !== 'ASC' && type !== 'DESC') return 'order_type must be ASC or DESC';
  const sign = type === 'DESC' ? -1 : 1;
  return { limit, offset, order: (a, b) => sign * compare(cell(a, field), cell(b, field)) || a.id - b.id };
}

/** `{columns: [{column_name, column_value}]}` or a plain object → column values. */
function readColumns(body: unknown, table: Table, allowWhere: boolean): string | Record<string, unknown> {
  if (!isObject(body)) return 'The payload must be a JSON object';
  let values: Record<string, unknown>;
  if (Array.isArray(body.columns)) {
    values = {};
    for (const [i, c] of (body.columns as unknown[]).entries()) {
      if (!isObject(c) || typeof c.column_name !== 'string' || !('column_value' in c))
        return `columns[${i}] needs column_name and column_value`;
      values[c.column_name] = c.column_value;
    }
  } else if (allowWhere) {
    return 'columns is required';
  } else {
    values = { ...body };
  }
  const known = columnsOf(table);
  const names = Object.keys(values).filter((c) => !SYSTEM_COLUMNS.has(c));
  if (names.length === 0) return 'At least one column is required';
  for (const c of names) if (!known.has(c)) return `Column ${c} does not exist in this table`;
  return Object.fromEntries(names.map((c) => [c, values[c]]));
}

function parseId(raw: string): number | undefined {
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** The row `:id` names; answers 400 (not numeric) or 404 itself and returns undefined then. */
function rowOf(table: Table, req: Request, res: Response): SimTableRow | undefined {
  const id = parseId(String(req.params.id));
  if (id === undefined) return void flowizeError(res, 400, 'The id must be numeric');
  const row = table.rows.find((r) => r.id === id);
  if (!row) return void flowizeError(res, 404, `Row ${id} not found in table ${String(req.params.table)}`);
  return row;
}

export function registerTablesRoutes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  const onTable = entryRoutes(router, ctx, (state) => state.tables, ['table', 'Table']);

  onTable('post', '/v1/tables/:table/search', (table, req, res) => {
    const body = parseBody(req);
    if (!body.ok || (body.value !== undefined && !isObject(body.value))) {
      ctx.violation(req, 'body.shape', 'a table search body must be a JSON object', 400);
      return flowizeError(res, 400, 'The payload must be a JSON search object');
    }
    const search = (body.value ?? {}) as Record<string, unknown>;
    const test = compileWhere(search.where, table);
    if (typeof test === 'string') return flowizeError(res, 400, test);
    const window = readWindow(search, table);
    if (typeof window === 'string') {
      ctx.violation(req, 'paging', window, 400);
      return flowizeError(res, 400, window);
    }
    const matches = table.rows.filter(test).sort(window.order);
    const page = matches.slice(window.offset, window.offset + window.limit);
    ctx.sendJson(
      req,
      res,
      200,
      envelope(page, { limit: window.limit, offset: window.offset, maxResults: matches.length }),
    );
  });

  onTable('get', '/v1/tables/:table/:id', (table, req, res) => {
    const row = rowOf(table, req, res);
    if (!row) return;
    ctx.sendJson(req, res, 200, envelope([row], { limit: TABLE_LIMIT_MAX, offset: 0, maxResults: 1 }));
  });

  const insert = (table: Table, req: Request, res: Response) => {
    const body = parseBody(req);
    if (!body.ok) return flowizeError(res, 400, 'The payload must be JSON');
    const values = readColumns(body.value, table, false);
    if (typeof values === 'string') return flowizeError(res, 400, values);
    // The "alternative way" of the doc posts to /tables/{table}/{id}: the row gets that id.
    let id = table.nextId;
    if (req.params.id !== undefined) {
      const wanted = parseId(req.params.id as string);
      if (wanted === undefined || wanted < 1) return flowizeError(res, 400, 'The id must be numeric');
      if (table.rows.some((r) => r.id === wanted))
        return flowizeError(res, 409, `Row ${wanted} already exists in table ${req.params.table}`);
      id = wanted;
    }
    table.nextId = Math.max(table.nextId, id + 1);
    const stamp = now();
    const row: SimTableRow = { ...values, id, date_created: stamp, date_updated: stamp };
    table.rows.push(row);
    res.status(200).json(envelope([row], { limit: TABLE_LIMIT_MAX, offset: 0, maxResults: 0, total: 1 }));
  };
  onTable('post', '/v1/tables/:table', insert);
  onTable('post', '/v1/tables/:table/:id', insert);

  const update = (table: Table, req: Request, res: Response) => {
    const body = parseBody(req);
    if (!body.ok || !isObject(body.value))
      return flowizeError(res, 400, 'The payload must be a JSON object with columns');
    const values = readColumns(body.value, table, true);
    if (typeof values === 'string') return flowizeError(res, 400, values);
    const test = compileWhere(body.value.where, table);
    if (typeof test === 'string') return flowizeError(res, 400, test);
    const window = readWindow(body.value, table);
    if (typeof window === 'string') return flowizeError(res, 400, window);
    let candidates = table.rows;
    if (req.params.id !== undefined) {
      const row = rowOf(table, req, res);
      if (!row) return;
      candidates = [row];
    } else if (body.value.where === undefined) {
      return flowizeError(res, 400, 'An id or a where is required');
    }
    const targets = candidates
      .filter(test)
      .sort(window.order)
      .slice(window.offset, window.offset + window.limit);
    const stamp = now();
    for (const row of targets) Object.assign(row, values, { date_updated: stamp });
    res
      .status(200)
      .json(envelope([], { limit: window.limit, offset: window.offset, maxResults: 0, total: targets.length }));
  };
  onTable('put', '/v1/tables/:table', update);
  onTable('put', '/v1/tables/:table/:id', update);

  onTable('delete', '/v1/tables/:table/:id', (table, req, res) => {
    const row = rowOf(table, req, res);
    if (!row) return;
    table.rows.splice(table.rows.indexOf(row), 1);
    res.status(200).json({
      id: 'ok',
      code: 200,
      'request-ip': req.ip,
      resource: 1,
      message: `Successfully deleted row ${row.id} in table ${String(req.params.table)}`,
      error: null,
    });
  });
}
