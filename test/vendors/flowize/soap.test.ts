/**
 * Flowize record creation over SOAP: the older postRecord message (a session token in the SOAP
 * header, in every auth mode), insertRecord's safe retry, one re-login on a token Fault, and what
 * reaches a client when the vendor answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/sandbox/framework.js';
import { SANDBOX_CREDENTIALS, flowizeSimulator } from '../../../src/sandbox/flowize/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const CREATE = `mutation ($input: FlowizeCreateRecordsInput!) {
  flowizeCreateRecords(input: $input) { uuids dataRecordIds alreadyExisted message records { uuid flowName data } }
}`;

const ACCESS_TOKEN =
  /<tns:AuthenticationHeader><AccessToken xsi:type="xsd:string">([^<]*)<\/AccessToken><\/tns:AuthenticationHeader>/;

describe('Flowize record creation over SOAP', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ VENDORGRAPH_RETRY_LIMIT: '1' });
  });
  afterAll(() => gw.close());

  it('creates a record with postRecord and the session token as AccessToken, readable over REST', async () => {
    const sim = gw.sim('flowize');
    const customer = { Postcode: '1011AB', Huisnummer: '12', Toevoeging: 'A', brief_naw_02: 'Jansen & Zn' };
    const res = await gw.gql(CREATE, {
      input: { flowName: 'address-verification', records: [customer], transport: 'SOAP_POST_RECORD' },
    });
    expect(res.errors).toBeUndefined();
    const [uuid] = res.data!.flowizeCreateRecords.uuids;
    expect(res.data!.flowizeCreateRecords.message).toBe('Data Record created successfully');
    const soapCall = sim.requests.find((r) => r.path === '/soap')!;
    expect(soapCall.headers['content-type']).toMatch(/^text\/xml/);
    expect(soapCall.headers.soapaction).toBe('"postRecord"');
    expect(ACCESS_TOKEN.exec(soapCall.body)?.[1]).toMatch(/^[0-9a-f]{64}$/);
    expect(soapCall.body).toContain('<Postcode xsi:type="xsd:string">1011AB</Postcode>');
    expect(soapCall.body).toContain('Jansen &amp; Zn');
    const read = await gw.gql('query ($u: ID!) { flowize { record(uuid: $u) { uuid flowName data } } }', { u: uuid });
    expect(read.data!.flowize.record).toEqual({ uuid, flowName: 'address-verification', data: customer });
  });

  it("reads the doc's typed SUCCESS answer as a success, not as an object", async () => {
    // The doc's answer verbatim (its `mym` prefix is declared here so the XML is well-formed).
    const body =
      '<soapenv:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mym="Flowize">' +
      '<soapenv:Body><mym:postRecordResponse><return xsi:type="mym:postRecordResponse"><Result xsi:type="xsd:string">SUCCESS</Result>' +
      '<DataRecordID xsi:type="xsd:string">123</DataRecordID><Message xsi:type="xsd:string">Data Record created successfully</Message></return></mym:postRecordResponse></soapenv:Body></soapenv:Envelope>';
    gw.sim('flowize').fault({
      method: 'POST',
      path: '/soap',
      times: 1,
      status: 200,
      body,
      headers: { 'content-type': 'text/xml' },
    });
    const res = await gw.gql(CREATE, {
      input: { flowName: 'address-verification', records: [{ Postcode: '1' }], transport: 'SOAP_POST_RECORD' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeCreateRecords).toMatchObject({
      dataRecordIds: ['123'],
      alreadyExisted: false,
      message: 'Data Record created successfully',
    });
  });

  it('maps a numeric SOAP Fault to a coded error whose vendorStatus is the number', async () => {
    const res = await gw.gql(CREATE, {
      input: { flowName: 'no-such-flow', records: [{ Postcode: '1' }], transport: 'SOAP_POST_RECORD' },
    });
    expect(res.data).toEqual({ flowizeCreateRecords: null });
    expect(res.errors![0].extensions).toEqual({
      code: 'VENDOR_REJECTED',
      vendor: 'flowize',
      vendorStatus: 402,
      retryable: false,
    });
    expect(res.errors![0].message).toBe('flowize rejected the request: Flow no-such-flow does not exist');
    expect(res.text).not.toMatch(/<|#text|@_/);
  });

  it('keeps vendorStatus a string when a result is neither SUCCESS nor a Fault, and no XML reaches the client', async () => {
    const body =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><postRecordResponse><return>' +
      '<Result xsi:type="xsd:string">FAILED</Result><Message xsi:type="xsd:string">Postcode is not valid</Message></return></postRecordResponse></soapenv:Body></soapenv:Envelope>';
    gw.sim('flowize').fault({
      method: 'POST',
      path: '/soap',
      times: 1,
      status: 200,
      body,
      headers: { 'content-type': 'text/xml' },
    });
    const res = await gw.gql(CREATE, {
      input: { flowName: 'address-verification', records: [{ Postcode: 'x' }], transport: 'SOAP_POST_RECORD' },
    });
    expect(res.errors![0].extensions).toEqual({
      code: 'VENDOR_REJECTED',
      vendor: 'flowize',
      vendorStatus: 'FAILED',
      retryable: false,
    });
    expect(res.errors![0].message).toBe('flowize rejected the request: Postcode is not valid');
  });

  it('speaks SOAP 1.2 when configured', async () => {
    const gw12 = await startTestGateway({ FLOWIZE_SOAP_VERSION: '1.2', FLOWIZE_RECORD_TRANSPORT: 'soap' });
    try {
      const ok = await gw12.gql(CREATE, {
        input: { flowName: 'address-verification', records: [{ Postcode: '2' }], transport: 'SOAP_POST_RECORD' },
      });
      expect(ok.errors).toBeUndefined();
      const call = gw12.sim('flowize').requests.find((r) => r.path === '/soap')!;
      expect(call.headers['content-type']).toBe('application/soap+xml; charset=utf-8; action="postRecord"');
      expect(call.body).toContain('http://www.w3.org/2003/05/soap-envelope');
      const fault = await gw12.gql(CREATE, {
        input: { flowName: 'nope', records: [{ Postcode: '2' }], transport: 'SOAP_POST_RECORD' },
      });
      expect(fault.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 402 });
      // FLOWIZE_RECORD_TRANSPORT=soap makes insertRecord the default create.
      const byDefault = await gw12.gql(CREATE, {
        input: { flowName: 'address-verification', records: [{ Postcode: '3' }] },
      });
      expect(byDefault.errors).toBeUndefined();
      expect(gw12.sim('flowize').requests.at(-1)!.headers['content-type']).toContain('action="insertRecord"');
    } finally {
      await gw12.close();
    }
  });

  it('costs exactly one re-login and one replay when the session token was revoked', async () => {
    const sim = gw.sim('flowize');
    sim.action('revokeTokens');
    sim.clearRequests();
    const res = await gw.gql(CREATE, {
      input: { flowName: 'address-verification', records: [{ Postcode: '3' }], transport: 'SOAP_POST_RECORD' },
    });
    expect(res.errors).toBeUndefined();
    expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
    expect(sim.count({ path: '/soap' })).toBe(2);
    const [first, replay] = sim.requests.filter((r) => r.path === '/soap');
    expect(ACCESS_TOKEN.exec(first.body)![1]).not.toBe(ACCESS_TOKEN.exec(replay.body)![1]);
    // One record, although the call was sent twice.
    expect(sim.state.records.filter((r: any) => r.uuid === res.data!.flowizeCreateRecords.uuids[0])).toHaveLength(1);
  });

  it('gives up after one replay when the new token is refused too', async () => {
    const sim = gw.sim('flowize');
    sim.clearRequests();
    const fault =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>436</faultcode><faultstring>Invalid Token Error</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    sim.fault({
      method: 'POST',
      path: '/soap',
      times: 2,
      status: 500,
      body: fault,
      headers: { 'content-type': 'text/xml' },
    });
    const res = await gw.gql(CREATE, {
      input: { flowName: 'address-verification', records: [{ Postcode: '5' }], transport: 'SOAP_POST_RECORD' },
    });
    expect(res.errors![0].extensions).toEqual({
      code: 'VENDOR_UNAUTHORIZED',
      vendor: 'flowize',
      vendorStatus: 436,
      retryable: false,
    });
    expect(sim.count({ path: '/soap' })).toBe(2);
    expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
  });

  it('refuses field names that are not XML element names', async () => {
    const before = gw.sim('flowize').count({ path: '/soap' });
    const res = await gw.gql(CREATE, {
      input: { flowName: 'address-verification', records: [{ 'bad name': 1 }], transport: 'SOAP_POST_RECORD' },
    });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('record.bad name');
    expect(gw.sim('flowize').count({ path: '/soap' })).toBe(before);
  });

  it('never sends a SOAP create twice when the uuid is reused: the second answer is alreadyExisted', async () => {
    for (const transport of ['SOAP_POST_RECORD', 'SOAP']) {
      const input = {
        flowName: 'address-verification',
        records: [{ Postcode: '4' }],
        transport,
        uuid: `fixed-uuid-${transport}`,
      };
      const first = await gw.gql(CREATE, { input });
      const second = await gw.gql(CREATE, { input });
      expect(first.data!.flowizeCreateRecords.alreadyExisted).toBe(false);
      expect(second.data!.flowizeCreateRecords.alreadyExisted).toBe(true);
      expect(gw.sim('flowize').state.records.filter((r: any) => r.uuid === input.uuid)).toHaveLength(1);
    }
  });

  it('makes one record when a SOAP create is retried after its answer was lost', async () => {
    const sim = gw.sim('flowize');
    for (const transport of ['SOAP', 'SOAP_POST_RECORD']) {
      sim.clearRequests();
      const before = sim.state.records.length;
      sim.action('loseSoapAnswer');
      const res = await gw.gql(CREATE, {
        input: { flowName: 'invoice-reminders', records: [{ invoice: `INV-${transport}` }], transport },
      });
      expect(res.errors).toBeUndefined();
      const [uuid] = res.data!.flowizeCreateRecords.uuids;
      expect(sim.count({ path: '/soap' })).toBe(2);
      const uuids = sim.requests
        .filter((r) => r.path === '/soap')
        .map((r) => /<Uuid xsi:type="xsd:string">([^<]+)<\/Uuid>/.exec(r.body)![1]);
      expect(uuids).toEqual([uuid, uuid]);
      expect(sim.state.records.length).toBe(before + 1);
      expect(sim.state.records.filter((r: any) => r.uuid === uuid)).toHaveLength(1);
    }
  });
});

describe('Flowize postRecord outside oauth2 mode', () => {
  for (const mode of ['apikey', 'url'] as const) {
    it(`${mode} mode: the AccessToken is a session token from /checkauthentication, never the API key`, async () => {
      const gw = await startTestGateway({ FLOWIZE_AUTH_MODE: mode });
      try {
        const res = await gw.gql(CREATE, {
          input: { flowName: 'address-verification', records: [{ Postcode: mode }], transport: 'SOAP_POST_RECORD' },
        });
        expect(res.errors).toBeUndefined();
        const sim = gw.sim('flowize');
        const call = sim.requests.find((r) => r.path === '/soap')!;
        const token = ACCESS_TOKEN.exec(call.body)![1];
        expect(token).toMatch(/^[0-9a-f]{64}$/);
        expect(call.body).not.toContain(SANDBOX_CREDENTIALS.apiKey);
        expect(call.query).toEqual({});
        expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
      } finally {
        await gw.close();
      }
    });
  }

  it('is VENDOR_NOT_CONFIGURED without client credentials, before any call', async () => {
    // A base URL set in sandbox mode replaces the simulator's settings: only what is given here applies.
    const sim = await startSimulator(flowizeSimulator);
    const gw = await startTestGateway({
      FLOWIZE_BASE_URL: `${sim.url}/v1`,
      FLOWIZE_AUTH_MODE: 'apikey',
      FLOWIZE_API_KEY: SANDBOX_CREDENTIALS.apiKey,
      FLOWIZE_APP_KEY: SANDBOX_CREDENTIALS.appKey,
    });
    try {
      const res = await gw.gql(CREATE, {
        input: { flowName: 'address-verification', records: [{ Postcode: '1' }], transport: 'SOAP_POST_RECORD' },
      });
      expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_CONFIGURED', vendor: 'flowize' });
      expect(res.errors![0].message).toContain('FLOWIZE_CLIENT_ID');
      expect(sim.count({ path: '/soap' })).toBe(0);
    } finally {
      await gw.close();
      await sim.stop();
    }
  });
});

describe('Flowize SOAP simulator', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const envelope = (operation: string, input: string, header = '') =>
    `<soapenv:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mym="Flowize">` +
    `<soapenv:Header>${header}</soapenv:Header><soapenv:Body><mym:${operation}><input>${input}</input></mym:${operation}></soapenv:Body></soapenv:Envelope>`;
  const auth = (apikey = SANDBOX_CREDENTIALS.apiKey, appkey = SANDBOX_CREDENTIALS.appKey, version = '1') =>
    `<AuthenticationObject><Apikey xsi:type="xsd:string">${apikey}</Apikey><Appkey xsi:type="xsd:string">${appkey}</Appkey><Version xsi:type="xsd:string">${version}</Version></AuthenticationObject>`;
  const post = async (
    operation: string,
    body: string,
    headers: Record<string, string> = { soapaction: `"${operation}"` },
  ) => {
    const res = await fetch(`${gw.sim('flowize').url}/soap`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      code: /<faultcode>([^<]*)<\/faultcode>/.exec(text)?.[1],
      reason: /<faultstring>([^<]*)<\/faultstring>/.exec(text)?.[1],
    };
  };
  const flow = '<FlowDiagramObject><Flow>invoice-reminders</Flow></FlowDiagramObject>';
  const data = (b64: string) => `<DataRecordObject><Data xsi:type="xsd:string">${b64}</Data></DataRecordObject>`;
  const goodData = Buffer.from('{"a":1}').toString('base64');

  it('answers a well-formed insertRecord with a typed result and HTTP 201', async () => {
    const res = await post('insertRecord', envelope('insertRecord', auth() + data(goodData) + flow));
    expect(res.status).toBe(201);
    expect(res.text).toContain(
      '<insertRecordResult xsi:type="ns1:Response"><Id xsi:type="xsd:string">created</Id><Code xsi:type="xsd:string">201</Code>',
    );
  });

  it('rejects a missing AuthenticationObject or any of its fields with a 400 Fault', async () => {
    expect(await post('getSchema', envelope('getSchema', ''))).toMatchObject({
      status: 500,
      code: '400',
      reason: 'AuthenticationObject is required',
    });
    const withoutVersion = `<AuthenticationObject><Apikey>${SANDBOX_CREDENTIALS.apiKey}</Apikey><Appkey>${SANDBOX_CREDENTIALS.appKey}</Appkey></AuthenticationObject>`;
    expect(await post('getSchema', envelope('getSchema', withoutVersion))).toMatchObject({
      code: '400',
      reason: 'AuthenticationObject.Version is required',
    });
    expect(await post('getSchema', envelope('getSchema', auth(SANDBOX_CREDENTIALS.apiKey, '')))).toMatchObject({
      code: '400',
      reason: 'AuthenticationObject.Appkey is required',
    });
  });

  it('rejects wrong keys, and a session token where the API key belongs, as "The credentials are not correct." (404)', async () => {
    expect(await post('getSchema', envelope('getSchema', auth('wrong')))).toMatchObject({
      code: '404',
      reason: 'The credentials are not correct.',
    });
    const login = await fetch(`${gw.sim('flowize').url}/v1/checkauthentication`, {
      headers: {
        client_id: SANDBOX_CREDENTIALS.clientId,
        client_secret: SANDBOX_CREDENTIALS.clientSecret,
        grant_type: 'client_credentials',
      },
    });
    const token = ((await login.json()) as any).resource.access_token;
    expect(await post('getSchema', envelope('getSchema', auth(token)))).toMatchObject({
      code: '404',
      reason: 'The credentials are not correct.',
    });
  });

  it('rejects an API key where postRecord expects a session token (436)', async () => {
    const header = `<tns:AuthenticationHeader xmlns:tns="Flowize"><AccessToken>${SANDBOX_CREDENTIALS.apiKey}</AccessToken></tns:AuthenticationHeader>`;
    const res = await post(
      'postRecord',
      envelope('postRecord', '<FlowName>invoice-reminders</FlowName><Customer><a>1</a></Customer>', header),
    );
    expect(res).toMatchObject({ status: 500, code: '436', reason: 'Invalid Token Error' });
  });

  it('rejects data that is not base64 (400)', async () => {
    for (const bad of ['{"a":1}', 'not base64!', Buffer.from('not json').toString('base64')]) {
      const res = await post('insertRecord', envelope('insertRecord', auth() + data(bad) + flow));
      expect(res.code).toBe('400');
      expect(res.reason).toMatch(/^Data has to be/);
    }
    const schema = `<SchemaObject><Url>u</Url><Schema>###</Schema><DataRecord>${goodData}</DataRecord></SchemaObject>`;
    expect(await post('insertSchema', envelope('insertSchema', auth() + schema))).toMatchObject({
      code: '400',
      reason: 'Schema has to be in base64 encoding',
    });
  });

  it('requires the SOAPAction header in SOAP 1.1', async () => {
    expect(await post('getSchema', envelope('getSchema', auth()), {})).toMatchObject({
      code: '400',
      reason: 'SOAPAction header is required',
    });
  });
});
