/**
 * Reading a JSON request body the way the strict simulators do: a body sent under another
 * Content-Type, or one that does not parse, breaks a wire rule and is recorded as a violation.
 * Each simulator then answers in its own vendor's envelope, so this only reads and records.
 */
import type { Request, Response } from 'express';
import { violation } from './framework.js';

/** What {@link readJsonBody} found: the parsed value (undefined for no body), or why there is none. */
export type JsonBody =
  /** The body parsed (or there was none). */
  | { ok: true; value: unknown }
  /** A body came with another Content-Type (`contentType`, empty when none was sent). */
  | { ok: false; problem: 'content-type'; contentType: string }
  /** The body is not valid JSON. */
  | { ok: false; problem: 'json' };

export interface JsonBodyRules {
  /** Names the body in the content-type violation: `<subject> needs Content-Type: application/json`. */
  subject: string;
  /** The status the vendor answers invalid JSON with (recorded with the violation); 400 unless told. */
  invalidJsonStatus?: number;
}

/**
 * Parses `req`'s JSON body; a wrong Content-Type is recorded as `content-type` (415), invalid JSON
 * as `body.json`. The caller answers both in the vendor's own words.
 */
export function readJsonBody(req: Request, res: Response, rules: JsonBodyRules): JsonBody {
  const text = typeof req.body === 'string' ? req.body : '';
  if (!text) return { ok: true, value: undefined };
  const contentType = req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    const got = contentType ? `"${contentType}"` : 'none';
    violation(res, 'content-type', `${rules.subject} needs Content-Type: application/json, got ${got}`, 415);
    return { ok: false, problem: 'content-type', contentType };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    violation(res, 'body.json', 'the request body is not valid JSON', rules.invalidJsonStatus ?? 400);
    return { ok: false, problem: 'json' };
  }
}
