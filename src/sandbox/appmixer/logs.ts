/**
 * Appmixer simulator — Insights logs: `GET /logs` with repeatable `flowId`/`portType`/`sort`, a
 * Lucene `query` subset (`field:[a TO b]`, `field:value`, joined by AND), `from`/`size` paging or
 * `searchAfter` deep paging (exactly one value per sort), and daily histogram buckets.
 */
import type { Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { get, isAdmin, list, refuse, single, userRoutes } from './protocol.js';
import type { AppmixerState, SimLog } from './seed.js';

type Clause = (log: SimLog) => boolean;

function field(log: SimLog, name: string): unknown {
  return name === '_id' ? log._id : get(log._source, name === '@timestamp' ? 'gridTimestamp' : name);
}

function unquote(text: string): string {
  return text.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
}

/** Parses the Lucene subset; returns undefined when the query cannot be parsed. */
function parseQuery(query: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const part of query.split(/\s+AND\s+/)) {
    const range = /^([\w@.]+):\[\s*("[^"]*"|\S+)\s+TO\s+("[^"]*"|\S+)\s*\]$/.exec(part.trim());
    if (range) {
      const [, name, lo, hi] = range;
      const low = unquote(lo);
      const high = unquote(hi);
      const lowMs = low === '*' ? -Infinity : Date.parse(low);
      // A date without a time covers the whole day, as Elasticsearch rounds it.
      const highMs =
        high === '*' ? Infinity : /^\d{4}-\d{2}-\d{2}$/.test(high) ? Date.parse(high) + 86_399_999 : Date.parse(high);
      if (Number.isNaN(lowMs) || Number.isNaN(highMs)) return undefined;
      clauses.push((log) => {
        const t = Date.parse(String(field(log, name)));
        return t >= lowMs && t <= highMs;
      });
      continue;
    }
    const term = /^([\w@.]+):("[^"]*"|[^\s"]+)$/.exec(part.trim());
    if (!term) return undefined;
    const [, name, value] = term;
    clauses.push((log) => String(field(log, name)) === unquote(value));
  }
  return clauses;
}

/** A hit's value for one sort level (timestamps as epoch milliseconds, as Elasticsearch returns them). */
function sortValue(log: SimLog, name: string): number | string {
  if (name === 'gridTimestamp' || name === '@timestamp') return Date.parse(log._source.gridTimestamp);
  return String(field(log, name) ?? '');
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** Every refusal of GET /logs is about its parameters (paging, sort, query): a wire violation. */
function fail(res: Response, message: string): void {
  refuse(res, 'query', 400, message);
}

export function registerLogRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const route = userRoutes(router, ctx);

  route.get('/logs', (req, res, user, state) => {
    const size = Number(single(req.query.size) ?? 50);
    const from = Number(single(req.query.from) ?? 0);
    if (!Number.isInteger(size) || size < 0 || size > 10_000 || !Number.isInteger(from) || from < 0)
      return fail(res, '"size" and "from" must be non-negative integers');
    const sorts = list(req.query.sort).map((sort) => {
      const m = /^([\w@.]+):(asc|desc)$/.exec(sort);
      return m ? { name: m[1], dir: m[2] === 'asc' ? 1 : -1 } : undefined;
    });
    if (sorts.some((x) => !x)) return fail(res, '"sort" must look like field:asc or field:desc');
    const order = (sorts.length > 0 ? sorts : [{ name: 'gridTimestamp', dir: -1 }]) as { name: string; dir: number }[];
    const after = list(req.query.searchAfter);
    if (after.length > 0 && after.length !== order.length)
      return fail(res, 'searchAfter must have as many values as there are sort fields');
    if (after.length > 0 && from > 0) return fail(res, '"from" cannot be used with searchAfter');

    let logs = state.logs.filter((l) => l._source.userId === user.id || isAdmin(user));
    const flowIds = list(req.query.flowId);
    if (flowIds.length > 0) logs = logs.filter((l) => flowIds.includes(l._source.flowId));
    const portTypes = list(req.query.portType);
    if (portTypes.some((p) => p !== 'in' && p !== 'out')) return fail(res, '"portType" must be one of [in, out]');
    if (portTypes.length > 0) logs = logs.filter((l) => portTypes.includes(l._source.portType));
    const query = single(req.query.query);
    if (query) {
      const clauses = parseQuery(query);
      if (!clauses) return fail(res, `Failed to parse query [${query}]`);
      logs = logs.filter((l) => clauses.every((c) => c(l)));
    }

    const sorted = [...logs].sort((a, b) => {
      for (const { name, dir } of order) {
        const c = compare(sortValue(a, name), sortValue(b, name));
        if (c !== 0) return c * dir;
      }
      return 0;
    });
    let start = from;
    if (after.length > 0) {
      const key = order.map(({ name }, i) =>
        name === 'gridTimestamp' || name === '@timestamp' ? Number(after[i]) : after[i],
      );
      if (key.some((k) => typeof k === 'number' && Number.isNaN(k)))
        return fail(res, 'searchAfter values must match the sort fields');
      start = sorted.findIndex((log) => {
        for (const [i, { name, dir }] of order.entries()) {
          const c = compare(sortValue(log, name), key[i]);
          if (c !== 0) return c * dir > 0;
        }
        return false;
      });
      if (start < 0) start = sorted.length;
    }

    const days = new Map<number, number>();
    for (const log of logs) {
      const day = Math.floor(Date.parse(log._source.gridTimestamp) / 86_400_000) * 86_400_000;
      days.set(day, (days.get(day) ?? 0) + 1);
    }
    const buckets = [...days.entries()]
      .sort(([a], [b]) => a - b)
      .map(([key, count]) => ({ key_as_string: new Date(key).toISOString().slice(0, 10), key, doc_count: count }));
    const page = sorted.slice(start, start + size);
    const hits =
      state.logShape === 'flat'
        ? page.map((log) => ({ _id: log._id, ...log._source }))
        : page.map((log) => ({
            _index: log._index,
            _type: 'engine',
            _id: log._id,
            _score: null,
            _source: log._source,
            sort: order.map(({ name }) => sortValue(log, name)),
          }));
    ctx.sendJson(req, res, 200, { buckets, hits });
  });
}
