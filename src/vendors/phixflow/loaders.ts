/**
 * The DataLoaders of one GraphQL request for PhixFlow: status lookups de-duplicated per process
 * id, so a query asking for the same invocation twice makes one status call.
 */
import DataLoader from 'dataloader';
import { loaderOptions } from '../../loaders.js';
import type { PhixflowClient } from './client.js';

export function createPhixflowLoaders(client: PhixflowClient) {
  return {
    /** Status poll by `processId` and optional endpoint name (`processId\nendpoint`). */
    status: new DataLoader<{ processId: string; endpoint?: string }, Awaited<ReturnType<PhixflowClient['status']>>, string>(
      (keys) => Promise.all(keys.map((k) => client.status(k.processId, k.endpoint ? client.endpoint(k.endpoint) : undefined).catch((error: Error) => error))),
      loaderOptions({ cacheKeyFn: (k: { processId: string; endpoint?: string }) => `${k.processId}\n${k.endpoint ?? ''}` }),
    ),
  };
}

export type PhixflowLoaders = ReturnType<typeof createPhixflowLoaders>;
