/**
 * Relay connections over every vendor paging style. Resolvers hand `first/after/last/before` and a
 * fetch function to one of the helpers; the helper validates the arguments, decodes the opaque
 * cursor, makes as many vendor calls as the page needs (when `first` is above the vendor's
 * maximum page size) and builds `edges`, `pageInfo` and `totalCount`.
 */
import { badUserInput } from './errors.js';
import { lazyEdges } from './lazy-edges.js';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const PREFIX = 'vg1:';

/** Encodes a cursor; its content is private to the gateway. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(PREFIX + JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor, or fails with BAD_USER_INPUT naming the argument. */
export function decodeCursor(cursor: string, arg: string): Record<string, unknown> {
  try {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!text.startsWith(PREFIX)) throw new Error('prefix');
    const value = JSON.parse(text.slice(PREFIX.length)) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('shape');
    return value as Record<string, unknown>;
  } catch {
    throw badUserInput(`${arg} is not a valid cursor`);
  }
}

function offsetFrom(cursor: string | null | undefined, arg: string): number | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const o = decodeCursor(cursor, arg).o;
  // -1 is "before the first item": the end cursor of an empty page at the start (`first: 0`).
  const min = arg === 'after' ? -1 : 0;
  if (typeof o !== 'number' || !Number.isInteger(o) || o < min) throw badUserInput(`${arg} is not a valid cursor`);
  return o;
}

/**
 * The one rule every connection keeps, whatever the vendor's paging style: a page that says more
 * follows names where to continue. A client that follows `hasNextPage` with a null `endCursor`
 * would ask for the first page again, forever. Throws (a gateway bug, never the caller's) when
 * a helper would break it.
 */
export function checkPageInfo(pageInfo: PageInfo): PageInfo {
  if (pageInfo.hasNextPage && !pageInfo.endCursor)
    throw new Error('invariant: a connection with hasNextPage needs an endCursor');
  return pageInfo;
}

function checkCount(value: number | null | undefined, arg: string, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < 0) throw badUserInput(`${arg} must be a non-negative integer`);
  if (value > max) throw badUserInput(`${arg} must be at most ${max}`);
  return value;
}

export interface OffsetPage<T> {
  items: T[];
  /** The vendor's total, when it reports one. */
  total?: number;
}

export interface OffsetConnectionOptions<T> {
  /** Page size when neither `first` nor `last` is given. */
  defaultSize?: number;
  /** Largest page one vendor call may return; bigger requests are served by several calls. */
  maxPageSize: number;
  /** Largest `first`/`last` accepted (default 500). */
  maxFirst?: number;
  /** One vendor call: `limit` items from `offset`. */
  fetch(offset: number, limit: number): Promise<OffsetPage<T>>;
}

/**
 * A connection over offset/limit paging (Flowize, Appmixer, table searches). Cursors carry the
 * item's absolute offset. `last`/`before` are supported because offsets allow walking back.
 */
export async function offsetConnection<T>(
  args: ConnectionArgs,
  options: OffsetConnectionOptions<T>,
): Promise<Connection<T>> {
  const maxFirst = options.maxFirst ?? 500;
  const first = checkCount(args.first, 'first', maxFirst);
  const last = checkCount(args.last, 'last', maxFirst);
  if (first !== undefined && last !== undefined) throw badUserInput('first and last cannot be used together');
  const after = offsetFrom(args.after, 'after');
  const before = offsetFrom(args.before, 'before');

  let start = after === undefined ? 0 : after + 1;
  let end: number | undefined = before; // exclusive
  let size: number;
  if (last !== undefined) {
    const upper = end ?? Infinity;
    if (upper === Infinity) {
      // Walking back from the end needs the total: ask for it with an empty-ish first page.
      const probe = await options.fetch(0, 1);
      if (probe.total === undefined) throw badUserInput('last without before needs a vendor that reports totals');
      end = probe.total;
    }
    start = Math.max(start, (end as number) - last);
    size = (end as number) - start;
  } else {
    size = first ?? options.defaultSize ?? Math.min(options.maxPageSize, 20);
    if (end !== undefined) size = Math.min(size, Math.max(0, end - start));
  }

  const items: T[] = [];
  let total: number | undefined;
  let exhausted = false;
  // Ask for one item more than needed when the vendor gives no total, to know hasNextPage.
  while (items.length < size && !exhausted) {
    const want = Math.min(options.maxPageSize, size - items.length);
    const page = await options.fetch(start + items.length, want);
    total = page.total ?? total;
    items.push(...page.items);
    if (page.items.length < want) exhausted = true;
    if (total !== undefined && start + items.length >= total) exhausted = true;
  }
  const nodes = items.slice(0, size);
  let hasNextPage: boolean;
  if (total !== undefined) hasNextPage = start + nodes.length < total;
  else if (exhausted || size === 0) hasNextPage = false;
  else hasNextPage = (await options.fetch(start + nodes.length, 1)).items.length > 0;

  const lazy = lazyEdges(nodes, (i) => encodeCursor({ o: start + i }));
  const more = end !== undefined && last === undefined ? hasNextPage && start + nodes.length < end : hasNextPage;
  return {
    get edges() {
      return lazy.edges;
    },
    nodes,
    pageInfo: checkPageInfo({
      hasNextPage: more,
      hasPreviousPage: start > 0,
      get startCursor() {
        return lazy.startCursor;
      },
      // An empty page (`first: 0`) that has more still says where to continue: right before it.
      get endCursor() {
        return lazy.endCursor ?? (more ? encodeCursor({ o: start - 1 }) : null);
      },
    }),
    totalCount: total ?? null,
  };
}

