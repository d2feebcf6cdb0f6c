import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { flowizeSimCall } from './sim-call.js';
import { expectViolation } from '../../support/violations.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };
const SEARCH = { method: 'POST', path: /^\/v1\/tables\/[^/]+\/search$/ };

describe('Flowize tables', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // The aliased batching test needs more aliases and tokens than the default request limits allow.
    gw = await startTestGateway({ VENDORGRAPH_MAX_ALIASES: '200', VENDORGRAPH_MAX_TOKENS: '5000' });
  });
  afterAll(() => gw.close());
  beforeEach(async () => {
    gw.sim('flowize').reset();
    // Log in once so that token calls do not count in the assertions below.
    await gw.gql('{ flowize { tableRow(table: "orders", id: "1") { id } } }');
    gw.sim('flowize').clearRequests();
  });

  it('reads one row by id with its columns and dates', async () => {
    const res = await gw.gql(
      '{ flowize { tableRow(table: "customers", id: "7") { table id createdAt updatedAt data email: column(name: "email") } } }',
    );
    expect(res.errors).toBeUndefined();
    const row = res.data!.flowize.tableRow;
    expect(row).toMatchObject({
      table: 'customers',
      id: '7',
      email: 'customer7@example.nl',
      createdAt: '2024-01-01T00:00:00.000Z',
    });
    expect(row.data).toMatchObject({
      name: expect.any(String),
      city: expect.any(String),
      credit_limit: expect.any(Number),
    });
    expect(row.data).not.toHaveProperty('id');
  });

  it('answers null for a row that does not exist', async () => {
    const res = await gw.gql('{ flowize { tableRow(table: "customers", id: "99999") { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize.tableRow).toBeNull();
  });

  it('batches 250 table rows by id into 3 searches', async () => {
    const sim = gw.sim('flowize');
    const ids = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const res = await gw.gql(
      'query($ids: [ID!]!) { flowize { tableRows(table: "customers", ids: $ids) { id email: column(name: "email") } } }',
      { ids },
      DEBUG,
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.flowize.tableRows;
    expect(rows).toHaveLength(250);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(ids);
    expect(rows[249].email).toBe('customer250@example.nl');
    expect(sim.count(SEARCH)).toBe(3);
    expect(sim.count()).toBe(3);
    expect(res.extensions!.upstream.flowize.calls).toBe(3);
    const sent = sim.requests.map((r) => JSON.parse(r.body));
    expect(sent.map((b) => b.where.rules[0].value.length).sort()).toEqual([100, 100, 50]);
    expect(sent[0].where.rules[0]).toMatchObject({ field: 'id', operator: 'in' });
  });

  it('batches aliased tableRow fields across tables, one search per table', async () => {
    const sim = gw.sim('flowize');
    const fields = [
      ...Array.from({ length: 110 }, (_, i) => `c${i}: tableRow(table: "customers", id: "${i + 1}") { id }`),
      ...Array.from({ length: 20 }, (_, i) => `o${i}: tableRow(table: "orders", id: "${i + 1}") { id data }`),
      'again: tableRow(table: "customers", id: "1") { id }',
      'missing: tableRow(table: "orders", id: "5000") { id }',
    ];
    const res = await gw.gql(`{ flowize { ${fields.join('\n')} } }`, {}, DEBUG);
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize.c109.id).toBe('110');
    expect(res.data!.flowize.o19.data.reference).toBe('ORD-20240019');
    expect(res.data!.flowize.again.id).toBe('1');
    expect(res.data!.flowize.missing).toBeNull();
    // customers: 110 ids → 2 searches; orders: 21 ids → 1 search.
    expect(sim.count(SEARCH)).toBe(3);
    expect(sim.count({ path: /customers/ })).toBe(2);
    expect(res.extensions!.upstream.flowize.calls).toBe(3);
  });

  it('fails only the rows of a failed batch', async () => {
    const sim = gw.sim('flowize');
    sim.fault({ path: '/v1/tables/orders/search', status: 500, times: 5 });
    const res = await gw.gql(
      '{ flowize { c: tableRow(table: "customers", id: "3") { id } o: tableRow(table: "orders", id: "3") { id } } }',
    );
    expect(res.data!.flowize.c.id).toBe('3');
    expect(res.data!.flowize.o).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      path: ['flowize', 'o'],
      extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'flowize' },
    });
  });

  it('searches with where rules, order and a total', async () => {
    const res =
      await gw.gql(`{ flowize { tableSearch(table: "customers", first: 5, orderField: "credit_limit", orderType: DESC,
      where: { condition: AND, rules: [{ field: "city", operator: EQUAL, value: "Utrecht" }, { field: "credit_limit", operator: GREATER_OR_EQUAL, value: 1500 }] }) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id data } } } }`);
    expect(res.errors).toBeUndefined();
    const conn = res.data!.flowize.tableSearch;
    expect(conn.nodes).toHaveLength(5);
    for (const n of conn.nodes) {
      expect(n.data.city).toBe('Utrecht');
      expect(n.data.credit_limit).toBeGreaterThanOrEqual(1500);
    }
    const limits = conn.nodes.map((n: { data: { credit_limit: number } }) => n.data.credit_limit);
    expect([...limits].sort((a, b) => b - a)).toEqual(limits);
    expect(conn.totalCount).toBeGreaterThan(5);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const body = JSON.parse(gw.sim('flowize').requests.at(-1)!.body);
    expect(body).toMatchObject({ limit: 5, offset: 0, order_field: 'credit_limit', order_type: 'DESC' });
    expect(body.where.rules[1]).toEqual({ field: 'credit_limit', operator: '>=', value: 1500 });
  });

  it('supports every documented operator', async () => {
    const cases: [string, string, (d: Record<string, any>, id: number) => boolean][] = [
      ['NOT_EQUAL', '"Utrecht"', (d) => d.city !== 'Utrecht'],
      ['LESS', '1000', (d) => d.credit_limit < 1000],
      ['GREATER', '2500', (d) => d.credit_limit > 2500],
      ['LESS_OR_EQUAL', '750', (d) => d.credit_limit <= 750],
      ['BETWEEN', '[1000, 1500]', (d) => d.credit_limit >= 1000 && d.credit_limit <= 1500],
      ['NOT_BETWEEN', '[1000, 2500]', (d) => d.credit_limit < 1000 || d.credit_limit > 2500],
      ['IN', '["Utrecht", "Tilburg"]', (d) => ['Utrecht', 'Tilburg'].includes(d.city)],
      ['NOT_IN', '["Utrecht", "Tilburg"]', (d) => !['Utrecht', 'Tilburg'].includes(d.city)],
      ['BEGINS_WITH', '"Jan"', (d) => d.name.startsWith('Jan')],
      ['NOT_BEGINS_WITH', '"Jan"', (d) => !d.name.startsWith('Jan')],
      ['ENDS_WITH', '" 12"', (d) => d.name.endsWith(' 12')],
      ['NOT_ENDS_WITH', '"0"', (d) => !d.name.endsWith('0')],
      ['CONTAINS', '"Berg"', (d) => d.name.includes('Berg')],
      ['NOT_CONTAINS', '"e"', (d) => !d.name.includes('e')],
    ];
    const field = (operator: string) =>
      /BEGINS|ENDS|CONTAINS/.test(operator)
        ? 'name'
        : /IN$/.test(operator) || operator === 'NOT_EQUAL'
          ? 'city'
          : 'credit_limit';
    const answers = await Promise.all(
      cases.map(([operator, value]) =>
        gw.gql(
          `{ flowize { tableSearch(table: "customers", first: 100, where: { rules: [{ field: "${field(operator)}", operator: ${operator}, value: ${value} }] }) { totalCount nodes { id data } } } }`,
        ),
      ),
    );
    for (const [i, [operator, , check]] of cases.entries()) {
      const res = answers[i];
      expect(res.errors, operator).toBeUndefined();
      const { nodes, totalCount } = res.data!.flowize.tableSearch;
      expect(nodes.length, operator).toBe(Math.min(totalCount, 100));
      expect(totalCount, operator).toBeGreaterThan(0);
      expect(totalCount, operator).toBeLessThan(300);
      for (const n of nodes) expect(check(n.data, Number(n.id)), `${operator} row ${n.id}`).toBe(true);
    }
  });

  it('finds empty and non-empty cells', async () => {
    await gw.gql(
      'mutation { flowizeTableInsert(input: { table: "orders", row: { customer_id: 1, reference: "", total: 1, status: "open" } }) { id } }',
    );
    const empty = await gw.gql(
      '{ flowize { tableSearch(table: "orders", where: { rules: [{ field: "reference", operator: IS_EMPTY }] }) { totalCount } } }',
    );
    const filled = await gw.gql(
      '{ flowize { tableSearch(table: "orders", where: { rules: [{ field: "reference", operator: IS_NOT_EMPTY }] }) { totalCount } } }',
    );
    expect(empty.data!.flowize.tableSearch.totalCount).toBe(1);
    expect(filled.data!.flowize.tableSearch.totalCount).toBe(120);
  });

  it('serves a first above 100 with several calls and pages on with the cursor', async () => {
    const sim = gw.sim('flowize');
    const res = await gw.gql(
      '{ flowize { tableSearch(table: "customers", first: 250) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }',
    );
    expect(res.errors).toBeUndefined();
    const conn = res.data!.flowize.tableSearch;
    expect(conn.nodes).toHaveLength(250);
    expect(conn.totalCount).toBe(300);
    expect(conn.nodes[249].id).toBe('250');
    expect(sim.count(SEARCH)).toBe(3);
    expect(sim.requests.map((r) => JSON.parse(r.body).limit)).toEqual([100, 100, 50]);
    const next = await gw.gql(
      'query($after: String) { flowize { tableSearch(table: "customers", first: 100, after: $after) { pageInfo { hasNextPage } nodes { id } } } }',
      { after: conn.pageInfo.endCursor },
    );
    expect(next.data!.flowize.tableSearch.nodes.map((n: { id: string }) => n.id)).toEqual(
      Array.from({ length: 50 }, (_, i) => String(251 + i)),
    );
    expect(next.data!.flowize.tableSearch.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a first above 500', async () => {
    const res = await gw.gql('{ flowize { tableSearch(table: "customers", first: 501) { totalCount } } }');
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('flowize').count()).toBe(0);
  });

  it('inserts a row as a plain object and as columns', async () => {
    const sim = gw.sim('flowize');
    const plain = await gw.gql(
      'mutation { flowizeTableInsert(input: { table: "orders", row: { customer_id: 12, reference: "ORD-NEW-1", total: 99.5, status: "open" } }) { table id createdAt data } }',
    );
    expect(plain.errors).toBeUndefined();
    expect(plain.data!.flowizeTableInsert).toMatchObject({
      table: 'orders',
      id: '121',
      data: { reference: 'ORD-NEW-1', total: 99.5 },
    });
    expect(plain.data!.flowizeTableInsert.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.parse(sim.requests.at(-1)!.body)).toEqual({
      customer_id: 12,
      reference: 'ORD-NEW-1',
      total: 99.5,
      status: 'open',
    });

    const cols = await gw.gql(
      'mutation { flowizeTableInsert(input: { table: "orders", columns: [{ name: "reference", value: "ORD-NEW-2" }, { name: "status", value: "paid" }] }) { id data } }',
    );
    expect(cols.errors).toBeUndefined();
    expect(cols.data!.flowizeTableInsert).toMatchObject({
      id: '122',
      data: { reference: 'ORD-NEW-2', status: 'paid' },
    });
    expect(JSON.parse(sim.requests.at(-1)!.body)).toEqual({
      columns: [
        { column_name: 'reference', column_value: 'ORD-NEW-2' },
        { column_name: 'status', column_value: 'paid' },
      ],
    });

    const back = await gw.gql('{ flowize { tableRow(table: "orders", id: "122") { data } } }');
    expect(back.data!.flowize.tableRow.data.reference).toBe('ORD-NEW-2');
  });

  it('passes on what Flowize rejects in an insert', async () => {
    const res = await gw.gql(
      'mutation { flowizeTableInsert(input: { table: "orders", row: { colour: "red" } }) { id } }',
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 400 });
    expect(res.errors![0].message).toContain('Column colour does not exist');
  });

  it('updates a row by id and reads it back', async () => {
    const res = await gw.gql(
      'mutation { flowizeTableUpdate(input: { table: "customers", id: "5", values: { city: "Leiden", credit_limit: 4000 } }) { table updatedCount row { id data updatedAt } } }',
    );
    expect(res.errors).toBeUndefined();
    const payload = res.data!.flowizeTableUpdate;
    expect(payload).toMatchObject({
      table: 'customers',
      updatedCount: 1,
      row: { id: '5', data: { city: 'Leiden', credit_limit: 4000 } },
    });
    const put = gw.sim('flowize').requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/v1/tables/customers/5');
    expect(JSON.parse(put.body).columns).toEqual([
      { column_name: 'city', column_value: 'Leiden' },
      { column_name: 'credit_limit', column_value: 4000 },
    ]);
  });

  it('updates the rows a where picks', async () => {
    const res =
      await gw.gql(`mutation { flowizeTableUpdate(input: { table: "orders", columns: [{ name: "status", value: "archived" }],
      where: { rules: [{ field: "status", operator: EQUAL, value: "cancelled" }] }, limit: 10, orderField: "id", orderType: ASC }) { updatedCount row { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeTableUpdate).toEqual({ updatedCount: 10, row: null });
    const archived = await gw.gql(
      '{ flowize { tableSearch(table: "orders", where: { rules: [{ field: "status", operator: EQUAL, value: "archived" }] }) { totalCount } } }',
    );
    expect(archived.data!.flowize.tableSearch.totalCount).toBe(10);
  });

  it('reports VENDOR_NOT_FOUND when updating or deleting a missing row', async () => {
    const upd = await gw.gql(
      'mutation { flowizeTableUpdate(input: { table: "customers", id: "99999", values: { city: "X" } }) { updatedCount } }',
    );
    expect(upd.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendor: 'flowize', vendorStatus: 404 });
    const del = await gw.gql('mutation { flowizeTableDelete(table: "customers", id: "99999") { id } }');
    expect(del.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND' });
  });

  it('deletes a row', async () => {
    const res = await gw.gql('mutation { flowizeTableDelete(table: "orders", id: "4") { table id message } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeTableDelete).toEqual({
      table: 'orders',
      id: '4',
      message: 'Successfully deleted row 4 in table orders',
    });
    const gone = await gw.gql('{ flowize { tableRow(table: "orders", id: "4") { id } } }');
    expect(gone.data!.flowize.tableRow).toBeNull();
  });

  it('reports an unknown table as VENDOR_NOT_FOUND in searches', async () => {
    const res = await gw.gql('{ flowize { tableSearch(table: "invoices") { totalCount } } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendor: 'flowize' });
  });

  it.each([
    ['a table name with ..', '{ flowize { tableRow(table: "..", id: "1") { id } } }'],
    ['a table name with /', '{ flowize { tableRow(table: "orders/../customers", id: "1") { id } } }'],
    ['an empty table name', '{ flowize { tableSearch(table: "") { totalCount } } }'],
    ['a non-numeric id', '{ flowize { tableRow(table: "orders", id: "1 OR 1=1") { id } } }'],
    [
      'too many ids',
      `{ flowize { tableRows(table: "orders", ids: [${Array.from({ length: 1001 }, (_, i) => `"${i + 1}"`).join(',')}]) { id } } }`,
    ],
    [
      'BETWEEN with one value',
      '{ flowize { tableSearch(table: "orders", where: { rules: [{ field: "total", operator: BETWEEN, value: [1] }] }) { totalCount } } }',
    ],
    [
      'IN with no list',
      '{ flowize { tableSearch(table: "orders", where: { rules: [{ field: "id", operator: IN, value: 3 }] }) { totalCount } } }',
    ],
    [
      'IS_EMPTY with a value',
      '{ flowize { tableSearch(table: "orders", where: { rules: [{ field: "reference", operator: IS_EMPTY, value: "x" }] }) { totalCount } } }',
    ],
    [
      'EQUAL with an object',
      '{ flowize { tableSearch(table: "orders", where: { rules: [{ field: "reference", operator: EQUAL, value: { a: 1 } }] }) { totalCount } } }',
    ],
    ['empty rules', '{ flowize { tableSearch(table: "orders", where: { rules: [] }) { totalCount } } }'],
    [
      'an insert with both forms',
      'mutation { flowizeTableInsert(input: { table: "orders", row: { status: "x" }, columns: [{ name: "status", value: "x" }] }) { id } }',
    ],
    ['an insert with neither form', 'mutation { flowizeTableInsert(input: { table: "orders" }) { id } }'],
    [
      'an insert that sets the id',
      'mutation { flowizeTableInsert(input: { table: "orders", row: { id: 5, status: "x" } }) { id } }',
    ],
    [
      'an update without id or where',
      'mutation { flowizeTableUpdate(input: { table: "orders", values: { status: "x" } }) { updatedCount } }',
    ],
    [
      'an update with a limit above 100',
      'mutation { flowizeTableUpdate(input: { table: "orders", values: { status: "x" }, where: { rules: [{ field: "id", operator: GREATER, value: 1 }] }, limit: 101 }) { updatedCount } }',
    ],
    ['a delete of table ..', 'mutation { flowizeTableDelete(table: "..", id: "1") { id } }'],
  ])('rejects %s with BAD_USER_INPUT before calling Flowize', async (_name, query) => {
    const res = await gw.gql(query);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('flowize').count()).toBe(0);
  });
});

describe('Flowize tables simulator', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const call = flowizeSimCall(() => gw);

  it('takes and answers XML when the Content-Type asks for it', async () => {
    const res = await call(
      'POST',
      '/v1/tables/orders/',
      'application/xml',
      '<row><reference>ORD-XML</reference><status>open</status></row>',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const text = await res.text();
    expect(text).toContain('<reference>ORD-XML</reference>');
    expect(text).toContain('<max_results>0</max_results>');
  });

  it('speaks the documented search envelope and refuses limits above 100', async () => {
    expectViolation('flowize', 'paging');
    const ok = await call(
      'POST',
      '/v1/tables/customers/search',
      'application/json',
      JSON.stringify({ limit: 10, offset: 20 }),
    );
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ total: 10, start_at: 20, next_element: 30, limit: 10, offset: 20, max_results: 300 });
    const big = await call('POST', '/v1/tables/customers/search', 'application/json', JSON.stringify({ limit: 101 }));
    expect(big.status).toBe(400);
    expect(await big.json()).toEqual({
      resource: [],
      error: { code: 400, message: 'limit must be between 1 and 100' },
    });
  });

  it('requires credentials', async () => {
    expectViolation('flowize', 'auth.missing');
    const res = await call('GET', '/v1/tables/customers/1', 'application/json', undefined, false);
    expect(res.status).toBe(401);
  });
});
