/**
 * The DataLoaders of one GraphQL request for Flowize. Each de-duplicates its keys; where Flowize
 * has no batch form the calls are concurrency-capped, and a missing key resolves to null.
 */
import type DataLoader from 'dataloader';
import type { LoaderKit } from '../../kit/loaders.js';
import { TABLE_LIMIT_MAX, flowizeName, tableRowId, type FlowizeClient } from './client.js';
import type { FlowizeEnvironmentData, FlowizeTableRowData } from './models.js';

/** Parallel Flowize calls one loader batch may have in flight. */
export const FLOWIZE_CONCURRENCY = 8;

/** The cache key of a table row: the table and the normalised id (table names never hold `/`). */
export function tableRowKey(table: string, id: string): string {
  flowizeName(table, 'table');
  return `${table}/${tableRowId(id)}`;
}

/** The cache key of a keystore entry (ids and keys never hold `/`). */
export function keystoreEntryKey(keystoreId: string, key: string): string {
  flowizeName(keystoreId, 'keystoreId');
  flowizeName(key, 'key');
  return `${keystoreId}/${key}`;
}

/**
 * Table rows by `tableRowKey`: grouped by table, one `id in [...]` search per 100 ids. A failed
 * search fails only its own keys; ids Flowize does not have resolve to null.
 */
function tableRowLoader(client: FlowizeClient, kit: LoaderKit): DataLoader<string, FlowizeTableRowData | null, string> {
  const split = (key: string) => key.lastIndexOf('/');
  return kit.groupedBatch<string, FlowizeTableRowData, string>({
    groupOf: (key) => key.slice(0, split(key)),
    maxBatchSize: TABLE_LIMIT_MAX,
    concurrency: FLOWIZE_CONCURRENCY,
    fetch: async (table, keys) => {
      const rows = await client.findTableRowsByIds(
        table,
        keys.map((key) => key.slice(split(key) + 1)),
      );
      return new Map(keys.map((key) => [key, rows.get(key.slice(split(key) + 1)) ?? null]));
    },
  });
}

export function createFlowizeLoaders(client: FlowizeClient, kit: LoaderKit) {
  /** One call per key, at most FLOWIZE_CONCURRENCY at once; per-key failures stay in their slot. */
  const perKey = <K, V>(fetch: (key: K) => Promise<V>) => kit.perKey(fetch, { concurrency: FLOWIZE_CONCURRENCY });
  return {
    /** GET /record by uuid (data included). */
    recordDetail: perKey((uuid: string) => client.getRecord(uuid)),
    /** A record's processing state (search by X-uuid). */
    recordSummary: perKey((uuid: string) => client.findRecordSummary(uuid)),
    /** GET /flowdiagram: one call per distinct flow name per request. */
    flowDiagram: perKey((flowName: string) => client.getFlowDiagram(flowName)),
    // @area tables loaders
    /** Table rows by `tableRowKey`: one `in` search per 100 ids per table. */
    tableRow: tableRowLoader(client, kit),
    /** GET /keystore/{id}/{key} by `keystoreEntryKey`; null when the keystore does not exist. */
    keystoreEntry: perKey((key: string) => {
      const cut = key.indexOf('/');
      return client.getKeystoreEntry(key.slice(0, cut), key.slice(cut + 1));
    }),
    /** GET /schema under the single key `schema`, so several dataSchema fields cost one call. */
    dataSchema: perKey((_key: 'schema') => client.getDataSchema()),
    // @area environments loaders
    ...environmentLoaders(client, kit, perKey),
  };
}

export type FlowizeLoaders = ReturnType<typeof createFlowizeLoaders>;

/**
 * Environments come from ONE list call per request (GET /environment answers every environment, so
 * `environments` and any number of `environment(id)` share it); projects, live status and details
 * (SSL certificate) are one call per environment, de-duplicated.
 */
function environmentLoaders(
  client: FlowizeClient,
  kit: LoaderKit,
  perKey: <K, V>(fetch: (key: K) => Promise<V>) => DataLoader<K, V>,
) {
  let list: Promise<FlowizeEnvironmentData[]> | undefined;
  const environmentList = () => (list ??= client.listEnvironments());
  const loaders = {
    /** GET /environment, at most once per request. */
    environmentList,
    /** Environments by id, served from the one list call; an unknown id gives null. */
    environment: kit.loader<string, FlowizeEnvironmentData | null>(async (ids) => {
      const byId = new Map((await environmentList()).map((e) => [String(e.id), e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** GET /environment/{id}: the only answer with the SSL certificate. */
    environmentDetail: perKey((id: string) => client.getEnvironment(id)),
    /** GET /environment/{id}/status. */
    environmentStatus: perKey((id: string) => client.getEnvironmentStatus(id)),
    /** GET /environment/{id}/projects. */
    environmentProjects: perKey((id: string) => client.getEnvironmentProjects(id)),
    /** GET /environment/{id}/urls. */
    environmentUrls: perKey((id: string) => client.getEnvironmentUrls(id)),
    /** Drops what this request read about an environment after a mutation changed it. */
    forgetEnvironment(this: void, id: string) {
      list = undefined;
      loaders.environment.clearAll();
      loaders.environmentDetail.clear(id);
      loaders.environmentStatus.clear(id);
      loaders.environmentProjects.clear(id);
      loaders.environmentUrls.clear(id);
    },
  };
  return loaders;
}
