/**
 * Flxpoint simulator — orders (by id, change cursors, added items), fulfillment requests (the
 * documented filters, acknowledge by PATCH or POST, adjust) and shipments (filters, create with
 * validation against the FR, patch, flag with errors). A Source token sees its own source's FRs
 * and shipments; a Channel token its own channel's orders.
 */
import { bodyItems, flxError, instant, paging, patchFields, slice, type FlxCall, type FlxRoute } from './common.js';
import { rollUp, type FlxpointState, type SimFr, type SimOrder, type SimShipment } from './seed.js';

function visibleOrder(call: FlxCall, o: SimOrder): boolean {
  return call.token.type !== 'Channel' || o.channelId === call.token.id;
}

function visibleToSource(call: FlxCall, sourceId: number): boolean {
  return call.token.type !== 'Source' || sourceId === call.token.id;
}

function findOrder(call: FlxCall, id: string): SimOrder | undefined {
  const o = call.state.orders.find((x) => String(x.id) === id);
  if (!o || !visibleOrder(call, o)) return void flxError(call.req, call.res, 404, 'Order Not Found');
  return o;
}

function findFr(call: FlxCall, id: string): SimFr | undefined {
  const fr = call.state.frs.find((x) => String(x.id) === id);
  if (!fr || !visibleToSource(call, fr.sourceId))
    return void flxError(call.req, call.res, 404, 'Fulfillment Request Not Found');
  return fr;
}

function touch(state: FlxpointState, fr: SimFr, now: string): void {
  fr.updatedAt = now;
  const order = state.orders.find((o) => o.id === fr.orderId);
  if (order) rollUp(order, state.frs);
}

const csv = (text: string | null) =>
  text
    ? text
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : undefined;
/** The shipment fields PATCH /shipments writes; it ignores nulls. */
const SHIPMENT_FIELDS = [
  'trackingNumber',
  'carrier',
  'method',
  'trackingUrl',
  'shippedAt',
  'shippingCost',
  'suppressed',
] as const;
const ACKNOWLEDGEABLE = ['Unprocessed', 'Processing', 'Processed', 'Additional Info Required', 'Acknowledged'];

