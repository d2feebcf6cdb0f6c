/**
 * Subgraph mode (`VENDORGRAPH_FEDERATION=true`): the same schema, resolvers and protections,
 * built with `@apollo/subgraph` so that /graphql is an Apollo Federation 2 subgraph (`_service`,
 * `_entities`). The federation SDL — the `@link` to federation v2 and each vendor's `@key`
 * fragment — is merged here and only here, so a gateway outside subgraph mode shows no federation
 * field. docs/federation.md explains how to run it behind a router.
 */
import { createRequire } from 'node:module';
import type { buildSubgraphSchema } from '@apollo/subgraph';
import { mergeResolvers, mergeTypeDefs } from '@graphql-tools/merge';
import { addResolversToSchema } from '@graphql-tools/schema';
import { MapperKind, mapSchema, type IResolverValidationOptions } from '@graphql-tools/utils';
import {
  GraphQLObjectType,
  Kind,
  concatAST,
  graphqlSync,
  parse,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { badUserInput } from './errors.js';
import type { ReferenceResolver, Representation } from './kit/federation.js';
import type { AnyVendorModule } from './kit/vendor.js';

const require = createRequire(import.meta.url);

/**
 * `@apollo/subgraph` (with its federation internals, several MB resident) is loaded by the first
 * subgraph build, not with this module: the server imports this module in every mode, and only
 * `VENDORGRAPH_FEDERATION=true` uses it. A CommonJS package, so a synchronous `require` keeps
 * {@link buildVendorSubgraph} (and `buildSchema`) synchronous for the scripts and tests that call
 * them; Node shares the module with any `import` of it.
 */
function subgraphBuilder(): typeof buildSubgraphSchema {
  return (require('@apollo/subgraph') as { buildSubgraphSchema: typeof buildSubgraphSchema }).buildSubgraphSchema;
}

/** The federation version the subgraph links (supported by Apollo Router 1.x/2.x, Apollo Gateway 2.x and Hive Gateway). */
export const FEDERATION_VERSION = 'v2.3';

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: ["@key", "@shareable"])`;

/**
 * The core's own fragment: PageInfo is every Relay API's value type, so another subgraph may well
 * define it too; shareable, the two compose instead of clashing.
 */
const CORE_FRAGMENT = 'extend type PageInfo @shareable';

/** An entity's keys: each key is the list of its top-level field names. */
export type EntityKeys = Map<string, string[][]>;

/** The top-level field names of a `@key(fields:)` selection. */
function keyFields(fields: string): string[] {
  const selection = (parse(`{ ${fields} }`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;
  return selection.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

/** Every object type of `typeDefs` with a `@key`, and its keys. */
export function entityKeysOf(typeDefs: DocumentNode): EntityKeys {
  const keys: EntityKeys = new Map();
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of def.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING) continue;
      keys.set(def.name.value, [...(keys.get(def.name.value) ?? []), keyFields(fields.value)]);
    }
  }
  return keys;
}

/** The subgraph SDL: `typeDefs` (the default schema's) with the `@link` and every vendor's fragment. */
export function subgraphTypeDefs(typeDefs: DocumentNode, vendors: readonly AnyVendorModule[]): DocumentNode {
  const fragments = vendors.flatMap((v) => (v.federation ? [parse(v.federation.typeDefs)] : []));
  return concatAST([parse(LINK), mergeTypeDefs([typeDefs, parse(CORE_FRAGMENT), ...fragments])]);
}

const MAX_REPORTED = 5;

/** A short, safe rendering of a caller's value for an error message. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** What is wrong with one representation, or undefined when a reference resolver may have it. */
function problemOf(representation: unknown, entities: EntityKeys): string | undefined {
  if (representation === null || typeof representation !== 'object' || Array.isArray(representation))
    return 'is not an object';
  const { __typename } = representation as Record<string, unknown>;
  if (typeof __typename !== 'string') return 'has no __typename';
  const keys = entities.get(__typename);
  if (!keys) return `names ${shown(__typename)}, which is not an entity of this subgraph`;
  const usable = keys.some((fields) =>
    fields.every((f) => {
      const v = (representation as Record<string, unknown>)[f];
      return (typeof v === 'string' && v.length > 0) || typeof v === 'number' || typeof v === 'boolean';
    }),
  );
  if (!usable) return `lacks the key fields of ${__typename} (${keys.map((k) => k.join(' ')).join(' or ')})`;
  return undefined;
}

/**
 * Refuses a batch with any unusable representation as BAD_USER_INPUT before a single vendor call:
 * a router never sends one, so it is a caller's mistake (or a probe), not one bad entity.
 */
export function checkRepresentations(
  representations: unknown,
  entities: EntityKeys,
): asserts representations is Representation[] {
  if (!Array.isArray(representations)) throw badUserInput('representations must be a list');
  const problems: string[] = [];
  for (let i = 0; i < representations.length && problems.length < MAX_REPORTED; i++) {
    const problem = problemOf(representations[i], entities);
    if (problem) problems.push(`representations[${i}] ${problem}`);
  }
  if (problems.length > 0) throw badUserInput(`Bad entity representations: ${problems.join('; ')}`);
}

/**
 * The executable subgraph schema: `typeDefs` plus the federation SDL, built by `@apollo/subgraph`,
 * with `resolvers` added under the same strict check as the default schema (a resolver for a
 * field that does not exist fails the boot), a reference resolver required for every entity, and
 * `_entities` refusing unusable representations up front.
 */
export function buildVendorSubgraph(
  typeDefs: DocumentNode,
  vendors: readonly AnyVendorModule[],
  resolvers: object[],
  validation: IResolverValidationOptions,
): GraphQLSchema {
  const sdl = subgraphTypeDefs(typeDefs, vendors);
  const entities = entityKeysOf(sdl);
  const references = new Map<string, ReferenceResolver>();
  for (const vendor of vendors) {
    for (const [typename, { __resolveReference }] of Object.entries(vendor.federation?.resolvers ?? {})) {
      if (!entities.has(typename))
        throw new Error(`${vendor.name}: __resolveReference for ${typename}, which has no @key`);
      references.set(typename, __resolveReference);
    }
  }
  const missing = [...entities.keys()].filter((t) => !references.has(t));
  if (missing.length > 0) throw new Error(`entities without __resolveReference: ${missing.join(', ')}`);

  const built = subgraphBuilder()({ typeDefs: sdl });
  const resolveEntities = built.getQueryType()!.getFields()._entities!.resolve as GraphQLFieldResolver<
    unknown,
    unknown
  >;
  const guardedEntities: GraphQLFieldResolver<unknown, unknown, { representations: unknown }> = (
    source,
    args,
    context,
    info,
  ) => {
    checkRepresentations(args.representations, entities);
    return resolveEntities(source, args, context, info);
  };
  const withResolvers = addResolversToSchema({
    schema: built,
    resolvers: mergeResolvers([...resolvers, { Query: { _entities: guardedEntities } }] as never),
    resolverValidationOptions: validation,
  });
  // @apollo/subgraph reads a reference resolver from the type's extensions (graphql-tools would
  // drop a `__resolveReference` it does not know), where later schema transforms keep it.
  return mapSchema(withResolvers, {
    [MapperKind.OBJECT_TYPE]: (type) => {
      const resolve = references.get(type.name);
      if (!resolve) return type;
      const config = type.toConfig();
      const apollo = { ...(config.extensions.apollo as object | undefined), subgraph: { resolveReference: resolve } };
      return new GraphQLObjectType({ ...config, extensions: { ...config.extensions, apollo } });
    },
  });
}

/** The SDL a router composes (`{ _service { sdl } }`): what schema.federation.graphql holds. */
export function subgraphSdlOf(schema: GraphQLSchema): string {
  const result = graphqlSync({ schema, source: '{ _service { sdl } }', contextValue: {} });
  if (result.errors?.length) throw result.errors[0];
  return (result.data as { _service: { sdl: string } })._service.sdl;
}
