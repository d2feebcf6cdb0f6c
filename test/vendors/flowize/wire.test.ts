import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/flowize/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation, takeViolations } from '../../support/violations.js';

/** Flowize's REST wire rules: what the simulator refuses and records, as a stricter Flowize would. */
describe('Flowize simulator wire rules', () => {
  let gw: TestGateway;
  let url: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    url = `${gw.sim('flowize').url}/v1`;
  });
  afterAll(() => gw.close());

  const keys = { 'x-apikey': SANDBOX_CREDENTIALS.apiKey, 'x-app': SANDBOX_CREDENTIALS.appKey, 'x-scopes': 'record' };

  it('refuses and records an API key sent as a Bearer token', async () => {
    expectViolation('flowize', 'auth.placement');
    const res = await fetch(`${url}/record/search`, {
      headers: { authorization: `Bearer ${SANDBOX_CREDENTIALS.apiKey}` },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ resource: [], error: { code: 436, message: 'Invalid Token Error' } });
  });

  it('refuses and records the API key under a wrong header name (X-Api-Key)', async () => {
    expectViolation('flowize', 'auth.header-name');
    const res = await fetch(`${url}/record/search`, {
      headers: { 'x-api-key': SANDBOX_CREDENTIALS.apiKey, 'x-app': SANDBOX_CREDENTIALS.appKey },
    });
    expect(res.status).toBe(401);
    expect(gw.sim('flowize').violations).toEqual([
      expect.objectContaining({ rule: 'auth.header-name', path: '/v1/record/search' }),
    ]);
  });

  it('refuses and records a record body without Content-Type (415)', async () => {
    expectViolation('flowize', 'content-type');
    const flow = gw.sim('flowize').state.flows[0].name as string;
    const before = gw.sim('flowize').state.records.length;
    const res = await fetch(`${url}/record`, {
      method: 'POST',
      headers: { ...keys, 'x-flow': flow },
      body: new Blob(['{"name":"Zoë"}']),
    });
    expect(res.status).toBe(415);
    expect(gw.sim('flowize').state.records.length).toBe(before);
  });

  it('refuses and records login credentials sent as URL parameters', async () => {
    expectViolation('flowize', 'auth.header-name');
    const q = new URLSearchParams({
      client_id: SANDBOX_CREDENTIALS.clientId,
      client_secret: SANDBOX_CREDENTIALS.clientSecret,
      grant_type: 'client_credentials',
    });
    const res = await fetch(`${url}/checkauthentication?${q}`);
    expect(res.status).toBe(401);
  });

  it('does not count a wrong (but well placed) API key as a wire violation', async () => {
    const res = await fetch(`${url}/record/search`, { headers: { ...keys, 'x-apikey': 'revoked-key' } });
    expect(res.status).toBe(401);
    expect(takeViolations()).toEqual([]);
  });

  for (const mode of ['oauth2', 'apikey', 'url'] as const) {
    it(`records nothing while the gateway reads and writes in ${mode} mode`, async () => {
      const other = await startTestGateway({ FLOWIZE_AUTH_MODE: mode });
      try {
        const flow = other.sim('flowize').state.flows[0].name as string;
        const res = await other.gql(
          `query($flow: String!) { flowize { records(first: 3) { nodes { uuid } } flowDiagram(flowName: $flow) { flowName } } }`,
          { flow },
        );
        expect(res.errors).toBeUndefined();
        const write = await other.gql(
          `mutation($flow: String!) { flowizeCreateRecords(input: { flowName: $flow, records: [{ name: "Łukasz Żółć 🚀" }] }) { uuids } }`,
          { flow },
        );
        expect(write.errors).toBeUndefined();
        expect(other.sim('flowize').violations).toEqual([]);
      } finally {
        await other.close();
      }
    });
  }
});
