import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { resetAppmixer } from './reset.js';

const FLOW_FIELDS = 'id name stage userId createdAt updatedAt customFields sharedWith { email permissions }';

describe('Appmixer flows', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => resetAppmixer(gw));

  it('pages flows over offset/limit with the total from /flows/count, without descriptors', async () => {
    const sim = gw.sim('appmixer');
    const first = await gw.gql(
      `{ appmixer { flows(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { ${FLOW_FIELDS} } } } }`,
    );
    expect(first.errors).toBeUndefined();
    const page = first.data!.appmixer.flows;
    expect(page.totalCount).toBe(13);
    expect(page.nodes).toHaveLength(5);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const list = sim.requests.find((r) => r.path === '/flows')!;
    expect(list.query).toMatchObject({ offset: '0', limit: '5', projection: '-flow,-thumbnail' });
    expect(sim.count({ path: '/flows/count' })).toBe(1);

    const seen = new Set<string>(page.nodes.map((n: { id: string }) => n.id));
    let after = page.pageInfo.endCursor;
    for (;;) {
      const next = await gw.gql(
        'query($after: String) { appmixer { flows(first: 5, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } } }',
        { after },
      );
      for (const n of next.data!.appmixer.flows.nodes) seen.add(n.id);
      if (!next.data!.appmixer.flows.pageInfo.hasNextPage) break;
      after = next.data!.appmixer.flows.pageInfo.endCursor;
    }
    expect(seen.size).toBe(13);
  });

  it('filters by stage, custom field and pattern, and sorts', async () => {
    const res = await gw.gql(`{ appmixer {
      running: flows(first: 50, filter: { stage: RUNNING }) { totalCount nodes { stage } }
      finance: flows(first: 50, filter: { customFields: [{ name: "category", value: "finance" }] }) { totalCount nodes { customFields } }
      slack: flows(first: 50, pattern: "slack") { nodes { name } }
      byName: flows(first: 3, sort: { field: NAME, direction: ASC }) { nodes { name } }
      shared: flows(first: 50, filter: { sharedWithPermissions: [READ] }) { nodes { name userId } }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data!.appmixer;
    expect(a.running.nodes.every((n: { stage: string }) => n.stage === 'RUNNING')).toBe(true);
    expect(a.running.totalCount).toBe(a.running.nodes.length);
    expect(
      a.finance.nodes.every((n: { customFields: { category: string } }) => n.customFields.category === 'finance'),
    ).toBe(true);
    expect(a.finance.totalCount).toBeGreaterThan(0);
    expect(a.slack.nodes.every((n: { name: string }) => /slack/i.test(n.name))).toBe(true);
    const names = a.byName.nodes.map((n: { name: string }) => n.name);
    expect(names).toEqual([...names].sort((x: string, y: string) => x.localeCompare(y)));
    expect(a.shared.nodes).toEqual([expect.objectContaining({ name: 'Alice: shared reporting' })]);
    expect(gw.sim('appmixer').requests.find((r) => r.path === '/flows' && r.query.sort)!.query.sort).toBe('name:1');
  });

  it('reads one flow with its components and links, and null for an unknown flow', async () => {
    const list = await gw.gql('{ appmixer { flows(first: 2) { nodes { id } } } }');
    const id = list.data!.appmixer.flows.nodes[1].id;
    const res = await gw.gql(
      'query($id: ID!) { appmixer { flow(id: $id) { id name components { id type label x y sources { inPort componentId outPorts } } descriptor } missing: flow(id: "00000000-0000-4000-a000-000000000000") { id } } }',
      { id },
    );
    expect(res.errors).toBeUndefined();
    const flow = res.data!.appmixer.flow;
    expect(flow.components.length).toBeGreaterThanOrEqual(2);
    expect(flow.components[1].sources[0].componentId).toBe(flow.components[0].id);
    expect(Object.keys(flow.descriptor)).toEqual(flow.components.map((c: { id: string }) => c.id));
    expect(res.data!.appmixer.missing).toBeNull();
  });

  it('loads descriptors for a listed page with one flow fetch per distinct flow', async () => {
    const sim = gw.sim('appmixer');
    const res = await gw.gql(
      '{ appmixer { flows(first: 4) { nodes { id components { type } descriptor } } again: flows(first: 2) { nodes { components { id } } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(sim.count({ method: 'GET', path: /^\/flows\/[0-9a-f-]{36}$/ })).toBe(4);
  });

  it('creates, updates, clones, starts, stops and deletes a flow', async () => {
    const created = await gw.gql(
      `mutation($d: JSON) { appmixerCreateFlow(input: { name: "Gateway test", descriptor: $d, customFields: { category: "qa" } }) { ${FLOW_FIELDS} components { type } } }`,
      {
        d: {
          a: { type: 'appmixer.utils.timers.Timer', label: 'Tick', source: {}, x: 0, y: 0, config: {} },
          b: {
            type: 'appmixer.utils.email.SendEmail',
            label: 'Mail',
            source: { in: { a: ['out'] } },
            x: 200,
            y: 0,
            config: {},
          },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const flow = created.data!.appmixerCreateFlow;
    expect(flow).toMatchObject({ name: 'Gateway test', stage: 'STOPPED', customFields: { category: 'qa' } });
    expect(flow.components.map((c: { type: string }) => c.type)).toEqual([
      'appmixer.utils.timers.Timer',
      'appmixer.utils.email.SendEmail',
    ]);

    const updated = await gw.gql(
      'mutation($id: ID!) { appmixerUpdateFlow(id: $id, input: { name: "Renamed" }) { name } }',
      { id: flow.id },
    );
    expect(updated.data!.appmixerUpdateFlow.name).toBe('Renamed');

    const started = await gw.gql('mutation($id: ID!) { appmixerStartFlow(id: $id) { stage } }', { id: flow.id });
    expect(started.data!.appmixerStartFlow.stage).toBe('RUNNING');
    const coordinator = gw.sim('appmixer').requests.find((r) => r.path === `/flows/${flow.id}/coordinator`)!;
    expect(JSON.parse(coordinator.body)).toEqual({ command: 'start' });

    const blocked = await gw.gql(
      'mutation($id: ID!) { appmixerUpdateFlow(id: $id, input: { descriptor: {} }) { name } }',
      { id: flow.id },
    );
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendor: 'appmixer' });
    expect(blocked.errors?.[0].message).toContain('Stop the flow first');

    const stopped = await gw.gql('mutation($id: ID!) { appmixerStopFlow(id: $id) { stage } }', { id: flow.id });
    expect(stopped.data!.appmixerStopFlow.stage).toBe('STOPPED');

    const cloned = await gw.gql(
      'mutation($id: ID!) { appmixerCloneFlow(id: $id) { id name stage components { type } } }',
      { id: flow.id },
    );
    expect(cloned.data!.appmixerCloneFlow).toMatchObject({ name: 'Renamed (copy)', stage: 'STOPPED' });
    expect(cloned.data!.appmixerCloneFlow.id).not.toBe(flow.id);

    const deleted = await gw.gql('mutation($id: ID!) { appmixerDeleteFlow(id: $id) }', { id: flow.id });
    expect(deleted.data!.appmixerDeleteFlow).toBe(flow.id);
    const gone = await gw.gql('query($id: ID!) { appmixer { flow(id: $id) { id } flows(first: 1) { totalCount } } }', {
      id: flow.id,
    });
    expect(gone.data!.appmixer.flow).toBeNull();
    expect(gone.data!.appmixer.flows.totalCount).toBe(14);
  });

  it('passes on Appmixer refusing to start a flow without components', async () => {
    const created = await gw.gql('mutation { appmixerCreateFlow(input: { name: "Empty" }) { id } }');
    const res = await gw.gql('mutation($id: ID!) { appmixerStartFlow(id: $id) { stage } }', {
      id: created.data!.appmixerCreateFlow.id,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 400, retryable: false });
    expect(res.errors?.[0].message).toContain('Flow has no components');
  });

  it('rejects a descriptor that is not an object before calling Appmixer', async () => {
    const res = await gw.gql('mutation { appmixerCreateFlow(input: { name: "Bad", descriptor: [1, 2] }) { id } }');
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('appmixer').count({ method: 'POST', path: '/flows' })).toBe(0);
  });

  it('answers VENDOR_NOT_FOUND for a write to an unknown flow and never puts the id in a URL unencoded', async () => {
    const res = await gw.gql('mutation { appmixerStopFlow(id: "../user/auth") { id } }');
    expect(res.errors?.[0].extensions.code).toBe('VENDOR_NOT_FOUND');
    expect(gw.sim('appmixer').requests.at(-1)!.path).toBe('/flows/..%2Fuser%2Fauth/coordinator');
  });

  it('lists the variables each component can use', async () => {
    const list = await gw.gql('{ appmixer { flows(first: 1) { nodes { id components { id } } } } }');
    const flow = list.data!.appmixer.flows.nodes[0];
    const res = await gw.gql(
      'query($id: ID!, $c: [ID!]) { appmixer { flowVariables(flowId: $id, componentIds: $c) { componentId label variables { label value sourceComponentId port } } } }',
      {
        id: flow.id,
        c: [flow.components[1].id],
      },
    );
    expect(res.errors).toBeUndefined();
    const [vars] = res.data!.appmixer.flowVariables;
    expect(vars.componentId).toBe(flow.components[1].id);
    expect(vars.variables[0]).toMatchObject({ sourceComponentId: flow.components[0].id, port: 'out' });
    expect(vars.variables[0].value).toMatch(/^\{\{\{\$\..+\}\}\}$/);
    const body = JSON.parse(gw.sim('appmixer').requests.find((r) => r.path.endsWith('/fetch'))!.body);
    expect(body.components.IDs).toEqual([flow.components[1].id]);
  });
});
