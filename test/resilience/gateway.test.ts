/**
 * Resilience as a client of the gateway sees it, over the Flowize simulator: shared in-flight
 * calls, 304 revalidation, stale data while the vendor is down, the circuit breaker opening and
 * recovering (with its state in `vendors`), and the upstream budget cutting off a runaway query.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };
const FLOWS = [
  'customer-onboarding',
  'invoice-reminders',
  'address-verification',
  'payment-collection',
  'dossier-archiving',
];
const diagram = (flow: string) => `{ flowize { flowDiagram(flowName: "${flow}") { flowName description } } }`;

/** Logs in and caches one flow diagram, then forgets the requests that took. */
async function warm(gw: TestGateway): Promise<void> {
  const res = await gw.gql(diagram('invoice-reminders'));
  expect(res.errors).toBeUndefined();
  gw.sim('flowize').clearRequests();
}

function sum(responses: { extensions?: Record<string, any> }[], field: string): number {
  return responses.reduce((n, r) => n + (r.extensions?.upstream?.flowize?.[field] ?? 0), 0);
}

describe('caching and de-duplication', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      VENDORGRAPH_STALE_IF_ERROR_MS: '60000',
      VENDORGRAPH_RETRY_BASE_DELAY_MS: '5',
      VENDORGRAPH_RESPONSE_TIMEOUT_MS: '5000',
      VENDORGRAPH_REQUEST_TIMEOUT_MS: '6000',
    });
  });
  afterAll(() => gw.close());
  afterEach(() => gw.sim('flowize').reset());

  it('answers 50 concurrent identical queries with one upstream call', async () => {
    await warm(gw);
    const sim = gw.sim('flowize');
    // The vendor holds its answer until the other 49 queries wait on the first one's call.
    const gate = sim.hold({ path: '/v1/flowdiagram' });
    const pending = Promise.all(Array.from({ length: 50 }, () => gw.gql(diagram('payment-collection'), {}, DEBUG)));
    await gate.arrivals(1);
    const http = gw.gateway.server.registry.flowize.client!.http;
    await vi.waitFor(() => expect(http.joinedInFlight).toBe(49), { timeout: 15_000, interval: 5 });
    await gate.release();
    const responses = await pending;
    expect(
      responses.every((r) => r.errors === undefined && r.data!.flowize.flowDiagram.flowName === 'payment-collection'),
    ).toBe(true);
    expect(sim.count({ path: '/v1/flowdiagram' })).toBe(1);
    expect(sum(responses, 'calls')).toBe(1);
    expect(sum(responses, 'deduplicated')).toBe(49);
  });

  it('revalidates a cached answer and serves it when the vendor says 304 Not Modified', async () => {
    await warm(gw);
    const res = await gw.gql(diagram('invoice-reminders'), {}, DEBUG);
    expect(res.data!.flowize.flowDiagram.flowName).toBe('invoice-reminders');
    expect(res.extensions!.upstream.flowize).toMatchObject({ calls: 1, revalidations: 1 });
    expect(gw.sim('flowize').requests.at(-1)!.headers['if-none-match']).toMatch(/^".+"$/);
  });

  it('keeps its cached answers across a token refresh (they belong to the client id, not the token)', async () => {
    await warm(gw);
    const sim = gw.sim('flowize');
    sim.action('expireTokens');
    const res = await gw.gql(diagram('invoice-reminders'), {}, DEBUG);
    expect(res.data!.flowize.flowDiagram.flowName).toBe('invoice-reminders');
    expect(res.extensions!.upstream.flowize.revalidations).toBe(1);
    // One new token (whether by refresh or login), and the same cached entry revalidated with it.
    expect(sim.count({ path: /^\/v1\/(refreshtoken|checkauthentication)$/ })).toBe(1);
  });

  it('serves stale data while the vendor is down and says so in extensions.stale', async () => {
    await warm(gw);
    gw.sim('flowize').fault({ path: '/v1/flowdiagram', status: 503 });
    const res = await gw.gql(
      '{ flowize { cached: flowDiagram(flowName: "invoice-reminders") { flowName } fresh: flowDiagram(flowName: "dossier-archiving") { flowName } } }',
    );
    expect(res.data!.flowize.cached).toEqual({ flowName: 'invoice-reminders' });
    expect(res.data!.flowize.fresh).toBeNull();
    expect(res.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[['flowize', 'fresh'], 'VENDOR_UNAVAILABLE']]);
    expect(res.extensions!.stale).toEqual([
      { vendor: 'flowize', operation: 'getFlowDiagram', ageSeconds: expect.any(Number) },
    ]);
  });

  it('reports a vendor unhealthy when only stale cached data answered its health check', async () => {
    const health = async () =>
      (await gw.gql('{ vendors { name healthy message } }')).data!.vendors.find(
        (v: { name: string }) => v.name === 'appmixer',
      );
    expect(await health()).toMatchObject({ healthy: true });
    gw.sim('appmixer').fault({ method: 'GET', path: '/user', status: 503 });
    try {
      expect(await health()).toEqual({
        name: 'appmixer',
        healthy: false,
        message: 'appmixer is failing (answered from stale cached data)',
      });
    } finally {
      gw.sim('appmixer').clearFaults();
    }
  });

  it('marks nothing stale when the vendor answers', async () => {
    await warm(gw);
    const res = await gw.gql(diagram('invoice-reminders'));
    expect(res.extensions?.stale).toBeUndefined();
  });
});

