/**
 * The price of a federation `_entities` field (subgraph mode): a router's batch of
 * representations is one field, but each representation is an object of the answer and each
 * distinct one may cost a vendor call. Priced like that, 10,000 representations are refused by
 * the cost limit before any resolver runs, and a router's ordinary batch (tens or hundreds of
 * representations, many repeated) passes.
 */
import type { CostRules } from './schema.js';

/** A representation's identity for pricing: its fields in a stable order (repeats cost no call). */
function identity(representation: unknown): string {
  if (representation === null || typeof representation !== 'object') return String(representation);
  return JSON.stringify(Object.entries(representation).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * `_entities(representations:)` costs 1, plus `vendorFieldCost` per distinct representation (the
 * vendor calls it may make), plus 1 and the selection's cost per representation (the answer).
 */
export function entitiesComplexity(rules: CostRules) {
  return ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number => {
    const representations = Array.isArray(args.representations) ? (args.representations as unknown[]) : [];
    const distinct = new Set(representations.map(identity)).size;
    return 1 + distinct * rules.vendorFieldCost + representations.length * (1 + childComplexity);
  };
}
