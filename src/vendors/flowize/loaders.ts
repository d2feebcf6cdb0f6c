/**
 * The DataLoaders of one GraphQL request for Flowize. Each de-duplicates its keys; where Flowize
 * has no batch form the calls are concurrency-capped, and a missing key resolves to null.
 */
import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { FlowizeClient } from './client.js';

/** Parallel Flowize calls one loader batch may have in flight. */
export const FLOWIZE_CONCURRENCY = 8;

/** One call per key, at most FLOWIZE_CONCURRENCY at once; per-key failures stay in their slot. */
function perKey<K, V>(fetch: (key: K) => Promise<V>): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const limit = pLimit(FLOWIZE_CONCURRENCY);
    return Promise.all(keys.map((key) => limit(() => fetch(key).catch((error: Error) => error))));
  });
}

export function createFlowizeLoaders(client: FlowizeClient) {
  return {
    /** GET /record by uuid (data included). */
    recordDetail: perKey((uuid: string) => client.getRecord(uuid)),
    /** A record's processing state (search by X-uuid). */
    recordSummary: perKey((uuid: string) => client.findRecordSummary(uuid)),
    /** GET /flowdiagram: one call per distinct flow name per request. */
    flowDiagram: perKey((flowName: string) => client.getFlowDiagram(flowName)),
    // @area tables loaders
    // @area environments loaders
  };
}

export type FlowizeLoaders = ReturnType<typeof createFlowizeLoaders>;