describe('the circuit breaker', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Per-vendor overrides: Flowize's breaker trips after 4 calls and probes again after a minute.
    gw = await startTestGateway({
      VENDORGRAPH_BREAKER_ENABLED: 'true',
      FLOWIZE_BREAKER_VOLUME: '4',
      FLOWIZE_BREAKER_RESET_MS: '60000',
      FLOWIZE_RETRY_LIMIT: '0',
      VENDORGRAPH_STALE_IF_ERROR_MS: '60000',
    });
  });
  afterAll(() => gw.close());

  const health = async () =>
    (await gw.gql('{ vendors { name healthy breaker message } }')).data!.vendors.find(
      (v: { name: string }) => v.name === 'flowize',
    );

  it('opens after repeated failures, fails fast, serves stale data, and closes after a successful probe', async () => {
    await warm(gw);
    const sim = gw.sim('flowize');
    expect(await health()).toMatchObject({ healthy: true, breaker: 'CLOSED' });

    // The breaker's reset timer is opossum's own setTimeout: faked timers (still running with the
    // wall clock, so every other timer behaves) let the test move past the minute instead of waiting.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    onTestFinished(() => void vi.useRealTimers());

    sim.fault({ path: '/v1/flowdiagram', status: 503 });
    for (let i = 0; i < 6; i++) {
      const res = await gw.gql(diagram('payment-collection'));
      expect(res.errors![0].extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        vendor: 'flowize',
        retryable: true,
      });
    }
    const reached = sim.count({ path: '/v1/flowdiagram' });
    expect(reached).toBeLessThan(6);

    // Open: nothing reaches the vendor, the health list says so, cached data still arrives.
    const fast = await gw.gql(diagram('payment-collection'));
    expect(fast.errors![0].message).toContain('circuit open');
    expect(await health()).toMatchObject({ healthy: false, breaker: 'OPEN' });
    const stale = await gw.gql(diagram('invoice-reminders'));
    expect(stale.data!.flowize.flowDiagram.flowName).toBe('invoice-reminders');
    expect(stale.extensions!.stale).toHaveLength(1);
    expect(sim.count({ path: '/v1/flowdiagram' })).toBe(reached);

    // The vendor recovers; after the reset time one probe goes through and closes the breaker.
    sim.clearFaults();
    expect(await health()).toMatchObject({ breaker: 'OPEN' });
    vi.advanceTimersByTime(60_000);
    const probe = await gw.gql(diagram('payment-collection'));
    expect(probe.errors).toBeUndefined();
    expect(sim.count({ path: '/v1/flowdiagram' })).toBe(reached + 1);
    expect(await health()).toMatchObject({ healthy: true, breaker: 'CLOSED' });
  });
});

describe('the upstream budget', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ VENDORGRAPH_UPSTREAM_BUDGET: '3' });
  });
  afterAll(() => gw.close());

  it('stops a runaway operation at its budget while the rest of the data arrives', async () => {
    await warm(gw);
    const query = `{ flowize { ${FLOWS.map((f, i) => `f${i}: flowDiagram(flowName: "${f}") { flowName }`).join(' ')} } }`;
    const res = await gw.gql(query);
    expect(gw.sim('flowize').count({ path: '/v1/flowdiagram' })).toBe(3);
    const answered = Object.values(res.data!.flowize).filter(Boolean);
    expect(answered).toHaveLength(3);
    expect(res.errors).toHaveLength(2);
    for (const error of res.errors!)
      expect(error.extensions).toEqual({ code: 'UPSTREAM_BUDGET_EXCEEDED', vendor: 'flowize', retryable: false });
  });

  it('gives every operation a budget of its own', async () => {
    const res = await gw.gql(diagram('payment-collection'));
    expect(res.errors).toBeUndefined();
  });
});
