/**
 * Hostile vendor answers: XML with external entities or entity expansion, bodies larger than the
 * configured limit, JSON nested deeper than the configured depth. Each ends as VENDOR_BAD_RESPONSE
 * for that field, quickly, with nothing of the hostile body in the response, and the gateway keeps
 * serving.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VendorName } from '../../src/context.js';
import { startTestGateway, type TestGateway } from '../helpers.js';

const MAX_BYTES = 65_536;
const JSON_HEADERS = { 'content-type': 'application/json' };

const SOAP_CREATE = {
  query: 'mutation($input: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $input) { uuids } }',
  variables: { input: { flowName: 'address-verification', records: [{ Postcode: '1011AB' }], transport: 'SOAP' } },
};

/** One read per vendor, and the field whose error it reports. */
const READS: Record<VendorName, { query: string; field: string }> = {
  flowize: { query: '{ flowize { records(first: 2) { nodes { uuid } } } }', field: 'flowize' },
  flexipim: { query: '{ flexipim { products(channel: "2", first: 2) { nodes { id } } } }', field: 'flexipim' },
  appmixer: { query: '{ appmixer { stores { id } } }', field: 'appmixer' },
  flxpoint: { query: '{ flxpoint { account { id } } }', field: 'flxpoint' },
  phixflow: { query: '{ phixflow { invocation(processId: "P-1") { status } } }', field: 'phixflow' },
};

const envelope = (inner: string, prolog = '') =>
  `<?xml version="1.0"?>${prolog}<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><postRecordResponse><result>${inner}</result></postRecordResponse></soapenv:Body></soapenv:Envelope>`;

describe('hostile vendor responses', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      VENDORGRAPH_MAX_RESPONSE_BYTES: String(MAX_BYTES),
      VENDORGRAPH_MAX_RESPONSE_DEPTH: '64',
      VENDORGRAPH_RETRY_LIMIT: '0',
    });
  });
  afterAll(() => gw.close());
  afterEach(() => {
    for (const name of Object.keys(READS) as VendorName[]) gw.sim(name).reset();
  });

  const errorOf = (res: { errors?: { extensions: Record<string, any> }[] }) => res.errors?.[0]?.extensions;

  it('refuses SOAP XML with an external entity (XXE)', async () => {
    const xxe = envelope('&xxe;', '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
    gw.sim('flowize').fault({
      method: 'POST',
      path: '/soap',
      status: 200,
      body: xxe,
      headers: { 'content-type': 'text/xml' },
    });
    const res = await gw.gql(SOAP_CREATE.query, SOAP_CREATE.variables);
    expect(errorOf(res)).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', vendor: 'flowize' });
    expect(res.text).not.toContain('root:');
    expect(res.text).not.toContain('passwd');
  });

  it('refuses SOAP XML with entity expansion (billion laughs)', async () => {
    const entities = [
      '<!ENTITY l0 "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`),
    ].join('');
    const bomb = envelope('&l9;', `<!DOCTYPE r [${entities}]>`);
    gw.sim('flowize').fault({
      method: 'POST',
      path: '/soap',
      status: 200,
      body: bomb,
      headers: { 'content-type': 'text/xml' },
    });
    const res = await gw.gql(SOAP_CREATE.query, SOAP_CREATE.variables);
    expect(errorOf(res)).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', vendor: 'flowize' });
    expect(res.text).not.toContain('lol');
  });

  it('refuses a SOAP Fault that hides an entity in its message', async () => {
    const fault = `<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "http://169.254.169.254/latest/meta-data/">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>&x;</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
    gw.sim('flowize').fault({
      method: 'POST',
      path: '/soap',
      status: 400,
      body: fault,
      headers: { 'content-type': 'text/xml' },
    });
    const res = await gw.gql(SOAP_CREATE.query, SOAP_CREATE.variables);
    expect(errorOf(res)).toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    expect(res.text).not.toContain('169.254');
  });

  for (const [name, read] of Object.entries(READS) as [VendorName, (typeof READS)[VendorName]][]) {
    it(`cuts off a ${name} body larger than the limit`, async () => {
      const huge = JSON.stringify({ padding: 'x'.repeat(MAX_BYTES * 4) });
      gw.sim(name).fault({ status: 200, body: huge, headers: JSON_HEADERS });
      const res = await gw.gql(read.query);
      expect(res.status).toBe(200);
      expect(res.errors![0].path![0]).toBe(read.field);
      expect(errorOf(res)).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', vendor: name });
      expect(res.text.length).toBeLessThan(2_000);
    });

    it(`refuses ${name} JSON nested deeper than the limit`, async () => {
      gw.sim(name).fault({ status: 200, body: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, headers: JSON_HEADERS });
      const res = await gw.gql(read.query);
      expect(errorOf(res)).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', vendor: name });
      expect(res.errors![0].message).toContain('nested deeper than 64');
    });
  }

  it('refuses a huge error body too, instead of reading it', async () => {
    gw.sim('appmixer').fault({
      status: 500,
      body: JSON.stringify({ message: 'y'.repeat(MAX_BYTES * 2) }),
      headers: JSON_HEADERS,
    });
    const res = await gw.gql(READS.appmixer.query);
    expect(errorOf(res)).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', vendor: 'appmixer' });
    expect(res.text).not.toContain('yyyy');
  });

  it('reads "__proto__" keys in vendor JSON as data, never as a prototype', async () => {
    gw.sim('appmixer').fault({
      path: '/stores',
      status: 200,
      body: '[{"storeId":"s1","name":"n","__proto__":{"polluted":"yes"}}]',
      headers: JSON_HEADERS,
    });
    const res = await gw.gql(READS.appmixer.query);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it('withholds a deep JSON value hidden inside a vendor string, and still sends the rest', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    gw.sim('flowize').fault({
      method: 'GET',
      path: '/v1/schema',
      status: 200,
      body: {
        resource: {
          url: 'https://example.test/schema',
          schema: Buffer.from(deep).toString('base64'),
          creation_date: '2024-05-01 10:00:00',
        },
        message: 'ok',
      },
      headers: JSON_HEADERS,
    });
    const res = await gw.gql('{ flowize { dataSchema { url schema } } }');
    expect(res.status).toBe(200);
    expect(res.data!.flowize.dataSchema).toEqual({ url: 'https://example.test/schema', schema: null });
    expect(res.errors![0]).toMatchObject({
      path: ['flowize', 'dataSchema', 'schema'],
      extensions: { code: 'VENDOR_BAD_RESPONSE' },
    });
  });

  it('keeps serving after hostile answers', async () => {
    const res = await gw.gql('{ flowize { records(first: 1) { totalCount } } appmixer { stores { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize.records.totalCount).toBeGreaterThan(0);
  });
});
