import { describe, expect, it } from 'vitest';
import { decodeCursor, offsetConnection, pagedConnection, tokenConnection } from '../../src/connections.js';

const ITEMS = Array.from({ length: 250 }, (_, i) => `item-${i}`);

/** An offset/limit vendor that records its calls. */
function offsetVendor(maxPage: number, withTotal = true) {
  const calls: [number, number][] = [];
  return {
    calls,
    fetch: async (offset: number, limit: number) => {
      calls.push([offset, limit]);
      return {
        items: ITEMS.slice(offset, offset + Math.min(limit, maxPage)),
        ...(withTotal && { total: ITEMS.length }),
      };
    },
  };
}

describe('offsetConnection', () => {
  it('serves a first above the page maximum with several calls', async () => {
    const v = offsetVendor(100);
    const c = await offsetConnection({ first: 150 }, { maxPageSize: 100, fetch: v.fetch });
    expect(c.nodes).toEqual(ITEMS.slice(0, 150));
    expect(v.calls).toEqual([
      [0, 100],
      [100, 50],
    ]);
    expect(c.totalCount).toBe(250);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('continues after a cursor and stops at the end', async () => {
    const v = offsetVendor(100);
    const first = await offsetConnection({ first: 200 }, { maxPageSize: 100, fetch: v.fetch });
    const next = await offsetConnection(
      { first: 100, after: first.pageInfo.endCursor },
      { maxPageSize: 100, fetch: v.fetch },
    );
    expect(next.nodes).toEqual(ITEMS.slice(200));
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('walks back with last/before', async () => {
    const v = offsetVendor(100);
    const page = await offsetConnection(
      {
        first: 30,
        after: (await offsetConnection({ first: 20 }, { maxPageSize: 100, fetch: v.fetch })).pageInfo.endCursor,
      },
      { maxPageSize: 100, fetch: v.fetch },
    );
    const back = await offsetConnection(
      { last: 5, before: page.pageInfo.startCursor },
      { maxPageSize: 100, fetch: v.fetch },
    );
    expect(back.nodes).toEqual(ITEMS.slice(15, 20));
    const tail = await offsetConnection({ last: 3 }, { maxPageSize: 100, fetch: v.fetch });
    expect(tail.nodes).toEqual(ITEMS.slice(247));
  });

  it('finds hasNextPage with one look-ahead when the vendor gives no total', async () => {
    const v = offsetVendor(100, false);
    const c = await offsetConnection({ first: 10 }, { maxPageSize: 100, fetch: v.fetch });
    expect(c.totalCount).toBeNull();
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(v.calls).toEqual([
      [0, 10],
      [10, 1],
    ]);
  });

  it('rejects bad arguments and forged cursors with BAD_USER_INPUT', async () => {
    const v = offsetVendor(100);
    const options = { maxPageSize: 100, fetch: v.fetch };
    await expect(offsetConnection({ first: -1 }, options)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(offsetConnection({ first: 501 }, options)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'first must be at most 500',
    });
    await expect(offsetConnection({ first: 1, last: 1 }, options)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(offsetConnection({ after: 'not-a-cursor' }, options)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'after is not a valid cursor',
    });
    const forged = Buffer.from('vg1:{"o":-5}').toString('base64url');
    await expect(offsetConnection({ after: forged }, options)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(v.calls).toEqual([]);
  });
});

describe('pagedConnection', () => {
  it('maps first/after onto page/pageSize and fetches each page once', async () => {
    const pages: [number, number][] = [];
    const fetchPage = async (page: number, size: number) => {
      pages.push([page, size]);
      return { items: ITEMS.slice((page - 1) * size, page * size), total: ITEMS.length };
    };
    const c = await pagedConnection({ first: 25 }, { maxPageSize: 100, fetchPage });
    expect(c.nodes).toEqual(ITEMS.slice(0, 25));
    const next = await pagedConnection({ first: 25, after: c.pageInfo.endCursor }, { maxPageSize: 100, fetchPage });
    expect(next.nodes).toEqual(ITEMS.slice(25, 50));
    expect(pages).toEqual([
      [1, 25],
      [2, 25],
    ]);
  });
});

describe('tokenConnection', () => {
  it('carries the vendor continuation token in the cursor', async () => {
    const fetch = async (token: unknown, limit: number) => {
      const start = token === undefined ? 0 : Number(token) + 1;
      const items = ITEMS.slice(start, start + limit);
      return { items, tokens: items.map((_, i) => start + i), hasMore: start + limit < ITEMS.length };
    };
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let i = 0; i < 10; i++) {
      const c = await tokenConnection({ first: 100, after }, { maxPageSize: 100, fetch });
      seen.push(...c.nodes);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(ITEMS);
    expect(decodeCursor(after!, 'after')).toEqual({ t: 199 });
    await expect(tokenConnection({ last: 1 }, { maxPageSize: 100, fetch })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('every connection helper', () => {
  const vendor = offsetVendor(100);
  const page = (c: { pageInfo: { hasNextPage: boolean; endCursor: string | null } }) => c.pageInfo;

  it('never reports hasNextPage with a null endCursor, on full, partial and empty pages', async () => {
    const pages = [
      await offsetConnection({ first: 0 }, { maxPageSize: 100, fetch: vendor.fetch }),
      await offsetConnection({ first: 10 }, { maxPageSize: 100, fetch: vendor.fetch }),
      await offsetConnection(
        {
          last: 0,
          before: (await offsetConnection({ first: 5 }, { maxPageSize: 100, fetch: vendor.fetch })).pageInfo.endCursor,
        },
        { maxPageSize: 100, fetch: vendor.fetch },
      ),
      await pagedConnection(
        { first: 0 },
        {
          maxPageSize: 50,
          fetchPage: async (p, size) => ({ items: ITEMS.slice((p - 1) * size, p * size), total: ITEMS.length }),
        },
      ),
      await pagedConnection(
        { first: 7 },
        { maxPageSize: 50, fetchPage: async (p, size) => ({ items: ITEMS.slice((p - 1) * size, p * size) }) },
      ),
      await tokenConnection(
        { first: 0 },
        { maxPageSize: 50, fetch: async () => ({ items: [], tokens: [], hasMore: true }) },
      ),
    ];
    for (const c of pages) {
      if (page(c).hasNextPage) expect(page(c).endCursor).toEqual(expect.any(String));
    }
    // The empty token page does say more follows, and names where to continue.
    expect(page(pages[5])).toMatchObject({ hasNextPage: true, endCursor: expect.any(String) });
  });

  it('continues an empty first page from its endCursor without skipping the first item', async () => {
    const tokens: unknown[] = [];
    const fetch = async (token: unknown, limit: number) => {
      tokens.push(token);
      const from = typeof token === 'number' ? token + 1 : 0;
      const items = ITEMS.slice(from, from + limit);
      return { items, tokens: items.map((_, i) => from + i), hasMore: from + limit < ITEMS.length };
    };
    const empty = await tokenConnection({ first: 0 }, { maxPageSize: 50, fetch });
    const next = await tokenConnection({ first: 3, after: empty.pageInfo.endCursor }, { maxPageSize: 50, fetch });
    expect(next.nodes).toEqual(ITEMS.slice(0, 3));
  });

  it('refuses a token page that has more items but no continuation token for its last item', async () => {
    await expect(
      tokenConnection(
        { first: 2 },
        { maxPageSize: 50, fetch: async () => ({ items: ['a', 'b'], tokens: [['1', 'a'], null], hasMore: true }) },
      ),
    ).rejects.toThrow(/continuation token/);
  });

  it('refuses a before cursor of -1', async () => {
    const minusOne = Buffer.from('vg1:{"o":-1}').toString('base64url');
    await expect(
      offsetConnection({ last: 1, before: minusOne }, { maxPageSize: 100, fetch: vendor.fetch }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
