/**
 * What a vendor contributes to subgraph mode (`VENDORGRAPH_FEDERATION=true`, docs/federation.md):
 * an SDL fragment that puts `@key` on its types with stable ids, and one reference resolver per
 * entity type. The core merges the fragments only in subgraph mode, so the default schema has no
 * federation fields, and it checks every representation before a reference resolver sees it.
 *
 * A reference resolver receives one representation at a time (that is how `@apollo/subgraph`
 * calls it); it loads through the request's DataLoaders, so a router's `_entities` batch costs as
 * few vendor calls as the same ids asked for in one ordinary query.
 */
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';

/**
 * A representation as a router sends it: `__typename` and the fields of one of the type's keys.
 * The core has checked both (and that key values are strings, numbers or booleans) before a
 * reference resolver runs.
 */
export type Representation = { __typename: string } & Record<string, unknown>;

/** Resolves one representation to the model the type's field resolvers expect. */
export type ReferenceResolver = (representation: Representation, context: GatewayContext) => unknown;

export interface VendorFederation {
  /**
   * SDL merged into the schema in subgraph mode only, e.g. `extend type FlowizeRecord @key(fields:
   * "uuid")`. Directives available: `@key` and `@shareable` (federation v2).
   */
  typeDefs: string;
  /** `__resolveReference` for every type `typeDefs` makes an entity (the boot fails otherwise). */
  resolvers: Record<string, { __resolveReference: ReferenceResolver }>;
}

/** A key value as the vendor client takes it (ids may come as JSON numbers). */
export function keyValue(representation: Representation, field: string): string {
  return String(representation[field]);
}

/**
 * `value`, or a VENDOR_NOT_FOUND error for this representation only: `_entities` answers null in
 * that slot with the error, and every other entity of the batch still arrives.
 */
export function found<T>(value: T | null | undefined, vendor: string, typename: string, key: string): T {
  if (value === null || value === undefined) {
    throw new GatewayError(
      'VENDOR_NOT_FOUND',
      `${vendor} has no ${typename} with key ${JSON.stringify(key.slice(0, 100))}`,
      { vendor, retryable: false },
    );
  }
  return value;
}

/** One entity read by one key through the request's loaders. */
export interface EntitySpec<T> {
  /** The key field (`@key(fields: "…")`) the entity is read by. */
  key: string;
  /** Loads the entity by its key value; null or undefined when the vendor has none. */
  load(value: string, context: GatewayContext): Promise<T | null | undefined>;
  /** Turns what `load` found into the model the type's resolvers expect (the loaded value itself when absent). */
  toModel?(loaded: T, context: GatewayContext, value: string): unknown;
}

/** One entity's spec, typed: what `load` finds is what `toModel` receives. */
export function entity<T>(spec: EntitySpec<T>): EntitySpec<T> {
  return spec;
}

/**
 * A vendor's federation from its entity table: one `@key` fragment and one reference resolver per
 * type, each resolver the same three steps (the key value, the load, VENDOR_NOT_FOUND or the model).
 * A type with more than one key or its own checks writes its `VendorFederation` by hand.
 */
export function entities(vendor: string, specs: Record<string, EntitySpec<unknown>>): VendorFederation {
  const resolvers: VendorFederation['resolvers'] = {};
  for (const [typename, spec] of Object.entries(specs)) {
    resolvers[typename] = {
      async __resolveReference(representation, context) {
        const value = keyValue(representation, spec.key);
        const loaded = found(await spec.load(value, context), vendor, typename, value);
        return spec.toModel ? spec.toModel(loaded, context, value) : loaded;
      },
    };
  }
  const typeDefs = Object.entries(specs)
    .map(([typename, spec]) => `extend type ${typename} @key(fields: "${spec.key}")`)
    .join('\n');
  return { typeDefs, resolvers };
}
