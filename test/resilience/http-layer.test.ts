/**
 * The shared http layer on its own, over a small simulator: credential-keyed caching,
 * Last-Modified revalidation, cache retirement after writes, de-duplication, Retry-After and
 * X-RateLimit-Reset, the retry budget, the operation deadline and the quota governor.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/app.js';
import { GatewayError } from '../../src/errors.js';
import { VendorHttp, type AuthStrategy, type VendorRequest } from '../../src/http/client.js';
import { RequestScope } from '../../src/http/scope.js';
import { SharedHttpState } from '../../src/http/shared.js';
import { MemoryStore } from '../../src/http/store.js';
import { createLogger } from '../../src/logger.js';
import { startSimulator, type Simulator, type SimulatorDefinition } from '../../src/sandbox/framework.js';
import { TestClock } from '../support/clock.js';

interface ItemsState {
  items: Record<string, string[]>;
  reportModified: Date;
}

/** A vendor whose answer depends on who asks: each bearer token sees its own items. */
const itemsVendor: SimulatorDefinition<ItemsState> = {
  name: 'items',
  seed: () => ({
    items: { 'token-a': ['a1', 'a2'], 'token-b': ['b1'] },
    reportModified: new Date('2024-05-01T10:00:00Z'),
  }),
  routes(router, ctx) {
    const owner = (header: string | undefined) => /^Bearer (.+)$/.exec(header ?? '')?.[1];
    router.get('/items', (req, res) => {
      const items = ctx.state.items[owner(req.header('authorization')) ?? ''];
      if (!items) return void res.status(401).json({ error: 'unknown token' });
      ctx.sendJson(req, res, 200, { items });
    });
    router.post('/items', (req, res) => {
      const token = owner(req.header('authorization')) ?? '';
      if (!ctx.state.items[token]) return void res.status(401).json({ error: 'unknown token' });
      ctx.state.items[token].push(String(JSON.parse(String(req.body)).name));
      res.status(201).json({ ok: true });
    });
    router.get('/report', (req, res) => {
      const modified = ctx.state.reportModified.toUTCString();
      res.set({ 'Last-Modified': modified, 'Cache-Control': 'no-cache' });
      const since = req.header('if-modified-since');
      if (since && Date.parse(since) >= ctx.state.reportModified.getTime()) return void res.status(304).end();
      res.json({ total: 42 });
    });
    router.get('/flaky', (_req, res) => void res.json({ ok: true }));
    // A document of ~200 KB (Polish text, as customers' catalogues are), cacheable for a minute.
    router.get('/docs/:id', (req, res) => {
      res.set('Cache-Control', 'max-age=60');
      res.json({ id: req.params.id, body: `Zażółć gęślą jaźń ${req.params.id}. `.repeat(8_000) });
    });
  },
  env: () => ({}),
};

/** The same vendor, with a published limit of 4 calls per second and X-RateLimit-* headers. */
const limitedVendor: SimulatorDefinition<ItemsState> = {
  ...itemsVendor,
  name: 'limited',
  rateLimit: { limit: 4, windowMs: 1_000, body: { error: 'Too many requests' } },
};

const bearer = (token: string): AuthStrategy => ({
  async apply(request) {
    request.headers.authorization = `Bearer ${token}`;
    return token;
  },
});

const logger = createLogger('silent');

function client(
  sim: Simulator<any>,
  token: string,
  env: Record<string, string> = {},
  shared?: SharedHttpState,
): VendorHttp {
  const settings = loadConfig({ VENDORGRAPH_RETRY_BASE_DELAY_MS: '5', ...env }).http;
  return new VendorHttp({
    vendor: sim.name,
    baseUrl: sim.url,
    defaults: { ...settings, shared },
    logger,
    auth: bearer(token),
  });
}

/** Runs `req` as its own GraphQL operation would, returning the answer (or error) and the accounting. */
async function inScope(http: VendorHttp, req: VendorRequest, limits = {}) {
  const scope = new RequestScope(undefined, limits);
  const outcome = await http
    .within(scope)
    .request<any>(req)
    .then(
      (res) => ({ data: res.data, error: undefined }),
      (error: GatewayError) => ({ data: undefined, error }),
    );
  return { ...outcome, stats: scope.stats(http.vendor), scope };
}