export function registerOrderRoutes(route: FlxRoute): void {
  // --- Orders ---

  route('get', '/orders/:id', ['Account', 'Channel'], (call) => {
    const o = findOrder(call, String(call.req.params.id));
    if (o) call.res.json(o);
  });

  route('get', '/orders', ['Account', 'Channel'], (call) => {
    const p = paging(call, 'page', 'pageSize');
    if (!p) return;
    const cursors = ['orderUpdatedAt', 'fulfillmentRequestsUpdatedAt', 'shipmentsUpdatedAt'].map(
      (name) => [name, instant(call, name)] as const,
    );
    const bad = cursors.find(([, v]) => Number.isNaN(v));
    if (bad) return flxError(call.req, call.res, 400, `${bad[0]} must be an ISO-8601 date-time`);
    const [orderAt, frAt, shipAt] = cursors.map(([, v]) => v);
    const any = orderAt !== undefined || frAt !== undefined || shipAt !== undefined;
    const { frs, shipments } = call.state;
    const matches = call.state.orders.filter((o) => {
      if (!visibleOrder(call, o)) return false;
      if (!any) return true;
      if (orderAt !== undefined && Date.parse(o.updatedAt) > orderAt) return true;
      if (frAt !== undefined && frs.some((f) => f.orderId === o.id && Date.parse(f.updatedAt) > frAt)) return true;
      return shipAt !== undefined && shipments.some((s) => s.orderId === o.id && Date.parse(s.updatedAt) > shipAt);
    });
    call.res.json(slice(matches, p));
  });

  route('post', '/orders/:orderId/items', ['Account', 'Channel'], (call) => {
    const order = findOrder(call, String(call.req.params.orderId));
    if (!order) return;
    const body = (call.body ?? {}) as Record<string, unknown>;
    const quantity = Number(body.quantity);
    if (!Number.isInteger(quantity) || quantity < 1)
      return flxError(call.req, call.res, 400, 'quantity is required and must be a positive integer');
    if (body.productVariantId == null && body.listingVariantId == null)
      return flxError(call.req, call.res, 400, 'productVariantId or listingVariantId is required');
    if (!['Open', 'Draft', 'On Hold'].includes(order.orderStatus))
      return flxError(call.req, call.res, 400, `Items cannot be added to an order in status ${order.orderStatus}`);
    const variant =
      body.productVariantId == null
        ? undefined
        : call.state.variants.find((v) => v.id === Number(body.productVariantId));
    if (body.productVariantId != null && !variant)
      return flxError(call.req, call.res, 400, `Product variant ${String(body.productVariantId)} not found`);
    const price = body.price == null ? (variant?.msrp ?? 0) : Number(body.price);
    const item = {
      id: call.state.nextId++,
      sku: variant?.sku ?? `LV-${String(body.listingVariantId)}`,
      title: variant?.title ?? 'Listing variant',
      quantity,
      price,
      productVariantId: variant ? variant.id : null,
      listingVariantId: body.listingVariantId == null ? null : Number(body.listingVariantId),
    };
    order.orderItems.push(item);
    order.orderTotal = Math.round((order.orderTotal + price * quantity) * 100) / 100;
    order.updatedAt = new Date().toISOString();
    call.res.json(item);
  });

  // --- Fulfillment requests ---

  route('get', '/fulfillment-requests', ['Account', 'Source'], (call) => {
    const p = paging(call, 'filterPageNumber', 'filterPageSize');
    if (!p) return;
    const q = call.query;
    const numbers = [...q.getAll('frNumbers[]'), ...q.getAll('poNumbers[]')];
    if (numbers.length > 50) return flxError(call.req, call.res, 400, 'frNumbers may contain at most 50 values');
    const statuses = csv(q.get('filterStatus'));
    const fulfilment = csv(q.get('filterFulfilmentStatus'));
    const flag = (name: string) => (q.get(name) === null ? undefined : q.get(name) === 'true');
    const acknowledged = flag('filterIsAcknowledged');
    const invoiced = flag('filterInvoiced');
    const matches = call.state.frs.filter((fr) => {
      if (!visibleToSource(call, fr.sourceId)) return false;
      if (q.get('findOrderId') && String(fr.orderId) !== q.get('findOrderId')) return false;
      if (q.get('sinceId') && fr.id <= Number(q.get('sinceId'))) return false;
      if (q.get('filterSourceId') && String(fr.sourceId) !== q.get('filterSourceId')) return false;
      if (numbers.length > 0 && !numbers.includes(fr.fulfillmentRequestNumber)) return false;
      if (statuses && !statuses.includes(fr.status.toLowerCase())) return false;
      if (fulfilment && !fulfilment.includes(fr.fulfillmentStatus.toLowerCase())) return false;
      if (acknowledged !== undefined && fr.isAcknowledged !== acknowledged) return false;
      return invoiced === undefined || fr.invoiced === invoiced;
    });
    call.res.json(slice(matches, p));
  });

  // Documented as PATCH on the reference page and as POST in the polling guide: both answer.
  for (const method of ['patch', 'post'] as const) {
    route(method, '/fulfillment-requests/:id/acknowledge', ['Account', 'Source'], (call) => {
      const fr = findFr(call, String(call.req.params.id));
      if (!fr) return;
      if (!ACKNOWLEDGEABLE.includes(fr.status))
        return flxError(call.req, call.res, 400, `A fulfillment request in status ${fr.status} cannot be acknowledged`);
      if (!fr.isAcknowledged) {
        const now = new Date().toISOString();
        fr.status = 'Acknowledged';
        fr.isAcknowledged = true;
        fr.acknowledgedAt = now;
        for (const item of fr.fulfillmentRequestItems)
          item.acknowledgedQuantity = item.quantity - item.cancelledQuantity;
        touch(call.state, fr, now);
      }
      call.res.json(fr);
    });
  }

  route('post', '/fulfillment-requests/:id/adjust', ['Account', 'Source'], (call) => {
    const fr = findFr(call, String(call.req.params.id));
    if (!fr) return;
    if (!ACKNOWLEDGEABLE.includes(fr.status))
      return flxError(call.req, call.res, 400, `A fulfillment request in status ${fr.status} cannot be adjusted`);
    const body = (call.body ?? {}) as {
      items?: unknown;
      killOrFillType?: unknown;
      cancelUnacknowledgedItemQuantity?: unknown;
    };
    const kind = body.killOrFillType ?? 'fill';
    if (kind !== 'fill' && kind !== 'kill')
      return flxError(call.req, call.res, 400, 'killOrFillType must be fill or kill');
    const items = Array.isArray(body.items) ? (body.items as Record<string, unknown>[]) : [];
    const planned = new Map<number, { ack: number; cancel: number; secondary: number }>();
    for (const [i, raw] of items.entries()) {
      const item = fr.fulfillmentRequestItems.find((x) =>
        raw.id != null ? x.id === Number(raw.id) : x.sku === raw.sku,
      );
      if (!item) return flxError(call.req, call.res, 400, `items[${i}]: no matching fulfillment request item`);
      const ack = raw.acknowledgedQuantity == null ? item.acknowledgedQuantity : Number(raw.acknowledgedQuantity);
      const cancel = raw.cancelledQuantity == null ? item.cancelledQuantity : Number(raw.cancelledQuantity);
      const secondary =
        raw.secondaryAcknowledgedQuantity == null
          ? item.secondaryAcknowledgedQuantity
          : Number(raw.secondaryAcknowledgedQuantity);
      if (![ack, cancel, secondary].every((n) => Number.isInteger(n) && n >= 0) || ack + cancel > item.quantity) {
        return flxError(
          call.req,
          call.res,
          400,
          `items[${i}]: acknowledged plus cancelled quantity exceeds the ordered quantity ${item.quantity}`,
        );
      }
      planned.set(item.id, { ack, cancel, secondary });
    }
    for (const item of fr.fulfillmentRequestItems) {
      const plan = planned.get(item.id);
      if (plan) {
        item.acknowledgedQuantity = plan.ack;
        item.cancelledQuantity = plan.cancel;
        item.secondaryAcknowledgedQuantity = plan.secondary;
      } else if (items.length === 0) {
        // No items: every remaining quantity is acknowledged.
        item.acknowledgedQuantity = item.quantity - item.cancelledQuantity;
      }
      if (kind === 'kill' || body.cancelUnacknowledgedItemQuantity === true)
        item.cancelledQuantity = item.quantity - item.acknowledgedQuantity;
    }
    const now = new Date().toISOString();
    if (fr.fulfillmentRequestItems.every((i) => i.cancelledQuantity === i.quantity)) {
      fr.status = 'Canceled';
      fr.fulfillmentStatus = 'Canceled';
    } else {
      fr.status = 'Acknowledged';
      fr.isAcknowledged = true;
      fr.acknowledgedAt ??= now;
    }
    touch(call.state, fr, now);
    call.res.json(fr);
  });

  // --- Shipments ---

  route('get', '/shipments', ['Account', 'Source'], (call) => {
    const p = paging(call, 'filterPageNumber', 'filterPageSize');
    if (!p) return;
    const created = instant(call, 'filterCreatedAfter');
    const updated = instant(call, 'filterUpdatedAfter');
    if (Number.isNaN(created) || Number.isNaN(updated))
      return flxError(call.req, call.res, 400, 'filterCreatedAfter/filterUpdatedAfter must be ISO-8601 date-times');
    const q = call.query;
    const matches = call.state.shipments
      .filter((s) => {
        if (!visibleToSource(call, s.sourceId)) return false;
        if (q.get('findByOrderId') && String(s.orderId) !== q.get('findByOrderId')) return false;
        if (q.get('findByPurchaseOrderId') && String(s.fulfillmentRequestId) !== q.get('findByPurchaseOrderId'))
          return false;
        if (created !== undefined && Date.parse(s.insertedAt) <= created) return false;
        return updated === undefined || Date.parse(s.updatedAt) > updated;
      })
      .sort((a, b) => Date.parse(a.insertedAt) - Date.parse(b.insertedAt) || a.id - b.id);
    call.res.json(slice(matches, p));
  });

  route('get', '/shipments/:id', ['Account', 'Source'], (call) => {
    const s = call.state.shipments.find((x) => String(x.id) === String(call.req.params.id));
    if (!s || !visibleToSource(call, s.sourceId)) return flxError(call.req, call.res, 404, 'Shipment Not Found');
    call.res.json(s);
  });

  route('post', '/shipments', ['Account', 'Source'], (call) => createShipment(call));

  route('patch', '/shipments', ['Account', 'Source'], (call) => {
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (body.id == null) return flxError(call.req, call.res, 400, 'id is required');
    const s = call.state.shipments.find((x) => x.id === Number(body.id));
    if (!s || !visibleToSource(call, s.sourceId)) return flxError(call.req, call.res, 404, 'Shipment Not Found');
    patchFields(s, body, SHIPMENT_FIELDS);
    s.updatedAt = new Date().toISOString();
    call.res.json(s);
  });

  route('put', '/shipments/flag-with-errors', ['Account', 'Source'], (call) => {
    const list = bodyItems(call, '{id, syncError}');
    if (!list) return;
    const found: SimShipment[] = [];
    for (const [i, raw] of (list as Record<string, unknown>[]).entries()) {
      const s = call.state.shipments.find((x) => x.id === Number(raw?.id));
      if (!s || !visibleToSource(call, s.sourceId))
        return flxError(call.req, call.res, 404, `items[${i}]: Shipment Not Found`);
      if (typeof raw.syncError !== 'string' || !raw.syncError)
        return flxError(call.req, call.res, 400, `items[${i}]: syncError is required`);
      found.push(s);
    }
    const now = new Date().toISOString();
    for (const [i, s] of found.entries()) {
      s.syncError = (list as { syncError: string }[])[i].syncError;
      s.syncedToChannel = false;
      s.updatedAt = now;
    }
    call.res.json(found);
  });
}

