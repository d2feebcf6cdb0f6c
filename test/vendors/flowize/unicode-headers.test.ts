/**
 * Free text in Flowize's X-* parameters, over real HTTP in each auth mode: a flow named in
 * Polish, Greek, Japanese or with an emoji travels as UTF-8 (header bytes in oauth2/apikey mode,
 * percent-encoded URL parameters in url mode), and a value that cannot travel is BAD_USER_INPUT
 * naming the argument before any vendor call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };
const FLOWS = ['obsługa-zamówień', 'έλεγχος-τιμολογίων', '請求書処理', '🚀 launch-checklist'];

const CREATE = `mutation($input: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $input) { uuids flowName } }`;
const SEARCH = `query($flow: String!) { flowize { records(first: 10, filter: { flowName: $flow }) { totalCount nodes { uuid flowName data flow { flowName description } } } } }`;
const BY_FIELD = `query($flow: String!, $v: String!) { flowize { records(first: 10, filter: { flowName: $flow, dataField: { name: "city", value: $v } }) { nodes { uuid } } } }`;
const RECORD = `query($uuid: ID!) { flowize { record(uuid: $uuid) { uuid data flow { flowName description } } } }`;
const DIAGRAM = `query($flow: String!) { flowize { flowDiagram(flowName: $flow) { flowName description } } }`;

/** Vendor calls the operation made, from `extensions.upstream` (0 when Flowize was never called). */
const flowizeCalls = (res: { extensions?: Record<string, any> }) => res.extensions?.upstream?.flowize?.calls ?? 0;

describe.each(['oauth2', 'apikey', 'url'])('Flowize free-text parameters in %s mode', (mode) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ FLOWIZE_AUTH_MODE: mode });
  });
  afterAll(() => gw.close());

  it('reads the flow diagram of every non-Latin flow', async () => {
    for (const flow of FLOWS) {
      const res = await gw.gql(DIAGRAM, { flow });
      expect(res.errors, flow).toBeUndefined();
      expect(res.data!.flowize.flowDiagram.flowName).toBe(flow);
    }
    const diagram = await gw.gql(DIAGRAM, { flow: '請求書処理' });
    expect(diagram.data!.flowize.flowDiagram.description).toBe('請求書を確認して支払いを予約します');
  });

  it('creates a record in a Polish-named flow, finds it by flow name and by a Unicode field value, and reads its flow', async () => {
    const flow = 'obsługa-zamówień';
    const created = await gw.gql(CREATE, { input: { flowName: flow, records: [{ name: 'Żółć', city: 'Łódź 🏙️' }] } });
    expect(created.errors).toBeUndefined();
    const [uuid] = created.data!.flowizeCreateRecords.uuids;

    const found = await gw.gql(SEARCH, { flow });
    expect(found.errors).toBeUndefined();
    const nodes = found.data!.flowize.records.nodes;
    expect(nodes.map((n: { uuid: string }) => n.uuid)).toContain(uuid);
    const mine = nodes.find((n: { uuid: string }) => n.uuid === uuid);
    expect(mine).toMatchObject({
      flowName: flow,
      data: { name: 'Żółć', city: 'Łódź 🏙️' },
      flow: { flowName: flow, description: 'Przyjmuje zamówienia i sprawdza płatności' },
    });

    const byField = await gw.gql(BY_FIELD, { flow, v: 'Łódź 🏙️' });
    expect(byField.errors).toBeUndefined();
    expect(byField.data!.flowize.records.nodes).toEqual([{ uuid }]);

    const record = await gw.gql(RECORD, { uuid });
    expect(record.errors).toBeUndefined();
    expect(record.data!.flowize.record.flow).toEqual({
      flowName: flow,
      description: 'Przyjmuje zamówienia i sprawdza płatności',
    });
  });

  it('sends the flow name as UTF-8 the way the mode documents it', async () => {
    const sim = gw.sim('flowize');
    sim.reset();
    await gw.gql(DIAGRAM, { flow: '🚀 launch-checklist' });
    const call = sim.requests.find((r) => r.path === '/v1/flowdiagram')!;
    if (mode === 'url') {
      expect(call.query).toMatchObject({ flow_name: '🚀 launch-checklist' });
      expect(call.headers['x-flow']).toBeUndefined();
    } else {
      // The recorded header is the bytes on the wire (one Latin-1 character each): UTF-8.
      const bytes = Buffer.from(call.headers['x-flow'] as string, 'latin1');
      expect(bytes.toString('hex')).toBe(Buffer.from('🚀 launch-checklist', 'utf8').toString('hex'));
    }
  });

  it.each([
    ['a control character', 'flow\u0001name', /flowName must not contain control characters/],
    ['CR/LF', 'flow\r\nX-Injected: 1', /flowName must not contain control characters/],
    ['100 KB', 'ż'.repeat(51_200), /flowName is too long: 102400 bytes, at most 8192/],
  ])(
    'refuses a flow name with %s as BAD_USER_INPUT naming the argument, with no vendor call',
    async (_what, flow, message) => {
      const sim = gw.sim('flowize');
      sim.reset();
      const res = await gw.gql(DIAGRAM, { flow }, DEBUG);
      expect(res.status).toBe(200);
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(message);
      expect(res.data!.flowize.flowDiagram).toBeNull();
      expect(flowizeCalls(res)).toBe(0);
      expect(sim.count()).toBe(0);
    },
  );

  it('refuses an oversized search value and an oversized target flow the same way', async () => {
    const sim = gw.sim('flowize');
    sim.reset();
    const search = await gw.gql(BY_FIELD, { flow: 'obsługa-zamówień', v: 'x'.repeat(9_000) }, DEBUG);
    expect(search.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(search.errors![0].message).toContain('filter.dataField.value is too long');
    const move = await gw.gql(
      'mutation($t: String!) { flowizeMoveRecords(uuids: ["a"], targetFlow: $t) { targetFlow } }',
      { t: 'a\u0000b' },
      DEBUG,
    );
    expect(move.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(move.errors![0].message).toContain('targetFlow must not contain control characters');
    expect(flowizeCalls(search) + flowizeCalls(move)).toBe(0);
    expect(sim.count()).toBe(0);
  });
});

describe('Flowize header limit setting', () => {
  it('follows FLOWIZE_MAX_HEADER_VALUE_BYTES', async () => {
    const gw = await startTestGateway({ FLOWIZE_MAX_HEADER_VALUE_BYTES: '32' });
    try {
      const ok = await gw.gql(DIAGRAM, { flow: 'obsługa-zamówień' });
      expect(ok.errors).toBeUndefined();
      const over = await gw.gql(DIAGRAM, { flow: '請求書処理'.repeat(3) });
      expect(over.errors![0].message).toBe('flowName is too long: 45 bytes, at most 32 (UTF-8)');
    } finally {
      await gw.close();
    }
  });
});
