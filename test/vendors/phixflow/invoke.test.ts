import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_API_KEY, SANDBOX_ENDPOINT_FILE, type PhixflowState } from '../../../src/sandbox/phixflow/index.js';
import { logLines, startTestGateway, type TestGateway } from '../../helpers.js';
import { TestClock } from '../../support/clock.js';

const INVOKE = `mutation($endpoint: ID!, $input: JSON, $mode: PhixflowMode, $timeoutMs: Int, $deadlineMs: Int, $eachRecord: Boolean) {
  phixflowInvoke(endpoint: $endpoint, input: $input, mode: $mode, timeoutMs: $timeoutMs, deadlineMs: $deadlineMs, eachRecord: $eachRecord) {
    endpoint status processId message data polls records { index status processId message data errorCode }
  }
}`;

describe('PhixFlow endpoints', () => {
  let gw: TestGateway;
  let state: PhixflowState;
  // Server-side polling and PhixFlow's background processes share a clock whose waits cost no real time.
  const clock = new TestClock();
  beforeAll(async () => {
    gw = await startTestGateway({}, { clock });
    gw.sim('phixflow').now = () => clock.now();
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.sim('phixflow').reset();
    state = gw.sim('phixflow').state as PhixflowState;
  });

  it('lists the configured endpoints without the key', async () => {
    const res = await gw.gql(
      '{ phixflow { endpoints { name application actionflow alias method mode timeoutMs pollDeadlineMs authenticated description inputs { name type required description } outputs { name } } one: endpoint(name: "ping") { actionflow authenticated } none: endpoint(name: "nope") { name } } }',
    );
    expect(res.errors).toBeUndefined();
    const endpoints = res.data!.phixflow.endpoints;
    expect(endpoints.map((e: { name: string }) => e.name)).toEqual([
      'customer-lookup',
      'revenue-report',
      'validate-order',
      'bulk-import',
      'ping',
    ]);
    expect(endpoints[0]).toMatchObject({
      application: 'Sales Hub',
      actionflow: 'Customer Lookup',
      method: 'POST',
      mode: 'WAIT',
      timeoutMs: 10000,
      authenticated: true,
    });
    expect(endpoints[0].inputs).toEqual([
      { name: 'customerId', type: 'string', required: true, description: "The customer's id, e.g. C-1001" },
    ]);
    expect(endpoints[3]).toMatchObject({ alias: 'bulk-import', mode: 'POLL' });
    expect(res.data!.phixflow.one).toEqual({ actionflow: 'Ping', authenticated: false });
    expect(res.data!.phixflow.none).toBeNull();
    expect(res.text).not.toContain(SANDBOX_API_KEY);
  });

  it('invokes a waiting endpoint with its names URL-encoded, the token header and the vendor timeout', async () => {
    const res = await gw.gql(INVOKE, { endpoint: 'customer-lookup', input: { customerId: 'C-1003' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.phixflowInvoke).toMatchObject({
      endpoint: 'customer-lookup',
      status: 'SUCCESS',
      message: 'Customer found',
      polls: 0,
      records: null,
    });
    expect(res.data!.phixflowInvoke.data).toMatchObject({ id: 'C-1003', name: 'Initech' });
    const [call] = gw.sim('phixflow').requests;
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/phixflow/api/1/action/Sales%20Hub/Customer%20Lookup/trigger');
    expect(call.query).toEqual({ timeout: '10000' });
    expect(call.headers.authorization).toBe(`Bearer ${SANDBOX_API_KEY}`);
    expect(call.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call.body)).toEqual({ customerId: 'C-1003' });
  });

  it('maps a FAIL answer to VENDOR_REJECTED with the vendor message', async () => {
    const res = await gw.gql(INVOKE, { endpoint: 'customer-lookup', input: { customerId: 'C-9999' } });
    expect(res.data).toEqual({ phixflowInvoke: null });
    expect(res.errors?.[0].message).toBe('phixflow rejected the request: No customer with id C-9999');
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'VENDOR_REJECTED',
      vendor: 'phixflow',
      vendorStatus: 'FAIL',
      retryable: false,
    });
  });

  it('maps a Fail body on an error status to VENDOR_REJECTED too', async () => {
    gw.sim('phixflow').fault({
      path: /Validate%20Order/,
      status: 500,
      body: { status: 'Fail', message: 'error(): stock service unavailable' },
      times: 1,
    });
    const res = await gw.gql(INVOKE, {
      endpoint: 'validate-order',
      input: { orderId: 'SO-1', sku: 'SKU-100', quantity: 1 },
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 'FAIL' });
    expect(res.errors?.[0].message).toContain('stock service unavailable');
  });

  it('refuses an unknown endpoint without calling PhixFlow or showing a URL', async () => {
    const res = await gw.gql(INVOKE, { endpoint: 'http://evil.test/steal', input: {} });
    expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(res.errors?.[0].message).toContain('unknown PhixFlow endpoint');
    // The sandbox names the configured endpoints as a hint; a live gateway does not (config.test.ts).
    expect(res.errors?.[0].message).toContain('customer-lookup');
    expect(res.text).not.toContain('evil.test');
    expect(res.text).not.toMatch(/127\.0\.0\.1|\/phixflow\/api/);
    expect(gw.sim('phixflow').requests).toHaveLength(0);
  });

  it('returns the process id of an asynchronous endpoint at once and reports its status until done', async () => {
    const started = await gw.gql(INVOKE, {
      endpoint: 'bulk-import',
      input: { records: [{ sku: 'A' }, { sku: 'B' }, 'junk'] },
    });
    expect(started.errors).toBeUndefined();
    const invocation = started.data!.phixflowInvoke;
    expect(invocation).toMatchObject({ status: 'PENDING', message: 'Process started', polls: 0 });
    expect(invocation.processId).toMatch(/^\d+$/);
    const trigger = gw.sim('phixflow').requests[0];
    expect(trigger.path).toBe('/phixflow/api/1/action/bulk-import/trigger');
    expect(trigger.query).toEqual({});

    const STATUS =
      'query($id: ID!) { phixflow { invocation(processId: $id) { status processId message data } unknown: invocation(processId: "1") { status } } }';
    const running = await gw.gql(STATUS, { id: invocation.processId });
    expect(running.data!.phixflow.invocation).toMatchObject({ status: 'PENDING', processId: invocation.processId });
    expect(running.data!.phixflow.unknown).toBeNull();
    state.processes.get(invocation.processId)!.doneAt = clock.now();
    const done = await gw.gql(STATUS, { id: invocation.processId });
    expect(done.data!.phixflow.invocation).toMatchObject({
      status: 'SUCCESS',
      message: 'Imported 2 records',
      data: { Result: { imported: 2, skipped: 1 } },
    });
    expect(gw.sim('phixflow').requests.at(-1)!.path).toMatch(/^\/phixflow\/api\/1\/action\/status\/\d+$/);
  });

  it('polls an asynchronous endpoint server-side with backoff until it completes', async () => {
    const sim = gw.sim('phixflow');
    const from = clock.waits.length;
    const res = await gw.gql(INVOKE, { endpoint: 'bulk-import', mode: 'SYNC', input: { records: [{ sku: 'A' }] } });
    expect(res.errors).toBeUndefined();
    const invocation = res.data!.phixflowInvoke;
    expect(invocation).toMatchObject({ status: 'SUCCESS', data: { Result: { imported: 1, skipped: 0 } } });
    const polls = sim.count({ method: 'GET', path: /\/action\/status\// });
    expect(invocation.polls).toBe(polls);
    expect(polls).toBeGreaterThanOrEqual(2);
    // Backoff: one wait before each status call, each half as long again as the one before.
    const waits = clock.waits.slice(from);
    expect(waits).toHaveLength(polls);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBe(waits[i - 1] * 1.5);
  });

  it('answers PENDING with the process id when polling reaches the deadline', async () => {
    state.asyncMs = 5_000;
    const res = await gw.gql(INVOKE, {
      endpoint: 'bulk-import',
      mode: 'SYNC',
      deadlineMs: 300,
      input: { records: [{ sku: 'A' }] },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.phixflowInvoke.status).toBe('PENDING');
    expect(res.data!.phixflowInvoke.processId).toMatch(/^\d+$/);
    expect(res.data!.phixflowInvoke.polls).toBeGreaterThanOrEqual(1);
  });

  it('maps an asynchronous process that fails to VENDOR_REJECTED when polled to the end', async () => {
    state.asyncMs = 50;
    const res = await gw.gql(INVOKE, { endpoint: 'bulk-import', mode: 'SYNC', input: { records: [] } });
    expect(res.errors?.[0].extensions.code).toBe('VENDOR_REJECTED');
    expect(res.errors?.[0].message).toContain('Nothing to import');
  });

  it('refuses ASYNC for an endpoint that waits for its result', async () => {
    const res = await gw.gql(INVOKE, { endpoint: 'customer-lookup', mode: 'ASYNC', input: { customerId: 'C-1001' } });
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('phixflow').requests).toHaveLength(0);
  });

  it("sends records individually and shows each record's failure", async () => {
    const records = [
      { orderId: 'SO-1', sku: 'SKU-100', quantity: 2 },
      { orderId: 'SO-2', sku: 'SKU-999', quantity: 1 },
      { orderId: 'SO-3', sku: 'SKU-200', quantity: 0 },
      { orderId: 'SO-4', sku: 'SKU-300', quantity: 1 },
    ];
    const res = await gw.gql(INVOKE, { endpoint: 'validate-order', input: records, eachRecord: true });
    expect(res.errors).toBeUndefined();
    const invocation = res.data!.phixflowInvoke;
    expect(invocation).toMatchObject({ status: 'FAIL', message: '2 of 4 records failed' });
    expect(invocation.records.map((r: { status: string }) => r.status)).toEqual(['SUCCESS', 'FAIL', 'FAIL', 'SUCCESS']);
    expect(invocation.records[1]).toMatchObject({
      index: 1,
      message: 'Order SO-2: unknown SKU SKU-999',
      errorCode: 'VENDOR_REJECTED',
    });
    expect(invocation.records[2].message).toContain('quantity must be a positive integer');
    expect(invocation.records[0].data).toMatchObject({ Order: { orderId: 'SO-1', total: 39.98 } });
    expect(gw.sim('phixflow').count({ method: 'POST', path: /Validate%20Order/ })).toBe(4);
    expect(state.orders.map((o) => o.orderId).sort()).toEqual(['SO-1', 'SO-4', 'SO-9001', 'SO-9002']);
  });

  it('maps a waiting call the vendor aborts at its timeout to VENDOR_TIMEOUT', async () => {
    const res = await gw.gql(INVOKE, { endpoint: 'revenue-report', input: { period: '2024-05' }, timeoutMs: 100 });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_TIMEOUT', vendor: 'phixflow', retryable: true });
    expect(gw.sim('phixflow').requests[0].query).toEqual({ timeout: '100' });
    // A POST is never resent by the gateway.
    expect(gw.sim('phixflow').count({ method: 'POST' })).toBe(1);
  });

  it('maps a waiting call past the upstream timeout to VENDOR_TIMEOUT', async () => {
    // The sandbox endpoint file with no grace past the vendor timeout, so the call ends at 100 ms.
    const dir = mkdtempSync(join(tmpdir(), 'phixflow-grace-'));
    const file = join(dir, 'endpoints.yaml');
    writeFileSync(
      file,
      readFileSync(SANDBOX_ENDPOINT_FILE, 'utf8').replace(/timeoutGraceMs: \d+/, 'timeoutGraceMs: 0'),
    );
    const strict = await startTestGateway({ PHIXFLOW_CONFIG: file });
    try {
      strict.sim('phixflow').fault({ path: /Revenue%20Report/, hang: true, times: 1 });
      const res = await strict.gql(INVOKE, {
        endpoint: 'revenue-report',
        input: { period: '2024-05' },
        timeoutMs: 100,
      });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_TIMEOUT', vendor: 'phixflow' });
      expect(strict.sim('phixflow').count({ method: 'POST' })).toBe(1);
    } finally {
      await strict.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits out a slow endpoint longer than the gateway-wide request timeout', async () => {
    // A gateway that gives ordinary calls 50 ms; this endpoint's own timeout (5 s) applies instead.
    const strict = await startTestGateway({
      VENDORGRAPH_RESPONSE_TIMEOUT_MS: '50',
      VENDORGRAPH_REQUEST_TIMEOUT_MS: '50',
    });
    try {
      (strict.sim('phixflow').state as PhixflowState).slowMs = 100;
      const res = await strict.gql(INVOKE, { endpoint: 'revenue-report', input: { period: '2024-05' } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.phixflowInvoke.data.Report).toMatchObject({ period: '2024-05', currency: 'GBP' });
    } finally {
      await strict.close();
    }
  });

  it('rejects a timeout above the configured one', async () => {
    const res = await gw.gql(INVOKE, { endpoint: 'revenue-report', input: {}, timeoutMs: 600_000 });
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('calls an anonymous v10-style endpoint without the token', async () => {
    const res = await gw.gql(INVOKE, { endpoint: 'ping' });
    expect(res.data!.phixflowInvoke).toMatchObject({ status: 'SUCCESS', message: 'pong', data: { pong: true } });
    const [call] = gw.sim('phixflow').requests;
    expect(call.path).toBe('/phixflow/api/1/action/Ping/trigger');
    expect(call.headers.authorization).toBeUndefined();
  });

  it('answers VENDOR_UNAUTHORIZED without the key when PhixFlow refuses it', async () => {
    gw.sim('phixflow').action('rotateKey');
    const res = await gw.gql(INVOKE, { endpoint: 'customer-lookup', input: { customerId: 'C-1001' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_UNAUTHORIZED', vendorStatus: 401 });
    expect(res.text).not.toContain(SANDBOX_API_KEY);
    expect(logLines.join('\n')).not.toContain(SANDBOX_API_KEY);
  });

  it('is healthy in the vendor list by reaching the server, without triggering the health endpoint', async () => {
    gw.sim('phixflow').reset();
    const res = await gw.gql('{ vendors { name mode healthy message } }');
    expect(res.data!.vendors).toContainEqual({
      name: 'phixflow',
      mode: 'SANDBOX',
      healthy: true,
      message: 'reachable; 5 endpoints configured',
    });
    expect(gw.sim('phixflow').count({ path: /trigger/ })).toBe(0);
  });

  it('triggers the configured health endpoint only with PHIXFLOW_HEALTH_INVOKE=true', async () => {
    const opted = await startTestGateway({ PHIXFLOW_HEALTH_INVOKE: 'true' });
    try {
      const res = await opted.gql('{ vendors { name mode healthy message } }');
      expect(res.data!.vendors).toContainEqual({
        name: 'phixflow',
        mode: 'SANDBOX',
        healthy: true,
        message: 'ping: success',
      });
      expect(opted.sim('phixflow').count({ path: /trigger/ })).toBe(1);
    } finally {
      await opted.close();
    }
  });
});
