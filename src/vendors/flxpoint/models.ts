/**
 * Flxpoint wire shapes (what the client returns) and the one place they are mapped to the shapes
 * GraphQL resolvers serve. Flxpoint is camelCase everywhere except the reseller endpoints, which
 * answer in snake_case; its enums travel as display text ("On Hold", "Partially Shipped").
 * Codegen `mappers` point the Flxpoint types that load more data at the models below.
 */
import { fieldMapper, type ModelOf, type WireOf } from '../../kit/mapping.js';
import { canonicalFulfillmentRequest, canonicalOrder, canonicalShipment } from './variants.js';

// --- Enums: display text on the wire, SCREAMING_CASE in GraphQL --------------------------------

export const ORDER_STATUSES = [
  'OPEN',
  'CLOSED',
  'ON_HOLD',
  'FAILED',
  'NO_SHIPPING_METHOD',
  'CANCELED',
  'NOT_MANAGED',
  'DRAFT',
] as const;
export const PROGRESS = ['NOT_STARTED', 'PARTIALLY_COMPLETED', 'COMPLETED'] as const;
export const FR_STATUSES = [
  'UNPROCESSED',
  'PROCESSING',
  'PROCESSED',
  'ACKNOWLEDGED',
  'CANCELED',
  'FAILED',
  'VOIDED',
  'ADDITIONAL_INFO_REQUIRED',
] as const;
export const FULFILLMENT_STATUSES = ['AWAITING_SHIPMENT', 'SHIPPED', 'PARTIALLY_SHIPPED', 'CANCELED'] as const;

