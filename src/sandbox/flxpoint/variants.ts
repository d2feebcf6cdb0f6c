/**
 * Flxpoint simulator — the field names other Flxpoint servers answer with where the docs leave
 * names open or are mid-rename: `items` for `orderItems`/`fulfillmentRequestItems`/`shipmentItems`,
 * `acknowledgedAt` alone (no `isAcknowledged`), `purchaseOrder*` for `fulfillmentRequest*`.
 * With `state.fieldNames = 'variant'` every JSON answer is rewritten this way, so tests show the
 * gateway reads both.
 */

const RENAMES: Record<string, string> = {
  orderItems: 'items',
  fulfillmentRequestItems: 'items',
  shipmentItems: 'items',
  fulfillmentRequestNumber: 'purchaseOrderNumber',
  fulfillmentRequestId: 'purchaseOrderId',
  fulfillmentRequestItemId: 'purchaseOrderItemId',
};

const DROPPED = new Set(['isAcknowledged']);

/** The payload with the variant field names, recursively. */
export function variantNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(variantNames);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (DROPPED.has(key)) continue;
    out[RENAMES[key] ?? key] = variantNames(v);
  }
  return out;
}
