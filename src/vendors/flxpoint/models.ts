/**
 * Flxpoint wire shapes (what the client returns) and the one place they are mapped to the shapes
 * GraphQL resolvers serve. Flxpoint is camelCase everywhere except the reseller endpoints, which
 * answer in snake_case; its enums travel as display text ("On Hold", "Partially Shipped").
 * Codegen `mappers` point the Flxpoint types that load more data at the models below.
 */
import { parseVendorDate } from '../../dates.js';
import { canonicalFulfillmentRequest, canonicalOrder, canonicalShipment } from './variants.js';

// --- Wire shapes --------------------------------------------------------------------------------

export interface FlxpointWireAccount {
  id: number | string;
  subdomain?: string | null;
  brandName?: string | null;
  companyName?: string | null;
  productPriceWorkflowEventId?: number | string | null;
  defaultOrderRoutingGroupId?: number | string | null;
  orderRoutingWorkflowEventId?: number | string | null;
}

export interface FlxpointWireConnectionConfig {
  handle: string;
  name?: string | null;
  required?: boolean | null;
  editable?: boolean | null;
  dataType?: string | null;
  defaultValue?: string | null;
  options?: { value?: unknown; label?: unknown }[] | null;
  advanced?: boolean | null;
  value?: string | null;
  hidden?: boolean | null;
  description?: string | null;
  sortOrder?: number | null;
}

export interface FlxpointWireConnection {
  id: number | string;
  connectionType?: string | null;
  connectionTypeId?: number | string | null;
  connectionTypeName?: string | null;
  requiresConnectionToTest?: boolean | null;
  name?: string | null;
  configs?: FlxpointWireConnectionConfig[] | null;
}

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

export interface FlxpointWireParent {
  id?: number | string | null;
  sku: string;
  title?: string | null;
  description?: string | null;
  manufacturer?: string | null;
  brand?: string | null;
  archived?: boolean | null;
  sourceId?: number | string | null;
  variants?: FlxpointWireVariant[] | null;
}

export interface FlxpointWireVariant {
  id: number | string;
  sku: string;
  masterSku?: string | null;
  title?: string | null;
  upc?: string | null;
  ean?: string | null;
  mpn?: string | null;
  asin?: string | null;
  quantity?: number | null;
  cost?: number | null;
  msrp?: number | null;
  map?: number | null;
  shippingCost?: number | null;
  weight?: number | null;
  weightUnit?: string | null;
  archived?: boolean | null;
  sourceId?: number | string | null;
  inventoryParentId?: number | string | null;
  insertedAt?: string | null;
  updatedAt?: string | null;
  parent?: FlxpointWireParent | null;
  images?: FlxpointWireImage[] | null;
  options?: FlxpointWireNameValue[] | null;
  attributes?: FlxpointWireNameValue[] | null;
  categories?: (string | { name?: string })[] | null;
  customFields?: FlxpointWireNameValue[] | null;
  customAggregates?: unknown;
  linkedProductVariants?: unknown;
}

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

