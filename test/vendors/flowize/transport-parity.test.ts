/**
 * FLOWIZE_TRANSPORT=rest and =soap serve the same GraphQL answers: the same operations run
 * against two gateways, each with its own identically seeded simulator, and the answers compare
 * equal. Left out of the comparison, and said so in docs/vendors/flowize-soap.md: Flowize's own
 * `message` texts (they differ between its REST and SOAP APIs), clock readings of objects created
 * during the test, and what a SOAP answer does not carry (deleteRecord's flow name, the webhook's
 * stored-call ids).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const RECORD_FIELDS =
  'uuid flowId flowName statusName createdAt startedAt lastRunAt data flow { flowName customer description currentFlow versions }';

/** The operations, in order; each answer is kept for comparison. */
function steps(
  seededUuid: string,
): { name: string; query: string; variables?: Record<string, unknown>; omit?: string[] }[] {
  const schema = {
    schema: { type: 'object', properties: { naam: { type: 'string' } } },
    sampleRecord: { naam: 'Ŝtefan' },
    url: 'https://json-schema.org/draft-04/schema#',
  };
  return [
    {
      name: 'a seeded record with its flow',
      query: `query ($u: ID!) { flowize { record(uuid: $u) { ${RECORD_FIELDS} } } }`,
      variables: { u: seededUuid },
    },
    { name: 'an unknown record', query: `{ flowize { record(uuid: "no-such-uuid") { uuid } } }` },
    {
      name: 'flow diagrams',
      query: `{ flowize { a: flowDiagram(flowName: "customer-onboarding") { flowName customer description currentFlow versions } b: flowDiagram(flowName: "nope") { flowName } } }`,
    },
    { name: 'no data schema yet', query: `{ flowize { dataSchema { schema } } }` },
    {
      name: 'create',
      query: `mutation ($i: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $i) { uuids flowName dataRecordIds alreadyExisted message records { uuid flowName data } } }`,
      variables: {
        i: { flowName: 'invoice-reminders', records: [{ factuur: 'F-1', klant: 'Ωmega ✓' }], uuid: 'parity-1' },
      },
      omit: ['message'],
    },
    {
      name: 'the created record',
      query: `query { flowize { record(uuid: "parity-1") { uuid flowId flowName statusName data } } }`,
    },
    {
      name: 'update',
      query: `mutation { flowizeUpdateRecord(uuid: "parity-1", data: { factuur: "F-2" }) { uuid flowName message record { uuid data } } }`,
      omit: ['message'],
    },
    { name: 'the updated record', query: `query { flowize { record(uuid: "parity-1") { data } } }` },
    { name: 'delete', query: `mutation { flowizeDeleteRecord(uuid: "parity-1") { uuid } }` },
    { name: 'the deleted record', query: `query { flowize { record(uuid: "parity-1") { uuid } } }` },
    { name: 'delete again', query: `mutation { flowizeDeleteRecord(uuid: "parity-1") { uuid } }` },
    {
      name: 'flow status',
      query: `mutation { flowizeChangeFlowStatus(flowId: "105", status: RUNNING) { flowId status } }`,
    },
    {
      name: 'flow after its status change',
      query: `{ flowize { flowDiagram(flowName: "dossier-archiving") { currentFlow } } }`,
    },
    {
      name: 'impossible flow status',
      query: `mutation { flowizeChangeFlowStatus(flowId: "105", status: PUBLIC) { flowId } }`,
    },
    {
      name: 'create schema',
      query: `mutation ($i: FlowizeDataSchemaInput!) { flowizeCreateDataSchema(input: $i) { createdAt modifiedAt dataSchema { schema url customer } } }`,
      variables: { i: schema },
      omit: ['createdAt', 'modifiedAt'],
    },
    {
      name: 'create schema again',
      query: `mutation ($i: FlowizeDataSchemaInput!) { flowizeCreateDataSchema(input: $i) { message } }`,
      variables: { i: schema },
    },
    {
      name: 'update schema',
      query: `mutation ($i: FlowizeDataSchemaInput!) { flowizeUpdateDataSchema(input: $i) { modifiedAt dataSchema { schema url } } }`,
      variables: { i: { ...schema, schema: { ...schema.schema, required: ['naam'] } } },
      omit: ['modifiedAt'],
    },
    { name: 'delete schema', query: `mutation { flowizeDeleteDataSchema { __typename } }` },
    { name: 'the schema after delete', query: `{ flowize { dataSchema { schema } } }` },
  ];
}

/** Drops the named keys wherever they occur, after checking they carried a value. */
function without(value: unknown, keys: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => without(v, keys));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => {
          if (!keys.includes(k)) return true;
          expect(v, `${k} has a value`).not.toBeNull();
          return false;
        })
        .map(([k, v]) => [k, without(v, keys)]),
    );
  }
  return value;
}

describe('FLOWIZE_TRANSPORT', () => {
  let rest: TestGateway;
  let soap: TestGateway;
  beforeAll(async () => {
    [rest, soap] = await Promise.all([
      startTestGateway({ FLOWIZE_TRANSPORT: 'rest' }),
      startTestGateway({ FLOWIZE_TRANSPORT: 'soap' }),
    ]);
  });
  afterAll(() => Promise.all([rest.close(), soap.close()]));

  it('gives the same GraphQL answers over REST and over SOAP', async () => {
    const seeded = rest.sim('flowize').state.records[12].uuid;
    expect(soap.sim('flowize').state.records[12].uuid).toBe(seeded);
    const answers: Record<string, unknown[]> = { rest: [], soap: [] };
    for (const [name, gw] of [
      ['rest', rest],
      ['soap', soap],
    ] as const) {
      for (const step of steps(seeded)) {
        const res = await gw.gql(step.query, step.variables);
        answers[name].push({
          step: step.name,
          data: without(res.data, step.omit ?? []),
          errors: res.errors?.map((e) => ({ path: e.path, extensions: e.extensions })),
        });
      }
    }
    for (let i = 0; i < answers.rest.length; i++) expect(answers.soap[i]).toEqual(answers.rest[i]);
    // The answers are not trivially equal: errors and data both occur.
    expect(answers.rest.filter((a: any) => a.errors).map((a: any) => a.step)).toEqual([
      'delete again',
      'impossible flow status',
      'create schema again',
    ]);
  });

  it('sends the fields with a SOAP twin over SOAP, and only those', async () => {
    const soapCalls = soap
      .sim('flowize')
      .requests.filter((r) => r.path.startsWith('/v1/'))
      .map((r) => `${r.method} ${r.path}`);
    // Record search (the flow name, state) has no SOAP twin; the rest went over SOAP.
    expect([...new Set(soapCalls)].sort()).toEqual(['GET /v1/checkauthentication', 'GET /v1/record/search']);
    expect(soap.sim('flowize').count({ path: '/soap' })).toBeGreaterThan(15);
    expect(rest.sim('flowize').count({ path: '/soap' })).toBe(0);
  });
});