/** PARTIALLY_SHIPPED → "Partially Shipped", the text Flxpoint filters take. */
export function textFromEnum(value: string): string {
  return value
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** UPDATE_NON_NULL → "updateNonNull", DELETE_INCLUDED → "deleteIncluded": Flxpoint's modify modes. */
export function modeParam(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return value.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export const CHANNEL_TYPES = { SALES: 'flxpoint.api.custom', RESELLER: 'flxpoint.api.dealers' } as const;

// --- Records ------------------------------------------------------------------------------------

/*
 * Each record kind is one field table (kit/mapping.ts): its wire type, its GraphQL model and the
 * scalar and enum fields of its mapper all come from that table. What a table cannot say (lists,
 * nested records, Flxpoint's name variants) is the mapper's `prepare` and `more`.
 */

const ACCOUNT = {
  id: ['id'],
  text: ['subdomain', 'brandName', 'companyName'],
  ref: ['productPriceWorkflowEventId', 'defaultOrderRoutingGroupId', 'orderRoutingWorkflowEventId'],
} as const;

export type FlxpointWireAccount = WireOf<typeof ACCOUNT>;

/** The workspace (GET /account). */
export const toAccount = fieldMapper(ACCOUNT);

const CONNECTION_CONFIG = {
  given: ['handle'],
  text: ['name', 'dataType', 'description'],
  flag: ['required', 'editable', 'advanced', 'hidden'],
  anyText: ['defaultValue', 'value'],
  int: ['sortOrder'],
} as const;

export interface FlxpointWireConnectionConfig extends WireOf<typeof CONNECTION_CONFIG> {
  options?: { value?: unknown; label?: unknown }[] | null;
}

export const toConnectionConfig = fieldMapper(CONNECTION_CONFIG, {
  more: (c: FlxpointWireConnectionConfig) => ({
    options: (c.options ?? []).map((o) => ({ value: textOrNull(o.value), label: textOrNull(o.label) })),
  }),
});

const CONNECTION = {
  id: ['id'],
  text: ['name', 'connectionType', 'connectionTypeName'],
  ref: ['connectionTypeId'],
  flag: ['requiresConnectionToTest'],
} as const;

export interface FlxpointWireConnection extends WireOf<typeof CONNECTION> {
  configs?: FlxpointWireConnectionConfig[] | null;
}

export const toConnection = fieldMapper(CONNECTION, {
  more: (c: FlxpointWireConnection) => ({ configs: (c.configs ?? []).map((config) => toConnectionConfig(config)) }),
});

/** The body of POST /connections and PUT /connections/{id}. */
export interface FlxpointConnectionRequest {
  connectionType: string;
  name: string;
  configs: { handle: string; value: string | null }[];
}

export interface FlxpointWireNameValue {
  name: string;
  value?: unknown;
}

export interface FlxpointWireImage {
  url: string;
  position?: number | null;
}

type NameValues = { name: string; value: string | null }[] | null;

const PARENT = {
  ref: ['id', 'sourceId'],
  given: ['sku'],
  text: ['title', 'description', 'manufacturer', 'brand'],
  flag: ['archived'],
} as const;

export interface FlxpointWireParent extends WireOf<typeof PARENT> {
  variants?: FlxpointWireVariant[] | null;
}

export interface FlxpointInventoryParentModel extends ModelOf<typeof PARENT> {
  variants: FlxpointInventoryVariantModel[] | null;
}

export const toParent: (p: FlxpointWireParent, zone: string) => FlxpointInventoryParentModel = fieldMapper(PARENT, {
  more: (p: FlxpointWireParent, zone) => ({
    variants: Array.isArray(p.variants) ? p.variants.map((v) => toVariant(v, zone)) : null,
  }),
});

const VARIANT = {
  id: ['id'],
  given: ['sku'],
  text: ['masterSku', 'title', 'upc', 'ean', 'mpn', 'asin', 'weightUnit'],
  ref: ['sourceId', 'inventoryParentId'],
  int: ['quantity'],
  num: ['cost', 'msrp', 'map', 'shippingCost', 'weight'],
  flag: ['archived'],
  date: ['createdAt=insertedAt', 'updatedAt'],
  json: ['customAggregates', 'linkedProductVariants'],
} as const;

export interface FlxpointWireVariant extends WireOf<typeof VARIANT> {
  parent?: FlxpointWireParent | null;
  images?: FlxpointWireImage[] | null;
  options?: FlxpointWireNameValue[] | null;
  attributes?: FlxpointWireNameValue[] | null;
  categories?: (string | { name?: string })[] | null;
  customFields?: FlxpointWireNameValue[] | null;
}

export interface FlxpointInventoryVariantModel extends ModelOf<typeof VARIANT> {
  parent: FlxpointInventoryParentModel | null;
  images: { url: string; position: number | null }[] | null;
  options: NameValues;
  attributes: NameValues;
  categories: string[] | null;
  customFields: NameValues;
}

export const toVariant: (v: FlxpointWireVariant, zone: string) => FlxpointInventoryVariantModel = fieldMapper(VARIANT, {
  more: (v: FlxpointWireVariant, zone) => ({
    parent: v.parent ? toParent(v.parent, zone) : null,
    images: images(v.images),
    options: nameValues(v.options),
    attributes: nameValues(v.attributes),
    categories: Array.isArray(v.categories)
      ? v.categories.map((c) => (typeof c === 'string' ? c : String(c?.name ?? ''))).filter(Boolean)
      : null,
    customFields: nameValues(v.customFields),
  }),
});

/** GET /inventory/variants filters in Flxpoint's terms. */
export interface FlxpointVariantQuery {
  sourceId: string;
  skus?: string[];
  upcs?: string[];
  ids?: string[];
  updatedAfter?: string;
  include?: Partial<Record<VariantInclude, boolean>>;
}

export const VARIANT_INCLUDES = [
  'parent',
  'images',
  'options',
  'attributes',
  'categories',
  'customFields',
  'customAggregates',
  'linkedProductVariants',
] as const;
export type VariantInclude = (typeof VARIANT_INCLUDES)[number];

const ADDRESS = {
  text: [
    'firstName',
    'lastName',
    'companyName',
    'addressLine1',
    'addressLine2',
    'city',
    'state',
    'stateCode',
    'postal',
    'country',
    'countryCode',
    'phone',
    'email',
  ],
} as const;

export type FlxpointWireAddress = WireOf<typeof ADDRESS>;

const addressFields = fieldMapper(ADDRESS);

function address(a: FlxpointWireAddress | null | undefined) {
  return a ? addressFields(a) : null;
}

const ORDER_ITEM = {
  id: ['id'],
  text: ['sku', 'title'],
  int: ['quantity'],
  num: ['price'],
  ref: ['productVariantId', 'listingVariantId'],
} as const;

export type FlxpointWireOrderItem = WireOf<typeof ORDER_ITEM>;

/** One item of an order (also the answer of POST /orders/{id}/items). */
export const toOrderItem = fieldMapper(ORDER_ITEM);

const ORDER = {
  id: ['id'],
  text: ['orderNumber', 'referenceNumber', 'statusName=orderStatus', 'note', 'importedFrom', 'shippingText'],
  num: ['total=orderTotal'],
  date: ['orderedAt', 'createdAt=insertedAt', 'updatedAt'],
  // statusName keeps the text when it is no known value.
  enum: { 'status=orderStatus': ORDER_STATUSES, acknowledgedStatus: PROGRESS, shippedStatus: PROGRESS },
} as const;

export interface FlxpointWireOrder extends WireOf<typeof ORDER> {
  shippingAddress?: FlxpointWireAddress | null;
  billingAddress?: FlxpointWireAddress | null;
  orderItems?: FlxpointWireOrderItem[] | null;
}

export const toOrder = fieldMapper(ORDER, {
  prepare: canonicalOrder,
  more: (o) => ({
    shippingAddress: address(o.shippingAddress),
    billingAddress: address(o.billingAddress),
    items: (o.orderItems ?? []).map((i) => toOrderItem(i)),
  }),
});

export type FlxpointOrderModel = ReturnType<typeof toOrder>;

/** GET /orders change cursors (ISO 8601). */
export interface FlxpointOrderChangeQuery {
  orderUpdatedAt?: string;
  fulfillmentRequestsUpdatedAt?: string;
  shipmentsUpdatedAt?: string;
}

const FULFILLMENT_REQUEST_ITEM = {
  id: ['id'],
  text: ['sku', 'title'],
  int: ['quantity', 'acknowledgedQuantity', 'cancelledQuantity', 'shippedQuantity'],
  num: ['cost'],
  ref: ['orderItemId', 'inventoryVariantId'],
} as const;

export type FlxpointWireFulfillmentRequestItem = WireOf<typeof FULFILLMENT_REQUEST_ITEM>;

const fulfillmentRequestItemFields = fieldMapper(FULFILLMENT_REQUEST_ITEM);

const FULFILLMENT_REQUEST = {
  id: ['id'],
  text: ['number=fulfillmentRequestNumber', 'statusName=status'],
  ref: ['orderId', 'sourceId'],
  flag: ['acknowledged=isAcknowledged', 'invoiced'],
  date: ['sentAt', 'acknowledgedAt', 'createdAt=insertedAt', 'updatedAt'],
  enum: { status: FR_STATUSES, fulfillmentStatus: FULFILLMENT_STATUSES },
} as const;

export interface FlxpointWireFulfillmentRequest extends WireOf<typeof FULFILLMENT_REQUEST> {
  fulfillmentRequestItems?: FlxpointWireFulfillmentRequestItem[] | null;
}

export const toFulfillmentRequest = fieldMapper(FULFILLMENT_REQUEST, {
  prepare: canonicalFulfillmentRequest,
  more: (fr) => ({
    items: (fr.fulfillmentRequestItems ?? []).map((i) => fulfillmentRequestItemFields(i)),
  }),
});

export type FlxpointFulfillmentRequestModel = ReturnType<typeof toFulfillmentRequest>;

/** GET /fulfillment-requests filters in Flxpoint's terms. */
export interface FlxpointFulfillmentRequestQuery {
  findOrderId?: string;
  sinceId?: string;
  frNumbers?: string[];
  filterSourceId?: string;
  /** CSV of Flxpoint status texts. */
  filterStatus?: string;
  filterFulfilmentStatus?: string;
  filterIsAcknowledged?: boolean;
  filterInvoiced?: boolean;
}

const SHIPMENT_ITEM = {
  text: ['sku'],
  int: ['quantity'],
  ref: ['fulfillmentRequestItemId', 'orderItemId', 'inventoryVariantId'],
} as const;

export type FlxpointWireShipmentItem = WireOf<typeof SHIPMENT_ITEM>;

export interface FlxpointShipmentItemModel extends ModelOf<typeof SHIPMENT_ITEM> {
  /** The shipment's source: inventory variants are read per source. */
  sourceId: string | null;
}

const shipmentItemFields = fieldMapper(SHIPMENT_ITEM);

const SHIPMENT = {
  id: ['id'],
  text: ['trackingNumber', 'trackingUrl', 'carrier', 'method', 'syncError'],
  date: ['shippedAt', 'createdAt=insertedAt', 'updatedAt'],
  num: ['shippingCost'],
  ref: ['orderId', 'fulfillmentRequestId', 'sourceId'],
  flag: ['partial', 'suppressed', 'syncedToChannel'],
} as const;

export interface FlxpointWireShipment extends WireOf<typeof SHIPMENT> {
  shipmentItems?: FlxpointWireShipmentItem[] | null;
  customFields?: FlxpointWireNameValue[] | null;
}

export const toShipment = fieldMapper(SHIPMENT, {
  prepare: canonicalShipment,
  more: (s, _zone, shipment) => ({
    items: (s.shipmentItems ?? []).map((i): FlxpointShipmentItemModel =>
      Object.assign(shipmentItemFields(i), { sourceId: shipment.sourceId }),
    ),
    customFields: nameValues(s.customFields) ?? [],
  }),
});

export type FlxpointShipmentModel = ReturnType<typeof toShipment>;

/** GET /shipments filters in Flxpoint's terms. */
export interface FlxpointShipmentQuery {
  findByOrderId?: string;
  findByPurchaseOrderId?: string;
  filterCreatedAfter?: string;
  filterUpdatedAfter?: string;
}

const RESELLER_PARENT = { id: ['id'], text: ['sku', 'title', 'description', 'brand'] } as const;

const resellerParentFields = fieldMapper(RESELLER_PARENT);

/** A reseller channel variant: snake_case on the wire. */
const RESELLER_VARIANT = {
  id: ['id'],
  ref: ['accountId=account_id', 'channelId=channel_id', 'resellerProductParentId=reseller_product_parent_id'],
  text: ['sku', 'title', 'upc'],
  num: ['price', 'salePrice=sale_price', 'msrp', 'map'],
  int: ['quantity'],
  date: ['createdAt=inserted_at', 'updatedAt=updated_at'],
} as const;

export interface FlxpointWireResellerVariant extends WireOf<typeof RESELLER_VARIANT> {
  option_values?: FlxpointWireNameValue[] | null;
  images?: FlxpointWireImage[] | null;
  parent?: WireOf<typeof RESELLER_PARENT> | null;
}

/** snake_case → the camelCase GraphQL type. */
export const toResellerVariant = fieldMapper(RESELLER_VARIANT, {
  more: (v: FlxpointWireResellerVariant) => ({
    optionValues: nameValues(v.option_values),
    images: images(v.images),
    parent: v.parent ? resellerParentFields(v.parent) : null,
  }),
});

const CHANNEL = {
  id: ['id'],
  text: ['name', 'description', 'channelInvoiceDefaultStatus'],
  flag: ['primary', 'paymentCollection', 'autoGeneratePoOnImport', 'allowBackorder', 'inStoreOrder'],
  ref: ['pricingWorkflowEventId', 'listingStatusWorkflowEventId'],
  date: ['createdAt=insertedAt'],
} as const;

export interface FlxpointWireChannel extends WireOf<typeof CHANNEL> {
  channelType?: string | null;
}

export const toChannel = fieldMapper(CHANNEL, {
  more: (c: FlxpointWireChannel) => {
    const type = Object.entries(CHANNEL_TYPES).find(([, wire]) => wire === c.channelType)?.[0];
    return { channelType: (type ?? null) as keyof typeof CHANNEL_TYPES | null };
  },
});

// --- Lists the field tables do not cover -------------------------------------------------------

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function intOrNull(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

function nameValues(list: FlxpointWireNameValue[] | null | undefined): NameValues {
  return Array.isArray(list)
    ? list.filter((x) => x && x.name).map((x) => ({ name: String(x.name), value: textOrNull(x.value) }))
    : null;
}

function images(list: FlxpointWireImage[] | null | undefined) {
  return Array.isArray(list)
    ? list.filter((x) => x && x.url).map((x) => ({ url: x.url, position: intOrNull(x.position) }))
    : null;
}
