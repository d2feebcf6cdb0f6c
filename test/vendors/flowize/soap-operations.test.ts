/**
 * Every operation of Flowize's SOAP API through the gateway (FLOWIZE_TRANSPORT=soap) against the
 * simulator, in SOAP 1.1 and 1.2: the envelope on the wire as the doc shows it, the success
 * answer, and the operation's documented Fault as a coded error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../../src/sandbox/framework.js';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/flowize/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const Q = {
  create: `mutation ($input: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $input) { uuids flowName dataRecordIds alreadyExisted records { uuid data } } }`,
  record: `query ($u: ID!) { flowize { record(uuid: $u) { uuid flowId statusName createdAt startedAt data } } }`,
  update: `mutation ($u: ID!, $d: JSON!) { flowizeUpdateRecord(uuid: $u, data: $d) { uuid flowName message record { data } } }`,
  remove: `mutation ($u: ID!) { flowizeDeleteRecord(uuid: $u) { uuid message } }`,
  webhook: `mutation ($uri: String!, $p: JSON!) { flowizePostWebhook(webhookUri: $uri, payload: $p) { message } }`,
  diagram: `query ($f: String!) { flowize { flowDiagram(flowName: $f) { flowName customer description currentFlow versions } } }`,
  flowStatus: `mutation ($id: ID!, $s: FlowizeFlowStatus!) { flowizeChangeFlowStatus(flowId: $id, status: $s) { flowId status message } }`,
  schema: `{ flowize { dataSchema { schema url customer createdAt modifiedAt } } }`,
  insertSchema: `mutation ($i: FlowizeDataSchemaInput!) { flowizeCreateDataSchema(input: $i) { message dataSchema { schema url } } }`,
  updateSchema: `mutation ($i: FlowizeDataSchemaInput!) { flowizeUpdateDataSchema(input: $i) { message modifiedAt dataSchema { schema } } }`,
  deleteSchema: `mutation { flowizeDeleteDataSchema { message } }`,
};

const SCHEMA_INPUT = {
  schema: { type: 'object', properties: { naam: { type: 'string' } } },
  sampleRecord: { naam: 'Zoë Ąę' },
  url: 'https://json-schema.org/draft-04/schema#',
};

const lastSoap = (gw: TestGateway): RecordedRequest => {
  const calls = gw.sim('flowize').requests.filter((r) => r.path === '/soap');
  return calls[calls.length - 1];
};

/** The base64 `<field>` of an envelope, decoded as JSON. */
const base64Field = (body: string, field: string) =>
  JSON.parse(
    Buffer.from(new RegExp(`<${field} xsi:type="xsd:string">([^<]*)</${field}>`).exec(body)![1], 'base64').toString(
      'utf8',
    ),
  );