describe('the shared http layer', () => {
  let sim: Simulator<ItemsState>;
  let limited: Simulator<ItemsState>;
  beforeAll(async () => {
    sim = await startSimulator(itemsVendor);
    limited = await startSimulator(limitedVendor);
  });
  afterAll(async () => {
    await sim.stop();
    await limited.stop();
  });
  afterEach(() => {
    sim.reset();
    limited.reset();
    limited.now = () => Date.now();
  });

  it('never serves one credential the cached answer of another', async () => {
    const shared = new SharedHttpState();
    const a = client(sim, 'token-a', { VENDORGRAPH_CACHE_TTL_MS: '60000' }, shared);
    const b = client(sim, 'token-b', { VENDORGRAPH_CACHE_TTL_MS: '60000' }, shared);
    expect((await inScope(a, { path: 'items' })).data.items).toEqual(['a1', 'a2']);
    expect((await inScope(b, { path: 'items' })).data.items).toEqual(['b1']);
    expect(sim.count({ path: '/items' })).toBe(2);

    const again = await Promise.all([inScope(a, { path: 'items' }), inScope(b, { path: 'items' })]);
    expect(again.map((r) => r.data.items)).toEqual([['a1', 'a2'], ['b1']]);
    expect(again.map((r) => r.stats.cacheHits)).toEqual([1, 1]);
    expect(sim.count({ path: '/items' })).toBe(2);

    // Concurrent identical reads are shared only between callers with the same credential.
    const concurrent = await Promise.all([
      inScope(a, { path: 'items', searchParams: { fresh: 1 } }),
      inScope(b, { path: 'items', searchParams: { fresh: 1 } }),
      inScope(a, { path: 'items', searchParams: { fresh: 1 } }),
    ]);
    expect(concurrent.map((r) => r.data.items)).toEqual([['a1', 'a2'], ['b1'], ['a1', 'a2']]);
    expect(sim.count({ path: '/items' })).toBe(4);
  });

  it('keeps its cache within the store’s memory bound, the least recently used bodies going first', async () => {
    const store = new MemoryStore({ maxBytes: 1_048_576 });
    const http = client(sim, 'token-a', {}, new SharedHttpState(store));
    for (let id = 1; id <= 12; id++) expect((await inScope(http, { path: `docs/${id}` })).data.id).toBe(String(id));
    // 12 bodies of ~200 KB do not fit in 1 MiB: the store holds the newest that do, and no more.
    expect(store.bytes).toBeLessThanOrEqual(1_048_576);
    expect(store.bytes).toBeGreaterThan(600_000);
    expect((await inScope(http, { path: 'docs/12' })).stats).toMatchObject({ cacheHits: 1, calls: 0 });
    expect((await inScope(http, { path: 'docs/1' })).stats).toMatchObject({ cacheHits: 0, calls: 1 });
    expect(sim.count({ path: '/docs/1' })).toBe(2);
    expect(sim.count({ path: '/docs/12' })).toBe(1);
  });

  it('revalidates with If-Modified-Since and answers a 304 from the cache', async () => {
    const http = client(sim, 'token-a');
    const first = await inScope(http, { path: 'report' });
    const second = await inScope(http, { path: 'report' });
    expect(second.data).toEqual(first.data);
    expect(second.stats).toMatchObject({ calls: 1, revalidations: 1, cacheHits: 0 });
    expect(sim.requests.at(-1)!.headers['if-modified-since']).toBe(new Date('2024-05-01T10:00:00Z').toUTCString());
  });

  it('retires a credential’s cached answers after a write through it, and only that credential’s', async () => {
    const shared = new SharedHttpState();
    const a = client(sim, 'token-a', { VENDORGRAPH_CACHE_TTL_MS: '60000' }, shared);
    const b = client(sim, 'token-b', { VENDORGRAPH_CACHE_TTL_MS: '60000' }, shared);
    await inScope(a, { path: 'items' });
    await inScope(b, { path: 'items' });
    await inScope(a, { method: 'POST', path: 'items', json: { name: 'a3' } });
    expect((await inScope(a, { path: 'items' })).data.items).toEqual(['a1', 'a2', 'a3']);
    expect((await inScope(b, { path: 'items' })).stats.cacheHits).toBe(1);
    expect(sim.count({ method: 'GET', path: '/items' })).toBe(3);
  });

  it('shares one call among identical concurrent reads', async () => {
    const http = client(sim, 'token-a');
    // The vendor holds its answer until the other 19 callers wait on the first one's call.
    const gate = sim.hold({ path: '/items' });
    const pending = Promise.all(Array.from({ length: 20 }, () => inScope(http, { path: 'items' })));
    await gate.arrivals(1);
    await vi.waitFor(() => expect(http.joinedInFlight).toBe(19), { timeout: 15_000, interval: 5 });
    await gate.release();
    const results = await pending;
    expect(sim.count({ path: '/items' })).toBe(1);
    expect(results.every((r) => r.data.items.length === 2)).toBe(true);
    expect(results.reduce((n, r) => n + r.stats.deduplicated, 0)).toBe(19);
    // Each caller gets objects of its own: one caller's mutation cannot leak into another's.
    results[0].data.items.push('mutated');
    expect(results[1].data.items).toEqual(['a1', 'a2']);
  });

  it('waits as long as Retry-After says, then retries', async () => {
    const clock = new TestClock();
    const http = client(sim, 'token-a', {}, new SharedHttpState(undefined, undefined, clock));
    sim.fault({ path: '/flaky', retryAfterSeconds: 1, times: 1 });
    const res = await inScope(http, { path: 'flaky' });
    expect(res.error).toBeUndefined();
    expect(res.stats).toMatchObject({ calls: 2, retries: 1 });
    expect(clock.waits).toEqual([1_000]);
  });

  it('reads the wait from X-RateLimit-Reset when a 429 has no Retry-After', async () => {
    const clock = new TestClock();
    const http = client(sim, 'token-a', {}, new SharedHttpState(undefined, undefined, clock));
    sim.fault({ path: '/flaky', status: 429, headers: { 'X-RateLimit-Reset': '1' }, times: 1 });
    const res = await inScope(http, { path: 'flaky' });
    expect(res.error).toBeUndefined();
    expect(res.stats).toMatchObject({ calls: 2, retries: 1 });
    expect(clock.waits).toEqual([1_000]);
  });

  it('fails fast with VENDOR_RATE_LIMITED when Retry-After is longer than the gateway waits', async () => {
    const http = client(sim, 'token-a');
    sim.fault({ path: '/flaky', retryAfterSeconds: 120, times: 1 });
    const res = await inScope(http, { path: 'flaky' });
    expect(res.error?.extensions).toMatchObject({ code: 'VENDOR_RATE_LIMITED', retryable: true });
    expect(sim.count({ path: '/flaky' })).toBe(1);
  });

  it('stops retrying when the vendor’s retry budget is spent', async () => {
    const http = client(sim, 'token-a', {
      VENDORGRAPH_RETRY_BUDGET_MIN: '2',
      VENDORGRAPH_RETRY_BUDGET_PERCENT: '0',
      VENDORGRAPH_BREAKER_ENABLED: 'false',
    });
    sim.fault({ path: '/flaky', status: 503 });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await inScope(http, { path: 'flaky', cache: false }));
    expect(outcomes.map((o) => o.error?.extensions.code)).toEqual([
      'VENDOR_UNAVAILABLE',
      'VENDOR_UNAVAILABLE',
      'VENDOR_UNAVAILABLE',
    ]);
    expect(outcomes.map((o) => o.stats.retries)).toEqual([2, 0, 0]);
    expect(sim.count({ path: '/flaky' })).toBe(5);
  });

  it('neither waits nor retries past the operation’s deadline', async () => {
    const http = client(sim, 'token-a', {
      VENDORGRAPH_REQUEST_TIMEOUT_MS: '5000',
      VENDORGRAPH_RESPONSE_TIMEOUT_MS: '5000',
    });
    sim.fault({ path: '/flaky', hang: true });
    const res = await inScope(http, { path: 'flaky' }, { timeoutMs: 100 });
    expect(res.error?.extensions.code).toBe('VENDOR_TIMEOUT');
    expect(sim.count({ path: '/flaky' })).toBe(1);
  });

  it('never retries a write that the vendor does not deduplicate', async () => {
    const http = client(sim, 'token-a');
    sim.fault({ method: 'POST', path: '/items', status: 503, times: 1 });
    const res = await inScope(http, { method: 'POST', path: 'items', json: { name: 'x' } });
    expect(res.error?.extensions.code).toBe('VENDOR_UNAVAILABLE');
    expect(sim.count({ method: 'POST', path: '/items' })).toBe(1);
  });

  it('slows down before the vendor’s published limit instead of meeting a 429', async () => {
    // No retries: a single 429 would fail a call. The gateway and the vendor's window share a
    // clock whose waits cost no real time.
    const clock = new TestClock();
    limited.now = () => clock.now();
    const http = client(
      limited,
      'token-a',
      { VENDORGRAPH_RETRY_LIMIT: '0', VENDORGRAPH_QUOTA_RESERVE_PERCENT: '50' },
      new SharedHttpState(undefined, undefined, clock),
    );
    const scope = new RequestScope();
    for (let i = 0; i < 10; i++) await http.within(scope).request({ path: 'items', cache: false });
    expect(limited.count({ path: '/items' })).toBe(10);
    expect(scope.stats('limited').retries).toBe(0);
    expect(scope.stats('limited').rateLimitWaitMs).toBeGreaterThan(0);
    expect(clock.waits.reduce((sum, ms) => sum + ms, 0)).toBe(scope.stats('limited').rateLimitWaitMs);
  });
});
