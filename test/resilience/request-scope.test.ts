/**
 * Each operation's vendor calls are counted, budgeted and timed against that operation alone.
 * The scope travels explicitly (the request context, views of the shared clients bound to it,
 * src/kit/scoped.ts) rather than through AsyncLocalStorage, so these check what a user would see
 * if it went astray: `extensions.upstream` of concurrent operations, token calls made for an
 * operation, and the upstream budget.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers.js';
import { resetAppmixer } from '../vendors/appmixer/reset.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };

describe('the request scope', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('counts the token call an operation needed in that operation, and only there', async () => {
    await resetAppmixer(gw);
    const first = await gw.gql('{ appmixer { stores { id } } }', {}, DEBUG);
    expect(first.errors).toBeUndefined();
    // POST /user/auth, then GET /stores.
    expect(first.extensions?.upstream?.appmixer?.calls).toBe(2);
    // GET /flows/nope (a 404, read as null).
    const second = await gw.gql('{ appmixer { flow(id: "nope") { id } } }', {}, DEBUG);
    expect(second.errors).toBeUndefined();
    expect(second.extensions?.upstream?.appmixer?.calls).toBe(1);
  });

  it('keeps concurrent operations apart: each sees exactly its own vendor calls', async () => {
    // Warm the Flowize token so that no operation below pays for it.
    await gw.gql('{ flowize { records(first: 1) { nodes { uuid } } } }');
    const listed = await gw.gql<{ flowize: { records: { nodes: { uuid: string }[] } } }>(
      '{ flowize { records(first: 40) { nodes { uuid } } } }',
    );
    const uuids = listed.data!.flowize.records.nodes.map((n) => n.uuid);
    expect(new Set(uuids).size).toBeGreaterThanOrEqual(36);
    // Operation i reads i + 1 records no other operation reads, one aliased field each: i + 1
    // calls (none cached yet, none shared).
    const queries = Array.from({ length: 8 }, (_, i) => {
      const start = (i * (i + 1)) / 2;
      const fields = uuids
        .slice(start, start + i + 1)
        .map((uuid, j) => `r${j}: record(uuid: "${uuid}") { uuid }`)
        .join(' ');
      return `{ flowize { ${fields} } }`;
    });
    const answers = await Promise.all(queries.map((q) => gw.gql(q, {}, DEBUG)));
    answers.forEach((answer, i) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.extensions?.upstream?.flowize?.calls).toBe(i + 1);
    });
  });

  it('spends the budget of the operation that made the calls', async () => {
    const tight = await startTestGateway({ VENDORGRAPH_UPSTREAM_BUDGET: '1' });
    try {
      // The first operation's token call takes its only call: the read itself is refused.
      const first = await tight.gql('{ appmixer { stores { id } } }', {}, DEBUG);
      expect(first.errors?.[0]?.extensions?.code).toBe('UPSTREAM_BUDGET_EXCEEDED');
      expect(first.extensions?.upstream?.appmixer?.calls).toBe(1);
      // The next operation has its own budget (and the token is already there).
      const second = await tight.gql('{ appmixer { stores { id } } }', {}, DEBUG);
      expect(second.errors).toBeUndefined();
      expect(second.extensions?.upstream?.appmixer?.calls).toBe(1);
    } finally {
      await tight.close();
    }
  });
});

describe('no AsyncLocalStorage in the gateway', () => {
  it('is used nowhere in src/ (its promise hooks would cost every promise on Node 20)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(new URL('../../src', import.meta.url).pathname);
    const users = files.filter((f) => /new AsyncLocalStorage|from 'node:async_hooks'/.test(readFileSync(f, 'utf8')));
    expect(users).toEqual([]);
  });
});
