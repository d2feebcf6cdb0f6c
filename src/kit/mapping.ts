/**
 * Mapping helpers for vendor models: field resolvers read from one mapper, so a type whose parent
 * is the vendor's own record lists its mapped fields once instead of one resolver line per field.
 */

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
