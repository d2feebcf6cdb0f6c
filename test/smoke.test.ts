import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers.js';

describe('gateway in sandbox mode', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('reports every vendor with its mode and health', async () => {
    const res = await gw.gql('{ vendors { name mode healthy latencyMs message } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.vendors).toContainEqual(
      expect.objectContaining({ name: 'flowize', mode: 'SANDBOX', healthy: true }),
    );
  });

  it('serves flowize records with their flows', async () => {
    const res = await gw.gql(
      '{ flowize { records(first: 3) { totalCount edges { cursor node { uuid status flowName createdAt flow { flowName description } } } pageInfo { hasNextPage } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize.records.totalCount).toBe(
      (gw.sim('flowize').state as { records: unknown[] }).records.length,
    );
    expect(res.data!.flowize.records.edges).toHaveLength(3);
    expect(res.data!.flowize.records.edges[0].node.flow.flowName).toBe(
      res.data!.flowize.records.edges[0].node.flowName,
    );
  });
});
