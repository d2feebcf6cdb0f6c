import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };
const SOURCE_101 = 'sandbox-flxpoint-source-101';

/** The `ids[]` values of a recorded request. */
function idsOf(r: { query: Record<string, unknown> }): string[] {
  const v = r.query['ids[]'];
  return v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [String(v)];
}

describe('Flxpoint inventory', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it("pages a source's variants with page/pageSize and asks only for the included parts", async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const query = `query($after: String) { flxpoint { inventoryVariants(sourceId: "101", first: 2, after: $after, include: { parent: true, options: true }) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
        nodes { id sku title sourceId quantity cost msrp createdAt parent { sku title brand } options { name value } images { url } } } } }`;
    const one = await gw.gql(query);
    expect(one.errors).toBeUndefined();
    const page1 = one.data!.flxpoint.inventoryVariants;
    expect(page1.totalCount).toBeNull();
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page1.nodes[0]).toMatchObject({
      id: '700001',
      sku: 'HS-0001-SLATE',
      title: 'Insulated Water Bottle - Slate',
      sourceId: '101',
      createdAt: '2024-03-01T00:00:00.000Z',
      parent: { sku: 'HS-0001', title: 'Insulated Water Bottle', brand: 'Kestrel' },
      options: [{ name: 'Color', value: 'Slate' }],
      images: null,
    });
    const two = await gw.gql(query, { after: page1.pageInfo.endCursor });
    expect(two.data!.flxpoint.inventoryVariants.nodes.map((n: { id: string }) => n.id)).toEqual(['700003', '700004']);
    const calls = sim.requests.filter((r) => r.path === '/inventory/variants');
    expect(calls.map((r) => [r.query.page, r.query.pageSize])).toEqual([
      ['1', '2'],
      ['2', '2'],
    ]);
    expect(calls[0].query).toMatchObject({ includeParent: 'true', includeOptions: 'true' });
    expect(calls[0].query.includeImages).toBeUndefined();
    expect(calls[0].headers['x-api-token']).toBe(SOURCE_101);
  });

  it('filters variants by skus[] and updatedAfter', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await gw.gql(
      '{ flxpoint { inventoryVariants(sourceId: "101", filter: { skus: ["HS-0002-S", "HS-0002-M", "HS-0040-OAT"], updatedAfter: "2024-01-01T00:00:00Z" }) { nodes { sku } pageInfo { hasNextPage } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpoint.inventoryVariants.nodes.map((n: { sku: string }) => n.sku).sort()).toEqual([
      'HS-0002-M',
      'HS-0002-S',
    ]);
    expect(res.data!.flxpoint.inventoryVariants.pageInfo.hasNextPage).toBe(false);
    expect(sim.requests[0].query).toMatchObject({
      'skus[]': ['HS-0002-S', 'HS-0002-M', 'HS-0040-OAT'],
      updatedAfter: '2024-01-01T00:00:00.000Z',
    });
  });

  it('batches 121 variants by id into ⌈121/100⌉ ids[] calls, in the order asked', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const ids = [...Array.from({ length: 120 }, (_, i) => String(700120 - i)), '799999'];
    const res = await gw.gql(
      'query($ids: [ID!]!) { flxpoint { inventoryVariantsByIds(sourceId: "101", ids: $ids) { id sku parent { sku } } } }',
      { ids },
      DEBUG,
    );
    expect(res.errors).toBeUndefined();
    const found = res.data!.flxpoint.inventoryVariantsByIds;
    expect(found).toHaveLength(121);
    expect(found[0]).toMatchObject({ id: '700120', parent: { sku: 'HS-0040' } });
    expect(found[119].id).toBe('700001');
    expect(found[120]).toBeNull();
    const calls = sim.requests.filter((r) => r.path === '/inventory/variants');
    expect(calls).toHaveLength(2);
    expect(calls.map((r) => idsOf(r).length).sort((a, b) => a - b)).toEqual([21, 100]);
    expect(res.extensions!.upstream.flxpoint.calls).toBe(2);
  });

  it('sends 120 variant updates as PUT chunks of 50, 50 and 20 with the modify modes', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const variants = Array.from({ length: 120 }, (_, i) => ({
      inventoryVariantId: String(700001 + i),
      sku: `HS-SKU-${i}`,
      quantity: 500 + i,
      cost: 1,
    }));
    const res = await gw.gql(
      'mutation($input: FlxpointUpdateInventoryVariantsInput!) { flxpointUpdateInventoryVariants(input: $input) { requestCount variants { id quantity cost } } }',
      { input: { sourceId: '101', variants, modes: { quantity: 'UPDATE', cost: 'NONE' } } },
    );
    expect(res.errors).toBeUndefined();
    const payload = res.data!.flxpointUpdateInventoryVariants;
    expect(payload.requestCount).toBe(3);
    expect(payload.variants).toHaveLength(120);
    expect(payload.variants[0]).toMatchObject({ id: '700001', quantity: 500 });
    expect(payload.variants[0].cost).not.toBe(1);
    const puts = sim.requests.filter((r) => r.method === 'PUT' && r.path === '/inventory/variants');
    expect(puts.map((r) => JSON.parse(r.body).length)).toEqual([50, 50, 20]);
    expect(puts[0].query).toMatchObject({ modifyQuantity: 'update', modifyCost: 'none' });
    expect(JSON.parse(puts[0].body)[0]).toEqual({
      inventoryVariantId: 700001,
      sku: 'HS-SKU-0',
      quantity: 500,
      cost: 1,
    });
  });

  it('says how much of a chunked update was applied when a later chunk fails', async () => {
    const variants = Array.from({ length: 60 }, (_, i) => ({
      inventoryVariantId: String(700101 + i),
      sku: 'X',
      quantity: 7,
    }));
    variants[55].inventoryVariantId = '123';
    const res = await gw.gql(
      'mutation($input: FlxpointUpdateInventoryVariantsInput!) { flxpointUpdateInventoryVariants(input: $input) { requestCount } }',
      {
        input: { sourceId: '101', variants },
      },
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 400 });
    expect(res.errors![0].message).toBe(
      'flxpoint rejected the request: items[5]: inventory variant 123 not found for this source (chunk 2 of 2; the 50 variants before it were applied)',
    );
  });

  it('upserts 45 parents by sku as POST chunks of 20, 20 and 5, readable afterwards', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const parents = Array.from({ length: 45 }, (_, i) => ({
      sku: i === 0 ? 'MW-0001' : `MW-NEW-${i}`,
      title: i === 0 ? 'Insulated Water Bottle (2024)' : `New parent ${i}`,
      ...(i === 0 ? { description: null } : {}),
      variants: [{ sku: `MW-NEW-${i}-A`, quantity: i, cost: 2.5, options: [{ name: 'Size', value: 'One size' }] }],
    }));
    const res = await gw.gql(
      'mutation($input: FlxpointUpsertInventoryParentsInput!) { flxpointUpsertInventoryParents(input: $input) { requestCount parents { id sku title description sourceId variants { id sku quantity options { name value } } } } }',
      { input: { sourceId: '102', parents, modes: { variantOptions: 'MERGE' } } },
    );
    expect(res.errors).toBeUndefined();
    const payload = res.data!.flxpointUpsertInventoryParents;
    expect(payload.requestCount).toBe(3);
    expect(payload.parents).toHaveLength(45);
    // An existing parent is updated in place; an explicit null cleared its description.
    expect(payload.parents[0]).toMatchObject({
      id: '600056',
      sku: 'MW-0001',
      title: 'Insulated Water Bottle (2024)',
      description: null,
      sourceId: '102',
    });
    expect(payload.parents[1].variants[0]).toMatchObject({
      sku: 'MW-NEW-1-A',
      quantity: 1,
      options: [{ name: 'Size', value: 'One size' }],
    });
    const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/inventory/parents');
    expect(posts.map((r) => JSON.parse(r.body).length)).toEqual([20, 20, 5]);
    expect(posts[0].query).toMatchObject({ modifyVariantOptions: 'merge' });
    expect(JSON.parse(posts[0].body)[0]).toEqual({
      sku: 'MW-0001',
      title: 'Insulated Water Bottle (2024)',
      description: null,
      variants: parents[0].variants,
    });
    const read = await gw.gql(
      '{ flxpoint { inventoryVariants(sourceId: "102", filter: { skus: ["MW-NEW-44-A"] }) { nodes { sku quantity cost } } } }',
    );
    expect(read.data!.flxpoint.inventoryVariants.nodes).toEqual([{ sku: 'MW-NEW-44-A', quantity: 44, cost: 2.5 }]);
  });
});
