/**
 * The request limits seen from the other side: what stays allowed (ordinary queries, GraphiQL's
 * introspection, configured batches), how the cost is reported, and the operation deadline.
 */
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers.js';
import { raw } from './support.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };

describe('request limits with their defaults', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it("lets GraphiQL's full introspection query through the depth and cost limits", async () => {
    const res = await gw.gql(getIntrospectionQuery());
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema.types.length).toBeGreaterThan(50);
  });

  it('reports what an operation cost when debug is asked for', async () => {
    const res = await gw.gql('{ flowize { records(first: 10) { nodes { uuid flow { flowName } } } } }', {}, DEBUG);
    expect(res.errors).toBeUndefined();
    // The namespace is an object (1); records a vendor field (10) holding 10 nodes, each an object (1) with a flow (1).
    expect(res.extensions!.cost).toEqual({ requested: 1 + 10 + 10 * (1 + 1), maximum: 5_000 });
  });

  it('counts the page size a variable asks for', async () => {
    const query = 'query($n: Int) { flowize { records(first: $n) { nodes { uuid } } } }';
    const small = await gw.gql(query, { n: 2 }, DEBUG);
    const large = await gw.gql(query, { n: 40 }, DEBUG);
    expect(small.extensions!.cost.requested).toBe(1 + 10 + 2);
    expect(large.extensions!.cost.requested).toBe(1 + 10 + 40);
  });
});

describe('configured limits', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      VENDORGRAPH_MAX_BATCH: '3',
      VENDORGRAPH_MAX_BODY_BYTES: '2048',
      VENDORGRAPH_OPERATION_TIMEOUT_MS: '300',
      VENDORGRAPH_RESPONSE_TIMEOUT_MS: '20000',
      VENDORGRAPH_REQUEST_TIMEOUT_MS: '20000',
      VENDORGRAPH_RETRY_LIMIT: '0',
    });
  });
  afterAll(() => gw.close());

  it('answers batches up to the configured size and refuses larger ones', async () => {
    const op = { query: '{ vendors { name } }' };
    const ok = await raw(gw.url, { body: JSON.stringify([op, op, op]) });
    expect(ok.status).toBe(200);
    expect(ok.json).toHaveLength(3);
    const tooMany = await raw(gw.url, { body: JSON.stringify([op, op, op, op]) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.errors[0]).toMatchObject({
      message: 'A batch holds 1 to 3 operations (got 4)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a body over the configured size with 413', async () => {
    const res = await raw(gw.url, { body: JSON.stringify({ query: `{ vendors { name } } #${'x'.repeat(3_000)}` }) });
    expect(res.status).toBe(413);
    expect(res.json.errors[0]).toMatchObject({
      message: 'The request body is larger than 2048 bytes',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('ends an operation at its deadline while a vendor hangs', async () => {
    gw.sim('flowize').fault({ hang: true });
    try {
      const res = await gw.gql('{ flowize { records(first: 1) { totalCount } } }');
      expect(res.status).toBe(200);
      expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_TIMEOUT', vendor: 'flowize' });
    } finally {
      gw.sim('flowize').reset();
    }
  });
});
