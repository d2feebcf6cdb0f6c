/**
 * The DataLoaders of one GraphQL request for Flxpoint. Inventory variants by id use Flxpoint's
 * batch form (`ids[]`, at most one page of ids per call); the rest de-duplicate per key. Every
 * call still queues behind its token's rate limit, so fewer calls is also less waiting.
 */
import DataLoader from 'dataloader';
import { loaderOptions, perKeyLoader } from '../../loaders.js';
import type { FlxpointClient } from './client.js';
import type { FlxpointWireFulfillmentRequest, FlxpointWireShipment, FlxpointWireVariant } from './models.js';

/** Every optional part of a variant: a variant loaded by id may be asked for any of them. */
const ALL_PARTS = { parent: true, images: true, options: true, attributes: true, categories: true, customFields: true } as const;

/** One call per key, compared by value; no cap here: the token's rate limiter paces the calls. */
function perKey<K, V>(fetch: (key: K) => Promise<V>): DataLoader<K, V, string> {
  return perKeyLoader(fetch, { cacheKeyFn: (key) => JSON.stringify(key) });
}

export interface VariantKey {
  sourceId: string;
  id: string;
}

/**
 * Variants by id: keys are grouped by source and sent as `ids[]` calls of at most `pageSize` ids;
 * an id Flxpoint does not return resolves to null.
 */
function variantsById(client: FlxpointClient) {
  const pageSize = client.settings.maxPageSize;
  return new DataLoader<VariantKey, FlxpointWireVariant | null, string>(
    async (keys) => {
      const bySource = new Map<string, string[]>();
      for (const { sourceId, id } of keys) {
        const ids = bySource.get(sourceId) ?? [];
        if (!ids.includes(id)) ids.push(id);
        bySource.set(sourceId, ids);
      }
      const found = new Map<string, FlxpointWireVariant | Error>();
      await Promise.all(
        [...bySource].flatMap(([sourceId, ids]) => {
          const calls = [];
          for (let i = 0; i < ids.length; i += pageSize) {
            const chunk = ids.slice(i, i + pageSize);
            calls.push(
              client.listInventoryVariants({ sourceId, ids: chunk, include: ALL_PARTS }, 1, chunk.length).then(
                (variants) => {
                  for (const v of variants) found.set(`${sourceId}:${v.id}`, v);
                },
                (error: Error) => {
                  for (const id of chunk) found.set(`${sourceId}:${id}`, error);
                },
              ),
            );
          }
          return calls;
        }),
      );
      return keys.map(({ sourceId, id }) => found.get(`${sourceId}:${id}`) ?? null);
    },
    loaderOptions<VariantKey, FlxpointWireVariant | null, string>({ cacheKeyFn: ({ sourceId, id }) => `${sourceId}:${id}` }),
  );
}

export function createFlxpointLoaders(client: FlxpointClient) {
  const pageSize = client.settings.maxPageSize;
  return {
    variantById: variantsById(client),
    /** GET /orders/{id}. */
    order: perKey((id: string) => client.getOrder(id)),
    /** GET /connections/{id}. */
    connection: perKey((id: string) => client.getConnection(id)),
    /** GET /shipments/{id} (with the given source's token when configured). */
    shipment: perKey((key: { id: string; sourceId?: string }) => client.getShipment(key.id, key.sourceId)),
    /** GET /fulfillment-requests?findOrderId= — an order's requests (one page holds them). */
    fulfillmentRequestsByOrder: perKey(
      (orderId: string): Promise<FlxpointWireFulfillmentRequest[]> => client.listFulfillmentRequests({ findOrderId: orderId }, 1, pageSize),
    ),
    /** GET /shipments?findByOrderId= — an order's shipments. */
    shipmentsByOrder: perKey((orderId: string): Promise<FlxpointWireShipment[]> => client.listShipments(undefined, { findByOrderId: orderId }, 1, pageSize)),
  };
}

export type FlxpointLoaders = ReturnType<typeof createFlxpointLoaders>;
