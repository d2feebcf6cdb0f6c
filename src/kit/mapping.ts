/**
 * Mapping helpers for vendor models. `fieldMapper`: a record's fields listed once, in a table by
 * kind, from which its wire type, its GraphQL model and its mapper all follow. `mappedFields`: the
 * field resolvers of a type whose parent stays the wire record, read from one mapper.
 */
import { parseVendorDate } from '../dates.js';

/**
 * One field resolver per key, each answering `map(parent)[key]`: for GraphQL types whose parent is
 * the wire record (the codegen mapper) and whose fields come from one mapping function. A parent is
 * mapped once however many of the fields a query selects (lists hold hundreds of parents).
 */
export function mappedFields<P extends object, M, K extends keyof M>(
  map: (parent: P) => M,
  keys: readonly K[],
): { [F in K]: (parent: P) => M[F] } {
  const mapped = new WeakMap<P, M>();
  const mapOnce = (parent: P): M => {
    if (!mapped.has(parent)) mapped.set(parent, map(parent));
    return mapped.get(parent) as M;
  };
  const resolvers = {} as { [F in K]: (parent: P) => M[F] };
  for (const key of keys) resolvers[key] = (parent) => mapOnce(parent)[key];
  return resolvers;
}

/**
 * How a field of a vendor record is read: the wire type each kind accepts and the GraphQL value it
 * gives. Absent means undefined or null on the wire; every kind but `id` and `given` may be absent.
 */
interface FieldKinds {
  /** A required id, as text. */
  id: { wire: number | string; out: string };
  /** A required text, as sent. */
  given: { wire: string; out: string };
  /** A text as sent, absent → null. */
  text: { wire: string; out: string | null };
  /** Any value turned into text (`String`), absent → null. */
  anyText: { wire: unknown; out: string | null };
  /** A boolean as sent, absent → null. */
  flag: { wire: boolean; out: boolean | null };
  /** An optional id: absent or '' → null, else as text. */
  ref: { wire: number | string; out: string | null };
  /** A finite number (numeric text counts), else null. */
  num: { wire: number | string; out: number | null };
  /** A number cut to a whole number, else null. */
  int: { wire: number | string; out: number | null };
  /** A vendor date in the vendor's time zone (src/dates.ts), else null. */
  date: { wire: string; out: Date | null };
  /** A JSON value as sent, absent → null. */
  json: { wire: unknown; out: unknown };
}

type FieldKind = keyof FieldKinds;

/**
 * A record's fields by kind. Each entry is the GraphQL field name, or `name=wireName` when the
 * vendor calls it otherwise (`createdAt=insertedAt`). `enum` maps such an entry to the GraphQL
 * enum's values: display text on the wire ("Partially Shipped") → PARTIALLY_SHIPPED when it is one
 * of them, else null.
 */
export type FieldTable = { readonly [K in FieldKind]?: readonly string[] } & {
  readonly enum?: { readonly [field: string]: readonly string[] };
};

type OutName<S> = S extends `${infer Out}=${string}` ? Out : S;
type WireName<S> = S extends `${string}=${infer Wire}` ? Wire : S;
type Entry<T extends FieldTable> = {
  [K in keyof T & FieldKind]: { kind: K; field: NonNullable<T[K]>[number] };
}[keyof T & FieldKind];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type RequiredKind = 'id' | 'given';

type EnumTable<T extends FieldTable> = NonNullable<T['enum']>;

/** The wire record a field table reads. */
export type WireOf<T extends FieldTable> = Simplify<
  { [F in keyof EnumTable<T> as WireName<F>]?: string | null } & {
    [E in Entry<T> as E['kind'] extends RequiredKind ? WireName<E['field']> : never]: FieldKinds[E['kind']]['wire'];
  } & {
    [E in Entry<T> as E['kind'] extends RequiredKind ? never : WireName<E['field']>]?:
      FieldKinds[E['kind']]['wire'] | null;
  }
>;

/** The GraphQL object a field table maps to. */
export type ModelOf<T extends FieldTable> = Simplify<
  { [E in Entry<T> as OutName<E['field']>]: FieldKinds[E['kind']]['out'] } & {
    [F in keyof EnumTable<T> as OutName<F>]: EnumTable<T>[F][number] | null;
  }
>;

/** "Partially Shipped" → PARTIALLY_SHIPPED when it is one of `allowed`, else null. */
export function enumFromText<T extends string>(text: unknown, allowed: readonly T[]): T | null {
  if (typeof text !== 'string' || !text) return null;
  const value = text
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_') as T;
  return allowed.includes(value) ? value : null;
}

const absent = (value: unknown): value is null | undefined | '' =>
  value === null || value === undefined || value === '';

function num(value: unknown): number | null {
  if (absent(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const READ: { [K in FieldKind]: (value: unknown, zone: string) => FieldKinds[K]['out'] } = {
  id: (value) => String(value),
  given: (value) => value as string,
  text: (value) => (value as string | null | undefined) ?? null,
  anyText: (value) => (value === null || value === undefined ? null : String(value)),
  flag: (value) => (value as boolean | null | undefined) ?? null,
  ref: (value) => (absent(value) ? null : String(value)),
  num,
  int: (value) => {
    const n = num(value);
    return n === null ? null : Math.trunc(n);
  },
  date: (value, zone) => parseVendorDate(value, zone),
  json: (value) => value ?? null,
};

/** What a field table's mapper does besides the table: a record's lists and nested records. */
export interface MapperOptions<W, X, M> {
  /** Normalises the wire record first (e.g. fills documented names from their variants). */
  prepare?: (wire: W) => W;
  /** The fields the table cannot say, from the (prepared) wire record and the table's own fields. */
  more?: (wire: W, zone: string, fields: M) => X;
}

/**
 * The mapper of a field table: wire record (and the vendor's time zone, for dates; UTC when not
 * given) → the GraphQL object. The table is compiled once; a call is one loop over its fields, plus
 * `more` when there is one.
 */
export function fieldMapper<T extends FieldTable, W extends WireOf<T> = WireOf<T>, X extends object = object>(
  table: T,
  options: MapperOptions<W, X, ModelOf<T>> = {},
): (wire: W, zone?: string) => ModelOf<T> & X {
  const outs: string[] = [];
  const wires: string[] = [];
  const reads: ((value: unknown, zone: string) => unknown)[] = [];
  const add = (field: string, read: (value: unknown, zone: string) => unknown) => {
    const [out, wire = out] = field.split('=');
    outs.push(out);
    wires.push(wire);
    reads.push(read);
  };
  for (const kind of Object.keys(READ) as FieldKind[]) for (const field of table[kind] ?? []) add(field, READ[kind]);
  for (const [field, allowed] of Object.entries(table.enum ?? {})) add(field, (value) => enumFromText(value, allowed));
  const { prepare, more } = options;
  return (given, zone = 'UTC') => {
    const wire = prepare ? prepare(given) : given;
    const record = wire as Record<string, unknown>;
    const model: Record<string, unknown> = {};
    for (let i = 0; i < outs.length; i++) model[outs[i]] = reads[i](record[wires[i]], zone);
    return (more ? Object.assign(model, more(wire, zone, model as ModelOf<T>)) : model) as ModelOf<T> & X;
  };
}
