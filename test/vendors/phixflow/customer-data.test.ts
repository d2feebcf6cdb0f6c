/**
 * Customer-like seed data (issue 14) read back through GraphQL over HTTP: Customer Lookup returns
 * the customer as PhixFlow stores it, with Polish, Greek, Japanese and Arabic names and emoji,
 * numeric-string ids and account numbers, nulls, numeric-key objects, leap-day dates and a
 * 2,000-character note, unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_LIKE } from '../../../src/sandbox/phixflow/seed.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const INVOKE = `mutation($input: JSON) { phixflowInvoke(endpoint: "customer-lookup", input: $input) { endpoint status message data } }`;

describe('PhixFlow customer-like data', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each(CUSTOMER_LIKE.map((c) => [c.id, c] as const))(
    'looks up customer %s and reads every field back unchanged',
    async (id, seeded) => {
      const res = await gw.gql(INVOKE, { input: { customerId: id } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.phixflowInvoke).toMatchObject({ status: 'SUCCESS', message: 'Customer found' });
      const data = res.data!.phixflowInvoke.data;
      expect(data).toEqual(seeded);
      // The sent id arrived exactly (numeric strings keep their leading zeros, Unicode its code points).
      const call = gw
        .sim('phixflow')
        .requests.filter((r) => r.path.endsWith('/trigger'))
        .at(-1)!;
      expect(JSON.parse(call.body)).toEqual({ customerId: id });
    },
  );

  it('keeps the leap day, nulls, numeric keys and the 2,000-character note exactly', async () => {
    const res = await gw.gql(INVOKE, { input: { customerId: '000731' } });
    expect(res.errors).toBeUndefined();
    const data = res.data!.phixflowInvoke.data;
    expect(data.id).toBe('000731');
    expect(data.name).toBe('Przedsiębiorstwo Łódzkie Sp. z o.o. 🏭');
    expect(data.accountNumber).toBe('0012345678');
    expect(data.since).toBe('2024-02-29');
    expect(Object.keys(data.contacts)).toEqual(['1', '2']);
    expect(data.contacts['2']).toEqual({ name: 'Jerzy Ćwik', phone: null });
    expect(data.notes).toHaveLength(2000);
    expect(data.notes).toBe(CUSTOMER_LIKE[0].notes);
    const greek = (await gw.gql(INVOKE, { input: { customerId: '0042' } })).data!.phixflowInvoke.data;
    expect(greek).toHaveProperty('email', null);
    expect(greek).toHaveProperty('notes', null);
    expect(greek.balance).toBe(-12.5);
  });
});
