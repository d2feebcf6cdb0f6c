/**
 * Flxpoint field-name variants. The docs leave several names open and Flxpoint is renaming
 * `purchaseOrder*` to `fulfillmentRequest*`, so servers answer either: `items` for `orderItems`,
 * `fulfillmentRequestItems` and `shipmentItems`; `acknowledgedAt` without `isAcknowledged`;
 * `purchaseOrderNumber`/`purchaseOrderId`/`purchaseOrderItemId` for their new names. These
 * functions fill the documented name from a variant when the documented one is absent, so the
 * mappers in models.ts read one schema. A documented name that is present always wins.
 */
import type { FlxpointWireFulfillmentRequest, FlxpointWireOrder, FlxpointWireShipment } from './models.js';

type Loose = Record<string, unknown>;

/** Documented name → the variants that stand for it, the first present one winning. */
type Names = Record<string, string[]>;

/** One record kind's variants: its own names, and the names of the items in its item list. */
interface RecordVariants {
  names: Names;
  /** The documented name of the record's item list. */
  list: string;
  itemNames: Names;
}

const ORDER: RecordVariants = {
  names: {
    orderItems: ['items', 'lineItems'],
    orderTotal: ['total'],
    orderStatus: ['status'],
    insertedAt: ['createdAt'],
  },
  list: 'orderItems',
  itemNames: { productVariantId: ['variantId'] },
};

const FULFILLMENT_REQUEST: RecordVariants = {
  names: {
    fulfillmentRequestItems: ['items', 'purchaseOrderItems'],
    fulfillmentRequestNumber: ['purchaseOrderNumber', 'number'],
    isAcknowledged: ['acknowledged'],
    insertedAt: ['createdAt'],
  },
  list: 'fulfillmentRequestItems',
  itemNames: { orderItemId: ['orderLineId'] },
};

const SHIPMENT: RecordVariants = {
  names: { shipmentItems: ['items'], fulfillmentRequestId: ['purchaseOrderId'], insertedAt: ['createdAt'] },
  list: 'shipmentItems',
  itemNames: { fulfillmentRequestItemId: ['purchaseOrderItemId'] },
};

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `source` where each absent (undefined) documented name takes its first present variant. */
function withNames(source: Loose, names: Names): Loose {
  const out = { ...source };
  for (const name in names) {
    if (out[name] !== undefined) continue;
    const from = names[name].find((v) => out[v] !== undefined);
    if (from) out[name] = out[from];
  }
  return out;
}

/** The record with its documented names, and its item list's items with theirs. */
function canonical(record: object, variants: RecordVariants): Loose {
  const out = withNames(record as Loose, variants.names);
  const items = out[variants.list];
  if (Array.isArray(items))
    out[variants.list] = items.map((item) => (isObject(item) ? withNames(item, variants.itemNames) : item));
  return out;
}

/** An order with `orderItems` (from `items`) and its documented names. */
export function canonicalOrder(o: FlxpointWireOrder): FlxpointWireOrder {
  return canonical(o, ORDER) as unknown as FlxpointWireOrder;
}

/**
 * A fulfillment request with `fulfillmentRequestItems` (from `items` or `purchaseOrderItems`),
 * `fulfillmentRequestNumber` (from `purchaseOrderNumber`), and `isAcknowledged` (from
 * `acknowledged`, else from whether `acknowledgedAt` is set when the server sends that field).
 */
export function canonicalFulfillmentRequest(fr: FlxpointWireFulfillmentRequest): FlxpointWireFulfillmentRequest {
  const out = canonical(fr, FULFILLMENT_REQUEST);
  if (out.isAcknowledged === undefined && 'acknowledgedAt' in out)
    out.isAcknowledged = out.acknowledgedAt !== null && out.acknowledgedAt !== '';
  return out as unknown as FlxpointWireFulfillmentRequest;
}

/** A shipment with `shipmentItems` (from `items`) and `fulfillmentRequest*` (from `purchaseOrder*`). */
export function canonicalShipment(s: FlxpointWireShipment): FlxpointWireShipment {
  return canonical(s, SHIPMENT) as unknown as FlxpointWireShipment;
}
