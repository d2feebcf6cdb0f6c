/**
 * The schema transform that enforces roles and prices fields. Every field gets its required role
 * from `@auth(requires:)` on the field, else on its type, else from its root: Query fields need
 * READER and Mutation fields OPERATOR — so a field added tomorrow is protected without anyone
 * remembering to. Every field also gets its query cost (see {@link CostRules}), which the cost
 * limit reads through graphql-query-complexity's field-extensions estimator.
 */
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  GraphQLScalarType,
  type GraphQLFieldConfig,
  type GraphQLSchema,
} from 'graphql';
import { GatewayError } from '../errors.js';
import { nestedDeeperThan } from './depth.js';
import { entitiesComplexity } from './entities.js';
import { checkListValue, inputListSizes, listSizeOf, type ListSize } from './list-size.js';
import { satisfies, type Identity, type Role } from './roles.js';

declare module 'graphql' {
  interface GraphQLFieldExtensions<_TSource, _TContext, _TArgs> {
    /** The role a caller needs for this field (set by {@link protectSchema}). */
    requiresRole?: Role;
    /** graphql-query-complexity's per-field estimator (set by {@link protectSchema}). */
    complexity?: (options: { args: Record<string, unknown>; childComplexity: number }) => number;
  }
}

/** How fields are priced. */
export interface CostRules {
  /** Cost of a field that calls a vendor: a vendor namespace field or a mutation. */
  vendorFieldCost: number;
  /** Page size assumed for a connection asked for without `first`/`last`. */
  defaultPageSize: number;
}

/** What the schema transform needs from the request context. */
export interface IdentityContext {
  identity?: Identity;
}

function requirement(
  schema: GraphQLSchema,
  field: GraphQLFieldConfig<unknown, unknown>,
  typeName: string,
): Role | undefined {
  const own = getDirective(schema, field, 'auth')?.[0]?.requires as string | undefined;
  if (own) return own.toLowerCase() as Role;
  const type = schema.getType(typeName);
  const onType =
    type && isObjectType(type) ? (getDirective(schema, type, 'auth')?.[0]?.requires as string | undefined) : undefined;
  if (onType) return onType.toLowerCase() as Role;
  if (typeName === schema.getQueryType()?.name) return 'reader';
  if (typeName === schema.getMutationType()?.name) return 'operator';
  if (typeName === schema.getSubscriptionType()?.name) return 'reader';
  return undefined;
}

/** The vendor namespace types (`FlowizeQuery`): object types a root Query field returns. */
function namespaceTypes(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const type = getNullableType(field.type);
    if (isObjectType(type) && type.name.endsWith('Query')) names.add(type.name);
  }
  return names;
}

/** Connection and edge types already carry their page multiplier on the field that returns them. */
const PAGED_WRAPPER = /(Connection|Edge)$/;

/** What pricing a field needs to know about the whole schema. */
interface SchemaFacts {
  /** Vendor namespaces (one health check each for `vendors`). */
  vendorCount: number;
  /** `@listSize` bounds of list input fields, by input type. */
  inputs: Map<string, Map<string, ListSize>>;
}

function complexityOf(
  schema: GraphQLSchema,
  field: GraphQLFieldConfig<unknown, unknown>,
  typeName: string,
  vendorField: boolean,
  rules: CostRules,
  facts: SchemaFacts,
): NonNullable<GraphQLFieldConfig<unknown, unknown>['extensions']>['complexity'] {
  const explicit = getDirective(schema, field, 'cost')?.[0] as
    { weight?: number | null; callsPerVendor?: number | null } | undefined;
  const named = getNamedType(field.type);
  let base = explicit?.weight ?? (vendorField ? rules.vendorFieldCost : isLeafType(named) ? 0 : 1);
  // A field that calls every vendor (the `vendors` health list) costs those calls.
  if (explicit?.callsPerVendor) base = explicit.callsPerVendor * facts.vendorCount * rules.vendorFieldCost;
  const returnsConnection = /Connection$/.test(named.name);
  const returnsList = isListType(getNullableType(field.type)) && !isLeafType(named) && !PAGED_WRAPPER.test(typeName);
  const argList = Object.entries(field.args ?? {}).map(([name, a]) => ({
    name,
    type: a.type,
    size: listSizeOf(schema, a),
    list: isListType(getNullableType(a.type)),
  }));
  const listArgs = argList.filter((a) => a.list).map((a) => a.name);
  return ({ args, childComplexity }) => {
    // Over a @listSize bound: BAD_USER_INPUT (thrown through the cost limit, before execution).
    let calls = 0;
    for (const a of argList) calls += checkListValue(a.type, args[a.name], a.size, a.name, facts.inputs);
    // The vendor calls the keys imply are priced like vendor fields; never less than the field's own cost.
    const own = Math.max(base, calls * rules.vendorFieldCost);
    let times = 1;
    let perItem = childComplexity;
    const page = Number(args.first ?? args.last ?? NaN);
    if (Number.isFinite(page) && page > 0) times = page;
    else if (returnsConnection) times = rules.defaultPageSize;
    else if (returnsList) {
      const longest = Math.max(0, ...listArgs.map((n) => (Array.isArray(args[n]) ? (args[n] as unknown[]).length : 0)));
      times = longest > 0 ? longest : rules.defaultPageSize;
      // Every key fetched costs at least 1, even when only scalars are selected.
      if (longest > 0) perItem = Math.max(1, childComplexity);
    }
    return own + times * perItem;
  };
}

