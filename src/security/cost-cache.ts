/**
 * Query costs remembered per parsed document. Apollo keeps one parsed, validated DocumentNode per
 * distinct query text, so repeats of an operation reach the cost rule with the same object; the
 * cost of a document depends only on it, the operation name and the variables, and computing it
 * walks the whole document with type information on every request.
 */
import type { DocumentNode } from 'graphql';

/** Variable sets remembered per document (an operation's variables may vary per request). */
const PER_DOCUMENT = 64;

const costs = new WeakMap<DocumentNode, Map<string, number>>();

/** The cost of `document` with `operationName` and `variables`, computed by `compute` when unknown. */
export function cachedCost(
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  compute: () => number,
): number {
  let key: string;
  try {
    key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
  } catch {
    // Variables too deep to serialize are refused later, by their own check: no caching here.
    return compute();
  }
  let known = costs.get(document);
  if (!known) costs.set(document, (known = new Map()));
  let cost = known.get(key);
  if (cost === undefined) {
    cost = compute();
    if (known.size >= PER_DOCUMENT) known.clear();
    known.set(key, cost);
  }
  return cost;
}
