import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppmixerState } from '../../../src/sandbox/appmixer/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { resetAppmixer } from './reset.js';

describe('Appmixer accounts, apps, tasks, stores, messages and files', () => {
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

  it('lists connected accounts by service, excluding services, and renames one', async () => {
    const res = await gw.gql(`{ appmixer {
      all: accounts { id name displayName service label icon userId profileInfo }
      slack: accounts(filter: { service: "appmixer:slack" }) { id displayName }
      notSlack: accounts(filter: { excludeServices: ["appmixer:slack", "appmixer:aws"] }) { service }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data!.appmixer;
    expect(a.all).toHaveLength(6);
    expect(a.slack).toHaveLength(2);
    expect(a.notSlack.map((x: { service: string }) => x.service)).not.toContain('appmixer:slack');
    expect(a.notSlack).toHaveLength(3);
    expect(gw.sim('appmixer').requests.find((r) => Array.isArray(r.query.filter))!.query.filter).toEqual([
      'service:!appmixer:slack',
      'service:!appmixer:aws',
    ]);

    const renamed = await gw.gql(
      'mutation($id: ID!) { appmixerRenameAccount(id: $id, displayName: "Eng Slack") { id displayName service } }',
      { id: a.slack[0].id },
    );
    expect(renamed.data!.appmixerRenameAccount).toMatchObject({ displayName: 'Eng Slack', service: 'appmixer:slack' });
    const put = gw.sim('appmixer').requests.find((r) => r.method === 'PUT')!;
    expect(JSON.parse(put.body)).toEqual({ displayName: 'Eng Slack' });
  });

  it('lists apps from the keyed object and loads components once per app', async () => {
    const sim = gw.sim('appmixer');
    const res = await gw.gql(`{ appmixer {
      apps { name label category description icon components { name label trigger inPorts outPorts manifest } }
      slack: app(name: "appmixer.slack") { name label components { name } }
      nope: app(name: "appmixer.nope") { name }
    } }`);
    expect(res.errors).toBeUndefined();
    const apps = res.data!.appmixer.apps;
    expect(apps.map((a: { name: string }) => a.name)).not.toContain('appmixer.aws');
    expect(apps.find((a: { name: string }) => a.name === 'appmixer.slack').components).toContainEqual(
      expect.objectContaining({
        name: 'appmixer.slack.list.NewChannelMessageRT',
        trigger: true,
        inPorts: [],
        outPorts: ['out'],
      }),
    );
    expect(res.data!.appmixer.slack.components.length).toBe(2);
    expect(res.data!.appmixer.nope).toBeNull();
    expect(sim.count({ path: '/apps' })).toBe(1);
    expect(sim.count({ path: '/apps/components' })).toBe(apps.length);
  });

  it('pages people tasks by role, status and pattern with the total from tasks-count', async () => {
    const me = state.users[0].email;
    const res = await gw.gql(`{ appmixer {
      approver: tasks(filter: { role: APPROVER, status: PENDING }, first: 3) { totalCount pageInfo { hasNextPage } nodes { id approver status decisionBy } }
      mine: tasks(first: 100) { totalCount nodes { id } }
      expenses: tasks(filter: { pattern: "expense" }, first: 50) { nodes { title } }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data!.appmixer;
    const expected = state.tasks.filter((t) => t.approver === me && t.status === 'pending');
    expect(a.approver.totalCount).toBe(expected.length);
    expect(a.approver.nodes).toHaveLength(3);
    expect(a.approver.pageInfo.hasNextPage).toBe(true);
    for (const t of a.approver.nodes) expect(t).toMatchObject({ approver: me, status: 'PENDING' });
    expect(a.mine.totalCount).toBe(state.tasks.filter((t) => t.approver === me || t.requester === me).length);
    expect(a.expenses.nodes.every((t: { title: string }) => /expense/i.test(t.title))).toBe(true);
    const sent = gw.sim('appmixer').requests.find((r) => r.path === '/people-task/tasks' && r.query.role)!;
    expect(sent.query).toMatchObject({ role: 'approver', filter: 'status:pending', limit: '3', offset: '0' });
  });

  it('creates a task, approves and rejects, and refuses a second decision', async () => {
    const me = state.users[0].email;
    const created = await gw.gql(
      'mutation($by: DateTime!, $me: String!) { appmixerCreateTask(input: { title: "Laptop", description: "New laptop", requester: "bob@acme.test", approver: $me, decisionBy: $by }) { id title status requester approver decisionBy } }',
      {
        by: '2030-01-01T12:00:00.000Z',
        me,
      },
    );
    expect(created.errors).toBeUndefined();
    const task = created.data!.appmixerCreateTask;
    expect(task).toMatchObject({ title: 'Laptop', status: 'PENDING', decisionBy: '2030-01-01T12:00:00.000Z' });
    const read = await gw.gql(
      'query($id: ID!) { appmixer { task(id: $id) { id title } missing: task(id: "000000000000000000000000") { id } } }',
      { id: task.id },
    );
    expect(read.data!.appmixer.task.title).toBe('Laptop');
    expect(read.data!.appmixer.missing).toBeNull();

    const approved = await gw.gql('mutation($id: ID!) { appmixerApproveTask(id: $id) { status decisionMadeAt } }', {
      id: task.id,
    });
    expect(approved.data!.appmixerApproveTask.status).toBe('APPROVED');
    expect(approved.data!.appmixerApproveTask.decisionMadeAt).toBeTruthy();
    const again = await gw.gql('mutation($id: ID!) { appmixerRejectTask(id: $id) { status } }', { id: task.id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 400 });
    expect(again.errors?.[0].message).toContain('already approved');

    const pending = state.tasks.find((t) => t.approver === me && t.status === 'pending')!;
    const rejected = await gw.gql('mutation($id: ID!) { appmixerRejectTask(id: $id) { status } }', { id: pending.id });
    expect(rejected.data!.appmixerRejectTask.status).toBe('REJECTED');
    const notMine = state.tasks.find((t) => t.requester === me && t.status === 'pending')!;
    const forbidden = await gw.gql('mutation($id: ID!) { appmixerApproveTask(id: $id) { status } }', {
      id: notMine.id,
    });
    expect(forbidden.errors?.[0].extensions.code).toBe('VENDOR_FORBIDDEN');
  });

  it('lists stores with record counts and pages records with their total', async () => {
    const sim = gw.sim('appmixer');
    const list = await gw.gql(
      '{ appmixer { stores { id name recordCount records(first: 2) { totalCount nodes { key value } } } } }',
    );
    expect(list.errors).toBeUndefined();
    const [invoices, mentions] = list.data!.appmixer.stores;
    expect(invoices).toMatchObject({ name: 'Invoices', recordCount: 130 });
    expect(invoices.records.totalCount).toBe(130);
    expect(mentions.records.nodes[0].value).toMatchObject({ channel: '#eng' });
    // One count per store, shared by recordCount and the records' totalCount.
    expect(sim.count({ path: '/store/count' })).toBe(3);
    sim.clearRequests();

    const res = await gw.gql(
      'query($id: ID!) { appmixer { store(id: $id) { records(first: 150) { totalCount pageInfo { hasNextPage } nodes { key updatedAt } } } } }',
      { id: invoices.id },
    );
    expect(res.errors).toBeUndefined();
    const records = res.data!.appmixer.store.records;
    expect(records.nodes).toHaveLength(130);
    expect(records.pageInfo.hasNextPage).toBe(false);
    expect(new Set(records.nodes.map((r: { key: string }) => r.key)).size).toBe(130);
    const updated = records.nodes.map((r: { updatedAt: string }) => Date.parse(r.updatedAt));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    // 150 asked at 100 per call: two list calls.
    expect(
      sim.requests.filter((r) => r.path === '/store').map((r) => [r.query.offset, r.query.limit, r.query.sort]),
    ).toEqual([
      ['0', '100', 'updatedAt:-1'],
      ['100', '50', 'updatedAt:-1'],
    ]);
    const sorted = await gw.gql(
      'query($id: ID!) { appmixer { store(id: $id) { records(first: 3, sort: { field: KEY, direction: ASC }) { nodes { key } } } missing: store(id: "000000000000000000000000") { id } } }',
      { id: invoices.id },
    );
    expect(sorted.data!.appmixer.store.records.nodes.map((r: { key: string }) => r.key)).toEqual([
      'INV-2024000',
      'INV-2024001',
      'INV-2024002',
    ]);
    expect(sorted.data!.appmixer.missing).toBeNull();
  });

  it('creates, renames and deletes a store, and sets, renames and updates records', async () => {
    const sim = gw.sim('appmixer');
    const created = await gw.gql('mutation { appmixerCreateStore(name: "Sessions") { id name recordCount } }');
    expect(created.errors).toBeUndefined();
    const store = created.data!.appmixerCreateStore;
    expect(store).toMatchObject({ name: 'Sessions', recordCount: 0 });

    const set = await gw.gql(
      'mutation($s: ID!) { appmixerSetStoreRecord(input: { storeId: $s, key: "user 42", value: "{\\"cart\\": 3}" }) { key value storeId createdAt } }',
      { s: store.id },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.appmixerSetStoreRecord).toMatchObject({ key: 'user 42', value: '{"cart": 3}', storeId: store.id });
    const post = sim.requests.find((r) => r.method === 'POST' && r.path.startsWith('/store/'))!;
    expect(post.path).toBe(`/store/${store.id}/user%2042`);
    expect(post.headers['content-type']).toMatch(/^text\/plain/);
    expect(post.body).toBe('{"cart": 3}');

    const renamedKey = await gw.gql(
      'mutation($s: ID!) { appmixerRenameStoreRecord(storeId: $s, key: "user 42", newKey: "user-42") { key value } }',
      { s: store.id },
    );
    expect(renamedKey.data!.appmixerRenameStoreRecord).toEqual({ key: 'user-42', value: '{"cart": 3}' });
    const updated = await gw.gql(
      'mutation($s: ID!) { appmixerUpdateStoreRecord(storeId: $s, key: "user-42", value: "empty") { key value } }',
      { s: store.id },
    );
    expect(updated.data!.appmixerUpdateStoreRecord).toEqual({ key: 'user-42', value: 'empty' });
    const missing = await gw.gql(
      'mutation($s: ID!) { appmixerUpdateStoreRecord(storeId: $s, key: "nope", value: "x") { key } }',
      { s: store.id },
    );
    expect(missing.errors?.[0].extensions.code).toBe('VENDOR_NOT_FOUND');

    const renamed = await gw.gql(
      'mutation($s: ID!) { appmixerRenameStore(id: $s, name: "Carts") { id name recordCount } }',
      { s: store.id },
    );
    expect(renamed.data!.appmixerRenameStore).toMatchObject({ name: 'Carts', recordCount: 1 });
    const deleted = await gw.gql('mutation($s: ID!) { appmixerDeleteStore(id: $s) }', { s: store.id });
    expect(deleted.data!.appmixerDeleteStore).toBe(store.id);
    const after = await gw.gql('{ appmixer { stores { name } } }');
    expect(after.data!.appmixer.stores.map((s: { name: string }) => s.name)).not.toContain('Carts');
  });

  it('lists unprocessed messages with one flow fetch per distinct flow, retries and deletes them', async () => {
    const sim = gw.sim('appmixer');
    const res = await gw.gql(
      '{ appmixer { unprocessedMessages { id flowId componentId createdAt error messages { port correlationId content } flow { id name stage } } } }',
    );
    expect(res.errors).toBeUndefined();
    const messages = res.data!.appmixer.unprocessedMessages;
    expect(messages).toHaveLength(7);
    const flows = new Set(messages.map((m: { flowId: string }) => m.flowId));
    expect(flows.size).toBe(3);
    for (const m of messages) expect(m.flow.id).toBe(m.flowId);
    expect(sim.count({ method: 'GET', path: /^\/flows\/[^/]+$/ })).toBe(3);
    expect(messages[0].messages[0]).toMatchObject({ port: 'in' });
    expect(JSON.parse(messages[0].error)).toHaveProperty('message');

    const [first, second] = messages;
    const one = await gw.gql('query($id: ID!) { appmixer { unprocessedMessage(id: $id) { id flowId } } }', {
      id: first.id,
    });
    expect(one.data!.appmixer.unprocessedMessage.flowId).toBe(first.flowId);
    const retried = await gw.gql('mutation($id: ID!) { appmixerRetryUnprocessedMessage(id: $id) }', { id: first.id });
    expect(retried.data!.appmixerRetryUnprocessedMessage).toBe(first.id);
    expect(state.requeued).toEqual([first.id]);
    const deleted = await gw.gql('mutation($id: ID!) { appmixerDeleteUnprocessedMessage(id: $id) }', { id: second.id });
    expect(deleted.data!.appmixerDeleteUnprocessedMessage).toBe(second.id);
    const left = await gw.gql(
      'query($id: ID!) { appmixer { unprocessedMessages { id } unprocessedMessage(id: $id) { id } } }',
      { id: second.id },
    );
    expect(left.data!.appmixer.unprocessedMessages).toHaveLength(5);
    expect(left.data!.appmixer.unprocessedMessage).toBeNull();
  });

  it('lists files by name with probed paging and reads metadata', async () => {
    const res = await gw.gql(`{ appmixer {
      invoices: files(filter: { filename: "^invoice-" }, sort: { field: FILENAME, direction: ASC }, first: 5) { totalCount pageInfo { hasNextPage } nodes { id filename contentType length createdAt md5 } }
      all: files(first: 100) { nodes { filename } }
      withSources: files(first: 100, filter: { includeComponentSourceFiles: true }) { nodes { filename } }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data!.appmixer;
    expect(a.invoices.totalCount).toBeNull();
    expect(a.invoices.nodes).toHaveLength(5);
    expect(a.invoices.pageInfo.hasNextPage).toBe(true);
    expect(
      a.invoices.nodes.every(
        (f: { filename: string; contentType: string }) =>
          f.filename.startsWith('invoice-') && f.contentType === 'application/pdf',
      ),
    ).toBe(true);
    expect(a.all.nodes.some((f: { filename: string }) => f.filename.endsWith('.zip'))).toBe(false);
    expect(a.withSources.nodes.length).toBeGreaterThan(a.all.nodes.length);
    const sent = gw.sim('appmixer').requests.find((r) => r.path === '/files' && r.query.filter)!;
    expect(sent.query).toMatchObject({ filter: 'filename:~^invoice-', sort: 'filename:1' });

    const meta = await gw.gql(
      'query($id: ID!) { appmixer { file(id: $id) { id filename metadata } missing: file(id: "000000000000000000000000") { id } } }',
      { id: a.invoices.nodes[0].id },
    );
    expect(meta.data!.appmixer.file).toMatchObject({
      id: a.invoices.nodes[0].id,
      metadata: { userId: state.users[0].id },
    });
    expect(meta.data!.appmixer.missing).toBeNull();
  });
});