export interface NumberedPageOptions<T> extends Omit<OffsetConnectionOptions<T>, 'fetch'> {
  /** One vendor call for the 1-based `page` of `pageSize` items. */
  fetchPage(page: number, pageSize: number): Promise<OffsetPage<T>>;
}

/**
 * A connection over page/pageSize paging (flexiPIM, Flxpoint): the requested window is served from
 * the pages that cover it, each fetched once with a page size of `first` capped at the vendor's max.
 */
export async function pagedConnection<T>(
  args: ConnectionArgs,
  options: NumberedPageOptions<T>,
): Promise<Connection<T>> {
  const requested = args.first ?? args.last ?? options.defaultSize ?? Math.min(options.maxPageSize, 20);
  const pageSize = Math.max(1, Math.min(options.maxPageSize, requested || 1));
  const pages = new Map<number, Promise<OffsetPage<T>>>();
  const page = (n: number) => {
    if (!pages.has(n)) pages.set(n, options.fetchPage(n, pageSize));
    return pages.get(n)!;
  };
  return offsetConnection(args, {
    ...options,
    async fetch(offset, limit) {
      const items: T[] = [];
      let total: number | undefined;
      let n = Math.floor(offset / pageSize) + 1;
      let skip = offset % pageSize;
      while (items.length < limit) {
        const result = await page(n);
        total = result.total ?? total;
        items.push(...result.items.slice(skip, skip + (limit - items.length)));
        if (result.items.length < pageSize) break;
        n += 1;
        skip = 0;
      }
      return { items, total };
    },
  });
}

export interface TokenPage<T> {
  items: T[];
  /** The vendor token that continues after each item (e.g. Appmixer searchAfter values). */
  tokens: unknown[];
  hasMore: boolean;
  total?: number;
}

/**
 * A connection over forward-only cursor paging (Appmixer logs' searchAfter): the cursor carries the
 * vendor's own continuation token. `last`/`before` are refused.
 */
export async function tokenConnection<T>(
  args: ConnectionArgs,
  options: { maxPageSize: number; defaultSize?: number; fetch(token: unknown, limit: number): Promise<TokenPage<T>> },
): Promise<Connection<T>> {
  if (args.last != null || args.before != null) throw badUserInput('this list can only be paged forward (first/after)');
  const size = checkCount(args.first, 'first', options.maxPageSize) ?? options.defaultSize ?? options.maxPageSize;
  const token = args.after ? decodeCursor(args.after, 'after').t : undefined;
  const page = await options.fetch(token, size);
  // A hit without a continuation token cannot be continued from: a cursor of null would start
  // over from the first page, so a client following hasNextPage would loop forever.
  const last = page.items.length > 0 ? page.tokens[page.items.length - 1] : token;
  if (page.hasMore && page.items.length > 0 && (last === undefined || last === null)) {
    throw new Error('invariant: a token page with more items needs a continuation token for its last item');
  }
  const lazy = lazyEdges(page.items, (i) => encodeCursor({ t: page.tokens[i] ?? null }));
  return {
    get edges() {
      return lazy.edges;
    },
    nodes: page.items,
    pageInfo: checkPageInfo({
      hasNextPage: page.hasMore,
      hasPreviousPage: args.after != null,
      get startCursor() {
        return lazy.startCursor;
      },
      // An empty page (`first: 0`) continues from where it was asked.
      get endCursor() {
        return lazy.endCursor ?? (page.hasMore ? (args.after ?? encodeCursor({ t: null })) : null);
      },
    }),
    totalCount: page.total ?? null,
  };
}
