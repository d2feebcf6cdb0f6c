/**
 * The query-cost cache (src/security/cost-cache.ts): an operation is costed once per set of the
 * variables that can change its cost, and again whenever one of those changes.
 */
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cachedCost } from '../../src/security/cost-cache.js';

const schema = buildSchema(`
  enum Order { ASC DESC }
  input Filter { ids: [ID!], text: String }
  type Record { uuid: ID! }
  type Query {
    record(uuid: ID!): Record
    records(first: Int = 10, order: Order, filter: Filter, text: String): [Record!]!
    byIds(ids: [ID!]!): [Record]!
  }
`);

function counter() {
  let computed = 0;
  return {
    cost: (document: ReturnType<typeof parse>, variables: Record<string, unknown>, operationName?: string) =>
      cachedCost(schema, document, operationName, variables, () => ++computed),
    get computed() {
      return computed;
    },
  };
}

describe('the query-cost cache', () => {
  it('costs a read by id once, whatever the id', () => {
    const c = counter();
    const doc = parse('query R($uuid: ID!) { record(uuid: $uuid) { uuid } }');
    for (const uuid of ['a', 'b', 'c', 'd']) c.cost(doc, { uuid });
    expect(c.computed).toBe(1);
  });

  it('ignores text, flag and enum variables but not page sizes, lists or input objects', () => {
    const c = counter();
    const doc = parse(
      'query L($first: Int, $order: Order, $text: String, $filter: Filter) { records(first: $first, order: $order, text: $text, filter: $filter) { uuid } }',
    );
    c.cost(doc, { first: 5, order: 'ASC', text: 'x' });
    c.cost(doc, { first: 5, order: 'DESC', text: 'y' });
    expect(c.computed).toBe(1);
    c.cost(doc, { first: 50, order: 'ASC', text: 'x' });
    expect(c.computed).toBe(2);
    c.cost(doc, { first: 50, filter: { ids: ['1', '2'] } });
    c.cost(doc, { first: 50, filter: { ids: ['1', '2', '3'] } });
    expect(c.computed).toBe(4);
  });

  it('tells an absent page size (its default) from an explicit null', () => {
    const c = counter();
    const doc = parse('query L($first: Int = 10) { records(first: $first) { uuid } }');
    c.cost(doc, {});
    c.cost(doc, { first: null });
    expect(c.computed).toBe(2);
  });

  it('recomputes for each list of ids', () => {
    const c = counter();
    const doc = parse('query B($ids: [ID!]!) { byIds(ids: $ids) { uuid } }');
    c.cost(doc, { ids: ['1'] });
    c.cost(doc, { ids: ['1', '2'] });
    c.cost(doc, { ids: ['1'] });
    expect(c.computed).toBe(2);
  });

  it('keeps operations of one document apart, and keys on every variable when the operation is unknown', () => {
    const c = counter();
    const doc = parse(
      'query A($uuid: ID!) { record(uuid: $uuid) { uuid } } query B($uuid: ID!) { record(uuid: $uuid) { uuid } }',
    );
    c.cost(doc, { uuid: '1' }, 'A');
    c.cost(doc, { uuid: '2' }, 'B');
    expect(c.computed).toBe(2);
    c.cost(doc, { uuid: '1' }, 'C');
    c.cost(doc, { uuid: '2' }, 'C');
    expect(c.computed).toBe(4);
  });
});
