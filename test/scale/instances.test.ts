/**
 * Two gateway instances on one Redis, in front of the same vendors (simulators started once and
 * shared, as two replicas share one vendor account), behave as one gateway: one login, one
 * Flxpoint schedule per token, one per-client count, one breaker. Then Redis dies mid-run: no
 * request is lost and each instance keeps to its share of the vendor limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisStore } from '../../src/http/redis-store.js';
import { SANDBOX_TOKENS } from '../../src/sandbox/flxpoint/index.js';
import { logLines, startTestGateway, type TestGateway } from '../helpers.js';
import {
  arrivals,
  hasRedis,
  startRedis,
  startSharedSimulators,
  tightestWindow,
  type RedisProcess,
  type SharedSimulators,
} from '../support/fleet.js';

if (!hasRedis)
  console.warn('scale-out instance tests skipped: redis-server is not on PATH (apt-get install redis-server)');

const ORDER = 'query Order($id: ID!) { flxpoint { order(id: $id) { id orderNumber } } }';
const COLD =
  '{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } appmixer { flows(first: 1) { nodes { id } } } }';
const ORDER_PATH = /^\/orders\/\d+$/;

describe.skipIf(!hasRedis)('two gateway instances sharing one Redis', () => {
  let redis: RedisProcess;
  let shared: SharedSimulators;
  const started: TestGateway[] = [];

  /** Two instances with `env`, both pointed at the shared simulators and the same Redis. */
  async function pair(env: Record<string, string> = {}): Promise<[TestGateway, TestGateway]> {
    const make = () =>
      startTestGateway({ ...shared.env, VENDORGRAPH_STORE: 'redis', VENDORGRAPH_REDIS_URL: redis.url, ...env });
    const gateways: [TestGateway, TestGateway] = [await make(), await make()];
    started.push(...gateways);
    return gateways;
  }

  beforeAll(async () => {
    redis = await startRedis();
    shared = await startSharedSimulators();
  });

  afterAll(async () => {
    for (const gw of started.reverse()) await gw.close().catch(() => undefined);
    await shared?.stop();
    await redis?.kill();
  });

  describe('with Redis up', () => {
    let a: TestGateway;
    let b: TestGateway;
    beforeAll(async () => {
      [a, b] = await pair();
    });

    it('logs in once for 20 concurrent cold requests split across both instances', async () => {
      const { flowize, appmixer } = shared.sims;
      flowize.clearRequests();
      appmixer.clearRequests();
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).gql(COLD)));
      expect(answers.map((r) => r.errors)).toEqual(answers.map(() => undefined));
      expect(flowize.count({ path: '/v1/checkauthentication' })).toBe(1);
      expect(appmixer.count({ method: 'POST', path: '/user/auth' })).toBe(1);
    });

    it('keeps one Flxpoint schedule per token: 16 concurrent calls split across both, no 429, within 1.25 × the minimum time', async () => {
      const sim = shared.sims.flxpoint;
      const ids = (sim.state.orders as { id: number }[]).slice(0, 16).map((o) => String(o.id));
      sim.clearRequests();
      const before = sim.state.rateLimited;
      const t0 = performance.now();
      const answers = await Promise.all(ids.map((id, i) => (i % 2 ? b : a).gql(ORDER, { id })));
      const totalMs = performance.now() - t0;
      expect(answers.map((r) => r.errors)).toEqual(ids.map(() => undefined));
      expect(sim.state.rateLimited - before).toBe(0);
      const times = arrivals(sim, SANDBOX_TOKENS.account, ORDER_PATH);
      expect(times).toHaveLength(16);
      expect(tightestWindow(times, 2)).toBeGreaterThanOrEqual(1000);
      // Two calls per second: the 16th call can arrive 7 s after the first at the earliest.
      const minimumMs = (16 / 2 - 1) * 1000;
      console.info(
        `16 Flxpoint calls over two instances: ${Math.round(totalMs)} ms (minimum ${minimumMs} ms: ×${(totalMs / minimumMs).toFixed(3)}), arrivals span ${times.at(-1)! - times[0]} ms`,
      );
      expect(totalMs).toBeLessThanOrEqual(1.25 * minimumMs);
    }, 30_000);
  });

  it('counts a client once across instances: a limit of 10 per minute lets exactly 10 of 20 alternating requests through', async () => {
    const [c, d] = await pair({ VENDORGRAPH_RATE_LIMIT_PER_MINUTE: '10' });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await (i % 2 ? d : c).gql('{ __typename }')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    // Both instances refused: neither had counted only its own half.
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
  });

  it('shows a breaker opened on one instance as open on the other within a second, which then fails fast', async () => {
    const [e, f] = await pair({
      VENDORGRAPH_BREAKER_ENABLED: 'true',
      PHIXFLOW_BREAKER_VOLUME: '3',
      PHIXFLOW_BREAKER_RESET_MS: '30000',
      PHIXFLOW_RETRY_LIMIT: '0',
    });
    const sim = shared.sims.phixflow;
    const invoke =
      'mutation { phixflowInvoke(endpoint: "customer-lookup", input: { customerId: "C-1001" }) { status } }';
    const breakerOf = async (gw: TestGateway) =>
      (await gw.gql('{ vendors { name breaker } }')).data!.vendors.find((v: { name: string }) => v.name === 'phixflow')
        .breaker;
    expect(await breakerOf(f)).toBe('CLOSED');
    const fault = sim.fault({ status: 503 });
    try {
      for (let i = 0; i < 5; i++) await e.gql(invoke);
      expect(await breakerOf(e)).toBe('OPEN');
      const openedAt = performance.now();
      let seen: string | undefined;
      while (performance.now() - openedAt < 1_000 && (seen = await breakerOf(f)) !== 'OPEN')
        await new Promise((r) => setTimeout(r, 50));
      expect(seen).toBe('OPEN');
      const reached = sim.requests.length;
      const res = await f.gql(invoke);
      expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'phixflow' });
      expect(res.errors![0].message).toContain('circuit open');
      expect(sim.requests.length).toBe(reached);
    } finally {
      sim.clearFaults();
      void fault;
    }
  });

  it('loses no request when Redis dies mid-run, and each instance keeps to its share of the Flxpoint limit', async () => {
    // Only these two instances alive, and each has counted the other (heartbeats every 2 s).
    for (const gw of started.splice(0)) await gw.close();
    const [g, h] = await pair();
    const instances = (gw: TestGateway) => (gw.gateway.server.store as RedisStore).instances;
    const waitStarted = performance.now();
    while ((instances(g) !== 2 || instances(h) !== 2) && performance.now() - waitStarted < 5_000)
      await new Promise((r) => setTimeout(r, 50));
    expect([instances(g), instances(h)]).toEqual([2, 2]);
    const sim = shared.sims.flxpoint;
    await Promise.all([g, h].map((gw) => gw.gql('{ flxpoint { shipment(id: "1", sourceId: "102") { id } } }')));
    const token = SANDBOX_TOKENS.sources[101];
    const shipments = (sim.state.shipments as { id: number; sourceId: number }[])
      .filter((s) => s.sourceId === 101)
      .slice(0, 12);
    expect(shipments).toHaveLength(12);
    sim.clearRequests();
    const before = sim.state.rateLimited;
    const query = (id: number) => `{ flxpoint { shipment(id: "${id}", sourceId: "101") { id } } }`;
    const answers = Promise.all(shipments.map((s, i) => (i % 2 ? h : g).gql(query(s.id))));
    // Kill Redis once the first four calls have reached the vendor.
    while (arrivals(sim, token).length < 4) await new Promise((r) => setTimeout(r, 20));
    await redis.kill();
    const results = await answers;
    expect(results.map((r) => r.errors)).toEqual(shipments.map(() => undefined));
    expect(results.map((r) => r.data!.flxpoint.shipment.id)).toEqual(shipments.map((s) => String(s.id)));
    expect(sim.state.rateLimited - before).toBe(0);
    const times = arrivals(sim, token);
    console.info(`Redis killed after call 4: arrivals ${times.map((t) => t - times[0]).join(', ')} ms`);
    expect(times).toHaveLength(12);
    expect(tightestWindow(times, 2)).toBeGreaterThanOrEqual(1000);
    // The operator is told, with the share each instance keeps to.
    expect(
      logLines.filter((l) => l.includes('redis store unavailable') && l.includes('keeps to 1/2')).length,
    ).toBeGreaterThanOrEqual(2);
  }, 40_000);
});
