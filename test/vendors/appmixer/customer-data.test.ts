/**
 * Customer-like seed data (issue 14) read back through GraphQL over HTTP: data-store records with
 * Polish, Greek, Japanese and Arabic keys and text, emoji, a null value and null fields, numeric
 * strings, a numeric-key object, leap-day timestamps and a 2,000-character message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_LIKE_STORE_RECORDS, objectId } from '../../../src/sandbox/appmixer/seed.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const STORE = `query($id: ID!) { appmixer { store(id: $id) { name records(first: 100) { totalCount nodes { key value storeId createdAt updatedAt } } } } }`;

describe('Appmixer customer-like data', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('reads Unicode keys and values, nulls, numeric strings and keys, leap-day times and a long value back unchanged', async () => {
    const id = objectId('store:1');
    const res = await gw.gql(STORE, { id });
    expect(res.errors).toBeUndefined();
    const store = res.data!.appmixer.store;
    expect(store.name).toBe('Slack mentions');
    const nodes = store.records.nodes as {
      key: string;
      value: unknown;
      storeId: string;
      createdAt: string;
      updatedAt: string;
    }[];
    expect(store.records.totalCount).toBe(nodes.length);
    // Leap-day records are older than the seeded mentions: they come last, in their own order.
    const tail = nodes.slice(-CUSTOMER_LIKE_STORE_RECORDS.length);
    expect(tail.map((n) => n.key)).toEqual(CUSTOMER_LIKE_STORE_RECORDS.map((c) => c.key));
    for (const [i, seeded] of CUSTOMER_LIKE_STORE_RECORDS.entries()) {
      const node = tail[i];
      expect(node.key).toBe(seeded.key);
      expect(node.value).toEqual(seeded.value);
      expect(node.storeId).toBe(id);
      expect(new Date(node.createdAt).toISOString()).toBe(seeded.createdAt);
      expect(new Date(node.updatedAt).toISOString()).toBe(seeded.updatedAt);
    }
    const byKey = new Map(tail.map((n) => [n.key, n.value as Record<string, unknown> | null]));
    expect(byKey.get('wzmianka-łódź-🚀')).toMatchObject({
      user: 'Żaneta Wróbel',
      text: 'Zamówienie nr 000123 gotowe 🎉',
      ts: '1709164800.000100',
    });
    expect(byKey.get('wzmianka-łódź-🚀')).toHaveProperty('thread', null);
    expect(byKey.get('αναφορά-1')!.reactions).toEqual({ '1': '👍', '2': '✅', '10': '🔥' });
    expect(byKey.get('言及-2')).toMatchObject({ user: '佐藤 花子', due: '2024-02-29', amount: '０１２００' });
    expect(byKey.get('إشارة-3')).toMatchObject({ channel: '#المبيعات', text: 'تم شحن الطلب 📦', phone: '0501234567' });
    expect(byKey.has('null-value')).toBe(true);
    expect(byKey.get('null-value')).toBeNull();
    expect((byKey.get('long-message')!.text as string).length).toBe(2000);
    expect(tail[0].updatedAt).toMatch(/^2024-02-29T23:59:59(\.000)?Z$/);
  });
});
