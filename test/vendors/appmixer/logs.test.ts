import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppmixerState } from '../../../src/sandbox/appmixer/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { resetAppmixer } from './reset.js';

const PAGE = `query($after: String, $filter: AppmixerLogFilter) { appmixer { logs(first: 37, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor } histogram { date label count } nodes { id timestamp flowId portType severity message }
} } }`;

describe('Appmixer logs', () => {
  let gw: TestGateway;
  let state: AppmixerState;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(async () => {
    await resetAppmixer(gw);
    state = gw.sim('appmixer').state as AppmixerState;
  });

  it('pages through every entry exactly once with searchAfter, newest first', async () => {
    const sim = gw.sim('appmixer');
    const ids: string[] = [];
    const times: number[] = [];
    let after: string | undefined;
    let total = 0;
    for (let pages = 0; pages < 50; pages++) {
      const res = await gw.gql(PAGE, { after });
      expect(res.errors).toBeUndefined();
      const logs = res.data!.appmixer.logs;
      total = logs.totalCount;
      for (const n of logs.nodes) {
        ids.push(n.id);
        times.push(Date.parse(n.timestamp));
      }
      if (!logs.pageInfo.hasNextPage) break;
      after = logs.pageInfo.endCursor;
    }
    const mine = state.logs.filter((l) => l._source.userId === state.users[0].id);
    expect(total).toBe(mine.length);
    expect(ids).toHaveLength(mine.length);
    expect(new Set(ids).size).toBe(mine.length);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Deep pages continue with one searchAfter per sort field: the last hit's time and _id.
    const deep = sim.requests.filter((r) => r.path === '/logs' && r.query.searchAfter);
    expect(deep.length).toBeGreaterThan(0);
    expect(deep[0].query.sort).toEqual(['gridTimestamp:desc', '_id:desc']);
    expect(deep[0].query.searchAfter).toHaveLength(2);
    expect(sim.requests.filter((r) => r.path === '/logs').every((r) => r.query.from === undefined)).toBe(true);
  });

  for (const shape of ['elasticsearch', 'flat'] as const) {
    it(`returns every entry exactly once over 3+ pages and ends, with ${shape} hits`, async () => {
      const sim = gw.sim('appmixer');
      if (shape === 'flat') sim.action('flatLogs');
      const mine = state.logs.filter((l) => l._source.userId === state.users[0].id);
      const size = Math.ceil(mine.length / 4);
      const seen: { id: string; timestamp: string | null; flowId: string | null; portType: string | null }[] = [];
      let after: string | undefined;
      let pages = 0;
      for (; pages < 20; pages++) {
        const res = await gw.gql(
          `query($after: String, $first: Int) { appmixer { logs(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id timestamp flowId portType } } } }`,
          { after, first: size },
        );
        expect(res.errors).toBeUndefined();
        const logs = res.data!.appmixer.logs;
        seen.push(...logs.nodes);
        if (logs.pageInfo.hasNextPage) expect(logs.pageInfo.endCursor).toEqual(expect.any(String));
        if (!logs.pageInfo.hasNextPage) break;
        after = logs.pageInfo.endCursor;
      }
      expect(pages + 1).toBeGreaterThanOrEqual(3);
      expect(pages).toBeLessThan(20);
      expect(seen.map((n) => n.id).sort()).toEqual(mine.map((l) => l._id).sort());
      for (const n of seen) {
        const log = mine.find((l) => l._id === n.id)!;
        expect(n).toEqual({
          id: log._id,
          timestamp: new Date(log._source.gridTimestamp).toISOString(),
          flowId: log._source.flowId,
          portType: log._source.portType.toUpperCase(),
        });
      }
      // Each deeper page continued from the last hit's time and _id, one value per sort.
      const deep = sim.requests.filter((r) => r.path === '/logs' && r.query.searchAfter);
      expect(deep.length).toBe(pages);
      for (const r of deep) expect(r.query.searchAfter).toEqual([expect.stringMatching(/^\d+$/), expect.any(String)]);
    });
  }

  it('filters by flows, port type and time range, with a histogram over the whole filter', async () => {
    const flowId = state.logs[0]._source.flowId;
    const to = new Date();
    const from = new Date(to.getTime() - 3 * 86_400_000);
    const res = await gw.gql(PAGE, {
      filter: { flowIds: [flowId], portType: 'OUT', from: from.toISOString(), to: to.toISOString() },
    });
    expect(res.errors).toBeUndefined();
    const logs = res.data!.appmixer.logs;
    const expected = state.logs.filter(
      (l) =>
        l._source.flowId === flowId &&
        l._source.portType === 'out' &&
        Date.parse(l._source.gridTimestamp) >= from.getTime() &&
        Date.parse(l._source.gridTimestamp) <= to.getTime(),
    );
    expect(logs.totalCount).toBe(expected.length);
    expect(logs.histogram.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(expected.length);
    expect(logs.histogram[0].label).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const n of logs.nodes) expect(n).toMatchObject({ flowId, portType: 'OUT' });
    const sent = gw.sim('appmixer').requests.find((r) => r.path === '/logs')!;
    expect(sent.query).toMatchObject({ flowId, portType: 'out' });
    expect(sent.query.query).toBe(`gridTimestamp:["${from.toISOString()}" TO "${to.toISOString()}"]`);
  });

  it('makes one log search per distinct flow for AppmixerFlow.logs', async () => {
    const sim = gw.sim('appmixer');
    const list = await gw.gql('{ appmixer { flows(first: 2, filter: { stage: RUNNING }) { nodes { id } } } }');
    const [a, b] = list.data!.appmixer.flows.nodes.map((n: { id: string }) => n.id);
    sim.clearRequests();
    const res = await gw.gql(
      `query($a: ID!, $b: ID!) { appmixer {
        flows(first: 2, filter: { stage: RUNNING }) { nodes { id logs(first: 3) { totalCount nodes { flowId } } } }
        one: flow(id: $a) { logs(first: 3) { nodes { id } } }
        two: flow(id: $b) { logs(first: 3) { nodes { id } } }
      } }`,
      { a, b },
    );
    expect(res.errors).toBeUndefined();
    for (const node of res.data!.appmixer.flows.nodes) {
      expect(node.logs.nodes.length).toBe(3);
      for (const entry of node.logs.nodes) expect(entry.flowId).toBe(node.id);
    }
    expect(sim.count({ path: '/logs' })).toBe(2);
    expect(
      sim.requests
        .filter((r) => r.path === '/logs')
        .map((r) => r.query.flowId)
        .sort(),
    ).toEqual([a, b].sort());
  });

  it("resolves each entry's flow with one fetch per distinct flow", async () => {
    const sim = gw.sim('appmixer');
    const res = await gw.gql('{ appmixer { logs(first: 120) { nodes { flowId flow { id name } } } } }');
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.appmixer.logs.nodes as { flowId: string; flow: { id: string } }[];
    const distinct = new Set(nodes.map((n) => n.flowId));
    expect(distinct.size).toBeGreaterThan(1);
    for (const n of nodes) expect(n.flow.id).toBe(n.flowId);
    expect(sim.count({ method: 'GET', path: /^\/flows\/[^/]+$/ })).toBe(distinct.size);
  });

  it('refuses backward paging and a forged cursor', async () => {
    const back = await gw.gql('{ appmixer { logs(last: 5) { nodes { id } } } }');
    expect(back.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const forged = Buffer.from('vg1:{"t":["x"]}').toString('base64url');
    const res = await gw.gql(PAGE, { after: forged });
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('appmixer').count({ path: '/logs' })).toBe(0);
  });
});
