import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_USERS } from '../../../src/sandbox/appmixer/index.js';
import { logLines, startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation } from '../../support/violations.js';
import { resetAppmixer } from './reset.js';

/** A distinct query per caller, so that no response cache can answer in the simulator's place. */
const flows = (i: number) => `{ appmixer { flows(first: 2, pattern: "${i}") { totalCount nodes { id } } } }`;

describe('Appmixer sign-in', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => resetAppmixer(gw));

  it('signs in once for 20 concurrent requests', async () => {
    const sim = gw.sim('appmixer');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gw.gql(flows(i))));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(sim.count({ method: 'POST', path: '/user/auth' })).toBe(1);
    expect(sim.count({ method: 'GET', path: '/flows' })).toBe(20);
  });

  it('signs in again exactly once and replays each call once after the token expires', async () => {
    const sim = gw.sim('appmixer');
    await gw.gql(flows(100));
    const expired = sim.requests.find((r) => r.path === '/flows')!.headers.authorization;
    sim.action('expireTokens');
    sim.clearRequests();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gw.gql(flows(i))));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(sim.count({ method: 'POST', path: '/user/auth' })).toBe(1);
    const lists = sim.requests.filter((r) => r.path === '/flows');
    // Every request's list call succeeded exactly once with the new token, after at most one 401.
    expect(lists.filter((r) => r.headers.authorization !== expired)).toHaveLength(20);
    expect(lists.filter((r) => r.headers.authorization === expired).length).toBeLessThanOrEqual(20);
  });

  it('replays a single call once after a 401', async () => {
    const sim = gw.sim('appmixer');
    await gw.gql('{ appmixer { flow(id: "nope") { id } } }');
    sim.action('expireTokens');
    sim.clearRequests();
    const res = await gw.gql('{ appmixer { stores { id name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.appmixer.stores).toHaveLength(3);
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /stores', 'POST /user/auth', 'GET /stores']);
  });

  it('sends the token as a Bearer header and the credentials only to /user/auth', async () => {
    const sim = gw.sim('appmixer');
    await gw.gql('{ appmixer { stores { id } } }');
    const login = sim.requests.find((r) => r.path === '/user/auth')!;
    expect(JSON.parse(login.body)).toEqual({
      username: SANDBOX_USERS.gateway.username,
      password: SANDBOX_USERS.gateway.password,
    });
    const call = sim.requests.find((r) => r.path === '/stores')!;
    expect(call.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(call.body).toBe('');
  });

  it('reports VENDOR_UNAUTHORIZED without the password when the password stops working', async () => {
    const sim = gw.sim('appmixer');
    sim.action('changePassword');
    sim.action('expireTokens');
    const res = await gw.gql('{ appmixer { stores { id } } }');
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'VENDOR_UNAUTHORIZED',
      vendor: 'appmixer',
      vendorStatus: 401,
    });
    expect(res.text).not.toContain(SANDBOX_USERS.gateway.password);
    expect(logLines.join('\n')).not.toContain(SANDBOX_USERS.gateway.password);
  });

  it('is healthy in the vendor list', async () => {
    const res = await gw.gql('{ vendors { name mode healthy message } }');
    expect(res.data!.vendors).toContainEqual(
      expect.objectContaining({ name: 'appmixer', mode: 'SANDBOX', healthy: true }),
    );
  });

  it('refuses the admin-only includeAll for a regular user', async () => {
    // The gateway cannot know the user's scope before asking: the caller's request breaks the rule.
    expectViolation('appmixer', 'auth.scope');
    const res = await gw.gql('{ appmixer { apps(includeAll: true) { name } } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 400 });
    expect(res.errors?.[0].message).toContain('ignoreACL can only be used by admin users');
  });
});

describe('Appmixer with wrong credentials and as admin', () => {
  it('answers VENDOR_UNAUTHORIZED and reports the vendor unhealthy for a wrong password', async () => {
    const gw = await startTestGateway({ APPMIXER_PASSWORD: 'definitely-wrong-password' });
    try {
      const res = await gw.gql('{ appmixer { flows(first: 1) { totalCount } } vendors { name healthy message } }');
      expect(res.errors?.[0].extensions.code).toBe('VENDOR_UNAUTHORIZED');
      expect(res.errors?.[0].message).not.toContain('definitely-wrong-password');
      expect(res.data!.vendors).toContainEqual(expect.objectContaining({ name: 'appmixer', healthy: false }));
      // No re-login loop: one sign-in per failing call, never a replay of a failed sign-in.
      expect(gw.sim('appmixer').count({ method: 'GET', path: '/flows' })).toBe(0);
    } finally {
      await gw.close();
    }
  });

  it('lets an admin list every app, restricted ones included', async () => {
    const gw = await startTestGateway({
      APPMIXER_USERNAME: SANDBOX_USERS.admin.username,
      APPMIXER_PASSWORD: SANDBOX_USERS.admin.password,
    });
    try {
      const res = await gw.gql('{ appmixer { apps(includeAll: true) { name } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data!.appmixer.apps.map((a: { name: string }) => a.name)).toContain('appmixer.aws');
    } finally {
      await gw.close();
    }
  });
});
