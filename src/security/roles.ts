/**
 * The three client roles and their order. A role includes every role below it: an operator may
 * do what a reader may, an admin what an operator may.
 */

export const ROLES = ['reader', 'operator', 'admin'] as const;

/** A client role: `reader` (queries), `operator` (queries and mutations), `admin` (administration too). */
export type Role = (typeof ROLES)[number];

/** Whether `value` names a role (lower case, as in config and tokens). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a caller holding `held` may use a field that requires `required`. */
export function satisfies(held: Role | undefined, required: Role): boolean {
  return held !== undefined && ROLES.indexOf(held) >= ROLES.indexOf(required);
}

/** The highest role among `values` (unknown names are ignored). */
export function highestRole(values: unknown[]): Role | undefined {
  let best: Role | undefined;
  for (const v of values) if (isRole(v) && (best === undefined || ROLES.indexOf(v) > ROLES.indexOf(best))) best = v;
  return best;
}

/** Who is calling: established once per HTTP request by the authenticator. */
export interface Identity {
  /** How the caller proved who it is; `anonymous` only when the gateway runs open. */
  kind: 'api-key' | 'jwt' | 'anonymous';
  /** The API key's name, the token's subject, or `anonymous`. */
  name: string;
  /** The caller's role; undefined for a token that names none (every field is then FORBIDDEN). */
  role: Role | undefined;
}
