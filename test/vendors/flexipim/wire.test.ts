import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKEN } from '../../../src/sandbox/flexipim/index.js';
import { CUSTOMER_LIKE } from '../../../src/sandbox/flexipim/seed.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation, takeViolations } from '../../support/violations.js';

/** flexiPIM's wire rules: what the simulator refuses and records, as a stricter vendor would. */
describe('flexiPIM simulator wire rules', () => {
  let gw: TestGateway;
  let base: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    base = `${gw.sim('flexipim').url}/api/v2`;
  });
  afterAll(() => gw.close());

  const channelForm = () => {
    const form = new FormData();
    form.append('channel', '1');
    return form;
  };

  it('refuses and records a token sent as Authorization instead of the `token` header', async () => {
    expectViolation('flexipim', 'auth.header-name');
    const res = await fetch(`${base}/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX_TOKEN}` },
      body: channelForm(),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ success: false, message: 'Error.', data: 'token required' });
    expect(gw.sim('flexipim').violations).toEqual([
      expect.objectContaining({ rule: 'auth.header-name', status: 401, path: '/api/v2/products' }),
    ]);
  });

  it('refuses and records fields sent as JSON instead of multipart/form-data', async () => {
    expectViolation('flexipim', 'content-type');
    const res = await fetch(`${base}/products`, {
      method: 'POST',
      headers: { token: SANDBOX_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 1 }),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ success: false });
  });

  it('refuses and records a POST with no Content-Type at all', async () => {
    expectViolation('flexipim', 'content-type');
    const res = await fetch(`${base}/families`, { method: 'POST', headers: { token: SANDBOX_TOKEN } });
    expect(res.status).toBe(415);
  });

  it('refuses and records form fields sent in the query string, and a bad rec_limit', async () => {
    expectViolation('flexipim', 'form-fields');
    expectViolation('flexipim', 'paging');
    const query = await fetch(`${base}/products?channel=1`, {
      method: 'POST',
      headers: { token: SANDBOX_TOKEN },
      body: new FormData(),
    });
    expect(await query.json()).toMatchObject({ success: false });
    const form = channelForm();
    form.append('rec_limit', '0');
    const paging = await fetch(`${base}/products`, { method: 'POST', headers: { token: SANDBOX_TOKEN }, body: form });
    expect(await paging.json()).toMatchObject({
      success: false,
      data: 'The rec limit must be an integer between 1 and 1000.',
    });
  });

  it('does not count a regenerated (wrong) token as a wire violation', async () => {
    const res = await fetch(`${base}/products`, {
      method: 'POST',
      headers: { token: 'not-the-token' },
      body: channelForm(),
    });
    expect(await res.json()).toMatchObject({ success: false, data: 'token mismatch' });
    expect(takeViolations()).toEqual([]);
  });

  it('records nothing while the gateway reads the whole catalogue', async () => {
    const res = await gw.gql(`{ flexipim {
      products(channel: "1", first: 30) { totalCount nodes { id sku name } }
      families(channel: "1", first: 5) { nodes { id name } }
      categories(channel: "1", first: 5) { nodes { id name } }
      attributes(channel: "1", first: 5) { nodes { id code } }
    } }`);
    expect(res.errors).toBeUndefined();
    expect(gw.sim('flexipim').count({ method: 'POST' })).toBeGreaterThan(3);
    expect(gw.sim('flexipim').violations).toEqual([]);
  });
});

describe('flexiPIM customer-like data', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('reads non-Latin and emoji names, a null and a 7 kB description, numeric strings, a leap day and numeric-key values back unchanged', async () => {
    const res = await gw.gql(
      `{ flexipim { products(channel: "1", first: 40) { nodes { id sku name description manufacturer createdAt attributes { code value } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.flexipim.products.nodes as {
      id: string;
      sku: string;
      name: string;
      description: string | null;
      manufacturer: string;
      createdAt: string;
      attributes: { code: string; value: unknown }[];
    }[];
    const wild = nodes.find((n) => n.id === String(CUSTOMER_LIKE.wild))!;
    expect(wild).toMatchObject({
      sku: '000123456',
      name: CUSTOMER_LIKE.name.en,
      description: CUSTOMER_LIKE.description.en,
      manufacturer: CUSTOMER_LIKE.manufacturer,
      createdAt: '2024-02-29T23:59:59.000Z',
    });
    expect(wild.description!.length).toBeGreaterThan(4000);
    const values = Object.fromEntries(wild.attributes.map((a) => [a.code, a.value]));
    expect(values).toMatchObject({
      ean: '0000000000017',
      release_date: '2024-02-29',
      weight: null,
      care_instructions: CUSTOMER_LIKE.attributes.care_instructions,
    });
    expect(nodes.find((n) => n.id === String(CUSTOMER_LIKE.empty))!.description).toBeNull();
  });
});
