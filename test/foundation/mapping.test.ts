import { describe, expect, it } from 'vitest';
import { fieldMapper, mappedFields } from '../../src/kit/mapping.js';

describe('fieldMapper', () => {
  const toItem = fieldMapper({
    id: ['id'],
    text: ['sku'],
    ref: ['orderId'],
    int: ['quantity'],
    num: ['total=orderTotal'],
    date: ['createdAt=insertedAt'],
    enum: { 'status=orderStatus': ['OPEN', 'ON_HOLD'] },
  } as const);

  it('reads each field by its kind, under its GraphQL name', () => {
    const item = toItem(
      {
        id: 7,
        sku: 'A-1',
        orderId: 12,
        quantity: '3.7',
        orderTotal: '9.5',
        insertedAt: '2024-01-02T03:04:05Z',
        orderStatus: 'On Hold',
      },
      'UTC',
    );
    expect(item).toEqual({
      id: '7',
      sku: 'A-1',
      orderId: '12',
      quantity: 3,
      total: 9.5,
      createdAt: new Date('2024-01-02T03:04:05Z'),
      status: 'ON_HOLD',
    });
  });

  it('answers null for absent fields, empty ids, non-numbers and unknown enum texts', () => {
    expect(toItem({ id: 'x', orderId: '', quantity: 'many', orderStatus: 'Archived' })).toEqual({
      id: 'x',
      sku: null,
      orderId: null,
      quantity: null,
      total: null,
      createdAt: null,
      status: null,
    });
  });

  it('adds what the table cannot say from the prepared record and the mapped fields', () => {
    type Order = { id: string; items?: string[]; lines?: string[] };
    const toOrder = fieldMapper({ id: ['id'] } as const, {
      prepare: (o: Order): Order => ({ ...o, items: o.items ?? o.lines }),
      more: (o, _zone, fields) => ({ items: (o.items ?? []).map((sku) => ({ sku, orderId: fields.id })) }),
    });
    expect(toOrder({ id: '1', lines: ['a'] })).toStrictEqual({ id: '1', items: [{ sku: 'a', orderId: '1' }] });
  });
});

describe('mappedFields', () => {
  it('maps a parent once however many of its fields are read', () => {
    let calls = 0;
    const resolvers = mappedFields(
      (p: { n: number }) => {
        calls++;
        return { double: p.n * 2, square: p.n * p.n };
      },
      ['double', 'square'],
    );
    const parent = { n: 3 };
    expect([resolvers.double(parent), resolvers.square(parent)]).toEqual([6, 9]);
    expect(calls).toBe(1);
  });
});
