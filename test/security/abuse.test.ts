/**
 * Abuse resistance (issue 19): what one request or one client could do to everyone. Each finding is
 * replayed as the exact hostile request over HTTP, asserting the code, the HTTP status and the
 * vendor calls it cost (0 where it is refused) — and, for fairness, the other client's latency.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logLines, startTestGateway, type TestGateway } from '../helpers.js';
import { apiKey, AUTH_ENV, KEYS, raw } from './support.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };
const READER = { ...apiKey(KEYS.reader), ...DEBUG };
const OPERATOR = { ...apiKey(KEYS.operator), ...DEBUG };

/** Vendor calls an operation made, summed over vendors (`extensions.upstream`). */
const upstreamCalls = (res: { extensions?: Record<string, any> }) =>
  Object.values((res.extensions?.upstream ?? {}) as Record<string, { calls: number }>).reduce((n, s) => n + s.calls, 0);
const nested = (depth: number) => `${'{a:'.repeat(depth)}1${'}'.repeat(depth)}`;
const ids = (n: number, from = 900_000) => Array.from({ length: n }, (_, i) => String(from + i));

describe('abuse resistance: one request', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ ...AUTH_ENV, VENDORGRAPH_MAX_ALIASES: '15' });
  });
  afterAll(() => gw.close());
  const totalSimCalls = () =>
    (['flowize', 'flexipim', 'appmixer', 'phixflow', 'flxpoint'] as const).reduce((n, v) => n + gw.sim(v).count(), 0);
  const resetSims = () =>
    (['flowize', 'flexipim', 'appmixer', 'phixflow', 'flxpoint'] as const).forEach((v) => gw.sim(v).clearRequests());

  it('refuses 5,000 ids for inventoryVariantsByIds (max 1,000) with BAD_USER_INPUT, HTTP 400 and no vendor call', async () => {
    resetSims();
    const res = await gw.gql(
      'query($ids: [ID!]!) { flxpoint { inventoryVariantsByIds(sourceId: "101", ids: $ids) { id } } }',
      { ids: ids(5_000) },
      READER,
    );
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toBe('ids takes at most 1000 items (got 5000)');
    expect(totalSimCalls()).toBe(0);
  });

  it('holds inline list literals and nested input lists to the same bounds', async () => {
    resetSims();
    const inline = await gw.gql(
      `{ flowize { tableRows(table: "customers", ids: [${ids(1_001).join(',')}]) { id } } }`,
      {},
      { ...READER },
    );
    expect(inline.status).toBe(400);
    expect(inline.errors![0].message).toBe('ids takes at most 1000 items (got 1001)');
    const nestedList = await gw.gql(
      'mutation($input: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $input) { uuids } }',
      { input: { flowName: 'customer-onboarding', records: Array.from({ length: 101 }, () => ({})) } },
      OPERATOR,
    );
    expect(nestedList.status).toBe(400);
    expect(nestedList.errors![0].message).toBe('input.records takes at most 100 items (got 101)');
    expect(totalSimCalls()).toBe(0);
  });

  it('prices a list by the keys it fetches and the vendor calls they imply', async () => {
    const cost = async (n: number) =>
      (
        await gw.gql(
          'query($ids: [ID!]!) { flxpoint { inventoryVariantsByIds(sourceId: "101", ids: $ids) { id } } }',
          { ids: ids(n) },
          READER,
        )
      ).extensions!.cost.requested;
    // `flxpoint` 1, then 250 ids: 3 ids[] calls of 100 (3 × 10) plus 1 per id fetched; was 11 whatever the count.
    expect(await cost(250)).toBe(1 + 30 + 250);
    expect(await cost(1)).toBe(1 + 10 + 1);
  });

  it('refuses a 300-level object literal and a 600-level list literal before any vendor call (BAD_USER_INPUT, HTTP 400)', async () => {
    resetSims();
    const object = await gw.gql(
      `mutation { flowizeUpdateRecord(uuid: "x", data: ${nested(300)}) { message } }`,
      {},
      OPERATOR,
    );
    expect(object.status).toBe(400);
    expect(object.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(object.errors![0].message).toContain('nests deeper than 128 levels');
    const list = await gw.gql(
      `mutation { flowizeKeystoreUpsert(input: { keystoreId: "settings", key: "deep", value: ${'['.repeat(600)}${']'.repeat(600)} }) { value } }`,
      {},
      OPERATOR,
    );
    expect(list.status).toBe(400);
    expect(list.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(totalSimCalls()).toBe(0);
    // The same literal within the limit still reaches Flowize.
    const fine = await gw.gql(
      `mutation { flowizeKeystoreUpsert(input: { keystoreId: "settings", key: "shallow", value: ${nested(20)} }) { value } }`,
      {},
      OPERATOR,
    );
    expect(fine.errors).toBeUndefined();
  });

  it('refuses a 900 KB flowName as BAD_USER_INPUT naming the argument, with no vendor call', async () => {
    resetSims();
    const res = await gw.gql(
      'query($f: String!) { flowize { records(first: 5, filter: { flowName: $f }) { totalCount } } }',
      { f: 'x'.repeat(900_000) },
      READER,
    );
    expect(res.status).toBe(200);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toBe('filter.flowName is too long: 900000 bytes, at most 8192 (UTF-8)');
    expect(upstreamCalls(res)).toBe(0);
    expect(totalSimCalls()).toBe(0);
  });

  it('prices `vendors { healthy }` by the vendor calls it makes and never triggers a PhixFlow actionflow', async () => {
    resetSims();
    const aliases = Array.from({ length: 15 }, (_, i) => `v${i}: vendors { healthy }`).join(' ');
    const res = await gw.gql(`{ ${aliases} }`, {}, READER);
    // 15 × 5 vendors × 2 calls × 10 = 1,500: at least 10 per call made (it was 15 for 35 calls).
    expect(res.status).toBe(200);
    expect(res.extensions!.cost.requested).toBe(1_500);
    expect(res.extensions!.cost.requested).toBeGreaterThanOrEqual(10 * upstreamCalls(res));
    expect(gw.sim('phixflow').count({ path: /trigger/ })).toBe(0);
  });

  it('keeps a variable error its own message with BAD_USER_INPUT (the cost limit does not wrap it)', async () => {
    const missing = await gw.gql('query($id: ID!) { flowize { environment(id: $id) { id } } }', {}, READER);
    expect(missing.status).toBe(400);
    expect(missing.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(missing.errors![0].message).toBe('Variable "$id" of required type "ID!" was not provided.');
    const wrong = await gw.gql(
      'query($n: Int) { flowize { records(first: $n) { totalCount } } }',
      { n: 'ten' },
      READER,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.errors![0].message).toMatch(
      /^Variable "\$n" got invalid value "ten"; Int cannot represent non-integer value/,
    );
  });

  it('keeps a failing field local: an invalid `records` is null with its error and the valid `flowDiagram` arrives', async () => {
    resetSims();
    const res = await gw.gql(
      '{ flowize { records(first: 5000) { totalCount } flowDiagram(flowName: "invoice-reminders") { description } } }',
      {},
      READER,
    );
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['flowize', 'records'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.data!.flowize).toEqual({
      records: null,
      flowDiagram: { description: 'Sends payment reminders for overdue invoices' },
    });
    expect(upstreamCalls(res)).toBe(1);
  });

  it('keeps an earlier mutation result when a later mutation of the same request fails', async () => {
    const res = await gw.gql(
      'mutation { a: flowizeKeystoreUpsert(input: { keystoreId: "settings", key: "kept", value: 1 }) { value } b: flowizeDeleteRecord(uuid: "no-such-record") { message } }',
      {},
      OPERATOR,
    );
    expect(res.data).toEqual({ a: { value: 1 }, b: null });
    expect(res.errors![0].path).toEqual(['b']);
  });
});

describe('abuse resistance: introspection refusal', () => {
  it('names VENDORGRAPH_INTROSPECTION, not Apollo internals', async () => {
    const gw = await startTestGateway({ ...AUTH_ENV, VENDORGRAPH_INTROSPECTION: 'false' });
    try {
      const res = await gw.gql('{ __schema { types { name } } }', {}, READER);
      expect(res.status).toBe(400);
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toContain('VENDORGRAPH_INTROSPECTION');
      expect(res.text).not.toContain('ApolloServer');
      expect(upstreamCalls(res)).toBe(0);
    } finally {
      await gw.close();
    }
  });
});

describe('abuse resistance: fair use of a rate-limited vendor', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // 10 ids per ids[] call: 1,000 ids are 100 calls, 50 s of Flxpoint's 2 requests/s for one token.
    // The operation deadline ends the big read after 8 s; the test does not wait for all of it.
    gw = await startTestGateway({ FLXPOINT_MAX_PAGE_SIZE: '10', VENDORGRAPH_OPERATION_TIMEOUT_MS: '8000' });
  });
  afterAll(() => gw.close());

  it("serves another client's one-call read within a few seconds while a 100-call read holds the same token", async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const big = gw.gql(
      'query($ids: [ID!]!) { flxpoint { inventoryVariantsByIds(sourceId: "101", ids: $ids) { id } } }',
      { ids: ids(1_000) },
      DEBUG,
    );
    // Let the big read fill the queue first: its first burst has reached the vendor and its queue has started
    // moving at the token's pace (the third call leaves a second after the first).
    while (sim.count() < 3) await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const small = await gw.gql(
      '{ flxpoint { inventoryVariantsByIds(sourceId: "101", ids: ["1"]) { id } } }',
      {},
      DEBUG,
    );
    const latencyMs = performance.now() - started;
    expect(small.errors).toBeUndefined();
    expect(small.extensions!.upstream.flxpoint.calls).toBe(1);
    // FIFO behind the big read's queue it would have waited ~49 s (or hit the deadline).
    expect(latencyMs).toBeLessThan(3_000);
    const done = await big;
    // The big read kept going at the token's pace until its deadline: it was slowed, not starved.
    expect(done.extensions!.upstream.flxpoint.calls).toBeGreaterThan(10);
    expect(done.extensions!.upstream.flxpoint.calls).toBeLessThan(100);
    expect(sim.state.rateLimited).toBe(0);
  }, 20_000);
});

