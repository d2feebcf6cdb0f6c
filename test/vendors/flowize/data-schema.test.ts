import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation } from '../../support/violations.js';

const SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  properties: { postcode: { type: 'string' }, house_number: { type: 'string' } },
  required: ['postcode'],
};
const SAMPLE = { postcode: '1012AB', house_number: '12' };

const CREATE = `mutation($input: FlowizeDataSchemaInput!) { flowizeCreateDataSchema(input: $input) {
  message createdAt modifiedAt dataSchema { schema url customer createdAt } } }`;
const UPDATE =
  'mutation($input: FlowizeDataSchemaInput!) { flowizeUpdateDataSchema(input: $input) { message modifiedAt dataSchema { schema } } }';
const READ = '{ flowize { dataSchema { schema url customer createdAt modifiedAt } } }';

describe('Flowize data schema', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sim('flowize').reset());

  it('answers null while no schema is defined', async () => {
    const res = await gw.gql(READ);
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize.dataSchema).toBeNull();
  });

  it('creates a schema, base64-encoding it, and reads it back decoded', async () => {
    const res = await gw.gql(CREATE, { input: { schema: SCHEMA, sampleRecord: SAMPLE, url: 'www.example.nl' } });
    expect(res.errors).toBeUndefined();
    const payload = res.data!.flowizeCreateDataSchema;
    expect(payload.message).toBe('Schema structure is created successfully');
    expect(payload.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(payload.dataSchema).toMatchObject({
      schema: SCHEMA,
      url: 'www.example.nl',
      customer: 'Acme Finance B.V.',
      createdAt: payload.createdAt,
    });

    const post = gw.sim('flowize').requests.find((r) => r.method === 'POST' && r.path === '/v1/schema')!;
    expect(post.headers['x-scopes']).toBe('schema');
    const body = JSON.parse(post.body);
    expect(JSON.parse(Buffer.from(body.schema, 'base64').toString('utf8'))).toEqual(SCHEMA);
    expect(JSON.parse(Buffer.from(body.data_record, 'base64').toString('utf8'))).toEqual(SAMPLE);
    expect(body.url).toBe('www.example.nl');

    const read = await gw.gql(READ);
    expect(read.data!.flowize.dataSchema.schema).toEqual(SCHEMA);
    const get = gw.sim('flowize').requests.at(-1)!;
    expect(get).toMatchObject({ method: 'GET', path: '/v1/schema' });
    expect(get.headers['x-scopes']).toBe('schema.read');
  });

  it('reports a second create as VENDOR_CONFLICT', async () => {
    await gw.gql(CREATE, { input: { schema: SCHEMA, sampleRecord: SAMPLE, url: 'www.example.nl' } });
    const res = await gw.gql(CREATE, { input: { schema: SCHEMA, sampleRecord: SAMPLE, url: 'www.example.nl' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_CONFLICT', vendor: 'flowize', vendorStatus: 409 });
  });

  it('updates the schema', async () => {
    await gw.gql(CREATE, { input: { schema: SCHEMA, sampleRecord: SAMPLE, url: 'www.example.nl' } });
    const next = { ...SCHEMA, required: ['postcode', 'house_number'] };
    const res = await gw.gql(UPDATE, { input: { schema: next, sampleRecord: [SAMPLE], url: 'www.example.nl' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeUpdateDataSchema).toMatchObject({
      message: 'Schema structure is updated successfully',
      dataSchema: { schema: next },
    });
    const put = gw.sim('flowize').requests.find((r) => r.method === 'PUT')!;
    expect(put.headers['x-scopes']).toBe('schema');
  });

  it('reports an update without a schema as VENDOR_NOT_FOUND', async () => {
    const res = await gw.gql(UPDATE, { input: { schema: SCHEMA, sampleRecord: SAMPLE, url: 'www.example.nl' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendorStatus: 404 });
  });

  it('deletes the schema', async () => {
    await gw.gql(CREATE, { input: { schema: SCHEMA, sampleRecord: SAMPLE, url: 'www.example.nl' } });
    const res = await gw.gql('mutation { flowizeDeleteDataSchema { message } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeDeleteDataSchema.message).toBe('Schema has been removed successfully');
    expect((await gw.gql(READ)).data!.flowize.dataSchema).toBeNull();
    const again = await gw.gql('mutation { flowizeDeleteDataSchema { message } }');
    expect(again.errors![0].extensions.code).toBe('VENDOR_NOT_FOUND');
  });

  it('works in the apikey and url auth modes too', async () => {
    for (const mode of ['apikey', 'url']) {
      const other = await startTestGateway({ FLOWIZE_AUTH_MODE: mode });
      try {
        const created = await other.gql(CREATE, {
          input: { schema: SCHEMA, sampleRecord: SAMPLE, url: 'www.example.nl' },
        });
        expect(created.errors, mode).toBeUndefined();
        expect(created.data!.flowizeCreateDataSchema.dataSchema.schema).toEqual(SCHEMA);
        const get = other.sim('flowize').requests.find((r) => r.method === 'GET' && r.path === '/v1/schema')!;
        if (mode === 'url') expect(get.query).toMatchObject({ scopes: 'schema.read', app_key: 'sandbox-app' });
        else expect(get.headers['x-scopes']).toBe('schema.read');
      } finally {
        await other.close();
      }
    }
  });

  it.each([
    ['a schema that is not an object', { schema: [1], sampleRecord: SAMPLE, url: 'www.example.nl' }],
    ['a sample record that is a string', { schema: SCHEMA, sampleRecord: 'x', url: 'www.example.nl' }],
    ['an empty url', { schema: SCHEMA, sampleRecord: SAMPLE, url: ' ' }],
  ])('rejects %s with BAD_USER_INPUT before calling Flowize', async (_name, input) => {
    gw.sim('flowize').clearRequests();
    const res = await gw.gql(CREATE, { input });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('flowize').count({ path: '/v1/schema' })).toBe(0);
  });
});

describe('Flowize data schema simulator', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const call = (method: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${gw.sim('flowize').url}/v1/schema`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-apikey': 'sandbox-flowize-apikey-0000',
        'x-app': 'sandbox-app',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('requires the schema scopes', async () => {
    expectViolation('flowize', 'auth.scope');
    const read = await call('GET', { 'x-scopes': 'record' });
    expect(read.status).toBe(401);
    const write = await call('POST', { 'x-scopes': 'schema.read' }, { schema: 'e30=', data_record: 'e30=', url: 'x' });
    expect(write.status).toBe(401);
    expect(((await write.json()) as { error: { message: string } }).error.message).toContain('schema');
  });

  it('rejects a schema that is not base64 JSON', async () => {
    const res = await call(
      'POST',
      { 'x-scopes': 'schema' },
      { schema: '{"type":"object"}', data_record: 'e30=', url: 'x' },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      resource: [],
      error: { code: 400, message: 'schema must be a base64-encoded JSON Schema (version 4) object' },
    });
  });
});
