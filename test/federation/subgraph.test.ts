import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, vendors } from '../../src/app.js';
import { buildSchema } from '../../src/server.js';
import { ConfigError } from '../../src/config.js';
import { federationSchemaText } from '../../scripts/print-schema.js';
import { startTestGateway, type TestGateway } from '../helpers.js';
import { AUTH_ENV, KEYS, apiKey } from '../security/support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DEBUG = { 'x-vendorgraph-debug': '1' };

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on FlowizeRecord { uuid statusName data }
    ... on FlowizeEnvironment { id name }
    ... on FlxpointOrder { id orderNumber total }
    ... on AppmixerFlow { id name stage }
    ... on FlexipimProduct { id sku channel }
  }
}`;

type Entity = Record<string, unknown> | null;

describe('schema.federation.graphql', () => {
  it('is the subgraph SDL the gateway serves in subgraph mode (run npm run codegen and commit it when this fails)', () => {
    expect(readFileSync(`${root}schema.federation.graphql`, 'utf8')).toBe(federationSchemaText());
  });

  it('links federation v2 and declares the entity keys', () => {
    const sdl = readFileSync(`${root}schema.federation.graphql`, 'utf8');
    expect(sdl).toMatch(
      /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \["@key", "@shareable"\]\)/,
    );
    for (const [type, key] of [
      ['FlowizeRecord', 'uuid'],
      ['FlowizeEnvironment', 'id'],
      ['FlexipimProduct', 'id'],
      ['AppmixerFlow', 'id'],
      ['FlxpointOrder', 'id'],
    ]) {
      expect(sdl, type).toMatch(
        new RegExp(`type ${type}\\n(  @key\\(fields: "[\\w ]+"\\)\\n)*  @key\\(fields: "${key}"\\)`),
      );
    }
  });
});

describe('VENDORGRAPH_FEDERATION', () => {
  it('is off by default and refuses a value that is not a boolean, naming the variable', () => {
    expect(loadConfig({ VENDORGRAPH_MODE: 'sandbox' }).federation).toBe(false);
    expect(loadConfig({ VENDORGRAPH_MODE: 'sandbox', VENDORGRAPH_FEDERATION: 'true' }).federation).toBe(true);
    expect(() => loadConfig({ VENDORGRAPH_MODE: 'sandbox', VENDORGRAPH_FEDERATION: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ VENDORGRAPH_MODE: 'sandbox', VENDORGRAPH_FEDERATION: 'sometimes' })).toThrow(
      /VENDORGRAPH_FEDERATION: expected a boolean/,
    );
  });
});

describe('the subgraph schema', () => {
  it('keeps the strict resolver check: a resolver for a field that does not exist fails the boot', () => {
    expect(() => buildSchema(vendors, [{ FlowizeRecord: { notAField: () => 1 } }], { federation: true })).toThrow(
      /FlowizeRecord.notAField defined in resolvers, but not in schema/,
    );
  });

  it('refuses an entity without a reference resolver, and a reference resolver for a type without @key', () => {
    const withoutResolvers = vendors.map((v) =>
      v.name === 'flowize' ? { ...v, federation: { typeDefs: v.federation!.typeDefs, resolvers: {} } } : v,
    );
    expect(() => buildSchema(withoutResolvers, [], { federation: true })).toThrow(
      /entities without __resolveReference: FlowizeRecord, FlowizeEnvironment/,
    );
    const stray = vendors.map((v) =>
      v.name === 'appmixer'
        ? {
            ...v,
            federation: { typeDefs: 'scalar Unused', resolvers: { AppmixerTask: { __resolveReference: () => null } } },
          }
        : v,
    );
    expect(() => buildSchema(stray, [], { federation: true })).toThrow(
      /appmixer: __resolveReference for AppmixerTask, which has no @key/,
    );
  });
});

describe('default mode', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('shows no federation fields to frontends', async () => {
    const res = await gw.gql('{ _service { sdl } }');
    expect(res.errors?.[0].message).toMatch(/Cannot query field "_service" on type "Query"/);
    const types = await gw.gql('{ __schema { types { name } queryType { fields { name } } } }');
    expect(types.data!.__schema.queryType.fields.map((f: { name: string }) => f.name)).not.toContain('_entities');
    expect(types.data!.__schema.types.map((t: { name: string }) => t.name)).not.toContain('_Entity');
  });
});

describe('subgraph mode', () => {
  let gw: TestGateway;
  let records: string[];
  let orders: string[];
  beforeAll(async () => {
    gw = await startTestGateway({ VENDORGRAPH_FEDERATION: 'true' });
    const seed = await gw.gql(
      `{ flowize { records(first: 5) { nodes { uuid } } } flxpoint { orders(first: 3) { nodes { id } } } }`,
    );
    expect(seed.errors).toBeUndefined();
    records = seed.data!.flowize.records.nodes.map((n: { uuid: string }) => n.uuid);
    orders = seed.data!.flxpoint.orders.nodes.map((n: { id: string }) => n.id);
    expect(records).toHaveLength(5);
    expect(orders).toHaveLength(3);
  });
  afterAll(() => gw.close());

  function clearCounts() {
    for (const v of ['flowize', 'flxpoint', 'flexipim', 'appmixer'] as const) gw.sim(v).clearRequests();
  }

  it('serves _service { sdl } with the federation v2 link, as committed', async () => {
    const res = await gw.gql('{ _service { sdl } }');
    expect(res.errors).toBeUndefined();
    expect(`${res.data!._service.sdl}\n`).toBe(readFileSync(`${root}schema.federation.graphql`, 'utf8'));
  });

  it('still serves ordinary queries unchanged', async () => {
    const res = await gw.gql(`query ($uuid: ID!) { flowize { record(uuid: $uuid) { uuid } } }`, { uuid: records[0] });
    expect(res.data!.flowize.record).toEqual({ uuid: records[0] });
  });

  it('resolves 100 representations of 7 distinct records and orders with one vendor call per distinct key', async () => {
    const distinct: Record<string, string>[] = [
      ...records.slice(0, 4).map((uuid) => ({ __typename: 'FlowizeRecord', uuid })),
      ...orders.map((id) => ({ __typename: 'FlxpointOrder', id })),
    ];
    const representations = Array.from({ length: 100 }, (_, i) => distinct[(i * 3) % distinct.length]);
    clearCounts();
    const res = await gw.gql<{ _entities: Entity[] }>(ENTITIES, { representations }, DEBUG);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(100);
    res.data!._entities.forEach((entity, i) => {
      const rep = representations[i];
      expect(entity?.__typename).toBe(rep.__typename);
      if (rep.__typename === 'FlowizeRecord')
        expect(entity).toMatchObject({ uuid: rep.uuid, statusName: expect.any(String) });
      else expect(entity).toMatchObject({ id: rep.id, orderNumber: expect.any(String) });
    });
    // Counted at the simulators: GET /record per distinct uuid, GET /orders/{id} per distinct order.
    expect(gw.sim('flowize').count({ path: /\/record$/ })).toBe(4);
    expect(gw.sim('flxpoint').count({ path: /^\/orders\/[^/]+$/ })).toBe(3);
    // And in the gateway's own accounting (token calls included, none here: auth is cached).
    expect(res.extensions!.upstream.flowize.calls).toBeLessThanOrEqual(4);
    expect(res.extensions!.upstream.flxpoint.calls).toBe(3);
  });

  it('answers null with VENDOR_NOT_FOUND for an unknown key, and only for that entity', async () => {
    const representations = [
      { __typename: 'FlowizeRecord', uuid: records[0] },
      { __typename: 'FlowizeRecord', uuid: '00000000-0000-4000-8000-000000000000' },
      { __typename: 'FlxpointOrder', id: '1' },
      { __typename: 'FlxpointOrder', id: orders[0] },
    ];
    const res = await gw.gql<{ _entities: Entity[] }>(ENTITIES, { representations });
    expect(res.data!._entities.map((e) => e && (e.uuid ?? e.id))).toEqual([records[0], null, null, orders[0]]);
    expect(res.errors!.map((e) => [e.path, e.extensions.code, e.extensions.vendor])).toEqual([
      [['_entities', 1], 'VENDOR_NOT_FOUND', 'flowize'],
      [['_entities', 2], 'VENDOR_NOT_FOUND', 'flxpoint'],
    ]);
  });

  it('resolves environments from one list call, flows by id, and products by id with or without their channel', async () => {
    const seed = await gw.gql(`{
      flowize { environments { id name } }
      appmixer { flows(first: 2) { nodes { id name } } }
      flexipim { products(channel: "1", first: 3) { nodes { id sku } } }
    }`);
    expect(seed.errors).toBeUndefined();
    const environments = seed.data!.flowize.environments.slice(0, 2);
    const flows = seed.data!.appmixer.flows.nodes;
    const products = seed.data!.flexipim.products.nodes;
    const representations = [
      ...environments.map((e: { id: string }) => ({ __typename: 'FlowizeEnvironment', id: e.id })),
      ...flows.map((f: { id: string }) => ({ __typename: 'AppmixerFlow', id: f.id })),
      { __typename: 'FlexipimProduct', id: products[0].id },
      { __typename: 'FlexipimProduct', id: products[1].id, channel: '1' },
      { __typename: 'FlexipimProduct', id: products[2].id, channel: 1 },
      { __typename: 'FlexipimProduct', id: '999999' },
    ];
    clearCounts();
    const res = await gw.gql<{ _entities: Entity[] }>(ENTITIES, { representations }, DEBUG);
    expect(res.data!._entities).toEqual([
      ...environments.map((e: { id: string; name: string }) => ({
        __typename: 'FlowizeEnvironment',
        id: e.id,
        name: e.name,
      })),
      ...flows.map((f: { id: string; name: string }) => ({
        __typename: 'AppmixerFlow',
        id: f.id,
        name: f.name,
        stage: expect.any(String),
      })),
      ...products.map((p: { id: string; sku: string }) => ({
        __typename: 'FlexipimProduct',
        id: p.id,
        sku: p.sku,
        channel: '1',
      })),
      null,
    ]);
    expect(res.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[['_entities', 7], 'VENDOR_NOT_FOUND']]);
    expect(gw.sim('flowize').count({ path: /\/environment$/ })).toBe(1);
    expect(gw.sim('appmixer').count({ path: /^\/flows\/[^/]+$/ })).toBe(2);
    // All four products share one walk of channel 1's pages (it reads to the end for the unknown id).
    const walked = gw.sim('flexipim').count({ path: /\/products$/ });
    expect(walked).toBeGreaterThanOrEqual(1);
    expect(walked).toBe(res.extensions!.upstream.flexipim.calls);
  });

  it('refuses unknown __typename and missing key fields as BAD_USER_INPUT before any vendor call', async () => {
    const bad: [unknown[], RegExp][] = [
      [
        [{ __typename: 'Customer', id: '1' }],
        /representations\[0\] names "Customer", which is not an entity of this subgraph/,
      ],
      [[{ __typename: 'FlowizeStep', type: 'x' }], /not an entity/],
      [
        [
          { __typename: 'FlowizeRecord', uuid: records[0] },
          { __typename: 'FlowizeRecord', id: '1' },
        ],
        /representations\[1\] lacks the key fields of FlowizeRecord \(uuid\)/,
      ],
      [[{ __typename: 'FlxpointOrder', id: null }], /lacks the key fields of FlxpointOrder/],
      [[{ __typename: 'FlxpointOrder', id: { $ne: 1 } }], /lacks the key fields/],
      [[{ id: '1' }], /representations\[0\] has no __typename/],
      [['FlowizeRecord'], /representations\[0\] is not an object/],
    ];
    for (const [representations, message] of bad) {
      clearCounts();
      const res = await gw.gql(ENTITIES, { representations });
      expect(res.errors?.[0].extensions.code, JSON.stringify(representations)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(message);
      // `_entities` is a non-null list: the whole answer is null, as for any refused operation.
      expect(res.data).toBeNull();
      expect(gw.sim('flowize').requests.length + gw.sim('flxpoint').requests.length).toBe(0);
    }
  });

  it('refuses 10,000 representations by the cost limit, without a vendor call', async () => {
    const representations = Array.from({ length: 10_000 }, (_, i) => ({
      __typename: 'FlxpointOrder',
      id: String(100000 + i),
    }));
    clearCounts();
    const res = await gw.gql(ENTITIES, { representations });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/The operation costs \d+, more than the maximum of 5000/);
    expect(gw.sim('flxpoint').requests).toHaveLength(0);
    // The same id 10,000 times makes one call at most, but the answer is still 10,000 objects.
    const repeated = await gw.gql(ENTITIES, {
      representations: Array.from({ length: 10_000 }, () => ({ __typename: 'FlxpointOrder', id: orders[0] })),
    });
    expect(repeated.errors![0].message).toMatch(/The operation costs \d+, more than the maximum/);
    expect(gw.sim('flxpoint').requests).toHaveLength(0);
  });

  it('reports the price of a batch in debug mode: distinct keys times the vendor field cost, plus the answer', async () => {
    const representations = Array.from({ length: 100 }, (_, i) => ({
      __typename: 'FlowizeRecord',
      uuid: records[i % 7 < 5 ? i % 7 : 0],
    }));
    const res = await gw.gql(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on FlowizeRecord { uuid } } }`,
      { representations },
      DEBUG,
    );
    expect(res.errors).toBeUndefined();
    // 1 + 5 distinct × 10 + 100 × (1 + 0)
    expect(res.extensions!.cost).toEqual({ requested: 151, maximum: 5000 });
  });
});

describe('subgraph mode with client authentication', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ VENDORGRAPH_FEDERATION: 'true', VENDORGRAPH_AUTH: 'required', ...AUTH_ENV });
  });
  afterAll(() => gw.close());

  it('applies the same client authentication to _entities and _service as to any query', async () => {
    const representations = [{ __typename: 'FlxpointOrder', id: '880003' }];
    const anonymous = await gw.gql(ENTITIES, { representations });
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await gw.gql('{ _service { sdl } }')).status).toBe(401);
    const reader = await gw.gql<{ _entities: Entity[] }>(ENTITIES, { representations }, apiKey(KEYS.reader));
    expect(reader.errors).toBeUndefined();
    expect(reader.data!._entities[0]).toMatchObject({
      __typename: 'FlxpointOrder',
      id: '880003',
      orderNumber: 'SO-10402',
    });
  });
});