/** POST /shipments: validated against the fulfillment request as Flxpoint documents (400s). */
function createShipment(call: FlxCall): void {
  const { req, res, state } = call;
  const body = (call.body ?? {}) as Record<string, unknown>;
  const fr =
    body.fulfillmentRequestId != null
      ? state.frs.find((f) => f.id === Number(body.fulfillmentRequestId))
      : state.frs.find((f) => f.fulfillmentRequestNumber === body.purchaseOrderNumber);
  if (body.fulfillmentRequestId == null && body.purchaseOrderNumber == null)
    return flxError(req, res, 400, 'fulfillmentRequestId or purchaseOrderNumber is required');
  if (!fr) return flxError(req, res, 404, 'Fulfillment Request Not Found');
  const sourceId = call.token.type === 'Source' ? call.token.id : Number(body.sourceId);
  if (call.token.type === 'Account' && body.sourceId == null)
    return flxError(req, res, 400, 'sourceId is required when using an Account token');
  if (fr.sourceId !== sourceId) return flxError(req, res, 400, "The fulfillment request's sourceId does not match");
  if (fr.status === 'Canceled' || fr.status === 'Voided')
    return flxError(req, res, 400, `A fulfillment request in status ${fr.status} cannot be shipped`);
  const shipment = (body.shipment ?? {}) as Record<string, unknown>;
  if (typeof shipment.trackingNumber !== 'string' || !shipment.trackingNumber)
    return flxError(req, res, 400, 'shipment.trackingNumber is required');
  if (
    body.allowDuplicateTrackingNumbers !== true &&
    state.shipments.some((s) => s.trackingNumber === shipment.trackingNumber)
  ) {
    return flxError(req, res, 400, 'A shipment with this tracking number already exists');
  }
  const rawItems = Array.isArray(shipment.shipmentItems) ? (shipment.shipmentItems as Record<string, unknown>[]) : [];
  if (rawItems.length === 0) return flxError(req, res, 400, 'shipment.shipmentItems must not be empty');
  const lines: { item: SimFr['fulfillmentRequestItems'][number]; quantity: number }[] = [];
  for (const [i, raw] of rawItems.entries()) {
    const quantity = Number(raw.quantity);
    if (!Number.isInteger(quantity) || quantity < 1)
      return flxError(req, res, 400, `shipmentItems[${i}].quantity must be a positive integer`);
    const item = fr.fulfillmentRequestItems.find(
      (x) =>
        (raw.sku != null && x.sku === raw.sku) ||
        (raw.inventoryVariantId != null && x.inventoryVariantId === Number(raw.inventoryVariantId)) ||
        (raw.orderItemId != null && x.orderItemId === Number(raw.orderItemId)) ||
        (raw.purchaseOrderItemId != null && x.id === Number(raw.purchaseOrderItemId)),
    );
    if (!item) return flxError(req, res, 400, `shipmentItems[${i}]: no matching fulfillment request item`);
    if (item.shippedQuantity + quantity > item.quantity - item.cancelledQuantity)
      return flxError(req, res, 400, `shipmentItems[${i}]: quantity exceeds what is left to ship`);
    lines.push({ item, quantity });
  }
  const now = new Date().toISOString();
  for (const { item, quantity } of lines) item.shippedQuantity += quantity;
  const complete = fr.fulfillmentRequestItems.every((i) => i.shippedQuantity >= i.quantity - i.cancelledQuantity);
  fr.fulfillmentStatus = complete ? 'Shipped' : 'Partially Shipped';
  touch(state, fr, now);
  const created: SimShipment = {
    id: state.nextId++,
    trackingNumber: shipment.trackingNumber,
    trackingUrl: typeof shipment.trackingUrl === 'string' ? shipment.trackingUrl : null,
    carrier: typeof shipment.carrier === 'string' ? shipment.carrier : null,
    method: typeof shipment.method === 'string' ? shipment.method : null,
    shippedAt: typeof shipment.shippedAt === 'string' ? shipment.shippedAt : now,
    insertedAt: now,
    updatedAt: now,
    shippingCost: shipment.shippingCost == null ? null : Number(shipment.shippingCost),
    orderId: fr.orderId,
    fulfillmentRequestId: fr.id,
    sourceId: fr.sourceId,
    partial: !complete,
    suppressed: shipment.suppressed === true,
    syncedToChannel: false,
    syncError: null,
    shipmentItems: lines.map(({ item, quantity }) => ({
      sku: item.sku,
      quantity,
      fulfillmentRequestItemId: item.id,
      orderItemId: item.orderItemId,
      inventoryVariantId: item.inventoryVariantId,
    })),
    customFields: Array.isArray(shipment.customFields) ? (shipment.customFields as SimShipment['customFields']) : [],
  };
  state.shipments.push(created);
  res.json(created);
}
