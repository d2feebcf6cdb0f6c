import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation } from '../../support/violations.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };

describe('flexiPIM catalogue', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sim('flexipim').reset());

  it('reports flexiPIM healthy through checkConnection', async () => {
    const health = await gw.gql('{ vendors { name mode healthy message } }');
    expect(health.data!.vendors).toContainEqual({
      name: 'flexipim',
      mode: 'SANDBOX',
      healthy: true,
      message: 'Connection Established Successfully',
    });
    const res = await gw.gql('{ flexipim { connectionCheck { connected message } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.flexipim.connectionCheck).toEqual({
      connected: true,
      message: 'Connection Established Successfully',
    });
    const sim = gw.sim('flexipim');
    expect(sim.count({ method: 'POST', path: '/api/v2/checkConnection' })).toBe(2);
    expect(sim.requests.every((r) => r.headers.token === 'sandbox-flexipim-token-0000')).toBe(true);
  });

  it('sends reads as multipart form POSTs with the token header', async () => {
    await gw.gql('{ flexipim { products(channel: "2", first: 3) { nodes { id } } } }');
    const call = gw.sim('flexipim').requests.find((r) => r.path === '/api/v2/products')!;
    expect(call.method).toBe('POST');
    expect(String(call.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.body).toContain('name="channel"\r\n\r\n2');
    expect(call.body).toContain('name="rec_limit"\r\n\r\n3');
    expect(call.body).toContain('name="page"\r\n\r\n1');
  });

  it('lists products with description, families, categories and a total from /products/count', async () => {
    const res = await gw.gql(
      `{ flexipim { products(channel: "1", first: 5) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
          nodes { id sku name description status manufacturer createdAt updatedAt channel
                  families { id code name } categories { id code name } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const products = res.data!.flexipim.products;
    expect(products.totalCount).toBe(38);
    expect(products.nodes).toHaveLength(5);
    expect(products.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const first = products.nodes[0];
    expect(first).toMatchObject({
      id: '1001',
      sku: 'FP-APP-01001',
      name: 'T-Shirt Red',
      channel: '1',
      manufacturer: 'Northwind Outfitters',
    });
    // flexiPIM's `decsription` arrives as description; its wall-clock dates as ISO instants.
    expect(first.description).toBe('The t-shirt in red, made by Northwind Outfitters.');
    expect(first.createdAt).toBe('2023-01-14T08:00:00.000Z');
    expect(first.families).toEqual([{ id: '11', code: 'apparel', name: 'Apparel' }]);
    expect(first.categories[0].code).toMatch(/_tops$/);
    expect(gw.sim('flexipim').count({ path: '/api/v2/products/count' })).toBe(1);
  });

  it('pages products with page/rec_limit and walks forward with the cursor', async () => {
    const sim = gw.sim('flexipim');
    const one = await gw.gql(
      '{ flexipim { products(channel: "1", first: 10) { nodes { id } pageInfo { endCursor } } } }',
    );
    const two = await gw.gql(
      'query($after: String) { flexipim { products(channel: "1", first: 10, after: $after) { nodes { id } pageInfo { hasPreviousPage } } } }',
      {
        after: one.data!.flexipim.products.pageInfo.endCursor,
      },
    );
    expect(two.data!.flexipim.products.nodes[0].id).toBe('1011');
    expect(two.data!.flexipim.products.pageInfo.hasPreviousPage).toBe(true);
    const pages = sim.requests
      .filter((r) => r.path === '/api/v2/products')
      .map((r) => /name="page"\r\n\r\n(\d+)/.exec(r.body)?.[1]);
    expect(pages).toEqual(['1', '2']);
  });

  it('reads a channel in German when asked', async () => {
    const res = await gw.gql(
      '{ flexipim { products(channel: "1", language: "de", first: 1) { nodes { name families { name } } } } }',
    );
    expect(res.data!.flexipim.products.nodes[0]).toEqual({ name: 'T-Shirt Rot', families: [{ name: 'Bekleidung' }] });
  });

  it('normalises the numeric-key family list, with the total it embeds', async () => {
    const res = await gw.gql(
      '{ flexipim { families(channel: "1", first: 4) { totalCount nodes { id code name sortOrder status createdBy updatedBy createdAt updatedAt } pageInfo { hasNextPage } } } }',
    );
    expect(res.errors).toBeUndefined();
    const families = res.data!.flexipim.families;
    expect(families.totalCount).toBe(11);
    expect(families.nodes.map((f: { code: string }) => f.code)).toEqual([
      'apparel',
      'footwear',
      'accessories',
      'electronics',
    ]);
    expect(families.nodes[0]).toMatchObject({
      id: '11',
      sortOrder: 1,
      status: '1',
      createdBy: '1',
      createdAt: '2023-01-09T08:00:00.000Z',
    });
    expect(families.pageInfo.hasNextPage).toBe(true);
    // The count travels inside the list answer: no /families/count call.
    expect(gw.sim('flexipim').count({ path: '/api/v2/families/count' })).toBe(0);
  });

  it('lists categories with images and parents', async () => {
    const res = await gw.gql(
      '{ flexipim { categories(channel: "1", first: 20) { totalCount nodes { id code name image parentId } } } }',
    );
    expect(res.errors).toBeUndefined();
    const { totalCount, nodes } = res.data!.flexipim.categories;
    expect(totalCount).toBe(15);
    expect(nodes).toHaveLength(15);
    expect(nodes.find((c: { code: string }) => c.code === 'men')).toMatchObject({
      image: 'uploads/categories/men.jpg',
      parentId: null,
    });
    expect(nodes.find((c: { code: string }) => c.code === 'men_tops').parentId).toBe(
      nodes.find((c: { code: string }) => c.code === 'men').id,
    );
  });

  it('lists the attributes of a channel', async () => {
    const res = await gw.gql(
      '{ flexipim { attributes(channel: "2", first: 50) { totalCount nodes { code type required unique localizable options } } } }',
    );
    expect(res.errors).toBeUndefined();
    const { totalCount, nodes } = res.data!.flexipim.attributes;
    expect(totalCount).toBe(12);
    expect(nodes.find((a: { code: string }) => a.code === 'color')).toEqual({
      code: 'color',
      type: 'select',
      required: true,
      unique: false,
      localizable: true,
      options: ['Red', 'Navy', 'Forest Green', 'Charcoal', 'Sand'],
    });
    expect(nodes.some((a: { code: string }) => a.code === 'care_instructions')).toBe(false);
  });

  it("loads a channel's attribute definitions once for all product attribute values", async () => {
    const res = await gw.gql(
      '{ flexipim { products(channel: "1", first: 20) { nodes { attributes { code value attribute { name type } } } } attributes(channel: "1", first: 5) { totalCount } } }',
      {},
      DEBUG,
    );
    expect(res.errors).toBeUndefined();
    const values = res.data!.flexipim.products.nodes.flatMap((p: { attributes: unknown[] }) => p.attributes);
    expect(values.length).toBeGreaterThan(100);
    expect(values.find((v: { code: string }) => v.code === 'color')).toMatchObject({
      value: 'Red',
      attribute: { name: 'Color', type: 'select' },
    });
    expect(gw.sim('flexipim').count({ path: '/api/v2/attributes' })).toBe(1);
    // products + products/count + attributes
    expect(res.extensions!.upstream.flexipim.calls).toBe(3);
  });

  it("reads a family's attribute groups, directly and from a family", async () => {
    const res = await gw.gql(
      `{ flexipim {
          familyAttributeGroups(familyId: "14", channel: "1") { code name sortOrder attributes { code name type } }
          families(channel: "1", first: 2) { nodes { code attributeGroups { code attributes { code } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const groups = res.data!.flexipim.familyAttributeGroups;
    expect(groups.map((g: { code: string }) => g.code)).toEqual(['general', 'marketing', 'technical', 'logistics']);
    expect(groups[0].attributes[0]).toEqual({ code: 'ean', name: 'EAN', type: 'text' });
    expect(res.data!.flexipim.families.nodes[0].attributeGroups).toHaveLength(4);
    const sent = gw.sim('flexipim').requests.filter((r) => r.path === '/api/v2/families/getAttributesGroup');
    expect(sent).toHaveLength(3);
    expect(sent[0].body).toContain('name="family_id"');
  });

  it('maps "token mismatch" to VENDOR_UNAUTHORIZED with flexiPIM\'s reason', async () => {
    gw.sim('flexipim').action('regenerateToken');
    const res = await gw.gql('{ flexipim { products(channel: "1", first: 1) { nodes { id } } } }');
    expect(res.data!.flexipim).toEqual({ products: null });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'VENDOR_UNAUTHORIZED',
      vendor: 'flexipim',
      vendorStatus: 401,
    });
    expect(res.errors![0].message).toContain('token mismatch');
    expect(res.text).not.toContain('sandbox-flexipim-token');
  });

  it('maps other success:false answers to VENDOR_REJECTED with the reason', async () => {
    const res = await gw.gql('{ flexipim { families(channel: "9", first: 1) { nodes { id } } } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendor: 'flexipim', vendorStatus: 200 });
    expect(res.errors![0].message).toBe('flexipim rejected the request: Channel not found.');
  });

  it('rejects a non-numeric channel before calling flexiPIM', async () => {
    const res = await gw.gql('{ flexipim { products(channel: "web", first: 1) { nodes { id } } } }');
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('channel');
    expect(gw.sim('flexipim').count()).toBe(0);
  });
});

describe('flexiPIM simulator', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('answers checkConnection to GET as the doc sample sends it, and rejects a missing token', async () => {
    const url = `${gw.sim('flexipim').url}/api/v2/checkConnection`;
    const good = await fetch(url, { headers: { token: 'sandbox-flexipim-token-0000' } });
    expect(await good.json()).toEqual({
      success: true,
      data: 'Connection Established Successfully',
      message: 'Connection Established Successfully',
    });
    expectViolation('flexipim', 'auth.missing');
    const none = await fetch(url, { method: 'POST' });
    expect(await none.json()).toEqual({ success: false, message: 'Error.', data: 'token required' });
  });

  it('requires the channel form field', async () => {
    expectViolation('flexipim', 'form-fields');
    const form = new FormData();
    form.append('page', '1');
    const res = await fetch(`${gw.sim('flexipim').url}/api/v2/products`, {
      method: 'POST',
      headers: { token: 'sandbox-flexipim-token-0000' },
      body: form,
    });
    expect(await res.json()).toEqual({ success: false, message: 'Error.', data: 'The channel field is required.' });
  });

  it('sends families as numeric keys with a count and products as an array', async () => {
    const form = () => {
      const f = new FormData();
      f.append('channel', '1');
      f.append('rec_limit', '2');
      return f;
    };
    const headers = { token: 'sandbox-flexipim-token-0000' };
    const families = (await (
      await fetch(`${gw.sim('flexipim').url}/api/v2/families`, { method: 'POST', headers, body: form() })
    ).json()) as { data: Record<string, unknown> };
    expect(Object.keys(families.data)).toEqual(['0', '1', 'count']);
    const products = (await (
      await fetch(`${gw.sim('flexipim').url}/api/v2/products`, { method: 'POST', headers, body: form() })
    ).json()) as { data: unknown[] };
    expect(Array.isArray(products.data)).toBe(true);
    expect(products.data[0]).toHaveProperty('decsription');
  });
});
