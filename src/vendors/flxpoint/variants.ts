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

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Copies the first present variant into `name` when `name` itself is absent (undefined). */
function fill(target: Loose, name: string, variants: string[]): void {
  if (target[name] !== undefined) return;
  const from = variants.find((v) => target[v] !== undefined);
  if (from) target[name] = target[from];
}

function list(value: unknown, each: (item: Loose) => Loose): unknown {
  return Array.isArray(value) ? value.map((item) => (isObject(item) ? each(item) : item)) : value;
}

function orderItem(item: Loose): Loose {
  const out = { ...item };
  fill(out, 'productVariantId', ['variantId']);
  return out;
}

/** An order with `orderItems` (from `items`) and its documented names. */
export function canonicalOrder(o: FlxpointWireOrder): FlxpointWireOrder {
  const out: Loose = { ...(o as unknown as Loose) };
  fill(out, 'orderItems', ['items', 'lineItems']);
  fill(out, 'orderTotal', ['total']);
  fill(out, 'orderStatus', ['status']);
  fill(out, 'insertedAt', ['createdAt']);
  out.orderItems = list(out.orderItems, orderItem);
  return out as unknown as FlxpointWireOrder;
}

function frItem(item: Loose): Loose {
  const out = { ...item };
  fill(out, 'orderItemId', ['orderLineId']);
  return out;
}

/**
 * A fulfillment request with `fulfillmentRequestItems` (from `items` or `purchaseOrderItems`),
 * `fulfillmentRequestNumber` (from `purchaseOrderNumber`), and `isAcknowledged` (from
 * `acknowledged`, else from whether `acknowledgedAt` is set when the server sends that field).
 */
export function canonicalFulfillmentRequest(fr: FlxpointWireFulfillmentRequest): FlxpointWireFulfillmentRequest {
  const out: Loose = { ...(fr as unknown as Loose) };
  fill(out, 'fulfillmentRequestItems', ['items', 'purchaseOrderItems']);
  fill(out, 'fulfillmentRequestNumber', ['purchaseOrderNumber', 'number']);
  fill(out, 'isAcknowledged', ['acknowledged']);
  if (out.isAcknowledged === undefined && 'acknowledgedAt' in out)
    out.isAcknowledged = out.acknowledgedAt !== null && out.acknowledgedAt !== '';
  fill(out, 'insertedAt', ['createdAt']);
  out.fulfillmentRequestItems = list(out.fulfillmentRequestItems, frItem);
  return out as unknown as FlxpointWireFulfillmentRequest;
}

function shipmentItem(item: Loose): Loose {
  const out = { ...item };
  fill(out, 'fulfillmentRequestItemId', ['purchaseOrderItemId']);
  return out;
}

/** A shipment with `shipmentItems` (from `items`) and `fulfillmentRequest*` (from `purchaseOrder*`). */
export function canonicalShipment(s: FlxpointWireShipment): FlxpointWireShipment {
  const out: Loose = { ...(s as unknown as Loose) };
  fill(out, 'shipmentItems', ['items']);
  fill(out, 'fulfillmentRequestId', ['purchaseOrderId']);
  fill(out, 'insertedAt', ['createdAt']);
  out.shipmentItems = list(out.shipmentItems, shipmentItem);
  return out as unknown as FlxpointWireShipment;
}