export interface FlxpointWireAddress {
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  stateCode?: string | null;
  postal?: string | null;
  country?: string | null;
  countryCode?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface FlxpointWireOrderItem {
  id: number | string;
  sku?: string | null;
  title?: string | null;
  quantity?: number | null;
  price?: number | null;
  productVariantId?: number | string | null;
  listingVariantId?: number | string | null;
}

export interface FlxpointWireOrder {
  id: number | string;
  orderNumber?: string | null;
  referenceNumber?: string | null;
  orderTotal?: number | null;
  note?: string | null;
  importedFrom?: string | null;
  orderedAt?: string | null;
  insertedAt?: string | null;
  updatedAt?: string | null;
  shippingText?: string | null;
  orderStatus?: string | null;
  acknowledgedStatus?: string | null;
  shippedStatus?: string | null;
  shippingAddress?: FlxpointWireAddress | null;
  billingAddress?: FlxpointWireAddress | null;
  orderItems?: FlxpointWireOrderItem[] | null;
}

/** GET /orders change cursors (ISO 8601). */
export interface FlxpointOrderChangeQuery {
  orderUpdatedAt?: string;
  fulfillmentRequestsUpdatedAt?: string;
  shipmentsUpdatedAt?: string;
}

export interface FlxpointWireFulfillmentRequestItem {
  id: number | string;
  sku?: string | null;
  title?: string | null;
  quantity?: number | null;
  acknowledgedQuantity?: number | null;
  cancelledQuantity?: number | null;
  shippedQuantity?: number | null;
  cost?: number | null;
  orderItemId?: number | string | null;
  inventoryVariantId?: number | string | null;
}

export interface FlxpointWireFulfillmentRequest {
  id: number | string;
  fulfillmentRequestNumber?: string | null;
  orderId?: number | string | null;
  sourceId?: number | string | null;
  status?: string | null;
  fulfillmentStatus?: string | null;
  isAcknowledged?: boolean | null;
  invoiced?: boolean | null;
  sentAt?: string | null;
  acknowledgedAt?: string | null;
  insertedAt?: string | null;
  updatedAt?: string | null;
  fulfillmentRequestItems?: FlxpointWireFulfillmentRequestItem[] | null;
}

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

export interface FlxpointWireShipmentItem {
  sku?: string | null;
  quantity?: number | null;
  fulfillmentRequestItemId?: number | string | null;
  orderItemId?: number | string | null;
  inventoryVariantId?: number | string | null;
}

export interface FlxpointWireShipment {
  id: number | string;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  carrier?: string | null;
  method?: string | null;
  shippedAt?: string | null;
  insertedAt?: string | null;
  updatedAt?: string | null;
  shippingCost?: number | null;
  orderId?: number | string | null;
  fulfillmentRequestId?: number | string | null;
  sourceId?: number | string | null;
  partial?: boolean | null;
  suppressed?: boolean | null;
  syncedToChannel?: boolean | null;
  syncError?: string | null;
  shipmentItems?: FlxpointWireShipmentItem[] | null;
  customFields?: FlxpointWireNameValue[] | null;
}

/** GET /shipments filters in Flxpoint's terms. */
export interface FlxpointShipmentQuery {
  findByOrderId?: string;
  findByPurchaseOrderId?: string;
  filterCreatedAfter?: string;
  filterUpdatedAfter?: string;
}

/** A reseller channel variant: snake_case on the wire. */
export interface FlxpointWireResellerVariant {
  id: number | string;
  account_id?: number | string | null;
  channel_id?: number | string | null;
  reseller_product_parent_id?: number | string | null;
  sku?: string | null;
  title?: string | null;
  upc?: string | null;
  price?: number | string | null;
  sale_price?: number | string | null;
  msrp?: number | string | null;
  map?: number | string | null;
  quantity?: number | null;
  inserted_at?: string | null;
  updated_at?: string | null;
  option_values?: { name: string; value?: unknown }[] | null;
  images?: { url: string; position?: number | null }[] | null;
  parent?: {
    id: number | string;
    sku?: string | null;
    title?: string | null;
    description?: string | null;
    brand?: string | null;
  } | null;
}

export interface FlxpointWireChannel {
  id: number | string;
  name?: string | null;
  description?: string | null;
  channelType?: string | null;
  primary?: boolean | null;
  paymentCollection?: boolean | null;
  channelInvoiceDefaultStatus?: string | null;
  pricingWorkflowEventId?: number | string | null;
  listingStatusWorkflowEventId?: number | string | null;
  autoGeneratePoOnImport?: boolean | null;
  allowBackorder?: boolean | null;
  inStoreOrder?: boolean | null;
  insertedAt?: string | null;
}

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

/** "Partially Shipped" → PARTIALLY_SHIPPED when it is a known value, else null (statusName keeps the text). */
export function enumFromText<T extends string>(text: unknown, allowed: readonly T[]): T | null {
  if (typeof text !== 'string' || !text) return null;
  const value = text
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_') as T;
  return allowed.includes(value) ? value : null;
}

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

// --- GraphQL-facing models ---------------------------------------------------------------------

function idOrNull(value: unknown): string | null {
  return value === '' || value === null || value === undefined ? null : String(value);
}

function numOrNull(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function intOrNull(value: unknown): number | null {
  const n = numOrNull(value);
  return n === null ? null : Math.trunc(n);
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function nameValues(list: FlxpointWireNameValue[] | null | undefined) {
  return Array.isArray(list)
    ? list.filter((x) => x && x.name).map((x) => ({ name: String(x.name), value: textOrNull(x.value) }))
    : null;
}

function images(list: FlxpointWireImage[] | null | undefined) {
  return Array.isArray(list)
    ? list.filter((x) => x && x.url).map((x) => ({ url: x.url, position: intOrNull(x.position) }))
    : null;
}

export function toAccount(a: FlxpointWireAccount) {
  return {
    id: String(a.id),
    subdomain: a.subdomain ?? null,
    brandName: a.brandName ?? null,
    companyName: a.companyName ?? null,
    productPriceWorkflowEventId: idOrNull(a.productPriceWorkflowEventId),
    defaultOrderRoutingGroupId: idOrNull(a.defaultOrderRoutingGroupId),
    orderRoutingWorkflowEventId: idOrNull(a.orderRoutingWorkflowEventId),
  };
}

export function toConnectionConfig(c: FlxpointWireConnectionConfig) {
  return {
    handle: c.handle,
    name: c.name ?? null,
    required: c.required ?? null,
    editable: c.editable ?? null,
    dataType: c.dataType ?? null,
    defaultValue: textOrNull(c.defaultValue),
    options: (c.options ?? []).map((o) => ({ value: textOrNull(o.value), label: textOrNull(o.label) })),
    advanced: c.advanced ?? null,
    value: textOrNull(c.value),
    hidden: c.hidden ?? null,
    description: c.description ?? null,
    sortOrder: intOrNull(c.sortOrder),
  };
}

export function toConnection(c: FlxpointWireConnection) {
  return {
    id: String(c.id),
    name: c.name ?? null,
    connectionType: c.connectionType ?? null,
    connectionTypeId: idOrNull(c.connectionTypeId),
    connectionTypeName: c.connectionTypeName ?? null,
    requiresConnectionToTest: c.requiresConnectionToTest ?? null,
    configs: (c.configs ?? []).map(toConnectionConfig),
  };
}

export function toParent(p: FlxpointWireParent, zone: string): FlxpointInventoryParentModel {
  return {
    id: idOrNull(p.id),
    sku: p.sku,
    title: p.title ?? null,
    description: p.description ?? null,
    manufacturer: p.manufacturer ?? null,
    brand: p.brand ?? null,
    archived: p.archived ?? null,
    sourceId: idOrNull(p.sourceId),
    variants: Array.isArray(p.variants) ? p.variants.map((v) => toVariant(v, zone)) : null,
  };
}

export interface FlxpointInventoryParentModel {
  id: string | null;
  sku: string;
  title: string | null;
  description: string | null;
  manufacturer: string | null;
  brand: string | null;
  archived: boolean | null;
  sourceId: string | null;
  variants: FlxpointInventoryVariantModel[] | null;
}

export interface FlxpointInventoryVariantModel {
  id: string;
  sku: string;
  masterSku: string | null;
  sourceId: string | null;
  title: string | null;
  upc: string | null;
  ean: string | null;
  mpn: string | null;
  asin: string | null;
  quantity: number | null;
  cost: number | null;
  msrp: number | null;
  map: number | null;
  shippingCost: number | null;
  weight: number | null;
  weightUnit: string | null;
  archived: boolean | null;
  inventoryParentId: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  parent: FlxpointInventoryParentModel | null;
  images: { url: string; position: number | null }[] | null;
  options: { name: string; value: string | null }[] | null;
  attributes: { name: string; value: string | null }[] | null;
  categories: string[] | null;
  customFields: { name: string; value: string | null }[] | null;
  customAggregates: unknown;
  linkedProductVariants: unknown;
}

export function toVariant(v: FlxpointWireVariant, zone: string): FlxpointInventoryVariantModel {
  return {
    id: String(v.id),
    sku: v.sku,
    masterSku: v.masterSku ?? null,
    sourceId: idOrNull(v.sourceId),
    title: v.title ?? null,
    upc: v.upc ?? null,
    ean: v.ean ?? null,
    mpn: v.mpn ?? null,
    asin: v.asin ?? null,
    quantity: intOrNull(v.quantity),
    cost: numOrNull(v.cost),
    msrp: numOrNull(v.msrp),
    map: numOrNull(v.map),
    shippingCost: numOrNull(v.shippingCost),
    weight: numOrNull(v.weight),
    weightUnit: v.weightUnit ?? null,
    archived: v.archived ?? null,
    inventoryParentId: idOrNull(v.inventoryParentId),
    createdAt: parseVendorDate(v.insertedAt, zone),
    updatedAt: parseVendorDate(v.updatedAt, zone),
    parent: v.parent ? toParent(v.parent, zone) : null,
    images: images(v.images),
    options: nameValues(v.options),
    attributes: nameValues(v.attributes),
    categories: Array.isArray(v.categories)
      ? v.categories.map((c) => (typeof c === 'string' ? c : String(c?.name ?? ''))).filter(Boolean)
      : null,
    customFields: nameValues(v.customFields),
    customAggregates: v.customAggregates ?? null,
    linkedProductVariants: v.linkedProductVariants ?? null,
  };
}

function address(a: FlxpointWireAddress | null | undefined) {
  if (!a) return null;
  return {
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    companyName: a.companyName ?? null,
    addressLine1: a.addressLine1 ?? null,
    addressLine2: a.addressLine2 ?? null,
    city: a.city ?? null,
    state: a.state ?? null,
    stateCode: a.stateCode ?? null,
    postal: a.postal ?? null,
    country: a.country ?? null,
    countryCode: a.countryCode ?? null,
    phone: a.phone ?? null,
    email: a.email ?? null,
  };
}

export function toOrderItem(i: FlxpointWireOrderItem) {
  return {
    id: String(i.id),
    sku: i.sku ?? null,
    title: i.title ?? null,
    quantity: intOrNull(i.quantity),
    price: numOrNull(i.price),
    productVariantId: idOrNull(i.productVariantId),
    listingVariantId: idOrNull(i.listingVariantId),
  };
}

export function toOrder(wire: FlxpointWireOrder, zone: string) {
  const o = canonicalOrder(wire);
  return {
    id: String(o.id),
    orderNumber: o.orderNumber ?? null,
    referenceNumber: o.referenceNumber ?? null,
    status: enumFromText(o.orderStatus, ORDER_STATUSES),
    statusName: o.orderStatus ?? null,
    acknowledgedStatus: enumFromText(o.acknowledgedStatus, PROGRESS),
    shippedStatus: enumFromText(o.shippedStatus, PROGRESS),
    total: numOrNull(o.orderTotal),
    note: o.note ?? null,
    importedFrom: o.importedFrom ?? null,
    shippingText: o.shippingText ?? null,
    orderedAt: parseVendorDate(o.orderedAt, zone),
    createdAt: parseVendorDate(o.insertedAt, zone),
    updatedAt: parseVendorDate(o.updatedAt, zone),
    shippingAddress: address(o.shippingAddress),
    billingAddress: address(o.billingAddress),
    items: (o.orderItems ?? []).map(toOrderItem),
  };
}

export type FlxpointOrderModel = ReturnType<typeof toOrder>;

export function toFulfillmentRequest(wire: FlxpointWireFulfillmentRequest, zone: string) {
  const fr = canonicalFulfillmentRequest(wire);
  return {
    id: String(fr.id),
    number: fr.fulfillmentRequestNumber ?? null,
    orderId: idOrNull(fr.orderId),
    sourceId: idOrNull(fr.sourceId),
    status: enumFromText(fr.status, FR_STATUSES),
    statusName: fr.status ?? null,
    fulfillmentStatus: enumFromText(fr.fulfillmentStatus, FULFILLMENT_STATUSES),
    acknowledged: fr.isAcknowledged ?? null,
    invoiced: fr.invoiced ?? null,
    sentAt: parseVendorDate(fr.sentAt, zone),
    acknowledgedAt: parseVendorDate(fr.acknowledgedAt, zone),
    createdAt: parseVendorDate(fr.insertedAt, zone),
    updatedAt: parseVendorDate(fr.updatedAt, zone),
    items: (fr.fulfillmentRequestItems ?? []).map((i) => ({
      id: String(i.id),
      sku: i.sku ?? null,
      title: i.title ?? null,
      quantity: intOrNull(i.quantity),
      acknowledgedQuantity: intOrNull(i.acknowledgedQuantity),
      cancelledQuantity: intOrNull(i.cancelledQuantity),
      shippedQuantity: intOrNull(i.shippedQuantity),
      cost: numOrNull(i.cost),
      orderItemId: idOrNull(i.orderItemId),
      inventoryVariantId: idOrNull(i.inventoryVariantId),
    })),
  };
}

export type FlxpointFulfillmentRequestModel = ReturnType<typeof toFulfillmentRequest>;

export interface FlxpointShipmentItemModel {
  sku: string | null;
  quantity: number | null;
  fulfillmentRequestItemId: string | null;
  orderItemId: string | null;
  inventoryVariantId: string | null;
  /** The shipment's source: inventory variants are read per source. */
  sourceId: string | null;
}

export function toShipment(wire: FlxpointWireShipment, zone: string) {
  const s = canonicalShipment(wire);
  const sourceId = idOrNull(s.sourceId);
  return {
    id: String(s.id),
    trackingNumber: s.trackingNumber ?? null,
    trackingUrl: s.trackingUrl ?? null,
    carrier: s.carrier ?? null,
    method: s.method ?? null,
    shippedAt: parseVendorDate(s.shippedAt, zone),
    createdAt: parseVendorDate(s.insertedAt, zone),
    updatedAt: parseVendorDate(s.updatedAt, zone),
    shippingCost: numOrNull(s.shippingCost),
    orderId: idOrNull(s.orderId),
    fulfillmentRequestId: idOrNull(s.fulfillmentRequestId),
    sourceId,
    partial: s.partial ?? null,
    suppressed: s.suppressed ?? null,
    syncedToChannel: s.syncedToChannel ?? null,
    syncError: s.syncError ?? null,
    items: (s.shipmentItems ?? []).map((i): FlxpointShipmentItemModel => ({
      sku: i.sku ?? null,
      quantity: intOrNull(i.quantity),
      fulfillmentRequestItemId: idOrNull(i.fulfillmentRequestItemId),
      orderItemId: idOrNull(i.orderItemId),
      inventoryVariantId: idOrNull(i.inventoryVariantId),
      sourceId,
    })),
    customFields: nameValues(s.customFields) ?? [],
  };
}

export type FlxpointShipmentModel = ReturnType<typeof toShipment>;

/** snake_case → the camelCase GraphQL type. */
export function toResellerVariant(v: FlxpointWireResellerVariant, zone: string) {
  return {
    id: String(v.id),
    accountId: idOrNull(v.account_id),
    channelId: idOrNull(v.channel_id),
    resellerProductParentId: idOrNull(v.reseller_product_parent_id),
    sku: v.sku ?? null,
    title: v.title ?? null,
    upc: v.upc ?? null,
    price: numOrNull(v.price),
    salePrice: numOrNull(v.sale_price),
    msrp: numOrNull(v.msrp),
    map: numOrNull(v.map),
    quantity: intOrNull(v.quantity),
    createdAt: parseVendorDate(v.inserted_at, zone),
    updatedAt: parseVendorDate(v.updated_at, zone),
    optionValues: nameValues(v.option_values),
    images: images(v.images),
    parent: v.parent
      ? {
          id: String(v.parent.id),
          sku: v.parent.sku ?? null,
          title: v.parent.title ?? null,
          description: v.parent.description ?? null,
          brand: v.parent.brand ?? null,
        }
      : null,
  };
}

export function toChannel(c: FlxpointWireChannel, zone: string) {
  const type = Object.entries(CHANNEL_TYPES).find(([, wire]) => wire === c.channelType)?.[0] as
    keyof typeof CHANNEL_TYPES | undefined;
  return {
    id: String(c.id),
    name: c.name ?? null,
    description: c.description ?? null,
    channelType: type ?? null,
    primary: c.primary ?? null,
    paymentCollection: c.paymentCollection ?? null,
    channelInvoiceDefaultStatus: c.channelInvoiceDefaultStatus ?? null,
    pricingWorkflowEventId: idOrNull(c.pricingWorkflowEventId),
    listingStatusWorkflowEventId: idOrNull(c.listingStatusWorkflowEventId),
    autoGeneratePoOnImport: c.autoGeneratePoOnImport ?? null,
    allowBackorder: c.allowBackorder ?? null,
    inStoreOrder: c.inStoreOrder ?? null,
    createdAt: parseVendorDate(c.insertedAt, zone),
  };
}
