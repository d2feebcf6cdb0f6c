import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../../src/sandbox/flxpoint/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation, takeViolations } from '../../support/violations.js';

/** Flxpoint's wire rules: what the simulator refuses and records, as a stricter vendor would. */
describe('Flxpoint simulator wire rules', () => {
  let gw: TestGateway;
  let url: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    url = gw.sim('flxpoint').url;
  });
  afterAll(() => gw.close());
  // A fresh rate-limit bucket per test: these raw calls are not paced like the gateway's.
  beforeEach(() => gw.sim('flxpoint').reset());

  it('refuses and records the token in the query string instead of X-API-TOKEN', async () => {
    expectViolation('flxpoint', 'auth.header-name');
    const res = await fetch(`${url}/connections?token=${SANDBOX_TOKENS.account}`);
    expect(res.status).toBe(401);
    expect(gw.sim('flxpoint').violations).toEqual([
      expect.objectContaining({ rule: 'auth.header-name', status: 401, path: '/connections' }),
    ]);
  });

  it('refuses and records a JSON body sent without Content-Type: application/json (415)', async () => {
    expectViolation('flxpoint', 'content-type');
    const res = await fetch(`${url}/connections`, {
      method: 'POST',
      headers: { 'x-api-token': SANDBOX_TOKENS.account, 'content-type': 'text/plain' },
      body: JSON.stringify({ connectionType: 'ftp', name: 'Ünïcode FTP', configs: [] }),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ status: 415, path: '/connections' });
  });

  it('refuses and records malformed JSON and a page size out of range', async () => {
    expectViolation('flxpoint', 'body.json');
    expectViolation('flxpoint', 'paging');
    const json = await fetch(`${url}/connections`, {
      method: 'POST',
      headers: { 'x-api-token': SANDBOX_TOKENS.account, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(json.status).toBe(400);
    gw.sim('flxpoint').reset();
    const paging = await fetch(`${url}/shipments?filterPageNumber=1&filterPageSize=0`, {
      headers: { 'x-api-token': SANDBOX_TOKENS.account },
    });
    expect(paging.status).toBe(400);
  });

  it('does not count an unknown (revoked) token as a wire violation', async () => {
    const res = await fetch(`${url}/account`, { headers: { 'x-api-token': 'sandbox-flxpoint-revoked' } });
    expect(res.status).toBe(401);
    expect(takeViolations()).toEqual([]);
  });
});
