import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { flowizeSimCall } from './sim-call.js';
import { expectViolation } from '../../support/violations.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };

describe('Flowize keystores', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(async () => {
    gw.sim('flowize').reset();
    await gw.gql('{ flowize { keystoreEntry(keystoreId: "settings", key: "mail") { key } } }');
    gw.sim('flowize').clearRequests();
  });

  it('reads an entry as the stored JSON value', async () => {
    const res = await gw.gql(
      '{ flowize { keystoreEntry(keystoreId: "weather", key: "london") { keystoreId key value } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize.keystoreEntry).toEqual({
      keystoreId: 'weather',
      key: 'london',
      value: {
        temperature: 12,
        condition: 'rain',
        updated: '2024-05-03 11:00:00',
        forecast: { tomorrow: { temperature: 14 } },
      },
    });
    const req = gw.sim('flowize').requests[0];
    expect(req).toMatchObject({ method: 'GET', path: '/v1/keystore/weather/london' });
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('reads a missing key as the keystore empty structure, which Flowize then stores', async () => {
    const res = await gw.gql('{ flowize { keystoreEntry(keystoreId: "weather", key: "oslo") { value } } }');
    expect(res.data!.flowize.keystoreEntry.value).toEqual({ temperature: null, condition: '', updated: '' });
    expect(gw.sim('flowize').state.keystores.weather.entries.has('oslo')).toBe(true);
  });

  it('answers null for a keystore that does not exist', async () => {
    const res = await gw.gql('{ flowize { keystoreEntry(keystoreId: "nope", key: "a") { value } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowize.keystoreEntry).toBeNull();
  });

  it('de-duplicates the same entry asked twice in one query', async () => {
    const res = await gw.gql(
      '{ flowize { a: keystoreEntry(keystoreId: "weather", key: "madrid") { value } b: keystoreEntry(keystoreId: "weather", key: "madrid") { key } } }',
      {},
      DEBUG,
    );
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.upstream.flowize.calls).toBe(1);
  });

  it('inserts an entry and reports a second insert of the same key as VENDOR_CONFLICT', async () => {
    const insert =
      'mutation($v: JSON!) { flowizeKeystoreInsert(input: { keystoreId: "weather", key: "paris", value: $v }) { keystoreId key value } }';
    const first = await gw.gql(insert, { v: { temperature: 19, condition: 'sunny' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.flowizeKeystoreInsert).toEqual({
      keystoreId: 'weather',
      key: 'paris',
      value: { temperature: 19, condition: 'sunny' },
    });
    const second = await gw.gql(insert, { v: { temperature: 20 } });
    expect(second.data).toEqual({ flowizeKeystoreInsert: null });
    expect(second.errors![0].extensions).toMatchObject({
      code: 'VENDOR_CONFLICT',
      vendor: 'flowize',
      vendorStatus: 409,
      retryable: false,
    });
    expect(gw.sim('flowize').count({ method: 'POST', path: '/v1/keystore/weather/paris' })).toBe(2);
    const read = await gw.gql('{ flowize { keystoreEntry(keystoreId: "weather", key: "paris") { value } } }');
    expect(read.data!.flowize.keystoreEntry.value).toEqual({ temperature: 19, condition: 'sunny' });
  });

  it('upserts an entry, new or existing, and stores plain strings for RAW keystores', async () => {
    const upsert =
      'mutation($k: String!, $v: JSON!) { flowizeKeystoreUpsert(input: { keystoreId: "settings", key: $k, value: $v }) { value } }';
    const replaced = await gw.gql(upsert, { k: 'mail', v: { sender: 'ops@example.nl', retries: 5 } });
    expect(replaced.data!.flowizeKeystoreUpsert.value).toEqual({ sender: 'ops@example.nl', retries: 5 });
    const created = await gw.gql(upsert, { k: 'banner', v: 'Maintenance on Sunday' });
    expect(created.data!.flowizeKeystoreUpsert.value).toBe('Maintenance on Sunday');
    const read = await gw.gql(
      '{ flowize { a: keystoreEntry(keystoreId: "settings", key: "mail") { value } b: keystoreEntry(keystoreId: "settings", key: "banner") { value } } }',
    );
    expect(read.data!.flowize.a.value.retries).toBe(5);
    expect(read.data!.flowize.b.value).toBe('Maintenance on Sunday');
  });

  it('retries an upsert after a transient failure, but never an insert', async () => {
    const sim = gw.sim('flowize');
    sim.fault({ method: 'PUT', path: '/v1/keystore/settings/sms', status: 503, times: 1 });
    const up = await gw.gql(
      'mutation { flowizeKeystoreUpsert(input: { keystoreId: "settings", key: "sms", value: { enabled: true } }) { value } }',
      {},
      DEBUG,
    );
    expect(up.errors).toBeUndefined();
    expect(up.extensions!.upstream.flowize.retries).toBe(1);
    sim.fault({ method: 'POST', path: '/v1/keystore/settings/push', status: 503, times: 1 });
    const ins = await gw.gql(
      'mutation { flowizeKeystoreInsert(input: { keystoreId: "settings", key: "push", value: { enabled: true } }) { value } }',
    );
    expect(ins.errors![0].extensions.code).toBe('VENDOR_UNAVAILABLE');
    expect(sim.count({ method: 'POST', path: '/v1/keystore/settings/push' })).toBe(1);
  });

  it('deletes an entry and reports a missing one as VENDOR_NOT_FOUND', async () => {
    const del = await gw.gql(
      'mutation { flowizeKeystoreDelete(keystoreId: "weather", key: "amsterdam") { keystoreId key message } }',
    );
    expect(del.errors).toBeUndefined();
    expect(del.data!.flowizeKeystoreDelete).toEqual({
      keystoreId: 'weather',
      key: 'amsterdam',
      message: 'Successfully deleted key amsterdam in keystore weather',
    });
    const again = await gw.gql('mutation { flowizeKeystoreDelete(keystoreId: "weather", key: "amsterdam") { key } }');
    expect(again.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendorStatus: 404 });
  });

  it('searches with select aliases, JSON paths and OR rules', async () => {
    const res = await gw.gql(`{ flowize { keystoreSearch(keystoreId: "weather",
      select: [{ field: "keystore.key", alias: "city" }, { field: "forecast.tomorrow.temperature", alias: "tomorrow" }, { field: "*", alias: "all" }],
      where: { condition: OR, rules: [{ field: "temperature", operator: GREATER, value: "25" }, { field: "key", operator: LIKE, value: "lond%" }] }) } }`);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.flowize.keystoreSearch;
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual({
      city: 'london',
      tomorrow: '14',
      all: expect.objectContaining({ temperature: 12, condition: 'rain' }),
    });
    expect(rows).toContainEqual(expect.objectContaining({ city: 'madrid', tomorrow: '29' }));
    const body = JSON.parse(gw.sim('flowize').requests.at(-1)!.body);
    expect(body.where).toEqual({
      condition: 'OR',
      rules: [
        { field: 'temperature', operator: '>', value: '25' },
        { field: 'key', operator: 'LIKE', value: 'lond%' },
      ],
    });
  });

  it('searches with the default select and AND rules', async () => {
    const res = await gw.gql(`{ flowize { keystoreSearch(keystoreId: "weather", where: { rules: [
      { field: "temperature", operator: GREATER_OR_EQUAL, value: "12" }, { field: "temperature", operator: LESS, value: "27" },
      { field: "condition", operator: NOT_EQUAL, value: "sunny" }, { field: "temperature", operator: LESS_OR_EQUAL, value: "15" },
      { field: "updated", operator: EQUAL, value: "2024-05-03 11:00:00" }] }) } }`);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.flowize.keystoreSearch;
    expect(rows.map((r: { key: string }) => r.key).sort()).toEqual(['amsterdam', 'london']);
    expect(rows[0].value).toMatchObject({ updated: '2024-05-03 11:00:00' });
  });

  it('reports a search of an unknown keystore as VENDOR_NOT_FOUND', async () => {
    const res = await gw.gql('{ flowize { keystoreSearch(keystoreId: "nope") } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendor: 'flowize' });
  });

  it.each([
    ['a keystore id of ..', '{ flowize { keystoreEntry(keystoreId: "..", key: "x") { value } } }'],
    ['a key with /', '{ flowize { keystoreEntry(keystoreId: "weather", key: "a/b") { value } } }'],
    [
      'an empty key',
      'mutation { flowizeKeystoreUpsert(input: { keystoreId: "weather", key: "", value: 1 }) { value } }',
    ],
    [
      'an insert into ../x',
      'mutation { flowizeKeystoreInsert(input: { keystoreId: "../x", key: "k", value: 1 }) { value } }',
    ],
    ['a delete with a backslash', 'mutation { flowizeKeystoreDelete(keystoreId: "weather", key: "a\\\\b") { key } }'],
    ['a search of keystore ..', '{ flowize { keystoreSearch(keystoreId: "..") } }'],
    ['a search with empty rules', '{ flowize { keystoreSearch(keystoreId: "weather", where: { rules: [] }) } }'],
    [
      'a search with duplicate aliases',
      '{ flowize { keystoreSearch(keystoreId: "weather", select: [{ field: "a", alias: "x" }, { field: "b", alias: "x" }]) } }',
    ],
  ])('rejects %s with BAD_USER_INPUT before calling Flowize', async (_name, query) => {
    const res = await gw.gql(query);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.sim('flowize').count()).toBe(0);
  });
});

describe('Flowize keystore simulator', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const call = flowizeSimCall(() => gw);

  it('answers in XML or plain text when the Content-Type asks for it', async () => {
    const xml = await call('GET', '/v1/keystore/weather/london', 'application/xml');
    expect(xml.headers.get('content-type')).toContain('application/xml');
    expect(await xml.text()).toContain('<response><temperature>12</temperature><condition>rain</condition>');
    const text = await call('PUT', '/v1/keystore/settings/motd', 'text/plain', 'Hello there');
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(await text.text()).toBe('Hello there');
    const stored = await call(
      'PUT',
      '/v1/keystore/settings/limits',
      'application/xml',
      '<keystore_data><max>5</max><tags><item>a</item><item>b</item></tags></keystore_data>',
    );
    expect(await stored.text()).toContain('<max>5</max>');
    const json = await call('GET', '/v1/keystore/settings/limits', 'application/json');
    expect(await json.json()).toEqual({ max: '5', tags: ['a', 'b'] });
  });

  it('requires credentials', async () => {
    expectViolation('flowize', 'auth.missing');
    const res = await call('GET', '/v1/keystore/weather/london', 'application/json', undefined, false);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ resource: [], error: { code: 401, message: 'Missing credentials' } });
  });
});
