/**
 * The DataLoaders of one GraphQL request for PhixFlow: status lookups de-duplicated per process
 * id, so a query asking for the same invocation twice makes one status call.
 */
import type { LoaderKit } from '../../kit/loaders.js';
import type { PhixflowClient } from './client.js';

export function createPhixflowLoaders(client: PhixflowClient, kit: LoaderKit) {
  return {
    /** Status poll by `processId` and optional endpoint name (`processId\nendpoint`). */
    status: kit.perKey(
      (k: { processId: string; endpoint?: string }) =>
        client.status(k.processId, k.endpoint ? client.endpoint(k.endpoint) : undefined),
      {
        cacheKeyFn: (k) => `${k.processId}\n${k.endpoint ?? ''}`,
      },
    ),
  };
}

export type PhixflowLoaders = ReturnType<typeof createPhixflowLoaders>;
