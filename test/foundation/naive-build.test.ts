import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers.js';

const RECORDS = '{ flowize { records(first: 20) { nodes { uuid flowName flow { description } } } } }';
const ROWS = 'query($ids: [ID!]!) { flowize { tableRows(table: "customers", ids: $ids) { id } } }';

describe('the naive build (the benchmarks baseline)', () => {
  let naive: TestGateway;
  let batched: TestGateway;
  beforeAll(async () => {
    naive = await startTestGateway({
      VENDORGRAPH_NAIVE_LOADERS: 'true',
      VENDORGRAPH_CACHE_ENABLED: 'false',
      VENDORGRAPH_DEDUPE_ENABLED: 'false',
    });
    batched = await startTestGateway();
  });
  afterAll(async () => {
    await naive.close();
    await batched.close();
  });

  it('fetches a flow diagram per record instead of per distinct flow', async () => {
    for (const gw of [naive, batched]) {
      const res = await gw.gql(RECORDS);
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize.records.nodes).toHaveLength(20);
    }
    expect(naive.sim('flowize').count({ path: '/v1/flowdiagram' })).toBe(20);
    expect(batched.sim('flowize').count({ path: '/v1/flowdiagram' })).toBe(5);
  });

  it('searches table rows one id at a time instead of one search per 100 ids', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(i + 1));
    for (const gw of [naive, batched]) {
      gw.sim('flowize').clearRequests();
      const res = await gw.gql(ROWS, { ids });
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize.tableRows.map((r: { id: string }) => r.id)).toEqual(ids);
    }
    expect(naive.sim('flowize').count({ path: '/v1/tables/customers/search' })).toBe(30);
    expect(batched.sim('flowize').count({ path: '/v1/tables/customers/search' })).toBe(1);
  });

  it('sends identical concurrent reads separately, with no cache', async () => {
    const query = '{ flowize { flowDiagram(flowName: "payment-collection") { description } } }';
    for (const [gw, sent] of [
      [naive, 5],
      [batched, 1],
    ] as const) {
      const sim = gw.sim('flowize');
      sim.clearRequests();
      // The simulator holds its answers until all five reads are in the gateway at once: each one
      // sent (naive) or waiting on the one call sent (batched). No latency has to keep them together.
      const gate = sim.hold({ path: '/v1/flowdiagram' });
      const pending = Promise.all(Array.from({ length: 5 }, () => gw.gql(query)));
      await gate.arrivals(sent);
      const http = gw.gateway.server.registry.flowize.client!.http;
      await vi.waitFor(() => expect(http.joinedInFlight).toBe(5 - sent), { timeout: 15_000, interval: 5 });
      await gate.release();
      for (const res of await pending) expect(res.data!.flowize.flowDiagram.description).toBeTruthy();
    }
    expect(naive.sim('flowize').count({ path: '/v1/flowdiagram' })).toBe(5);
    expect(batched.sim('flowize').count({ path: '/v1/flowdiagram' })).toBe(1);
  });
});
