import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const CREATE = `mutation ($input: FlowizeCreateRecordsInput!) {
  flowizeCreateRecords(input: $input) { uuids dataRecordIds alreadyExisted message records { uuid flowName data } }
}`;

describe('Flowize record creation over SOAP', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ VENDORGRAPH_RETRY_LIMIT: '1' });
  });
  afterAll(() => gw.close());

  it('creates a record with postRecord and the AccessToken header, readable over REST', async () => {
    const sim = gw.sim('flowize');
    const customer = { Postcode: '1011AB', Huisnummer: '12', Toevoeging: 'A', brief_naw_02: 'Jansen & Zn' };
    const res = await gw.gql(CREATE, { input: { flowName: 'address-verification', records: [customer], transport: 'SOAP' } });
    expect(res.errors).toBeUndefined();
    const [uuid] = res.data!.flowizeCreateRecords.uuids;
    expect(res.data!.flowizeCreateRecords.message).toBe('Data Record created successfully');
    const soapCall = sim.requests.find((r) => r.path === '/soap')!;
    expect(soapCall.headers['content-type']).toMatch(/^text\/xml/);
    expect(soapCall.headers.soapaction).toBe('"postRecord"');
    expect(soapCall.body).toMatch(/<tns:AuthenticationHeader><AccessToken>[0-9a-f]{64}<\/AccessToken>/);
    expect(soapCall.body).toContain('Jansen &amp; Zn');
    const read = await gw.gql('query ($u: ID!) { flowize { record(uuid: $u) { uuid flowName data } } }', { u: uuid });
    expect(read.data!.flowize.record).toEqual({ uuid, flowName: 'address-verification', data: customer });
  });

  it('maps a SOAP Fault to a coded error with the fault code', async () => {
    const res = await gw.gql(CREATE, { input: { flowName: 'no-such-flow', records: [{ Postcode: '1' }], transport: 'SOAP' } });
    expect(res.data).toEqual({ flowizeCreateRecords: null });
    expect(res.errors![0].extensions).toEqual({ code: 'VENDOR_REJECTED', vendor: 'flowize', vendorStatus: 'soapenv:Client', retryable: false });
    expect(res.errors![0].message).toContain('Flow no-such-flow does not exist');
  });

  it('speaks SOAP 1.2 when configured', async () => {
    const gw12 = await startTestGateway({ FLOWIZE_SOAP_VERSION: '1.2', FLOWIZE_RECORD_TRANSPORT: 'soap' });
    try {
      const ok = await gw12.gql(CREATE, { input: { flowName: 'address-verification', records: [{ Postcode: '2' }] } });
      expect(ok.errors).toBeUndefined();
      const call = gw12.sim('flowize').requests.find((r) => r.path === '/soap')!;
      expect(call.headers['content-type']).toMatch(/^application\/soap\+xml; charset=utf-8; action="postRecord"/);
      expect(call.body).toContain('http://www.w3.org/2003/05/soap-envelope');
      const fault = await gw12.gql(CREATE, { input: { flowName: 'nope', records: [{ Postcode: '2' }] } });
      expect(fault.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 'soapenv:Client' });
    } finally {
      await gw12.close();
    }
  });

  it('re-authenticates once when the SOAP endpoint rejects an expired token', async () => {
    const sim = gw.sim('flowize');
    sim.action('revokeTokens');
    sim.clearRequests();
    const res = await gw.gql(CREATE, { input: { flowName: 'address-verification', records: [{ Postcode: '3' }], transport: 'SOAP' } });
    expect(res.errors).toBeUndefined();
    expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
    expect(sim.count({ path: '/soap' })).toBe(2);
  });

  it('refuses field names that are not XML element names', async () => {
    const before = gw.sim('flowize').count({ path: '/soap' });
    const res = await gw.gql(CREATE, { input: { flowName: 'address-verification', records: [{ 'bad name': 1 }], transport: 'SOAP' } });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('record.bad name');
    expect(gw.sim('flowize').count({ path: '/soap' })).toBe(before);
  });

  it('never sends a SOAP create twice when the uuid is reused: the second answer is alreadyExisted', async () => {
    const input = { flowName: 'address-verification', records: [{ Postcode: '4' }], transport: 'SOAP', uuid: 'fixed-uuid-soap-1' };
    const first = await gw.gql(CREATE, { input });
    const second = await gw.gql(CREATE, { input });
    expect(first.data!.flowizeCreateRecords.alreadyExisted).toBe(false);
    expect(second.data!.flowizeCreateRecords.alreadyExisted).toBe(true);
    expect(gw.sim('flowize').state.records.filter((r: any) => r.uuid === 'fixed-uuid-soap-1')).toHaveLength(1);
  });
});
