/**
 * The DataLoaders of one GraphQL request for Flxpoint. Inventory variants by id use Flxpoint's
 * batch form (`ids[]`, at most one page of ids per call); the rest de-duplicate per key. Every
 * call still queues behind its token's rate limit, so fewer calls is also less waiting.
 */
import type { LoaderKit } from '../../kit/loaders.js';
import type { FlxpointClient } from './client.js';
import type { FlxpointWireFulfillmentRequest, FlxpointWireShipment, FlxpointWireVariant } from './models.js';

/** Every optional part of a variant: a variant loaded by id may be asked for any of them. */
const ALL_PARTS = {
  parent: true,
  images: true,
  options: true,
  attributes: true,
  categories: true,
  customFields: true,
} as const;

export interface VariantKey {
  sourceId: string;
  id: string;
}

/**
 * Variants by id: keys are grouped by source and sent as `ids[]` calls of at most `pageSize` ids;
 * an id Flxpoint does not return resolves to null.
 */
function variantsById(client: FlxpointClient, kit: LoaderKit) {
  return kit.groupedBatch<VariantKey, FlxpointWireVariant, string>({
    groupOf: (key) => key.sourceId,
    cacheKeyFn: ({ sourceId, id }) => `${sourceId}:${id}`,
    keyOf: (variant, sourceId) => `${sourceId}:${variant.id}`,
    maxBatchSize: client.settings.maxPageSize,
    fetch: (sourceId, keys) =>
      client.listInventoryVariants({ sourceId, ids: keys.map((k) => k.id), include: ALL_PARTS }, 1, keys.length),
  });
}

export function createFlxpointLoaders(client: FlxpointClient, kit: LoaderKit) {
  const pageSize = client.settings.maxPageSize;
  /** One call per key, compared by value; no cap here: the token's rate limiter paces the calls. */
  const perKey = <K, V>(fetch: (key: K) => Promise<V>) =>
    kit.perKey(fetch, { cacheKeyFn: (key) => JSON.stringify(key) });
  return {
    variantById: variantsById(client, kit),
    /** GET /orders/{id}. */
    order: perKey((id: string) => client.getOrder(id)),
    /** GET /connections/{id}. */
    connection: perKey((id: string) => client.getConnection(id)),
    /** GET /shipments/{id} (with the given source's token when configured). */
    shipment: perKey((key: { id: string; sourceId?: string }) => client.getShipment(key.id, key.sourceId)),
    /** GET /fulfillment-requests?findOrderId= — an order's requests (one page holds them). */
    fulfillmentRequestsByOrder: perKey((orderId: string): Promise<FlxpointWireFulfillmentRequest[]> =>
      client.listFulfillmentRequests({ findOrderId: orderId }, 1, pageSize),
    ),
    /** GET /shipments?findByOrderId= — an order's shipments. */
    shipmentsByOrder: perKey((orderId: string): Promise<FlxpointWireShipment[]> =>
      client.listShipments(undefined, { findByOrderId: orderId }, 1, pageSize),
    ),
  };
}

export type FlxpointLoaders = ReturnType<typeof createFlxpointLoaders>;
