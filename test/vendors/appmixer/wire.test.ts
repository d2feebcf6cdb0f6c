import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_USERS } from '../../../src/sandbox/appmixer/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation, takeViolations } from '../../support/violations.js';

/** Appmixer's wire rules: what the simulator refuses and records, as a stricter vendor would. */
describe('Appmixer simulator wire rules', () => {
  let gw: TestGateway;
  let url: string;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    url = gw.sim('appmixer').url;
    const login = await fetch(`${url}/user/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SANDBOX_USERS.gateway),
    });
    token = ((await login.json()) as { token: string }).token;
  });
  afterAll(() => gw.close());

  it('refuses and records a token sent without the Bearer scheme or in another header', async () => {
    expectViolation('appmixer', 'auth.header-name');
    const raw = await fetch(`${url}/flows`, { headers: { authorization: token } });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const other = await fetch(`${url}/flows`, { headers: { 'x-access-token': token } });
    expect(other.status).toBe(401);
    expect(gw.sim('appmixer').violations.map((v) => v.rule)).toEqual(['auth.header-name', 'auth.header-name']);
  });

  it('refuses and records a JSON sign-in without Content-Type (415) and a store value sent as JSON', async () => {
    expectViolation('appmixer', 'content-type');
    const login = await fetch(`${url}/user/auth`, { method: 'POST', body: JSON.stringify(SANDBOX_USERS.gateway) });
    expect(login.status).toBe(415);
    const stores = (await (await fetch(`${url}/stores`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      storeId: string;
    }[];
    const value = await fetch(`${url}/store/${stores[0].storeId}/k1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '"v"',
    });
    expect(value.status).toBe(415);
    expect(gw.sim('appmixer').violations.filter((v) => v.rule === 'content-type')).toHaveLength(2);
  });

  it('refuses and records a sign-in without a password, and searchAfter without matching sort values', async () => {
    expectViolation('appmixer', 'body.shape');
    expectViolation('appmixer', 'query');
    const login = await fetch(`${url}/user/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: SANDBOX_USERS.gateway.username }),
    });
    expect(login.status).toBe(400);
    const logs = await fetch(`${url}/logs?sort=gridTimestamp:desc&sort=_id:desc&searchAfter=1700000000000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logs.status).toBe(400);
  });

  it('does not count an expired token as a wire violation', async () => {
    gw.sim('appmixer').action('expireTokens');
    const res = await fetch(`${url}/flows`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(takeViolations()).toEqual([]);
  });
});
