import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';

describe('Flowize apiMethods (OPTIONS /options)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it("lists the REST API's methods with one OPTIONS call", async () => {
    const sim = gw.sim('flowize');
    sim.clearRequests();
    const res = await gw.gql('{ flowize { apiMethods { method endpoint usage } } }');
    expect(res.errors).toBeUndefined();
    const methods = res.data!.flowize.apiMethods;
    expect(methods).toContainEqual({
      method: 'OPTIONS',
      endpoint: '/v1/options',
      usage: 'Helper to gets the list of methods in the api.',
    });
    expect(methods).toContainEqual({
      method: 'GET',
      endpoint: '/v1/record/search',
      usage: 'Search your data records by different query parameters.',
    });
    expect(methods.map((m: { method: string; endpoint: string }) => `${m.method} ${m.endpoint}`)).toContain(
      'DELETE /v1/environment/:id/project/:project_id',
    );
    expect(sim.count({ method: 'OPTIONS', path: '/v1/options' })).toBe(1);
  });

  it('answers a method list Flowize does not send as VENDOR_BAD_RESPONSE', async () => {
    gw.sim('flowize').fault({
      method: 'OPTIONS',
      path: '/v1/options',
      times: 1,
      status: 200,
      body: { resource: 'none' },
      headers: { 'content-type': 'application/json' },
    });
    const res = await gw.gql('{ flowize { apiMethods { method } } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', vendor: 'flowize' });
  });
});
