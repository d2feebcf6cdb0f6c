/**
 * Query costs remembered per parsed document. Apollo keeps one parsed, validated DocumentNode per
 * distinct query text, so repeats of an operation reach the cost rule with the same object; the
 * cost of a document depends only on it, the operation name and the variables, and computing it
 * walks the whole document with type information on every request.
 *
 * Only the variables that can change a cost are part of the key: a variable whose type is a scalar
 * other than Int and Float, or an enum (a record's uuid, a search text, a flag), reaches no page
 * size and no list, so `record(uuid: $uuid)` is costed once however many uuids it is asked with.
 * Int/Float, list and input-object variables (page sizes, id lists, filters holding lists) stay in
 * the key, and so does the whole variable set when the operation cannot be found.
 */
import {
  Kind,
  isEnumType,
  isScalarType,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type TypeNode,
} from 'graphql';

/** Variable sets remembered per document and operation (an operation's variables may vary per request). */
const PER_DOCUMENT = 64;

interface OperationCosts {
  /** The variables that can change the cost; undefined: all of them. */
  relevant: string[] | undefined;
  costs: Map<string, number>;
}

const costs = new WeakMap<DocumentNode, Map<string, OperationCosts>>();

function namedType(type: TypeNode): string | undefined {
  if (type.kind === Kind.NON_NULL_TYPE) return namedType(type.type);
  return type.kind === Kind.NAMED_TYPE ? type.name.value : undefined;
}

/** Whether a variable of `type` can change an operation's cost. */
function costRelevant(schema: GraphQLSchema, type: TypeNode): boolean {
  const name = namedType(type);
  if (name === undefined) return true; // a list
  const named = schema.getType(name);
  if (isEnumType(named)) return false;
  return !(isScalarType(named) && name !== 'Int' && name !== 'Float');
}

function relevantVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): string[] | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operationName === undefined
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((o) => o.name?.value === operationName);
  if (!operation) return undefined;
  return (operation.variableDefinitions ?? [])
    .filter((v) => costRelevant(schema, v.type))
    .map((v) => v.variable.name.value);
}

/** The cost of `document` with `operationName` and `variables`, computed by `compute` when unknown. */
export function cachedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  compute: () => number,
): number {
  let perOperation = costs.get(document);
  if (!perOperation) costs.set(document, (perOperation = new Map()));
  let known = perOperation.get(operationName ?? '');
  if (!known) {
    known = { relevant: relevantVariables(schema, document, operationName), costs: new Map() };
    perOperation.set(operationName ?? '', known);
  }
  let key: string;
  try {
    key = known.relevant
      ? JSON.stringify(known.relevant.filter((name) => name in variables).map((name) => [name, variables[name]]))
      : JSON.stringify(variables);
  } catch {
    // Variables too deep to serialize are refused later, by their own check: no caching here.
    return compute();
  }
  let cost = known.costs.get(key);
  if (cost === undefined) {
    cost = compute();
    if (known.costs.size >= PER_DOCUMENT) known.costs.clear();
    known.costs.set(key, cost);
  }
  return cost;
}