/** A GraphQL POST from a chosen loopback address (127.0.0.x), so the gateway sees different sources. */
function postFrom(
  url: string,
  localAddress: string,
  headers: Record<string, string>,
): Promise<{ status: number; retryAfter?: string; body: any }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ vendors { name } }' });
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('abuse resistance: failed authentication', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      ...AUTH_ENV,
      VENDORGRAPH_RATE_LIMIT_PER_MINUTE: '20',
      VENDORGRAPH_AUTH_FAILURES_PER_MINUTE: '10',
      VENDORGRAPH_AUTH_FAILURES_PER_PREFIX: '10',
    });
  });
  afterAll(() => gw.close());

  it('answers 429 with Retry-After after 10 wrong keys from one address, logs it, and still serves a valid key from another address', async () => {
    // The attacker guesses keys that share the valid reader key's prefix.
    const statuses: number[] = [];
    let throttled: { status: number; retryAfter?: string; body: any } | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await postFrom(gw.url, '127.0.0.2', apiKey(`${KEYS.reader.slice(0, 8)}guess-${i}-xxxxxxxxxxxx`));
      statuses.push(res.status);
      if (res.status === 429) throttled ??= res;
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(30).fill(429));
    expect(throttled!.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(throttled!.retryAfter)).toBeGreaterThan(0);
    expect(Number(throttled!.retryAfter)).toBeLessThanOrEqual(60);
    expect(
      logLines.some(
        (l) => l.includes('client authentication throttled after repeated failures') && l.includes('127.0.0.2'),
      ),
    ).toBe(true);
    // Even the right key is refused from the attacker's address for the rest of the window…
    expect((await postFrom(gw.url, '127.0.0.2', apiKey(KEYS.reader))).status).toBe(429);
    // …but its owner, elsewhere, is never locked out, although its prefix was hammered.
    expect((await postFrom(gw.url, '127.0.0.3', apiKey(KEYS.reader))).status).toBe(200);
  });

  it('refuses a hammered prefix to other addresses that fail too, unchecked', async () => {
    // 127.0.0.4 fails once with the hammered prefix: from then on that prefix is refused to it.
    const first = await postFrom(gw.url, '127.0.0.4', apiKey(`${KEYS.reader.slice(0, 8)}another-guess-xxxxxxxx`));
    expect(first.status).toBe(401);
    const second = await postFrom(gw.url, '127.0.0.4', apiKey(`${KEYS.reader.slice(0, 8)}third-guess-xxxxxxxxxx`));
    expect(second.status).toBe(429);
  });

  it('does not count requests without credentials as guesses', async () => {
    for (let i = 0; i < 12; i++)
      expect((await raw(gw.url, { body: JSON.stringify({ query: '{ vendors { name } }' }), headers: {} })).status).toBe(
        401,
      );
    expect((await gw.gql('{ vendors { name } }', {}, apiKey(KEYS.operator))).status).toBe(200);
  });
});
