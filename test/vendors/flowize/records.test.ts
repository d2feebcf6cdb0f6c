import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import type { FlowizeState, SimRecord } from '../../../src/sandbox/flowize/seed.js';

const RECORD =
  'query($uuid: ID!) { flowize { record(uuid: $uuid) { uuid flowName status statusName queueStatus data } } }';
const CREATE = `mutation($input: FlowizeCreateRecordsInput!) {
  flowizeCreateRecords(input: $input) { uuids alreadyExisted message dataRecordIds }
}`;
const QUEUE = `mutation($uuids: [ID!]!, $action: FlowizeQueueAction!) {
  flowizeChangeQueueStatus(uuids: $uuids, action: $action) {
    action message notReported
    records { uuid queueStatus queueStatusKey record { status queueStatus } }
  }
}`;
const MOVE = `mutation($uuids: [ID!]!, $flow: String!) {
  flowizeMoveRecords(uuids: $uuids, targetFlow: $flow) { targetFlow message notReported records { uuid message targetFlow } }
}`;
const FLOW_STATUS = `mutation($id: ID!, $status: FlowizeFlowStatus!) {
  flowizeChangeFlowStatus(flowId: $id, status: $status) { flowId status message }
}`;
const SEARCH =
  'query($filter: FlowizeRecordFilter, $first: Int, $after: String, $last: Int, $before: String) { flowize { records(filter: $filter, first: $first, after: $after, last: $last, before: $before) { totalCount edges { cursor node { uuid } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }';

/** Logs in (oauth2 is the sandbox default) so that token calls stay out of the counts below. */
async function fresh(gw: TestGateway): Promise<FlowizeState> {
  const sim = gw.sim('flowize');
  sim.reset();
  await gw.gql('{ flowize { flowDiagram(flowName: "warm-up") { flowName } } }');
  sim.clearRequests();
  return sim.state as FlowizeState;
}

const withStatus = (state: FlowizeState, status: number, n: number): SimRecord[] =>
  state.records.filter((r) => r.status === status && r.queueStatus !== 'deleted').slice(0, n);

