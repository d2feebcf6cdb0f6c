import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_API_KEY } from '../../../src/sandbox/phixflow/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation, takeViolations } from '../../support/violations.js';

/** PhixFlow's wire rules: what the simulator refuses and records, as a stricter instance would. */
describe('PhixFlow simulator wire rules', () => {
  let gw: TestGateway;
  let lookup: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    lookup = `${gw.sim('phixflow').url}/phixflow/api/1/action/Sales%20Hub/Customer%20Lookup/trigger`;
  });
  afterAll(() => gw.close());

  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ customerId: 'C-1001' });

  it('refuses and records the API key in another header than the configured one, and without Bearer', async () => {
    expectViolation('phixflow', 'auth.header-name');
    expectViolation('phixflow', 'auth.scheme');
    const other = await fetch(lookup, { method: 'POST', headers: { ...json, 'x-api-key': SANDBOX_API_KEY }, body });
    expect(other.status).toBe(401);
    expect(await other.json()).toMatchObject({ status: 'Fail' });
    const bare = await fetch(lookup, { method: 'POST', headers: { ...json, authorization: SANDBOX_API_KEY }, body });
    expect(bare.status).toBe(401);
  });

  it('refuses and records a JSON body without Content-Type (415)', async () => {
    expectViolation('phixflow', 'content-type');
    const res = await fetch(lookup, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX_API_KEY}` },
      body: new Blob([body]),
    });
    expect(res.status).toBe(415);
    expect(gw.sim('phixflow').violations).toEqual([expect.objectContaining({ rule: 'content-type', status: 415 })]);
  });

  it('refuses and records a name encoded with + instead of %20', async () => {
    expectViolation('phixflow', 'path.encoding');
    const plus = lookup.replace('Sales%20Hub/Customer%20Lookup', 'Sales+Hub/Customer+Lookup');
    const res = await fetch(plus, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${SANDBOX_API_KEY}` },
      body,
    });
    expect(res.status).toBe(404);
    expect(gw.sim('phixflow').state.calls).toHaveLength(0);
  });

  it('records nothing for a rotated key or an unknown endpoint (not wire bugs)', async () => {
    const wrongKey = await fetch(lookup, {
      method: 'POST',
      headers: { ...json, authorization: 'Bearer not-the-key' },
      body,
    });
    expect(wrongKey.status).toBe(401);
    const unknown = await fetch(lookup.replace('Customer%20Lookup', 'No%20Such%20Flow'), {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${SANDBOX_API_KEY}` },
      body,
    });
    expect(unknown.status).toBe(404);
    expect(takeViolations()).toEqual([]);
  });
});
