/**
 * Bounded list arguments. Every list argument and list input field carries
 * `@listSize(max:, perCall:)` in the SDL (schema/base.graphql): more than `max` items is
 * BAD_USER_INPUT before any vendor call, and `perCall` (how many items one vendor call carries)
 * tells the query cost how many vendor calls the list implies. A conventions test fails when a
 * list argument has no bound.
 *
 * The check runs inside the cost computation (src/security/schema.ts), which sees every field's
 * arguments with variables and inline literals already coerced, so both are held to the same bound.
 */
import { getDirective } from '@graphql-tools/utils';
import {
  getNullableType,
  isInputObjectType,
  isListType,
  type GraphQLArgumentConfig,
  type GraphQLInputFieldConfig,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { GatewayError } from '../errors.js';

/** The bound of one list. */
export interface ListSize {
  max: number;
  /** Items one vendor call carries: 0 = the whole list in one call; undefined = the list implies no calls of its own. */
  perCall?: number;
}

/** `@listSize` of an argument or input field, if it has one. */
export function listSizeOf(
  schema: GraphQLSchema,
  node: GraphQLArgumentConfig | GraphQLInputFieldConfig,
): ListSize | undefined {
  const d = getDirective(schema, node, 'listSize')?.[0] as { max?: number; perCall?: number } | undefined;
  return d && typeof d.max === 'number' ? { max: d.max, perCall: d.perCall ?? undefined } : undefined;
}

/** Input object type name → its list fields' bounds, read once from the schema. */
export function inputListSizes(schema: GraphQLSchema): Map<string, Map<string, ListSize>> {
  const out = new Map<string, Map<string, ListSize>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
    const fields = new Map<string, ListSize>();
    for (const [name, field] of Object.entries(type.toConfig().fields)) {
      const size = listSizeOf(schema, field);
      if (size) fields.set(name, size);
    }
    if (fields.size > 0) out.set(type.name, fields);
  }
  return out;
}

/**
 * Checks one argument value against its bound and the bounds of the input fields inside it;
 * returns the vendor calls its lists imply. `path` names the argument in errors (`input.records`).
 */
export function checkListValue(
  type: GraphQLInputType,
  value: unknown,
  own: ListSize | undefined,
  path: string,
  inputs: Map<string, Map<string, ListSize>>,
): number {
  if (value === null || value === undefined) return 0;
  const t = getNullableType(type);
  if (isListType(t)) {
    const items = Array.isArray(value) ? value : [value];
    if (own && items.length > own.max) {
      throw new GatewayError('BAD_USER_INPUT', `${path} takes at most ${own.max} items (got ${items.length})`, {
        retryable: false,
      });
    }
    let calls =
      own?.perCall === undefined || items.length === 0
        ? 0
        : own.perCall === 0
          ? 1
          : Math.ceil(items.length / own.perCall);
    for (const [i, item] of items.entries())
      calls += checkListValue(t.ofType as GraphQLInputType, item, undefined, `${path}[${i}]`, inputs);
    return calls;
  }
  if (isInputObjectType(t) && typeof value === 'object') {
    const bounds = inputs.get(t.name);
    const fields = t.getFields();
    let calls = 0;
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) calls += checkListValue(field.type, v, bounds?.get(name), `${path}.${name}`, inputs);
    }
    return calls;
  }
  return 0;
}
