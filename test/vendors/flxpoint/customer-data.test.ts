/**
 * Customer-like seed data (issue 14) read back through GraphQL over HTTP: inventory with Polish,
 * Greek, Japanese and Arabic titles and emoji, a Unicode sku sent as a filter, numeric-string skus,
 * UPCs and EANs with leading zeros, nulls, numeric custom-field names, leap-day dates and a
 * 2,000-character description, unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_LIKE } from '../../../src/sandbox/flxpoint/seed.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const VARIANTS = `query($skus: [String!]) { flxpoint { inventoryVariants(sourceId: "102", filter: { skus: $skus }, include: { parent: true, options: true, attributes: true, categories: true, customFields: true }, first: 10) {
  nodes { id sku masterSku sourceId title upc ean mpn asin quantity cost msrp map shippingCost weight weightUnit archived inventoryParentId createdAt updatedAt
    parent { id sku title description manufacturer brand archived sourceId }
    options { name value } attributes { name value } categories customFields { name value } }
} } }`;

describe('Flxpoint customer-like data', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('reads Unicode titles, numeric strings, nulls, numeric custom-field names, leap days and a long description back unchanged', async () => {
    const skus = CUSTOMER_LIKE.variants.map((v) => v.sku);
    const res = await gw.gql(VARIANTS, { skus });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.flxpoint.inventoryVariants.nodes as Record<string, any>[];
    expect(nodes.map((n) => n.sku)).toEqual(skus);
    const p = CUSTOMER_LIKE.parent;
    for (const [i, v] of CUSTOMER_LIKE.variants.entries()) {
      const n = nodes[i];
      expect(n).toMatchObject({
        id: String(v.id),
        sku: v.sku,
        masterSku: v.masterSku,
        sourceId: '102',
        title: v.title,
        upc: v.upc,
        ean: v.ean,
        mpn: v.mpn,
        asin: v.asin,
        quantity: v.quantity,
        cost: v.cost,
        msrp: v.msrp,
        map: v.map,
        shippingCost: v.shippingCost,
        weight: v.weight,
        archived: false,
        inventoryParentId: String(p.id),
      });
      expect(new Date(n.createdAt).toISOString()).toBe(v.insertedAt);
      expect(new Date(n.updatedAt).toISOString()).toBe(v.updatedAt);
      expect(n.options).toEqual(v.options);
      expect(n.customFields).toEqual(v.customFields);
      expect(n.parent).toEqual({
        id: String(p.id),
        sku: p.sku,
        title: p.title,
        description: p.description,
        manufacturer: p.manufacturer,
        brand: null,
        archived: false,
        sourceId: '102',
      });
      expect(n.attributes).toEqual(p.attributes);
      expect(n.categories).toEqual(p.categories);
    }
    const [mug, sakura] = nodes;
    expect(mug.createdAt).toMatch(/^2024-02-29T23:59:59(\.000)?Z$/);
    expect(mug.upc).toBe('000000000017');
    expect(mug.masterSku).toBe('000731');
    expect(mug.customFields).toEqual([
      { name: '1', value: '007' },
      { name: '10', value: null },
    ]);
    expect(mug.parent.description).toHaveLength(2000);
    expect(sakura.title).toBe('マグカップ 桜 🌸 / κούπα Ελιά 🫒 / كوب النخيل 🌴');
    expect(sakura.ean).toBe('0000000000017');
    expect(sakura.mpn).toBe('0042');
    // The Unicode sku travelled as a percent-encoded skus[] value and matched exactly.
    const call = gw.sim('flxpoint').requests.find((r) => r.path.includes('variants'))!;
    expect(JSON.stringify(call.query)).toContain('MW-日本-02');
  });
});