for (const version of ['1.1', '1.2'] as const) {
  describe(`Flowize SOAP API, SOAP ${version}`, () => {
    let gw: TestGateway;
    let wrongKey: TestGateway;
    beforeAll(async () => {
      const env = { FLOWIZE_TRANSPORT: 'soap', FLOWIZE_SOAP_VERSION: version, VENDORGRAPH_RETRY_LIMIT: '1' };
      [gw, wrongKey] = await Promise.all([
        startTestGateway(env),
        startTestGateway({ ...env, FLOWIZE_AUTH_MODE: 'apikey', FLOWIZE_API_KEY: 'not-the-key' }),
      ]);
    });
    afterAll(() => Promise.all([gw.close(), wrongKey.close()]));

    /** The envelope rules every operation shares: action, content type, namespace, typed AuthenticationObject. */
    function expectEnvelope(call: RecordedRequest, operation: string, requestType: string, authenticated = true) {
      if (version === '1.1') {
        expect(call.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
        expect(call.headers.soapaction).toBe(`"${operation}"`);
        expect(call.body).toContain('xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"');
      } else {
        expect(call.headers['content-type']).toBe(`application/soap+xml; charset=utf-8; action="${operation}"`);
        expect(call.headers.soapaction).toBeUndefined();
        expect(call.body).toContain('xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"');
      }
      expect(call.body).toContain('xmlns:mym="Flowize"');
      expect(call.body).toContain(`<mym:${operation}><input xsi:type="mym:${requestType}">`);
      if (authenticated) {
        expect(call.body).toContain(
          `<AuthenticationObject xsi:type="mym:AuthenticationObject"><Apikey xsi:type="xsd:string">${SANDBOX_CREDENTIALS.apiKey}</Apikey>` +
            `<Appkey xsi:type="xsd:string">${SANDBOX_CREDENTIALS.appKey}</Appkey><Version xsi:type="xsd:string">1</Version></AuthenticationObject>`,
        );
      } else {
        expect(call.body).not.toContain('AuthenticationObject');
      }
      // No http-level credential rides along: the envelope carries its own.
      expect(call.headers.authorization).toBeUndefined();
      expect(call.headers['x-apikey']).toBeUndefined();
    }

    /** The documented credential Fault (404 "The credentials are not correct.") as a coded error. */
    async function expectCredentialFault(query: string, variables?: Record<string, unknown>) {
      const res = await wrongKey.gql(query, variables);
      expect(res.errors![0].extensions).toEqual({
        code: 'VENDOR_UNAUTHORIZED',
        vendor: 'flowize',
        vendorStatus: 404,
        retryable: false,
      });
      expect(res.errors![0].message).toBe('flowize rejected the gateway credentials: The credentials are not correct.');
      expect(res.text).not.toContain('<');
    }

    it('insertRecord: the record base64 in Data under a gateway-chosen Uuid, readable over REST; an unknown flow is a 402 Fault', async () => {
      const record = { naam: 'Łukasz Żółć', stad: 'Αθήνα', emoji: '🚀' };
      const res = await gw.gql(Q.create, { input: { flowName: 'address-verification', records: [record] } });
      expect(res.errors).toBeUndefined();
      const payload = res.data!.flowizeCreateRecords;
      const call = lastSoap(gw);
      expectEnvelope(call, 'insertRecord', 'InsertRecordRequest');
      expect(base64Field(call.body, 'Data')).toEqual(record);
      expect(call.body).toContain(`<Uuid xsi:type="xsd:string">${payload.uuids[0]}</Uuid>`);
      expect(call.body).toContain(
        '<FlowDiagramObject xsi:type="mym:FlowDiagramObject"><Flow xsi:type="xsd:string">address-verification</Flow></FlowDiagramObject>',
      );
      const stored = gw.sim('flowize').state.records.find((r: any) => r.uuid === payload.uuids[0]);
      expect(payload).toEqual({
        uuids: [stored.uuid],
        flowName: 'address-verification',
        dataRecordIds: [String(stored.id)],
        alreadyExisted: false,
        records: [{ uuid: stored.uuid, data: record }],
      });
      expect(stored.data).toEqual(record);

      const fault = await gw.gql(Q.create, { input: { flowName: 'no-such-flow', records: [{ a: 1 }] } });
      expect(fault.errors![0].extensions).toEqual({
        code: 'VENDOR_REJECTED',
        vendor: 'flowize',
        vendorStatus: 402,
        retryable: false,
      });
      expect(fault.errors![0].message).toBe('flowize rejected the request: Flow no-such-flow does not exist');
      await expectCredentialFault(Q.create, { input: { flowName: 'address-verification', records: [{ a: 1 }] } });
    });

    it('getRecord: the record with its data (plain JSON Resource); a 404 Fault is a null record', async () => {
      const seeded = gw.sim('flowize').state.records[10];
      const res = await gw.gql(Q.record, { u: seeded.uuid });
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize.record).toMatchObject({
        uuid: seeded.uuid,
        flowId: String(seeded.flowId),
        data: seeded.data,
      });
      expect(res.data!.flowize.record.createdAt).toBe(seeded.created.toISOString().replace(/\.\d{3}Z$/, '.000Z'));
      expectEnvelope(lastSoap(gw), 'getRecord', 'GetRecordRequest');
      expect(lastSoap(gw).body).toContain(
        `<DataRecordObject xsi:type="mym:DataRecordObject"><Uuid xsi:type="xsd:string">${seeded.uuid}</Uuid></DataRecordObject>`,
      );
      const missing = await gw.gql(Q.record, { u: 'no-such-uuid' });
      expect(missing.errors).toBeUndefined();
      expect(missing.data!.flowize.record).toBeNull();
      await expectCredentialFault(Q.record, { u: seeded.uuid });
    });

    it('updateRecord: the new data base64 in Data; an unknown uuid is VENDOR_NOT_FOUND', async () => {
      const target = gw.sim('flowize').state.records[20];
      const data = { naam: 'Ελένη', nummer: 7 };
      const res = await gw.gql(Q.update, { u: target.uuid, d: data });
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeUpdateRecord).toEqual({
        uuid: target.uuid,
        flowName: target.flowName,
        message: 'Data Record is updated successfully.',
        record: { data },
      });
      expectEnvelope(lastSoap(gw), 'updateRecord', 'UpdateRecordRequest');
      expect(base64Field(lastSoap(gw).body, 'Data')).toEqual(data);
      expect(target.data).toEqual(data);
      const missing = await gw.gql(Q.update, { u: 'no-such-uuid', d: data });
      expect(missing.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendorStatus: 404 });
      await expectCredentialFault(Q.update, { u: target.uuid, d: data });
    });

    it('deleteRecord: removes the record; a record its flow is running is the documented 403 Fault', async () => {
      const state = gw.sim('flowize').state;
      const target = state.records.find((r: any) => r.status === 2);
      const res = await gw.gql(Q.remove, { u: target.uuid });
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeDeleteRecord).toEqual({
        uuid: target.uuid,
        message: 'Data Record is deleted successfully.',
      });
      expectEnvelope(lastSoap(gw), 'deleteRecord', 'DeleteRecordRequest');
      expect(state.records.some((r: any) => r.uuid === target.uuid)).toBe(false);
      const busy = state.records.find((r: any) => r.status === 1);
      const fault = await gw.gql(Q.remove, { u: busy.uuid });
      expect(fault.errors![0].extensions).toEqual({
        code: 'VENDOR_FORBIDDEN',
        vendor: 'flowize',
        vendorStatus: 403,
        retryable: false,
      });
      expect(state.records.some((r: any) => r.uuid === busy.uuid)).toBe(true);
      await expectCredentialFault(Q.remove, { u: busy.uuid });
    });

    it('webhook: Uri and Payload without credentials; the success Fault 201 is a success, an unknown uri a 404', async () => {
      const before = gw.sim('flowize').state.webhooks['lead-intake'].received.length;
      const res = await gw.gql(Q.webhook, { uri: 'lead-intake', p: { lead: 'Jürgen', score: 3 } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizePostWebhook).toEqual({ message: 'Webhook response has been saved successfully' });
      expectEnvelope(lastSoap(gw), 'webhook', 'WebhookRequest', false);
      expect(lastSoap(gw).body).toContain('<Uri xsi:type="xsd:string">lead-intake</Uri>');
      expect(gw.sim('flowize').state.webhooks['lead-intake'].received.slice(before)).toEqual([
        { lead: 'Jürgen', score: 3 },
      ]);
      const fault = await gw.gql(Q.webhook, { uri: 'no-such-hook', p: {} });
      expect(fault.errors![0].extensions).toEqual({
        code: 'VENDOR_NOT_FOUND',
        vendor: 'flowize',
        vendorStatus: 404,
        retryable: false,
      });
    });

    it('getFlowDiagram: a flow by FlowDiagramObject/Flow; an unknown flow (404 Fault) is null', async () => {
      const res = await gw.gql(Q.diagram, { f: 'invoice-reminders' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize.flowDiagram).toMatchObject({
        flowName: 'invoice-reminders',
        customer: 'Acme Finance B.V.',
        description: 'Sends payment reminders for overdue invoices',
      });
      expectEnvelope(lastSoap(gw), 'getFlowDiagram', 'GetFlowDiagramRequest');
      const missing = await gw.gql(Q.diagram, { f: 'no-such-flow' });
      expect(missing.errors).toBeUndefined();
      expect(missing.data!.flowize.flowDiagram).toBeNull();
      await expectCredentialFault(Q.diagram, { f: 'invoice-reminders' });
    });

    it('changeFlowStatus: FlowId and Status; a transition the flow cannot make is a 402 Fault', async () => {
      const res = await gw.gql(Q.flowStatus, { id: '105', s: 'RUNNING' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeChangeFlowStatus).toEqual({
        flowId: '105',
        status: 'RUNNING',
        message: 'Flow diagram has been started successfully',
      });
      expectEnvelope(lastSoap(gw), 'changeFlowStatus', 'ChangeFlowDiagramStatusRequest');
      expect(lastSoap(gw).body).toContain(
        '<FlowId xsi:type="xsd:string">105</FlowId><Status xsi:type="xsd:string">running</Status>',
      );
      const fault = await gw.gql(Q.flowStatus, { id: '105', s: 'PUBLIC' });
      expect(fault.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 402 });
      await expectCredentialFault(Q.flowStatus, { id: '105', s: 'PAUSED' });
    });

    it('insertSchema, getSchema, updateSchema, deleteSchema: base64 Schema and DataRecord; their 404 and 409 Faults', async () => {
      expect((await gw.gql(Q.schema)).data!.flowize.dataSchema).toBeNull();
      await expectCredentialFault(Q.schema);

      const created = await gw.gql(Q.insertSchema, { i: SCHEMA_INPUT });
      expect(created.errors).toBeUndefined();
      expect(created.data!.flowizeCreateDataSchema).toEqual({
        message: 'Data Schema is created successfully.',
        dataSchema: { schema: SCHEMA_INPUT.schema, url: SCHEMA_INPUT.url },
      });
      const insertCall = gw
        .sim('flowize')
        .requests.filter((r) => r.path === '/soap')
        .find((r) => r.body.includes('<mym:insertSchema>'))!;
      expectEnvelope(insertCall, 'insertSchema', 'InsertSchemaRequest');
      expect(base64Field(insertCall.body, 'Schema')).toEqual(SCHEMA_INPUT.schema);
      expect(base64Field(insertCall.body, 'DataRecord')).toEqual(SCHEMA_INPUT.sampleRecord);
      expect(insertCall.body).toContain(`<Url xsi:type="xsd:string">${SCHEMA_INPUT.url}</Url>`);
      const again = await gw.gql(Q.insertSchema, { i: SCHEMA_INPUT });
      expect(again.errors![0].extensions).toMatchObject({ code: 'VENDOR_CONFLICT', vendorStatus: 409 });

      const read = await gw.gql(Q.schema);
      expect(read.data!.flowize.dataSchema).toMatchObject({
        schema: SCHEMA_INPUT.schema,
        url: SCHEMA_INPUT.url,
        customer: 'Acme Finance B.V.',
      });
      expectEnvelope(lastSoap(gw), 'getSchema', 'GetSchemaRequest');

      const changed = { ...SCHEMA_INPUT, schema: { ...SCHEMA_INPUT.schema, required: ['naam'] } };
      const updated = await gw.gql(Q.updateSchema, { i: changed });
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.flowizeUpdateDataSchema).toMatchObject({
        message: 'Schema structure is updated successfully',
        dataSchema: { schema: changed.schema },
      });
      expect(updated.data!.flowizeUpdateDataSchema.modifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      await expectCredentialFault(Q.updateSchema, { i: changed });

      const removed = await gw.gql(Q.deleteSchema);
      expect(removed.data!.flowizeDeleteDataSchema).toEqual({ message: 'Schema has been removed successfully' });
      expectEnvelope(lastSoap(gw), 'deleteSchema', 'DeleteSchemaRequest');
      const none = await gw.gql(Q.deleteSchema);
      expect(none.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendorStatus: 404 });
      const noUpdate = await gw.gql(Q.updateSchema, { i: changed });
      expect(noUpdate.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendorStatus: 404 });
      await expectCredentialFault(Q.deleteSchema);
      await expectCredentialFault(Q.insertSchema, { i: SCHEMA_INPUT });
    });
  });
}
