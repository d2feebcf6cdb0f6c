import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/app.js';
import { GatewayMetrics } from '../src/observability/metrics.js';
import { logLines, startTestGateway, type TestGateway } from './helpers.js';

// The module object prom-client itself requires (an ESM namespace could not be spied on).
const perfHooks = createRequire(import.meta.url)('node:perf_hooks') as typeof import('node:perf_hooks');

/** The value of one sample in a Prometheus text exposition (0 when absent). */
interface Readiness {
  status: string;
  vendors: { name: string; mode: string; healthy: boolean; message: string | null }[];
}

function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const lines = text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  const line = lines.find((l) => wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('operator endpoints', () => {
  let gw: TestGateway;
  let base: string;
  const metrics = async () => (await fetch(`${base}/metrics`)).text();

  beforeAll(async () => {
    gw = await startTestGateway();
    base = gw.url.replace(/\/graphql$/, '');
  });
  afterAll(() => gw.close());

  it('answers /healthz without calling any vendor', async () => {
    const before = gw.sim('flowize').requests.length;
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    expect(gw.sim('flowize').requests.length).toBe(before);
  });

  it('reports every vendor ready on /readyz when their health checks pass', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Readiness;
    expect(body.status).toBe('ready');
    expect(body.vendors).toContainEqual(expect.objectContaining({ name: 'flowize', mode: 'SANDBOX', healthy: true }));
  });

  it('moves the upstream, operation and error counters on /metrics when a query runs', async () => {
    const before = await metrics();
    const res = await gw.gql('query Recent { flowize { records(first: 2) { nodes { uuid flow { flowName } } } } }');
    expect(res.errors).toBeUndefined();
    gw.sim('flowize').fault({ path: '/v1/record/search', status: 403, times: 1 });
    const refused = await gw.gql('query Refused { flowize { records(first: 2) { nodes { uuid } } } }');
    expect(refused.errors?.[0].extensions.code).toBe('VENDOR_FORBIDDEN');
    const after = await metrics();

    const searches = { vendor: 'flowize', endpoint: 'searchRecords', status: '200' };
    expect(sample(after, 'vendorgraph_upstream_requests_total', searches)).toBe(
      sample(before, 'vendorgraph_upstream_requests_total', searches) + 1,
    );
    const diagrams = { vendor: 'flowize', endpoint: 'getFlowDiagram' };
    expect(sample(after, 'vendorgraph_upstream_request_duration_seconds_count', diagrams)).toBeGreaterThan(
      sample(before, 'vendorgraph_upstream_request_duration_seconds_count', diagrams),
    );
    expect(sample(after, 'vendorgraph_graphql_operations_total', { type: 'query', name: 'Recent' })).toBe(1);
    expect(sample(after, 'vendorgraph_upstream_requests_total', { ...searches, status: '403' })).toBe(1);
    expect(sample(after, 'vendorgraph_graphql_errors_total', { code: 'VENDOR_FORBIDDEN' })).toBe(
      sample(before, 'vendorgraph_graphql_errors_total', { code: 'VENDOR_FORBIDDEN' }) + 1,
    );
    expect(after).toContain('# TYPE vendorgraph_upstream_breaker_state gauge');
    expect(sample(after, 'vendorgraph_upstream_breaker_state', { vendor: 'flowize', state: 'closed' })).toBe(1);
    expect(after).toContain('process_cpu_user_seconds_total');
  });

  it('counts the retries of a call the vendor failed once', async () => {
    const before = await metrics();
    gw.sim('flowize').fault({ path: '/v1/record/search', status: 503, times: 1 });
    const res = await gw.gql('{ flowize { records(first: 1) { nodes { uuid } } } }');
    expect(res.errors).toBeUndefined();
    const after = await metrics();
    expect(sample(after, 'vendorgraph_upstream_retries_total', { vendor: 'flowize' })).toBe(
      sample(before, 'vendorgraph_upstream_retries_total', { vendor: 'flowize' }) + 1,
    );
  });

  it('echoes the request id and logs one structured line per GraphQL request with it', async () => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'ops-test-42' },
      body: JSON.stringify({ query: 'query LoggedOne { flowize { records(first: 1) { nodes { uuid } } } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('ops-test-42');
    const line = logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'graphql request' && l.requestId === 'ops-test-42');
    expect(line).toMatchObject({
      operationType: 'query',
      operationName: 'LoggedOne',
      status: 200,
      upstream: { flowize: { calls: 1 } },
    });
    const searched = gw
      .sim('flowize')
      .requests.filter((r) => r.path === '/v1/record/search')
      .at(-1);
    expect(searched?.headers['x-request-id']).toBe('ops-test-42');
  });

  it('answers 503 on /readyz while a configured vendor fails its health check', async () => {
    const other = await startTestGateway();
    try {
      const url = other.url.replace(/\/graphql$/, '');
      other.sim('flowize').fault({ path: /checkauthentication/, status: 503 });
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as Readiness;
      expect(body.status).toBe('unavailable');
      expect(body.vendors).toContainEqual(expect.objectContaining({ name: 'flowize', healthy: false }));
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|client_secret/);
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(sample(text, 'vendorgraph_vendor_up', { vendor: 'flowize' })).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('event-loop delay metrics', () => {
  it('sample every 100 ms by default (prom-client wakes an idle process every 10 ms), as configured', async () => {
    const monitor = vi.spyOn(perfHooks, 'monitorEventLoopDelay');
    try {
      expect(loadConfig({}).observability?.eventLoopResolutionMs).toBe(100);
      const configured = loadConfig({ VENDORGRAPH_METRICS_EVENT_LOOP_RESOLUTION_MS: '20' }).observability;
      expect(configured?.eventLoopResolutionMs).toBe(20);
      expect(() => loadConfig({ VENDORGRAPH_METRICS_EVENT_LOOP_RESOLUTION_MS: '0' })).toThrow(
        /VENDORGRAPH_METRICS_EVENT_LOOP_RESOLUTION_MS/,
      );

      const metrics = new GatewayMetrics(['flowize'], { eventLoopResolutionMs: configured?.eventLoopResolutionMs });
      expect(monitor).toHaveBeenCalledWith({ resolution: 20 });
      new GatewayMetrics(['flowize']);
      expect(monitor).toHaveBeenLastCalledWith({ resolution: 100 });
      // The lag percentiles are still exported, from the coarser samples.
      expect(await metrics.registry.metrics()).toContain('nodejs_eventloop_lag_p99_seconds');
    } finally {
      monitor.mockRestore();
    }
  });
});

describe('readiness in live mode', () => {
  it('is not ready with no vendor configured, and says so', async () => {
    const gw = await startTestGateway({ VENDORGRAPH_MODE: 'live' });
    try {
      const res = await fetch(gw.url.replace(/\/graphql$/, '/readyz'));
      expect(res.status).toBe(503);
      const body = (await res.json()) as Readiness & { reason: string; notConfigured: string[] };
      expect(body.reason).toMatch(/no vendor is configured/);
      expect(body.notConfigured).toEqual(
        expect.arrayContaining(['flowize', 'flexipim', 'flxpoint', 'appmixer', 'phixflow']),
      );
      expect(body.vendors).toContainEqual(
        expect.objectContaining({ name: 'flowize', mode: 'NOT_CONFIGURED', healthy: false }),
      );
    } finally {
      await gw.close();
    }
  });

  it('is ready once its one configured vendor answers, listing the vendors that are not configured', async () => {
    const sim = await startTestGateway({ VENDORGRAPH_MODE: 'sandbox' });
    const gw = await startTestGateway({ VENDORGRAPH_MODE: 'live', ...sim.sim('flexipim').env() });
    try {
      const res = await fetch(gw.url.replace(/\/graphql$/, '/readyz'));
      const body = (await res.json()) as Readiness & { notConfigured: string[]; unreachable: string[] };
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ status: 'ready', unreachable: [] });
      expect(body.notConfigured).toEqual(['flowize', 'flxpoint', 'appmixer', 'phixflow']);
    } finally {
      await gw.close();
      await sim.close();
    }
  });
});
