/**
 * Connection edges built only when a query reads them. Most list queries ask for `nodes` alone,
 * and encoding a cursor for every item of every list (a base64 of a small JSON) was a visible share
 * of the fan-out profiles; `edges`, `startCursor` and `endCursor` are now getters that encode on
 * first read and keep the result.
 */

/** `edges` and the page's first and last cursor for `nodes`, each computed on first read. */
export function lazyEdges<T>(nodes: readonly T[], cursorAt: (index: number) => string) {
  let edges: { cursor: string; node: T }[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node, i) => ({ cursor: cursorAt(i), node })));
    },
    get startCursor(): string | null {
      return edges ? (edges[0]?.cursor ?? null) : nodes.length > 0 ? cursorAt(0) : null;
    },
    get endCursor(): string | null {
      return edges ? (edges.at(-1)?.cursor ?? null) : nodes.length > 0 ? cursorAt(nodes.length - 1) : null;
    },
  };
}
