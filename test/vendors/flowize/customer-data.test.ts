/**
 * Customer-like seed data (issue 14) read back through GraphQL over HTTP: records in the Polish,
 * Greek, Japanese and emoji-named flows keep their Unicode values, nulls, numeric strings,
 * numeric-key objects, leap-day dates and a 2,000-character note exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_LIKE_RECORDS } from '../../../src/sandbox/flowize/seed.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const RECORD = `query($uuid: ID!) { flowize { record(uuid: $uuid) { uuid flowName createdAt nextRunAt status data } } }`;
const SEARCH = `query($flow: String!) { flowize { records(first: 10, filter: { flowName: $flow }) { totalCount nodes { uuid flowName createdAt nextRunAt data } } } }`;

describe('Flowize customer-like data', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each(CUSTOMER_LIKE_RECORDS.map((r) => [r.flowName, r] as const))(
    'reads the record of %s back unchanged, alone and through a search',
    async (_flow, seeded) => {
      const one = await gw.gql(RECORD, { uuid: seeded.uuid });
      expect(one.errors).toBeUndefined();
      const record = one.data!.flowize.record;
      expect(record.uuid).toBe(seeded.uuid);
      expect(record.flowName).toBe(seeded.flowName);
      expect(record.data).toEqual(seeded.data);

      const found = await gw.gql(SEARCH, { flow: seeded.flowName });
      expect(found.errors).toBeUndefined();
      const node = found.data!.flowize.records.nodes.find((n: { uuid: string }) => n.uuid === seeded.uuid);
      expect(node).toBeDefined();
      expect(node.flowName).toBe(seeded.flowName);
      expect(new Date(node.createdAt).toISOString()).toBe(new Date(seeded.created).toISOString());
      expect(node.nextRunAt === null ? null : new Date(node.nextRunAt).toISOString()).toBe(
        seeded.nextRun === null ? null : new Date(seeded.nextRun).toISOString(),
      );
    },
  );

  it('keeps the Polish record’s leap day, null, numeric strings, numeric keys and 2,000-character note exactly', async () => {
    const seeded = CUSTOMER_LIKE_RECORDS[0];
    const res = await gw.gql(SEARCH, { flow: seeded.flowName });
    expect(res.errors).toBeUndefined();
    const node = res.data!.flowize.records.nodes.find((n: { uuid: string }) => n.uuid === seeded.uuid);
    expect(node.nextRunAt).toMatch(/^2024-02-29T09:30:00(\.000)?Z$/);
    const data = node.data as Record<string, unknown>;
    expect(data.name).toBe('Zażółć gęślą jaźń 🛒');
    expect(data.city).toBe('Łódź');
    expect(data.customer_number).toBe('000123');
    expect(data.amount).toBe('1234.50');
    expect(data.delivery_date).toBe('2024-02-29');
    expect(data).toHaveProperty('discount', null);
    expect(data.lines).toEqual({ '1': { sku: '0042', qty: '2' }, '2': { sku: '0043', qty: '10' } });
    expect([...(data.note as string)]).toHaveLength(1500);
    expect(data.note).toBe(seeded.data.note);
  });
});
