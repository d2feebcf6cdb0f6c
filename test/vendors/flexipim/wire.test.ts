import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKEN } from '../../../src/sandbox/flexipim/index.js';
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
    const res = await fetch(`${base}/products`, { method: 'POST', headers: { authorization: `Bearer ${SANDBOX_TOKEN}` }, body: channelForm() });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ success: false, message: 'Error.', data: 'token required' });
    expect(gw.sim('flexipim').violations).toEqual([expect.objectContaining({ rule: 'auth.header-name', status: 401, path: '/api/v2/products' })]);
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
    const query = await fetch(`${base}/products?channel=1`, { method: 'POST', headers: { token: SANDBOX_TOKEN }, body: new FormData() });
    expect(await query.json()).toMatchObject({ success: false });
    const form = channelForm();
    form.append('rec_limit', '0');
    const paging = await fetch(`${base}/products`, { method: 'POST', headers: { token: SANDBOX_TOKEN }, body: form });
    expect(await paging.json()).toMatchObject({ success: false, data: 'The rec limit must be an integer between 1 and 1000.' });
  });

  it('does not count a regenerated (wrong) token as a wire violation', async () => {
    const res = await fetch(`${base}/products`, { method: 'POST', headers: { token: 'not-the-token' }, body: channelForm() });
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