/**
 * The JSON scalar, refusing values nested deeper than `max` both ways: a client's (BAD_USER_INPUT)
 * and a vendor's — e.g. JSON text Flowize keeps inside a string, decoded by the gateway — which
 * would otherwise overflow the stack when the response is serialised (VENDOR_BAD_RESPONSE).
 */
function guardJsonScalar(type: GraphQLScalarType, max: number): GraphQLScalarType {
  const config = type.toConfig();
  // Nested vendor objects already found shallow enough: a list repeats the same value (100 records
  // share 5 flow diagrams' `versions`), and walking it again for every item was a visible cost. A
  // flat value (a table row's columns) is walked again instead: one pass over its keys costs less
  // than a WeakSet entry, which every garbage collection then has to visit.
  const shallow = new WeakSet<object>();
  return new GraphQLScalarType({
    ...config,
    serialize(value) {
      if (value !== null && typeof value === 'object' && !shallow.has(value)) {
        if (nestedDeeperThan(value, max))
          throw new GatewayError(
            'VENDOR_BAD_RESPONSE',
            `A vendor sent a JSON value nested deeper than ${max} levels; it was withheld`,
          );
        if (nestedDeeperThan(value, 1)) shallow.add(value);
      }
      return config.serialize ? config.serialize(value) : value;
    },
    parseValue(value) {
      if (nestedDeeperThan(value, max))
        throw new GatewayError('BAD_USER_INPUT', `JSON values may nest at most ${max} levels`);
      return config.parseValue ? config.parseValue(value) : value;
    },
  });
}

/** Throws unless the caller in `context` holds `role`. */
export function assertRole(context: IdentityContext | undefined, role: Role, fieldName: string): void {
  const identity = context?.identity;
  if (!identity) throw new GatewayError('UNAUTHENTICATED', 'Authentication required');
  if (!satisfies(identity.role, role)) {
    throw new GatewayError(
      'FORBIDDEN',
      `${fieldName} requires the ${role} role${identity.role ? ` (this caller is ${identity.role})` : ' (this caller has no role)'}`,
    );
  }
}

/** Returns `schema` with role checks wrapped around resolvers and a cost on every field. */
export function protectSchema(schema: GraphQLSchema, rules: CostRules, maxJsonDepth = 128): GraphQLSchema {
  const namespaces = namespaceTypes(schema);
  const facts: SchemaFacts = { vendorCount: namespaces.size, inputs: inputListSizes(schema) };
  const mutation = schema.getMutationType()?.name;
  return mapSchema(schema, {
    [MapperKind.SCALAR_TYPE]: (type) => (type.name === 'JSON' ? guardJsonScalar(type, maxJsonDepth) : type),
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const role = requirement(schema, field, typeName);
      const vendorField = typeName === mutation || namespaces.has(typeName);
      // A federation subgraph's `_entities` is priced per representation (src/security/entities.ts).
      const complexity =
        typeName === schema.getQueryType()?.name && fieldName === '_entities'
          ? entitiesComplexity(rules)
          : complexityOf(schema, field, typeName, vendorField, rules, facts);
      if (!role) return { ...field, extensions: { ...field.extensions, complexity } };
      const resolve = field.resolve ?? defaultFieldResolver;
      const label = `${typeName}.${fieldName}`;
      return {
        ...field,
        extensions: { ...field.extensions, requiresRole: role, complexity },
        resolve: (source, args, context, info) => {
          assertRole(context as IdentityContext, role, label);
          return resolve(source, args, context, info);
        },
      };
    },
  });
}
