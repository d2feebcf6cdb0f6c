import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyedRateLimiter } from '../../../src/http/rate-limit.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { TestClock } from '../../support/clock.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };

describe('KeyedRateLimiter', () => {
  it('lets two calls of a key leave together, holds the third one window, and lets another key start meanwhile', async () => {
    const limiter = new KeyedRateLimiter({ requestsPerSecond: 2, marginMs: 0 });
    const t0 = performance.now();
    const started: Record<string, number> = {};
    const run = (key: string, name: string) =>
      limiter.forKey(key).schedule(async () => void (started[name] = performance.now() - t0));
    await Promise.all([run('a', 'a1'), run('a', 'a2'), run('a', 'a3'), run('b', 'b1')]);
    expect(started.a1).toBeLessThan(100);
    expect(started.a2).toBeLessThan(100);
    expect(started.b1).toBeLessThan(100);
    expect(started.a3 - started.a1).toBeGreaterThanOrEqual(995);
  });

  it('spaces calls from when they really left, not from when they were let go', async () => {
    const limiter = new KeyedRateLimiter({ requestsPerSecond: 1, marginMs: 0 });
    const t0 = performance.now();
    const left: number[] = [];
    const run = () =>
      limiter.forKey('k').schedule(async (sent) => {
        // A new connection takes 300 ms before the request is written out.
        const at = Date.now() + (left.length === 0 ? 300 : 0);
        left.push(performance.now() - t0 + (left.length === 0 ? 300 : 0));
        sent(at);
      });
    await Promise.all([run(), run()]);
    expect(left[1] - left[0]).toBeGreaterThanOrEqual(995);
  });

  it('names the option it refuses', () => {
    expect(() => new KeyedRateLimiter({ requestsPerSecond: 0 })).toThrow(
      'requestsPerSecond must be a positive number, received 0',
    );
    expect(() => new KeyedRateLimiter({ requestsPerSecond: 2, marginMs: -1 })).toThrow(
      'marginMs must be a number of milliseconds ≥ 0, received -1',
    );
  });
});

describe('Flxpoint rate limit (2 requests/second per token)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('queues six calls under one token instead of drawing a 429, and shows the wait', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const before = sim.state.rateLimited;
    const ids = ['880001', '880002', '880003', '880004', '880005', '880006'];
    const query = `{ flxpoint { ${ids.map((id) => `o${id}: order(id: "${id}") { orderNumber }`).join(' ')} } }`;
    const res = await gw.gql(query, {}, DEBUG);
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data!.flxpoint)).toHaveLength(6);
    expect(sim.count({ method: 'GET', path: /^\/orders\/\d+$/ })).toBe(6);
    expect(sim.state.rateLimited - before).toBe(0);
    const upstream = res.extensions!.upstream.flxpoint;
    expect(upstream).toMatchObject({ calls: 6, retries: 0 });
    expect(upstream.rateLimitWaitMs).toBeGreaterThan(0);
  });

  it('spaces 12 calls of one operation on one token a second apart per pair, with no 429, while another token runs alongside', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const before = sim.state.rateLimited;
    const orders = (sim.state.orders as { id: number }[]).slice(0, 12);
    const shipments = (sim.state.shipments as { id: number; sourceId: number }[])
      .filter((s) => s.sourceId === 101)
      .slice(0, 3);
    const fields = [
      ...orders.map((o) => `o${o.id}: order(id: "${o.id}") { orderNumber }`),
      ...shipments.map((s) => `s${s.id}: shipment(id: "${s.id}", sourceId: "${s.sourceId}") { id }`),
    ];
    const res = await gw.gql(`{ flxpoint { ${fields.join(' ')} } }`, {}, DEBUG);
    expect(res.errors).toBeUndefined();
    expect(sim.state.rateLimited - before).toBe(0);
    // Arrival times as the simulator saw them: the limiter's spacing, not the test's clock.
    const account = sim.requests.filter((r) => /^\/orders\/\d+$/.test(r.path)).map((r) => r.at);
    const source = sim.requests.filter((r) => /^\/shipments/.test(r.path)).map((r) => r.at);
    expect(account).toHaveLength(12);
    for (let i = 2; i < account.length; i++) expect(account[i] - account[i - 2]).toBeGreaterThanOrEqual(1000);
    expect(account.at(-1)! - account[0]).toBeGreaterThanOrEqual(5_000);
    // The source token's calls are not queued behind the account token's twelve.
    expect(source).toHaveLength(3);
    expect(source.at(-1)!).toBeLessThan(account[6]);
  }, 20_000);

  it("queues each token on its own: a second source's first call does not wait behind the first source", async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const before = sim.state.rateLimited;
    const bySource = (id: number) =>
      (sim.state.shipments as { id: number; sourceId: number }[]).filter((s) => s.sourceId === id).slice(0, 3);
    const fields = [...bySource(101), ...bySource(102)].map(
      (s) => `s${s.id}: shipment(id: "${s.id}", sourceId: "${s.sourceId}") { id sourceId }`,
    );
    const res = await gw.gql(`{ flxpoint { ${fields.join(' ')} } }`, {}, DEBUG);
    expect(res.errors).toBeUndefined();
    const tokens = sim.requests.map((r) => r.headers['x-api-token']);
    expect(tokens).toHaveLength(6);
    // Each token's first pair goes out at once; only each token's third call waits for its window.
    expect(new Set(tokens.slice(0, 4))).toEqual(
      new Set(['sandbox-flxpoint-source-101', 'sandbox-flxpoint-source-102']),
    );
    expect(new Set(tokens.slice(4))).toEqual(new Set(['sandbox-flxpoint-source-101', 'sandbox-flxpoint-source-102']));
    expect(sim.state.rateLimited - before).toBe(0);
  });

  it('honours a 429 with Retry-After by waiting and retrying the read', async () => {
    // A gateway of its own, whose clock makes the one-second wait cost no real time.
    const clock = new TestClock();
    const own = await startTestGateway({}, { clock });
    try {
      const sim = own.sim('flxpoint');
      sim.fault({ method: 'GET', path: '/account', status: 429, retryAfterSeconds: 1, times: 1 });
      const res = await own.gql('{ flxpoint { account { subdomain } } }', {}, DEBUG);
      expect(res.errors).toBeUndefined();
      expect(res.data!.flxpoint.account.subdomain).toBe('harborhome');
      expect(res.extensions!.upstream.flxpoint).toMatchObject({ calls: 2, retries: 1 });
      expect(clock.waits).toEqual([1_000]);
    } finally {
      await own.close();
    }
  });

  it('has a simulator that answers 429 with Retry-After past 2 requests a second on one token', async () => {
    const url = `${gw.sim('flxpoint').url}/account`;
    const headers = { 'x-api-token': 'sandbox-flxpoint-account-0000' };
    const answers = await Promise.all([1, 2, 3, 4].map(() => fetch(url, { headers })));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0].headers.get('retry-after')).toBe('1');
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(2);
  });
});
