import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app.js';
import { startGateway } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { startTestGateway, type TestGateway } from '../helpers.js';

describe('the gateway over HTTP', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      VENDORGRAPH_RETRY_LIMIT: '0',
      VENDORGRAPH_RESPONSE_TIMEOUT_MS: '400',
      VENDORGRAPH_REQUEST_TIMEOUT_MS: '600',
    });
  });
  afterAll(() => gw.close());
  afterEach(() => gw.sim('flowize').reset());

  it('masks an unexpected resolver error while the rest of the response arrives', async () => {
    const sim = gw.sim('flowize');
    // A vendor value GraphQL cannot serialise: graphql-js throws an uncoded error.
    sim.state.records[0].flowVersion = 'not-a-number-at-all' as unknown as number;
    sim.state.records[0].currentStep = { type: { nested: 'https://internal.flowize.example/secret' } } as never;
    const res = await gw.gql('{ flowize { records(first: 2) { nodes { uuid currentStep { type } } } } }');
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toEqual({
      message: 'Internal server error',
      path: ['flowize', 'records', 'nodes', 0, 'currentStep', 'type'],
      locations: expect.any(Array),
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false },
    });
    expect(res.data!.flowize.records.nodes[1].uuid).toBe(sim.state.records[1].uuid);
    expect(res.text).not.toContain('internal.flowize.example');
  });

  it('marks every answer Cache-Control: no-store, errors included', async () => {
    const ok = await gw.gql('{ flowize { records(first: 2) { nodes { uuid } } } }');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const bad = await gw.gql('{ flowize { nope } }');
    expect(bad.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps the code of a vendor error and nulls only the failing field', async () => {
    gw.sim('flowize').fault({
      path: '/v1/flowdiagram',
      status: 402,
      body: { resource: [], error: { code: 402, message: 'Flow diagram is locked' } },
    });
    const res = await gw.gql(
      '{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } records(first: 1) { totalCount } } }',
    );
    expect(res.data!.flowize.flowDiagram).toBeNull();
    expect(res.data!.flowize.records.totalCount).toBe(
      (gw.sim('flowize').state as { records: unknown[] }).records.length,
    );
    expect(res.errors![0].extensions).toEqual({
      code: 'VENDOR_REJECTED',
      vendor: 'flowize',
      vendorStatus: 402,
      retryable: false,
    });
    expect(res.errors![0].message).toContain('Flow diagram is locked');
  });

  it('ends a hung vendor call in VENDOR_TIMEOUT', async () => {
    gw.sim('flowize').fault({ path: '/v1/flowdiagram', hang: true });
    const res = await gw.gql('{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_TIMEOUT', vendor: 'flowize', retryable: true });
    expect(res.data!.flowize.flowDiagram).toBeNull();
  });

  it('maps a malformed vendor body to VENDOR_BAD_RESPONSE and a dropped connection to VENDOR_UNAVAILABLE', async () => {
    const sim = gw.sim('flowize');
    sim.fault({ path: '/v1/flowdiagram', malformed: true, times: 1 });
    const bad = await gw.gql('{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }');
    expect(bad.errors![0].extensions.code).toBe('VENDOR_BAD_RESPONSE');
    sim.fault({ path: '/v1/flowdiagram', drop: true, times: 1 });
    const dropped = await gw.gql('{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }');
    expect(dropped.errors![0].extensions.code).toBe('VENDOR_UNAVAILABLE');
  });

  it('answers extensions.upstream with the calls made when debug is asked for', async () => {
    const sim = gw.sim('flowize');
    await gw.gql('{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }'); // warm the token
    sim.clearRequests();
    const res = await gw.gql(
      '{ flowize { a: flowDiagram(flowName: "invoice-reminders") { flowName } b: flowDiagram(flowName: "invoice-reminders") { flowName } c: flowDiagram(flowName: "payment-collection") { flowName } records(first: 2) { totalCount } } }',
      {},
      { 'x-vendorgraph-debug': '1' },
    );
    expect(res.errors).toBeUndefined();
    expect(sim.count()).toBe(3);
    expect(res.extensions!.upstream.flowize).toMatchObject({
      calls: 3,
      retries: 0,
      cacheHits: expect.any(Number),
      rateLimitWaitMs: expect.any(Number),
      totalMs: expect.any(Number),
    });
  });

  it('reports a vendor unhealthy while it fails, even with a valid cached token', async () => {
    const sim = gw.sim('flowize');
    const healthy = await gw.gql('{ vendors { name healthy message } }');
    expect(healthy.data!.vendors.find((v: { name: string }) => v.name === 'flowize')).toMatchObject({ healthy: true });
    sim.fault({ path: '/v1/record/search', status: 503 });
    const down = await gw.gql('{ vendors { name healthy message } }');
    expect(down.data!.vendors.find((v: { name: string }) => v.name === 'flowize')).toMatchObject({
      healthy: false,
      message: expect.stringContaining('unavailable'),
    });
    expect(down.text).not.toContain(sim.url);
  });

  it('gives no upstream accounting without the debug header', async () => {
    const res = await gw.gql('{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }');
    expect(res.extensions?.upstream).toBeUndefined();
  });

  it('forwards the request id to vendor calls', async () => {
    const sim = gw.sim('flowize');
    await gw.gql(
      '{ flowize { flowDiagram(flowName: "dossier-archiving") { flowName } } }',
      {},
      { 'x-request-id': 'req-abc-123' },
    );
    expect(sim.requests.at(-1)!.headers['x-request-id']).toBe('req-abc-123');
  });

  it('answers a query the schema does not have with BAD_USER_INPUT', async () => {
    const res = await gw.gql('{ flowize { nope } }');
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('never shows a vendor URL to a client', async () => {
    const sim = gw.sim('flowize');
    sim.fault({
      path: '/v1/flowdiagram',
      status: 402,
      body: { resource: [], error: { code: 402, message: `see ${sim.url}/v1/debug for details` } },
    });
    const res = await gw.gql('{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }');
    expect(res.errors![0].message).toContain('[url]');
    expect(res.text).not.toContain(sim.url);
    expect(res.text).not.toContain('127.0.0.1');
  });
});

describe('live mode without vendor settings', () => {
  it('reports the vendor as not configured and answers VENDOR_NOT_CONFIGURED without calling anything', async () => {
    // Live mode requires client credentials unless told otherwise; this test is about vendor settings.
    const config = loadConfig({ VENDORGRAPH_MODE: 'live', PORT: '0', HOST: '127.0.0.1', VENDORGRAPH_AUTH: 'open' });
    const gateway = await startGateway(config, { logger: createLogger('silent') });
    try {
      expect(gateway.sandbox.simulators).toEqual({});
      const post = (query: string) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        }).then((r) => r.json() as Promise<any>);
      const health = await post('{ vendors { name mode healthy message } }');
      expect(health.data.vendors).toContainEqual({
        name: 'flowize',
        mode: 'NOT_CONFIGURED',
        healthy: false,
        message: expect.stringContaining('FLOWIZE_BASE_URL'),
      });
      const res = await post('{ flowize { records(first: 1) { totalCount } } }');
      expect(res.data.flowize).toBeNull();
      expect(res.errors[0].extensions).toMatchObject({ code: 'VENDOR_NOT_CONFIGURED', vendor: 'flowize' });
    } finally {
      await gateway.close();
    }
  });
});
