/**
 * Flxpoint resolvers: thin, typed by codegen. Both Flxpoint paging styles become forward
 * connections; vendor shapes are mapped in models.ts; related objects come through loaders.
 */
import { offsetConnection, pagedConnection, type ConnectionArgs } from '../../connections.js';
import { badUserInput } from '../../errors.js';
import type { GatewayContext } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { PARENT_MODES, VARIANT_MODES, type ModifyModes } from './client.js';
import type { FlxpointConnectionRequest } from './models.js';
import {
  CHANNEL_TYPES,
  modeParam,
  textFromEnum,
  toAccount,
  toChannel,
  toConnection,
  toConnectionConfig,
  toFulfillmentRequest,
  toOrder,
  toOrderItem,
  toParent,
  toResellerVariant,
  toShipment,
  toVariant,
  type VariantInclude,
} from './models.js';

/** Page size when `first` is not given. */
const DEFAULT_PAGE = 25;
/** Largest write the gateway splits into chunks in one mutation. */
const MAX_WRITE_ITEMS = 1000;

const zone = (ctx: GatewayContext) => ctx.flxpoint.client.settings.timeZone;

function iso(value: Date | string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : new Date(value).toISOString();
}

/** A Flxpoint id as the vendor's JSON has it: a number when it is one. */
function wireId(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

/** The input's fields without the absent ones (an explicit null is kept: it clears a field). */
function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A forward connection over a Flxpoint list: bare arrays without totals, in either paging style
 * (the fetch gets a 1-based page and its size). A full page reports hasNextPage — Flxpoint's own
 * guidance — rather than spending a rate-limited call to probe the next one; totalCount is null.
 */
async function flxpointConnection<T>(
  ctx: GatewayContext,
  args: ConnectionArgs,
  fetchPage: (page: number, size: number) => Promise<T[]>,
) {
  const connection = await pagedConnection(args, {
    maxPageSize: ctx.flxpoint.client.settings.maxPageSize,
    defaultSize: DEFAULT_PAGE,
    fetchPage: async (page, size) => {
      const items = await fetchPage(page, size);
      // "At least one more" when the page was full, so the connection reports a next page.
      return { items, total: (page - 1) * size + items.length + (items.length === size ? 1 : 0) };
    },
  });
  // Assigned, not spread: spreading would read the connection's lazy edges (src/lazy-edges.ts).
  return Object.assign(connection, { totalCount: null });
}

function includeFlags(include: Partial<Record<VariantInclude, boolean | null>> | null | undefined) {
  return include
    ? (Object.fromEntries(Object.entries(include).filter(([, v]) => v === true)) as Partial<
        Record<VariantInclude, boolean>
      >)
    : undefined;
}

function connectionBody(input: {
  connectionType: string;
  name: string;
  configs?: { handle: string; value?: string | null }[] | null;
}): FlxpointConnectionRequest {
  if (!input.connectionType.trim()) throw badUserInput('input.connectionType must not be empty');
  return {
    connectionType: input.connectionType,
    name: input.name,
    configs: (input.configs ?? []).map((c) => ({ handle: c.handle, value: c.value ?? null })),
  };
}

/** A write's `modify…` parameters, one per field in the order Flxpoint's docs list them (absent modes stay unsent). */
function modifyModes<Field extends string>(
  fields: readonly Field[],
  modes: Partial<Record<Field, string | null>> | null | undefined,
): ModifyModes<Field> {
  const params: Record<string, string | undefined> = {};
  for (const field of fields) params[`modify${field[0].toUpperCase()}${field.slice(1)}`] = modeParam(modes?.[field]);
  return params as ModifyModes<Field>;
}

function checkWriteSize(count: number, what: string): void {
  if (count === 0) throw badUserInput(`${what} must not be empty`);
  if (count > MAX_WRITE_ITEMS) throw badUserInput(`${what} takes at most ${MAX_WRITE_ITEMS} items per mutation`);
}

export const resolvers: Resolvers = {
  Query: {
    flxpoint: (_parent, _args, ctx) => (ctx.flxpoint, {}),
  },
  FlxpointQuery: {
    account: async (_p, _a, ctx) => toAccount(await ctx.flxpoint.client.getAccount()),
    connections: async (_p, page, ctx) => {
      const all = await ctx.flxpoint.client.listConnections();
      for (const c of all) ctx.flxpoint.loaders.connection.prime(String(c.id), c);
      return offsetConnection(page, {
        maxPageSize: 500,
        defaultSize: DEFAULT_PAGE,
        fetch: async (offset, limit) => ({
          items: all.slice(offset, offset + limit).map((c) => toConnection(c)),
          total: all.length,
        }),
      });
    },
    connection: async (_p, { id }, ctx) => {
      const c = await ctx.flxpoint.loaders.connection.load(id);
      return c ? toConnection(c) : null;
    },
    connectionConfigSchema: async (_p, { connectionType }, ctx) => {
      if (!connectionType.trim()) throw badUserInput('connectionType must not be empty');
      return (await ctx.flxpoint.client.getAvailableConfigs(connectionType)).map((c) => toConnectionConfig(c));
    },
    inventoryVariants: (_p, { sourceId, filter, include, ...page }, ctx) => {
      const query = {
        sourceId,
        ids: filter?.ids ?? undefined,
        skus: filter?.skus ?? undefined,
        upcs: filter?.upcs ?? undefined,
        updatedAfter: iso(filter?.updatedAfter),
        include: includeFlags(include),
      };
      return flxpointConnection(ctx, page, async (n, size) =>
        (await ctx.flxpoint.client.listInventoryVariants(query, n, size)).map((v) => toVariant(v, zone(ctx))),
      );
    },
    inventoryVariantsByIds: async (_p, { sourceId, ids }, ctx) => {
      if (ids.length > 5000) throw badUserInput('ids takes at most 5000 ids');
      const found = await Promise.all(ids.map((id) => ctx.flxpoint.loaders.variantById.load({ sourceId, id })));
      return found.map((v) => (v ? toVariant(v, zone(ctx)) : null));
    },
    order: async (_p, { id }, ctx) => {
      const o = await ctx.flxpoint.loaders.order.load(id);
      return o ? toOrder(o, zone(ctx)) : null;
    },
    orders: (_p, { changedSince, ...page }, ctx) => {
      const changes = {
        orderUpdatedAt: iso(changedSince?.orderUpdatedAt),
        fulfillmentRequestsUpdatedAt: iso(changedSince?.fulfillmentRequestsUpdatedAt),
        shipmentsUpdatedAt: iso(changedSince?.shipmentsUpdatedAt),
      };
      return flxpointConnection(ctx, page, async (n, size) => {
        const orders = await ctx.flxpoint.client.listOrders(changes, n, size);
        for (const o of orders) ctx.flxpoint.loaders.order.prime(String(o.id), o);
        return orders.map((o) => toOrder(o, zone(ctx)));
      });
    },
    fulfillmentRequests: (_p, { filter, ...page }, ctx) => {
      const query = {
        findOrderId: filter?.orderId ?? undefined,
        sinceId: filter?.sinceId ?? undefined,
        frNumbers: filter?.numbers ?? undefined,
        filterSourceId: filter?.sourceId ?? undefined,
        filterStatus: filter?.statuses?.length ? filter.statuses.map(textFromEnum).join(',') : undefined,
        filterFulfilmentStatus: filter?.fulfillmentStatuses?.length
          ? filter.fulfillmentStatuses.map(textFromEnum).join(',')
          : undefined,
        filterIsAcknowledged: filter?.acknowledged ?? undefined,
        filterInvoiced: filter?.invoiced ?? undefined,
      };
      return flxpointConnection(ctx, page, async (n, size) =>
        (await ctx.flxpoint.client.listFulfillmentRequests(query, n, size)).map((fr) =>
          toFulfillmentRequest(fr, zone(ctx)),
        ),
      );
    },
    shipments: (_p, { sourceId, filter, ...page }, ctx) => {
      const query = {
        findByOrderId: filter?.orderId ?? undefined,
        findByPurchaseOrderId: filter?.fulfillmentRequestId ?? undefined,
        filterCreatedAfter: iso(filter?.createdAfter),
        filterUpdatedAfter: iso(filter?.updatedAfter),
      };
      return flxpointConnection(ctx, page, async (n, size) =>
        (await ctx.flxpoint.client.listShipments(sourceId ?? undefined, query, n, size)).map((s) =>
          toShipment(s, zone(ctx)),
        ),
      );
    },
    shipment: async (_p, { id, sourceId }, ctx) => {
      const s = await ctx.flxpoint.loaders.shipment.load({ id, sourceId: sourceId ?? undefined });
      return s ? toShipment(s, zone(ctx)) : null;
    },
    resellerProductVariants: (
      _p,
      { channelId, updatedAfter, includeOptionValues, includeImages, includeParent, ...page },
      ctx,
    ) => {
      const query = {
        // Required by Flxpoint: "everything" when the caller sets no lower bound.
        filterUpdatedAfter: iso(updatedAfter) ?? new Date(0).toISOString(),
        includeOptionValues: includeOptionValues ?? undefined,
        includeImages: includeImages ?? undefined,
        includeParent: includeParent ?? undefined,
      };
      return flxpointConnection(ctx, page, async (n, size) =>
        (await ctx.flxpoint.client.listResellerVariants(channelId, query, n, size)).map((v) =>
          toResellerVariant(v, zone(ctx)),
        ),
      );
    },
  },
  FlxpointOrder: {
    fulfillmentRequests: async (o, _a, ctx) =>
      (await ctx.flxpoint.loaders.fulfillmentRequestsByOrder.load(o.id)).map((fr) =>
        toFulfillmentRequest(fr, zone(ctx)),
      ),
    shipments: async (o, _a, ctx) =>
      (await ctx.flxpoint.loaders.shipmentsByOrder.load(o.id)).map((s) => toShipment(s, zone(ctx))),
  },
  FlxpointFulfillmentRequest: {
    order: async (fr, _a, ctx) => {
      if (!fr.orderId) return null;
      const o = await ctx.flxpoint.loaders.order.load(fr.orderId);
      return o ? toOrder(o, zone(ctx)) : null;
    },
  },
  FlxpointShipmentItem: {
    inventoryVariant: async (item, _a, ctx) => {
      if (!item.inventoryVariantId || !item.sourceId) return null;
      const v = await ctx.flxpoint.loaders.variantById.load({ sourceId: item.sourceId, id: item.inventoryVariantId });
      return v ? toVariant(v, zone(ctx)) : null;
    },
  },
  Mutation: {
    flxpointCreateConnection: async (_p, { input }, ctx) =>
      toConnection(await ctx.flxpoint.client.createConnection(connectionBody(input))),
    flxpointUpdateConnection: async (_p, { id, input }, ctx) =>
      toConnection(await ctx.flxpoint.client.updateConnection(id, connectionBody(input))),
    flxpointCreateChannel: async (_p, { input }, ctx) => {
      // Nulls are left out too: Flxpoint applies its own defaults (paymentCollection true, …).
      const body = Object.fromEntries(
        Object.entries({ ...input, channelType: CHANNEL_TYPES[input.channelType] }).filter(
          ([, v]) => v !== null && v !== undefined,
        ),
      );
      return toChannel(await ctx.flxpoint.client.createChannel(body), zone(ctx));
    },
    flxpointUpdateInventoryVariants: async (_p, { input }, ctx) => {
      checkWriteSize(input.variants.length, 'input.variants');
      const items = input.variants.map((v) => ({ ...given(v), inventoryVariantId: wireId(v.inventoryVariantId) }));
      const modes = modifyModes(VARIANT_MODES, input.modes);
      const result = await ctx.flxpoint.client.updateInventoryVariants(input.sourceId, items, modes);
      return { variants: result.items.map((v) => toVariant(v, zone(ctx))), requestCount: result.requestCount };
    },
    flxpointUpsertInventoryParents: async (_p, { input }, ctx) => {
      checkWriteSize(input.parents.length, 'input.parents');
      const parents = input.parents.map((p) => ({
        ...given(p),
        ...(p.variants ? { variants: p.variants.map((v) => given(v)) } : {}),
      }));
      const modes = modifyModes(PARENT_MODES, input.modes);
      const result = await ctx.flxpoint.client.upsertInventoryParents(input.sourceId, parents, modes);
      return { parents: result.items.map((p) => toParent(p, zone(ctx))), requestCount: result.requestCount };
    },
    flxpointAddOrderItem: async (_p, { orderId, input }, ctx) => {
      if (input.quantity < 1) throw badUserInput('input.quantity must be at least 1');
      if (!input.productVariantId && !input.listingVariantId)
        throw badUserInput('input needs productVariantId or listingVariantId');
      const body = {
        ...given(input),
        ...(input.productVariantId ? { productVariantId: wireId(input.productVariantId) } : {}),
        ...(input.listingVariantId ? { listingVariantId: wireId(input.listingVariantId) } : {}),
      };
      return toOrderItem(await ctx.flxpoint.client.addOrderItem(orderId, body));
    },
    flxpointAcknowledgeFulfillmentRequest: async (_p, { id, sourceId }, ctx) =>
      toFulfillmentRequest(
        await ctx.flxpoint.client.acknowledgeFulfillmentRequest(id, sourceId ?? undefined),
        zone(ctx),
      ),
    flxpointAdjustFulfillmentRequest: async (_p, { id, sourceId, input }, ctx) => {
      const items = (input?.items ?? []).map((item, i) => {
        if (!item.id && !item.sku) throw badUserInput(`input.items[${i}] needs id or sku`);
        return { ...given(item), ...(item.id ? { id: wireId(item.id) } : {}) };
      });
      const body = {
        items,
        ...(input?.killOrFill ? { killOrFillType: input.killOrFill.toLowerCase() } : {}),
        ...(input?.cancelUnacknowledgedItemQuantity != null
          ? { cancelUnacknowledgedItemQuantity: input.cancelUnacknowledgedItemQuantity }
          : {}),
      };
      return toFulfillmentRequest(
        await ctx.flxpoint.client.adjustFulfillmentRequest(id, body, sourceId ?? undefined),
        zone(ctx),
      );
    },
    flxpointCreateShipment: async (_p, { input }, ctx) => {
      if (Boolean(input.fulfillmentRequestId) === Boolean(input.fulfillmentRequestNumber)) {
        throw badUserInput('input needs exactly one of fulfillmentRequestId / fulfillmentRequestNumber');
      }
      if (input.items.length === 0) throw badUserInput('input.items must not be empty');
      const shipmentItems = input.items.map((item, i) => {
        const refs = [item.sku, item.inventoryVariantId, item.orderItemId, item.fulfillmentRequestItemId].filter(
          (r) => r != null,
        );
        if (refs.length !== 1)
          throw badUserInput(
            `input.items[${i}] needs exactly one of sku / inventoryVariantId / orderItemId / fulfillmentRequestItemId`,
          );
        if (item.quantity < 1) throw badUserInput(`input.items[${i}].quantity must be at least 1`);
        return {
          quantity: item.quantity,
          ...(item.sku != null ? { sku: item.sku } : {}),
          ...(item.inventoryVariantId != null ? { inventoryVariantId: wireId(item.inventoryVariantId) } : {}),
          ...(item.orderItemId != null ? { orderItemId: wireId(item.orderItemId) } : {}),
          // Flxpoint still names fulfillment requests "purchase orders" in this payload.
          ...(item.fulfillmentRequestItemId != null
            ? { purchaseOrderItemId: wireId(item.fulfillmentRequestItemId) }
            : {}),
        };
      });
      const body = {
        ...(input.fulfillmentRequestId
          ? { fulfillmentRequestId: wireId(input.fulfillmentRequestId) }
          : { purchaseOrderNumber: input.fulfillmentRequestNumber }),
        allowDuplicateTrackingNumbers: input.allowDuplicateTrackingNumbers ?? false,
        shipment: {
          ...given({
            trackingNumber: input.trackingNumber,
            carrier: input.carrier ?? undefined,
            method: input.method ?? undefined,
            trackingUrl: input.trackingUrl ?? undefined,
            shippedAt: iso(input.shippedAt),
            shippingCost: input.shippingCost ?? undefined,
            suppressed: input.suppressed ?? undefined,
            customFields: input.customFields ?? undefined,
          }),
          shipmentItems,
        },
      };
      return toShipment(await ctx.flxpoint.client.createShipment(body, input.sourceId ?? undefined), zone(ctx));
    },
    flxpointUpdateShipment: async (_p, { input }, ctx) => {
      const { sourceId, id, shippedAt, ...fields } = input;
      // PATCH changes only non-null fields: nulls are not sent.
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));
      const body = { id: wireId(id), ...changes, ...(shippedAt ? { shippedAt: iso(shippedAt) } : {}) };
      return toShipment(await ctx.flxpoint.client.patchShipment(body, sourceId ?? undefined), zone(ctx));
    },
    flxpointFlagShipmentsWithErrors: async (_p, { input }, ctx) => {
      checkWriteSize(input.shipments.length, 'input.shipments');
      const body = input.shipments.map((s) => ({ id: wireId(s.id), syncError: s.error }));
      return (await ctx.flxpoint.client.flagShipmentsWithErrors(body, input.sourceId ?? undefined)).map((s) =>
        toShipment(s, zone(ctx)),
      );
    },
  },
};
