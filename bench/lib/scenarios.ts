import type { LoadRequest } from './load.js';
/** The GraphQL operations the benchmarks send (bench/run.ts) and profile (bench/profile.ts). */

/** One `GET /record`. */
export const RECORD_QUERY = 'query Record($uuid: ID!) { flowize { record(uuid: $uuid) { uuid data } } }';

/** One record search, then one flow diagram per distinct flow. */
export const RECORDS_FANOUT =
  '{ flowize { records(first: 100) { totalCount nodes { uuid flowName status flow { flowName description versions } } } } }';

/**
 * The same calls as RECORDS_FANOUT with every field the search answers (15 per record) and every
 * field of the flow. `data` is left out: the search does not carry it, so it would add one
 * GET /record per record.
 */
export const WIDE_RECORDS =
  '{ flowize { records(first: 100) { totalCount nodes { uuid id flowId flowName flowVersion status statusName queueStatus createdAt startedAt lastRunAt nextRunAt runCount currentStep { type text } flow { flowName customer description currentFlow versions } } } } }';

/** Table rows by id in one list field. */
export const ROWS_FANOUT =
  'query Rows($ids: [ID!]!) { flowize { tableRows(table: "customers", ids: $ids) { id data } } }';

/** `count` table rows, each its own aliased `tableRow` field: the loader gathers them into `in` searches. */
export function rowsByAlias(count: number, first = 1): string {
  const fields = Array.from(
    { length: count },
    (_, i) => `r${i + 1}: tableRow(table: "customers", id: "${first + i}") { id data }`,
  );
  return `{ flowize { ${fields.join(' ')} } }`;
}

export const APPMIXER_FANOUT =
  '{ appmixer { flows(first: 100) { totalCount nodes { id name stage components { id type } logs(first: 10) { nodes { id componentId timestamp flow { name stage } } } } } } }';

export const HOT_QUERY =
  '{ flowize { records(first: 20, filter: { flowName: "invoice-reminders" }) { nodes { uuid status createdAt flow { description } } } } }';

export const ORDER_QUERY = 'query Order($id: ID!) { flxpoint { order(id: $id) { id } } }';

/** One load scenario of the profile and compare tools: its concurrency and its next request. */
export interface ToolScenario {
  connections: number;
  next: () => LoadRequest;
}

/**
 * The scenarios `bench/profile.ts` and `bench/compare.ts` share, against a gateway at `url` that
 * takes the API key `key`: it reads 300 record uuids first, for the one-call query.
 */
export async function toolScenarios(url: string, key: string): Promise<Record<string, ToolScenario>> {
  const gql = (query: string, variables?: Record<string, unknown>): LoadRequest => ({
    path: '/graphql',
    headers: { 'x-api-key': key },
    body: JSON.stringify({ query, variables }),
  });
  const first = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: gql('{ flowize { records(first: 300) { nodes { uuid } } } }').body,
  });
  const uuids = ((await first.json()) as any).data.flowize.records.nodes.map(
    (n: { uuid: string }) => n.uuid,
  ) as string[];
  const rowIds = Array.from({ length: 250 }, (_, i) => String(i + 1));
  return {
    'one-call': {
      connections: 50,
      next: () => gql(RECORD_QUERY, { uuid: uuids[Math.floor(Math.random() * uuids.length)] }),
    },
    records: { connections: 1, next: () => gql(RECORDS_FANOUT) },
    wide: { connections: 1, next: () => gql(WIDE_RECORDS) },
    rows: { connections: 1, next: () => gql(ROWS_FANOUT, { ids: rowIds }) },
    aliases: { connections: 1, next: () => gql(rowsByAlias(50)) },
    appmixer: { connections: 1, next: () => gql(APPMIXER_FANOUT) },
  };
}
