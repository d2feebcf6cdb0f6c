/**
 * The DataLoaders of one GraphQL request for Appmixer. Appmixer has no batch reads, so each loader
 * makes one call per distinct key, at most APPMIXER_MAX_CONCURRENCY (default 16) at once; a per-key failure stays
 * in its slot and an absent flow resolves to null.
 */
import type DataLoader from 'dataloader';
import type { LoaderKit } from '../../kit/loaders.js';
import type { AppmixerClient } from './client.js';
import type { AppmixerLogQuery } from './models.js';

export function createAppmixerLoaders(client: AppmixerClient, kit: LoaderKit) {
  const concurrency = client.settings.maxConcurrency;
  const perKey = <K, V, C = K>(fetch: (key: K) => Promise<V>, cacheKeyFn?: (key: K) => C): DataLoader<K, V, C> =>
    kit.perKey(fetch, { concurrency, cacheKeyFn });
  return {
    /** GET /flows/:id (descriptor included): one call per distinct flow per request. */
    flow: perKey((flowId: string) => client.getFlow(flowId)),
    /** GET /logs: one search per distinct flow/filter/page per request. */
    logs: perKey(
      (query: AppmixerLogQuery) => client.searchLogs(query),
      (query) => JSON.stringify(query),
    ),
    /** GET /apps, with or without ignoreACL. */
    apps: perKey((ignoreACL: boolean) => client.listApps(ignoreACL)),
    /** GET /apps/components?app=: one call per distinct app per request. */
    appComponents: perKey((app: string) => client.listAppComponents(app)),
    /** GET /store/count?storeId= */
    storeRecordCount: perKey((storeId: string) => client.countStoreRecords(storeId)),
  };
}

export type AppmixerLoaders = ReturnType<typeof createAppmixerLoaders>;
