import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { encodeCursor } from '../../../src/connections.js';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/flowize/index.js';
import { TestClock } from '../../support/clock.js';

const DIAGRAM = '{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName customer } } }';
/** Twenty different one-call queries (identical ones would be de-duplicated in flight). */
const PAGE = (i: number) => `{ flowize { records(first: 1, after: "${encodeCursor({ o: i })}") { nodes { uuid } } } }`;
const TWENTY = Array.from({ length: 20 }, (_, i) => PAGE(i));

describe('Flowize auth modes', () => {
  it.each([
    ['oauth2', (r: any) => expect(r.headers.authorization).toMatch(/^Bearer [0-9a-f]{64}$/)],
    [
      'apikey',
      (r: any) =>
        expect(r.headers).toMatchObject({
          'x-apikey': SANDBOX_CREDENTIALS.apiKey,
          'x-app': SANDBOX_CREDENTIALS.appKey,
        }),
    ],
    [
      'url',
      (r: any) =>
        expect(r.query).toMatchObject({
          api_key: SANDBOX_CREDENTIALS.apiKey,
          app_key: SANDBOX_CREDENTIALS.appKey,
          scopes: 'flowdiagram.read',
          flow_name: 'invoice-reminders',
        }),
    ],
  ])('%s mode authenticates every call the documented way', async (mode, check) => {
    const gw = await startTestGateway({ FLOWIZE_AUTH_MODE: mode });
    try {
      const res = await gw.gql(DIAGRAM);
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize.flowDiagram).toEqual({ flowName: 'invoice-reminders', customer: 'Acme Finance B.V.' });
      const call = gw.sim('flowize').requests.find((r) => r.path === '/v1/flowdiagram')!;
      check(call);
      if (mode !== 'url') expect(call.headers['x-scopes']).toBe('flowdiagram.read');
      if (mode === 'url') expect(call.headers['x-apikey']).toBeUndefined();
      if (mode !== 'oauth2') expect(gw.sim('flowize').count({ path: '/v1/checkauthentication' })).toBe(0);
    } finally {
      await gw.close();
    }
  });

  it('answers VENDOR_UNAUTHORIZED when Flowize rejects the API key', async () => {
    const gw = await startTestGateway({ FLOWIZE_AUTH_MODE: 'apikey', FLOWIZE_API_KEY: 'wrong-key-1234' });
    try {
      const res = await gw.gql(DIAGRAM);
      expect(res.errors![0].extensions).toMatchObject({
        code: 'VENDOR_UNAUTHORIZED',
        vendor: 'flowize',
        vendorStatus: 401,
      });
      expect(res.text).not.toContain('wrong-key-1234');
      const health = await gw.gql('{ vendors { name healthy message } }');
      expect(health.data!.vendors.find((v: any) => v.name === 'flowize')).toMatchObject({ healthy: false });
    } finally {
      await gw.close();
    }
  });
});

describe('Flowize OAuth2 tokens', () => {
  let gw: TestGateway;
  const clock = new TestClock();
  beforeAll(async () => {
    gw = await startTestGateway({ FLOWIZE_AUTH_MODE: 'oauth2', FLOWIZE_TOKEN_REFRESH_SKEW_S: '60' }, { clock });
  });
  afterAll(() => gw.close());

  it('logs in once for 20 concurrent first requests', async () => {
    const sim = gw.sim('flowize');
    const results = await Promise.all(TWENTY.map((q) => gw.gql(q)));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
    expect(sim.count({ path: '/v1/record/search' })).toBe(20);
  });

  it('re-authenticates exactly once and replays each call once after an invalid-token answer under 20 concurrent calls', async () => {
    const sim = gw.sim('flowize');
    await gw.gql(DIAGRAM);
    sim.action('revokeTokens');
    sim.clearRequests();
    const results = await Promise.all(TWENTY.map((q) => gw.gql(q)));
    expect(results.map((r) => r.errors)).toEqual(Array(20).fill(undefined));
    expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
    // 20 rejected with 403/436, 20 replayed with the new token.
    expect(sim.count({ path: '/v1/record/search' })).toBe(40);
  });

  it('refreshes the token before it expires, with the refresh token', async () => {
    const sim = gw.sim('flowize');
    sim.reset();
    // The next token lives 61 s. The refresh window is min(60 s skew, 10% of the lifetime) =
    // 6.1 s, so the token is still used 50 s later and refreshed 56 s later (injected clock).
    sim.state.tokenTtlSeconds = 61;
    gw.gateway.server.registry.flowize.client!.tokens!.invalidate(undefined);
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    try {
      await gw.gql(DIAGRAM);
      expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
      vi.setSystemTime(start + 50_000);
      await gw.gql(DIAGRAM);
      expect(sim.count({ path: '/v1/refreshtoken' })).toBe(0);
      vi.setSystemTime(start + 56_000);
      await gw.gql(DIAGRAM);
    } finally {
      vi.useRealTimers();
    }
    const res = await gw.gql(DIAGRAM);
    expect(res.errors).toBeUndefined();
    expect(sim.count({ path: '/v1/refreshtoken' })).toBe(1);
    expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
    const rejected = sim.requests.filter((r) => r.path === '/v1/flowdiagram').length;
    expect(rejected).toBe(4);
  });

  it('reads expires_in as a unix timestamp, not a duration', async () => {
    const token = await gw.gateway.server.registry.flowize.client!.tokens!.get();
    expect(token.expiresAt).toBeGreaterThan(Date.now());
    expect(token.expiresAt).toBeLessThan(Date.now() + 3_600_000 + 5_000);
  });

  it('says the IP is not allowed on 403/437', async () => {
    const sim = gw.sim('flowize');
    sim.action('blockIp');
    try {
      const res = await gw.gql(DIAGRAM);
      expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_FORBIDDEN', vendorStatus: 437 });
      expect(res.errors![0].message).toMatch(/IP address/);
    } finally {
      sim.state.blockedIp = false;
    }
  });
});