describe('Flowize record mutations', () => {
  let gw: TestGateway;
  let state: FlowizeState;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(async () => {
    state = await fresh(gw);
  });

  it('replaces a record’s data and reads the new data back', async () => {
    const uuid = state.records[3].uuid;
    const data = { name: 'Visser', city: 'Delft', accounts: [{ iban: 'NL91ABNA0417164300' }] };
    const res = await gw.gql(
      'mutation($uuid: ID!, $data: JSON!) { flowizeUpdateRecord(uuid: $uuid, data: $data) { uuid flowName message record { uuid data } } }',
      { uuid, data },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeUpdateRecord).toEqual({
      uuid,
      flowName: state.records[3].flowName,
      message: 'Data Record was updated successfully',
      record: { uuid, data },
    });
    const put = gw.sim('flowize').requests.find((r) => r.method === 'PUT' && r.path === '/v1/record')!;
    expect(put.headers).toMatchObject({ 'x-uuid': uuid, 'x-scopes': 'record' });
    expect(JSON.parse(put.body)).toEqual(data);
    const back = await gw.gql(RECORD, { uuid });
    expect(back.data!.flowize.record.data).toEqual(data);
  });

  it('retries an update after a 503, since a PUT of the whole record is idempotent', async () => {
    const sim = gw.sim('flowize');
    sim.fault({ method: 'PUT', path: '/v1/record', status: 503, times: 1 });
    const uuid = state.records[0].uuid;
    const res = await gw.gql(
      'mutation($uuid: ID!) { flowizeUpdateRecord(uuid: $uuid, data: { note: "again" }) { uuid } }',
      { uuid },
    );
    expect(res.errors).toBeUndefined();
    expect(sim.count({ method: 'PUT', path: '/v1/record' })).toBe(2);
    expect(state.records[0].data).toEqual({ note: 'again' });
  });

  it('answers VENDOR_NOT_FOUND when updating a record Flowize does not have', async () => {
    const res = await gw.gql('mutation { flowizeUpdateRecord(uuid: "no-such-uuid", data: { a: 1 }) { uuid } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendor: 'flowize', vendorStatus: 404 });
  });

  it('deletes a record, which then reads back as null', async () => {
    const target = state.records[5];
    const res = await gw.gql('mutation($uuid: ID!) { flowizeDeleteRecord(uuid: $uuid) { uuid flowName message } }', {
      uuid: target.uuid,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeDeleteRecord).toEqual({
      uuid: target.uuid,
      flowName: target.flowName,
      message: 'Data Record was removed successfully',
    });
    const del = gw.sim('flowize').requests.find((r) => r.method === 'DELETE')!;
    expect(del.headers).toMatchObject({ uuid: target.uuid, scopes: 'record.delete', 'x-scopes': 'record.delete' });
    const back = await gw.gql(RECORD, { uuid: target.uuid });
    expect(back.errors).toBeUndefined();
    expect(back.data!.flowize.record).toBeNull();
  });

  it('never resends a delete: a 503 reaches the caller after one call', async () => {
    const sim = gw.sim('flowize');
    sim.fault({ method: 'DELETE', path: '/v1/record', status: 503, times: 1 });
    const res = await gw.gql('mutation($uuid: ID!) { flowizeDeleteRecord(uuid: $uuid) { uuid } }', {
      uuid: state.records[0].uuid,
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true });
    expect(sim.count({ method: 'DELETE', path: '/v1/record' })).toBe(1);
  });

  it.each([
    // action, starting status, key Flowize reports, status and queue status read back
    ['PAUSE_QUEUE', 4, 'Paused', 'NEW', 'paused'],
    ['RESUME_QUEUE', 0, 'New', 'NEW', null],
    ['EXECUTE_QUEUE', 4, 'Processing', 'PROCESSING', null],
    ['DELETE_FROM_QUEUE', 4, 'Deleted from queue', 'SCHEDULED', 'deleted'],
    ['RESUME_AND_CONTINUE', 3, 'New', 'NEW', null],
  ] as const)('applies %s to many records in one changestatus call', async (action, from, key, status, queueStatus) => {
    const sim = gw.sim('flowize');
    const targets = withStatus(state, from, 3).map((r) => r.uuid);
    const finished = withStatus(state, 2, 1)[0].uuid;
    const uuids = [...targets, finished, 'unknown-uuid'];
    const res = await gw.gql(QUEUE, { uuids, action });
    expect(res.errors).toBeUndefined();
    const payload = res.data!.flowizeChangeQueueStatus;
    expect(payload.action).toBe(action);
    expect(payload.message).toMatch(/^3 datarecords /);
    expect(payload.records.map((r: any) => r.uuid)).toEqual(targets);
    expect(payload.records.every((r: any) => r.queueStatusKey === key)).toBe(true);
    expect(payload.records.map((r: any) => r.record)).toEqual(Array(3).fill({ status, queueStatus }));
    expect(payload.notReported).toEqual([finished, 'unknown-uuid']);
    const calls = sim.requests.filter((r) => r.path === '/v1/record/changestatus');
    expect(calls).toHaveLength(1);
    expect(calls[0].headers['x-queue-status']).toBe(action.toLowerCase().replace(/_/g, '-'));
    expect(JSON.parse(calls[0].body)).toEqual(uuids);
  });

  it('reports the documented resume-and-continue answer', async () => {
    const uuid = withStatus(state, 3, 1)[0].uuid;
    const res = await gw.gql(QUEUE, { uuids: [uuid, uuid], action: 'RESUME_AND_CONTINUE' });
    expect(res.data!.flowizeChangeQueueStatus).toMatchObject({
      message: '1 datarecords resumed from error status',
      records: [{ uuid, queueStatus: '0', queueStatusKey: 'New' }],
      notReported: [],
    });
  });

  it('refuses an empty or oversized uuid list without calling Flowize', async () => {
    const empty = await gw.gql(QUEUE, { uuids: [], action: 'PAUSE_QUEUE' });
    expect(empty.errors![0]).toMatchObject({
      message: 'uuids must not be empty',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const many = await gw.gql(MOVE, {
      uuids: Array.from({ length: 101 }, (_, i) => `u-${i}`),
      flow: 'invoice-reminders',
    });
    expect(many.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(many.errors![0].message).toMatch(/at most 100/);
    expect(gw.sim('flowize').requests).toHaveLength(0);
  });

  it('moves records to another flow in one call and reads their new flow back', async () => {
    const sim = gw.sim('flowize');
    const uuids = state.records
      .filter((r) => r.flowName === 'customer-onboarding')
      .slice(0, 3)
      .map((r) => r.uuid);
    const res = await gw.gql(MOVE, { uuids: [...uuids, 'unknown-uuid'], flow: 'dossier-archiving' });
    expect(res.errors).toBeUndefined();
    const payload = res.data!.flowizeMoveRecords;
    expect(payload).toMatchObject({
      targetFlow: 'dossier-archiving',
      message: '3 flows moved to the new one',
      notReported: ['unknown-uuid'],
    });
    expect(payload.records).toEqual(
      uuids.map((uuid) => ({
        uuid,
        targetFlow: 'dossier-archiving',
        message: 'Data Record is moved to a new flow successfully and it is included in the queue.',
      })),
    );
    const calls = sim.requests.filter((r) => r.path === '/v1/record/movetoflow');
    expect(calls).toHaveLength(1);
    expect(calls[0].headers['x-movetoflow-flow']).toBe('dossier-archiving');
    const back = await gw.gql(RECORD, { uuid: uuids[0] });
    expect(back.data!.flowize.record).toMatchObject({ flowName: 'dossier-archiving', status: 'NEW' });
  });

  it('answers VENDOR_REJECTED with Flowize’s message when the target flow does not exist (402)', async () => {
    const res = await gw.gql(MOVE, { uuids: [state.records[0].uuid], flow: 'no-such-flow' });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'VENDOR_REJECTED',
      vendor: 'flowize',
      vendorStatus: 402,
      retryable: false,
    });
    expect(res.errors![0].message).toBe('flowize rejected the request: Flow no-such-flow does not exist');
    expect(state.records[0].flowName).not.toBe('no-such-flow');
  });

  it('posts a payload to a webhook without credentials, and it arrives in the webhook’s flow', async () => {
    const sim = gw.sim('flowize');
    const res = await gw.gql(
      'mutation($p: JSON!) { flowizePostWebhook(webhookUri: "lead-intake", payload: $p) { id customerId applicationId receivedAt flowId message } }',
      { p: { lead_ref: 'L-4711', name: 'Bakker', postcode: '3511AB' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizePostWebhook).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      customerId: 'cust-7731',
      flowId: '101',
      message: 'Data stored successfully',
    });
    expect(Date.parse(res.data!.flowizePostWebhook.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    const call = sim.requests.find((r) => r.path === '/v1/webhook/lead-intake')!;
    expect(call.headers.authorization).toBeUndefined();
    expect(call.headers['x-apikey']).toBeUndefined();
    const back = await gw.gql(SEARCH, {
      filter: { flowName: 'customer-onboarding', dataField: { name: 'lead_ref', value: 'L-4711' } },
      first: 5,
    });
    expect(back.data!.flowize.records.totalCount).toBe(1);
  });

  it('keeps a webhook uri inside its one path segment', async () => {
    const sim = gw.sim('flowize');
    const dots = await gw.gql('mutation { flowizePostWebhook(webhookUri: "..", payload: {}) { id } }');
    expect(dots.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(sim.requests).toHaveLength(0);
    const slash = await gw.gql('mutation { flowizePostWebhook(webhookUri: "../record", payload: {}) { id } }');
    expect(slash.errors![0].extensions.code).toBe('VENDOR_NOT_FOUND');
    expect(sim.requests.map((r) => r.path)).toEqual(['/v1/webhook/..%2Frecord']);
  });

  it('pauses and resumes a flow, and the flow diagram shows its status', async () => {
    const sim = gw.sim('flowize');
    const diagram = () => gw.gql('{ flowize { flowDiagram(flowName: "invoice-reminders") { currentFlow } } }');
    const paused = await gw.gql(FLOW_STATUS, { id: '102', status: 'PAUSED' });
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.flowizeChangeFlowStatus).toEqual({
      flowId: '102',
      status: 'PAUSED',
      message: 'Flow diagram has been stopped successfully',
    });
    expect(sim.requests.find((r) => r.path === '/v1/changeflowstatus')!.headers).toMatchObject({
      'x-flow-id': '102',
      'x-status': 'paused',
      'x-scopes': 'flowdiagram',
    });
    expect((await diagram()).data!.flowize.flowDiagram.currentFlow.status).toBe('paused');
    const running = await gw.gql(FLOW_STATUS, { id: '102', status: 'RUNNING' });
    expect(running.data!.flowizeChangeFlowStatus.message).toBe('Flow diagram has been started successfully');
    expect((await diagram()).data!.flowize.flowDiagram.currentFlow.status).toBe('running');
  });

  it('answers VENDOR_REJECTED for a transition Flowize refuses, and BAD_USER_INPUT for a non-numeric flow id', async () => {
    const publish = await gw.gql(FLOW_STATUS, { id: '101', status: 'PUBLIC' });
    expect(publish.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 402 });
    expect(publish.errors![0].message).toMatch(/customer-onboarding is running and cannot be published/);
    const bad = await gw.gql(FLOW_STATUS, { id: 'abc', status: 'PAUSED' });
    expect(bad.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('flowize').count({ path: '/v1/changeflowstatus' })).toBe(1);
  });

  it('says the IP is not allowed (VENDOR_FORBIDDEN) on 403/437', async () => {
    gw.sim('flowize').action('blockIp');
    const res = await gw.gql(QUEUE, { uuids: [state.records[0].uuid], action: 'PAUSE_QUEUE' });
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_FORBIDDEN', vendorStatus: 437 });
    expect(res.errors![0].message).toMatch(/IP address/);
  });
});

describe('Flowize record creation retries', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(async () => {
    await fresh(gw);
  });

  const countByRef = async (ref: string) =>
    (await gw.gql(SEARCH, { filter: { dataField: { name: 'ref', value: ref } }, first: 10 })).data!.flowize.records
      .totalCount;

  it.each([
    ['answers 503', { status: 503 }],
    ['drops the connection', { drop: true }],
  ])('makes one record when the first POST %s: the retry reuses the gateway’s X-Uuid', async (_what, fault) => {
    const sim = gw.sim('flowize');
    sim.fault({ method: 'POST', path: '/v1/record', times: 1, ...fault });
    const res = await gw.gql(CREATE, { input: { flowName: 'invoice-reminders', records: [{ ref: 'R-1' }] } });
    expect(res.errors).toBeUndefined();
    const [uuid] = res.data!.flowizeCreateRecords.uuids;
    const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/record');
    expect(posts.map((r) => r.headers['x-uuid'])).toEqual([uuid, uuid]);
    expect(await countByRef('R-1')).toBe(1);
  });

  it('resolves a 409 for an existing uuid as alreadyExisted', async () => {
    const input = {
      flowName: 'invoice-reminders',
      records: [{ ref: 'R-2' }],
      uuid: 'c0ffee00-0000-4000-8000-000000000001',
    };
    const first = await gw.gql(CREATE, { input });
    expect(first.data!.flowizeCreateRecords).toMatchObject({ uuids: [input.uuid], alreadyExisted: false });
    const again = await gw.gql(CREATE, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data!.flowizeCreateRecords).toMatchObject({ uuids: [input.uuid], alreadyExisted: true });
    expect(await countByRef('R-2')).toBe(1);
  });

  it('answers VENDOR_REJECTED with Flowize’s message for a 402', async () => {
    const res = await gw.gql(CREATE, { input: { flowName: 'no-such-flow', records: [{ ref: 'R-3' }] } });
    expect(res.errors![0]).toMatchObject({
      message: 'flowize rejected the request: Flow no-such-flow does not exist',
      extensions: { code: 'VENDOR_REJECTED', vendorStatus: 402 },
    });
  });
});

describe('Flowize records lost in a timeout', () => {
  it('makes one record when Flowize creates it but the answer never arrives in time', async () => {
    const gw = await startTestGateway({ VENDORGRAPH_RESPONSE_TIMEOUT_MS: '300' });
    try {
      await fresh(gw);
      const sim = gw.sim('flowize');
      // The first POST is held until the gateway has given up on it and sent it again; Flowize
      // handles it (creating the record) only then.
      const gate = sim.hold({ method: 'POST', path: '/v1/record', times: 1 });
      const res = await gw.gql(CREATE, { input: { flowName: 'invoice-reminders', records: [{ ref: 'R-slow' }] } });
      expect(res.errors).toBeUndefined();
      await gate.release();
      expect(sim.count({ method: 'POST', path: '/v1/record' })).toBe(2);
      const matching = (sim.state as FlowizeState).records.filter((r) => (r.data as { ref?: string }).ref === 'R-slow');
      expect(matching.map((r) => r.uuid)).toEqual(res.data!.flowizeCreateRecords.uuids);
    } finally {
      await gw.close();
    }
  });
});

describe('Flowize record queries', () => {
  let gw: TestGateway;
  let state: FlowizeState;
  beforeAll(async () => {
    gw = await startTestGateway();
    state = await fresh(gw);
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sim('flowize').clearRequests());

  const search = async (vars: Record<string, unknown>) => {
    const res = await gw.gql(SEARCH, vars);
    expect(res.errors).toBeUndefined();
    return res.data!.flowize.records as {
      totalCount: number;
      edges: { cursor: string; node: { uuid: string } }[];
      pageInfo: any;
    };
  };
  const uuidsOf = (records: SimRecord[]) => records.map((r) => r.uuid);

  it.each([
    ['flow', { flowName: 'address-verification' }, (r: SimRecord) => r.flowName === 'address-verification'],
    ['status', { status: 'FINISHED_WITH_ERRORS' }, (r: SimRecord) => r.status === 3],
    [
      'data field',
      { dataField: { name: 'city', value: 'Utrecht' } },
      (r: SimRecord) => (r.data as { city: string }).city === 'Utrecht',
    ],
    [
      'flow and status',
      { flowName: 'invoice-reminders', status: 'FINISHED' },
      (r: SimRecord) => r.flowName === 'invoice-reminders' && r.status === 2,
    ],
    [
      'creation date range',
      { dates: { type: 'CREATED', from: '2024-01-10T00:00:00Z', to: '2024-01-12T00:00:00Z' } },
      (r: SimRecord) => r.created >= new Date('2024-01-10T00:00:00Z') && r.created <= new Date('2024-01-12T00:00:00Z'),
    ],
    [
      'last-run date range',
      { dates: { type: 'LAST_RUN', from: '2024-02-01T00:00:00Z' } },
      (r: SimRecord) => !!r.lastRun && r.lastRun >= new Date('2024-02-01T00:00:00Z'),
    ],
  ])('filters by %s', async (_what, filter, expected) => {
    const want = uuidsOf(state.records.filter(expected));
    expect(want.length).toBeGreaterThan(0);
    const page = await search({ filter, first: 100 });
    expect(page.totalCount).toBe(want.length);
    expect(page.edges.map((e) => e.node.uuid)).toEqual(want.slice(0, 100));
  });

  it('serves first: 150 with two searches and the total', async () => {
    const sim = gw.sim('flowize');
    const page = await search({ first: 150 });
    expect(page.totalCount).toBe(state.records.length);
    expect(page.edges.map((e) => e.node.uuid)).toEqual(uuidsOf(state.records.slice(0, 150)));
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const calls = sim.requests.filter((r) => r.path === '/v1/record/search');
    expect(calls.map((r) => [r.headers['x-offset'], r.headers['x-limit']])).toEqual([
      ['0', '100'],
      ['100', '50'],
    ]);
  });

  it('continues after a cursor and walks back with last/before', async () => {
    const first = await search({ first: 20 });
    const next = await search({ first: 10, after: first.pageInfo.endCursor });
    expect(next.edges.map((e) => e.node.uuid)).toEqual(uuidsOf(state.records.slice(20, 30)));
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    const back = await search({ last: 5, before: next.edges[0].cursor });
    expect(back.edges.map((e) => e.node.uuid)).toEqual(uuidsOf(state.records.slice(15, 20)));
    const tail = await search({ last: 3 });
    expect(tail.edges.map((e) => e.node.uuid)).toEqual(uuidsOf(state.records.slice(-3)));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('answers null for an unknown record uuid and an unknown flow', async () => {
    const res = await gw.gql(
      '{ flowize { record(uuid: "no-such-uuid") { uuid } flowDiagram(flowName: "no-such-flow") { flowName } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize).toEqual({ record: null, flowDiagram: null });
  });

  it('reads one record by uuid with its data and state', async () => {
    const r = state.records[10];
    const res = await gw.gql(RECORD, { uuid: r.uuid });
    expect(res.data!.flowize.record).toMatchObject({ uuid: r.uuid, flowName: r.flowName, data: r.data });
  });

  it('costs 1 search + 5 flowdiagram calls for 100 records across 5 flows with their flow diagrams', async () => {
    const sim = gw.sim('flowize');
    const res = await gw.gql(
      '{ flowize { records(first: 100) { nodes { uuid flowName flow { flowName description } } } } }',
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.flowize.records.nodes;
    expect(nodes).toHaveLength(100);
    expect(new Set(nodes.map((n: any) => n.flowName)).size).toBe(5);
    expect(nodes.every((n: any) => n.flow.flowName === n.flowName)).toBe(true);
    expect(sim.count({ path: '/v1/record/search' })).toBe(1);
    expect(sim.count({ path: '/v1/flowdiagram' })).toBe(5);
  });
});

describe('Flowize rate limiting', () => {
  it('answers VENDOR_RATE_LIMITED once retries are exhausted', async () => {
    const gw = await startTestGateway({ VENDORGRAPH_RETRY_LIMIT: '0' });
    try {
      await fresh(gw);
      const sim = gw.sim('flowize');
      sim.fault({ path: '/v1/record/search', retryAfterSeconds: 1, times: 1 });
      const res = await gw.gql(SEARCH, { first: 1 });
      expect(res.errors![0].extensions).toMatchObject({
        code: 'VENDOR_RATE_LIMITED',
        vendor: 'flowize',
        vendorStatus: 429,
        retryable: true,
      });
      expect(res.data!.flowize).toEqual({ records: null });
      expect(sim.count({ path: '/v1/record/search' })).toBe(1);
    } finally {
      await gw.close();
    }
  });
});
