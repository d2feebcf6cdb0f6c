/**
 * Guards for client input that ends up in a vendor URL: a value becomes exactly one encoded path
 * segment and can never change the host or climb out of its path.
 */
import { badUserInput } from '../errors.js';

/** Encodes `value` as one path segment; rejects empty, dot-only and control-character values. */
export function pathSegment(value: string | number, what = 'identifier'): string {
  const text = String(value);
  if (text.length === 0) throw badUserInput(`${what} must not be empty`);
  if (text.length > 512) throw badUserInput(`${what} is too long (at most 512 characters)`);
  if (text === '.' || text === '..') throw badUserInput(`${what} must not be "." or ".."`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw badUserInput(`${what} must not contain control characters`);
  return encodeURIComponent(text);
}

/** A header value must not carry CR/LF (header injection) and is trimmed of nothing else. */
export function headerValue(value: string, what = 'value'): string {
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\u0000]/.test(value)) throw badUserInput(`${what} must not contain line breaks`);
  return value;
}

/** A query parameter value; arrays repeat the parameter (`ids[]=1&ids[]=2`, `filter=a&filter=b`). */
export type QueryValue =
  string | number | boolean | undefined | null | readonly (string | number | boolean | undefined | null)[];

/** Builds a query string; undefined, null and empty values are left out, arrays repeat the name. */
export function queryParams(params: Record<string, QueryValue>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== undefined && v !== null && v !== '') query.append(name, String(v));
  }
  return query;
}

/** A path with its query string, for vendors that repeat parameters. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const text = queryParams(params).toString();
  return text ? `${path}?${text}` : path;
}
