/**
 * The Flxpoint simulator's seeded workspace: deterministic, so tests and benchmarks see the same
 * believable world on every start — an account with two sources and two channels (each with its
 * own token), connections, inventory parents and variants, orders with fulfillment requests in
 * every status, shipments, and a reseller channel's product variants (snake_case, as Flxpoint
 * sends them). Records are stored in Flxpoint's wire shape.
 */
import { prng } from '../random.js';

export type TokenType = 'Account' | 'Source' | 'Channel';

export interface SimToken {
  type: TokenType;
  /** The source or channel id of a Source or Channel token. */
  id?: number;
}

export interface NameValue {
  name: string;
  value: string | null;
}

export interface Image {
  url: string;
  position: number;
}

export interface SimConfigDef {
  handle: string;
  name: string;
  required: boolean;
  editable: boolean;
  dataType: string;
  defaultValue: string | null;
  options: { value: string; label: string }[];
  advanced: boolean;
  hidden: boolean;
  description: string;
  sortOrder: number;
}

export interface SimConnectionType {
  id: number;
  handle: string;
  name: string;
  configs: SimConfigDef[];
}

export interface SimConnection {
  id: number;
  typeHandle: string;
  name: string;
  values: Record<string, string | null>;
}

export interface SimParent {
  id: number;
  sourceId: number;
  sku: string;
  title: string | null;
  description: string | null;
  manufacturer: string | null;
  brand: string | null;
  archived: boolean;
  images: Image[];
  options: NameValue[];
  attributes: NameValue[];
  customFields: NameValue[];
  categories: string[];
}

/** A variant's optional codes and texts, null when unset. */
type VariantTexts = Record<'masterSku' | 'title' | 'upc' | 'ean' | 'mpn' | 'asin', string | null>;

/** A variant's stock, prices and weight, null when unset. */
type VariantFigures = Record<'quantity' | 'cost' | 'msrp' | 'map' | 'shippingCost' | 'weight', number | null>;

export interface SimVariant extends VariantTexts, VariantFigures {
  id: number;
  sourceId: number;
  inventoryParentId: number;
  sku: string;
  weightUnit: string;
  archived: boolean;
  images: Image[];
  options: NameValue[];
  customFields: NameValue[];
  insertedAt: string;
  updatedAt: string;
}

export interface Address {
  firstName: string;
  lastName: string;
  companyName: string | null;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  state: string;
  stateCode: string;
  postal: string;
  country: string;
  countryCode: string;
  phone: string | null;
  email: string | null;
}

export interface SimOrderItem {
  id: number;
  sku: string;
  title: string;
  quantity: number;
  price: number;
  productVariantId: number | null;
  listingVariantId: number | null;
}

export interface SimOrder {
  id: number;
  channelId: number;
  orderNumber: string;
  referenceNumber: string;
  orderTotal: number;
  note: string | null;
  importedFrom: string;
  orderedAt: string;
  insertedAt: string;
  updatedAt: string;
  shippingText: string;
  orderStatus: string;
  acknowledgedStatus: string;
  shippedStatus: string;
  shippingAddress: Address;
  billingAddress: Address;
  orderItems: SimOrderItem[];
}

export interface SimFrItem {
  id: number;
  sku: string;
  title: string;
  quantity: number;
  acknowledgedQuantity: number;
  secondaryAcknowledgedQuantity: number;
  cancelledQuantity: number;
  shippedQuantity: number;
  cost: number;
  orderItemId: number;
  inventoryVariantId: number;
}

export interface SimFr {
  id: number;
  fulfillmentRequestNumber: string;
  orderId: number;
  sourceId: number;
  status: string;
  fulfillmentStatus: string;
  isAcknowledged: boolean;
  invoiced: boolean;
  sentAt: string | null;
  acknowledgedAt: string | null;
  insertedAt: string;
  updatedAt: string;
  fulfillmentRequestItems: SimFrItem[];
}

export interface SimShipment {
  id: number;
  trackingNumber: string;
  trackingUrl: string | null;
  carrier: string | null;
  method: string | null;
  shippedAt: string | null;
  insertedAt: string;
  updatedAt: string;
  shippingCost: number | null;
  orderId: number;
  fulfillmentRequestId: number;
  sourceId: number;
  partial: boolean;
  suppressed: boolean;
  syncedToChannel: boolean;
  syncError: string | null;
  shipmentItems: {
    sku: string;
    quantity: number;
    fulfillmentRequestItemId: number;
    orderItemId: number;
    inventoryVariantId: number;
  }[];
  customFields: NameValue[];
}

export interface SimResellerParent {
  id: number;
  sku: string;
  title: string;
  description: string;
  brand: string;
}

export interface SimResellerVariant {
  id: number;
  account_id: number;
  channel_id: number;
  reseller_product_parent_id: number;
  sku: string;
  price: string;
  sale_price: string | null;
  msrp: string;
  map: string;
  quantity: number;
  title: string;
  upc: string;
  inserted_at: string;
  updated_at: string;
  option_values: { name: string; value: string }[];
  images: Image[];
}

export interface SimChannel {
  id: number;
  name: string;
  description: string | null;
  channelType: string;
  primary: boolean;
  paymentCollection: boolean;
  channelInvoiceDefaultStatus: string;
  pricingWorkflowEventId: number | null;
  listingStatusWorkflowEventId: number | null;
  autoGeneratePoOnImport: boolean;
  allowBackorder: boolean;
  inStoreOrder: boolean;
  insertedAt: string;
}

export interface FlxpointState {
  tokens: Map<string, SimToken>;
  /** Per token, the arrival times (epoch ms) of its latest accepted requests, oldest first. */
  arrivals: Map<string, number[]>;
  /** Requests per token in any sliding 1000 ms window (Flxpoint: 2). */
  ratePerSecond: number;
  /** 429 answers sent so far (tests assert the gateway never causes one). */
  rateLimited: number;
  /** The documented field names, or the variants other servers send (see variants.ts). */
  fieldNames: 'documented' | 'variant';
  account: {
    id: number;
    subdomain: string;
    brandName: string;
    companyName: string;
    productPriceWorkflowEventId: number;
    defaultOrderRoutingGroupId: number;
    orderRoutingWorkflowEventId: number;
  };
  sources: { id: number; name: string }[];
  channels: SimChannel[];
  connectionTypes: SimConnectionType[];
  connections: SimConnection[];
  parents: SimParent[];
  variants: SimVariant[];
  orders: SimOrder[];
  frs: SimFr[];
  shipments: SimShipment[];
  resellerParents: SimResellerParent[];
  resellerVariants: SimResellerVariant[];
  nextId: number;
}

export const SANDBOX_TOKENS = {
  account: 'sandbox-flxpoint-account-0000',
  sources: { 101: 'sandbox-flxpoint-source-101', 102: 'sandbox-flxpoint-source-102' } as Record<number, string>,
  channels: { 201: 'sandbox-flxpoint-channel-201', 202: 'sandbox-flxpoint-channel-202' } as Record<number, string>,
};

const BASE = Date.UTC(2024, 2, 1, 0, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** The reseller endpoints send naive timestamps (no zone). */
const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const money = (n: number) => Math.round(n * 100) / 100;

const PRODUCTS = [
  ['Insulated Water Bottle', 'Kestrel', ['Color', ['Slate', 'Ocean', 'Sage']]],
  ['Merino Crew Socks', 'Northwind', ['Size', ['S', 'M', 'L']]],
  ['Canvas Tote Bag', 'Harbor Home', ['Color', ['Natural', 'Black', 'Navy']]],
  ['Ceramic Pour-Over Set', 'Harbor Home', ['Color', ['White', 'Speckled', 'Matte Black']]],
  ['LED Headlamp', 'Voltari', ['Lumens', ['200', '400', '800']]],
  ['Bamboo Cutting Board', 'Harbor Home', ['Size', ['Small', 'Medium', 'Large']]],
  ['Trail Running Cap', 'Northwind', ['Color', ['Red', 'Olive', 'Grey']]],
  ['Cast Iron Skillet', 'Alpine Works', ['Size', ['8 in', '10 in', '12 in']]],
  ['Wool Throw Blanket', 'Harbor Home', ['Color', ['Oat', 'Charcoal', 'Rust']]],
  ['Folding Camp Chair', 'Kestrel', ['Color', ['Green', 'Blue', 'Orange']]],
  ['Wireless Earbuds', 'Voltari', ['Color', ['Black', 'White', 'Sand']]],
] as const;

/** A parent as created by an upsert that names only its sku: every other field empty. */
export function blankParent(id: number, sourceId: number, sku: string): SimParent {
  return {
    id,
    sourceId,
    sku,
    title: null,
    description: null,
    manufacturer: null,
    brand: null,
    archived: false,
    images: [],
    options: [],
    attributes: [],
    customFields: [],
    categories: [],
  };
}

/** A variant as created by an upsert that names only its sku: no stock, every other field empty. */
export function blankVariant(id: number, sourceId: number, parentId: number, sku: string, at: string): SimVariant {
  return {
    id,
    sourceId,
    inventoryParentId: parentId,
    sku,
    masterSku: null,
    title: null,
    upc: null,
    ean: null,
    mpn: null,
    asin: null,
    quantity: 0,
    cost: null,
    msrp: null,
    map: null,
    shippingCost: null,
    weight: null,
    weightUnit: 'lb',
    archived: false,
    images: [],
    options: [],
    customFields: [],
    insertedAt: at,
    updatedAt: at,
  };
}

/**
 * Customer-like inventory (issue 14), appended after source 102's generated parents with ids of
 * their own: Polish, Greek, Japanese and Arabic titles with emoji, numeric-string skus and UPCs
 * with leading zeros, null ean/mpn/asin/brand and null custom-field values, numeric custom-field
 * names, a leap-day creation date and a 2,000-character description.
 */
export const CUSTOMER_LIKE = {
  parent: {
    id: 690001,
    sourceId: 102,
    sku: '0000731',
    title: 'Kubek ceramiczny „Łódź” ☕ — κούπα — マグカップ — كوب',
    description: 'Ręcznie malowany kubek z Łodzi. '.repeat(63).slice(0, 2000),
    manufacturer: 'Ceramika Łódzka Sp. z o.o.',
    brand: null,
    archived: false,
    images: [],
    options: [{ name: 'Kolor', value: null }],
    attributes: [{ name: 'Materiał', value: 'Kamionka' }],
    customFields: [
      { name: '1', value: '0042' },
      { name: '2', value: null },
    ],
    categories: ['Kuchnia 🍳'],
  } satisfies SimParent,
  variants: [
    {
      ...blankVariant(790001, 102, 690001, '0000731-01', '2024-02-29T23:59:59.000Z'),
      masterSku: '000731',
      title: 'Kubek „Żółć” 🟡',
      upc: '000000000017',
      cost: 0,
      options: [{ name: 'Kolor', value: 'Żółć' }],
      customFields: [
        { name: '1', value: '007' },
        { name: '10', value: null },
      ],
    },
    {
      ...blankVariant(790002, 102, 690001, 'MW-日本-02', '2024-02-29T00:00:00.000Z'),
      title: 'マグカップ 桜 🌸 / κούπα Ελιά 🫒 / كوب النخيل 🌴',
      ean: '0000000000017',
      mpn: '0042',
      quantity: 12,
      cost: 4.5,
      msrp: 19.99,
      shippingCost: 0,
      weight: 0.35,
      options: [{ name: 'Kolor', value: '桜' }],
      customFields: [{ name: 'note', value: 'ملاحظة: يُشحن يوم ٢٩ فبراير' }],
      updatedAt: '2024-02-29T12:30:00.000Z',
    },
  ] satisfies SimVariant[],
};

const CARRIERS = [
  ['UPS', 'Ground', 'https://www.ups.com/track?tracknum='],
  ['FedEx', 'Home Delivery', 'https://www.fedex.com/fedextrack/?trknbr='],
  ['USPS', 'Priority Mail', 'https://tools.usps.com/go/TrackConfirmAction?tLabels='],
] as const;

const PEOPLE = [
  ['Maya', 'Ortiz', '418 Alder St', 'Portland', 'Oregon', 'OR', '97205'],
  ['Daniel', 'Kim', '77 Beacon Ave', 'Boston', 'Massachusetts', 'MA', '02116'],
  ['Priya', 'Nair', '1290 Lakeshore Dr', 'Chicago', 'Illinois', 'IL', '60611'],
  ['Tom', 'Becker', '55 Pine Ridge Rd', 'Asheville', 'North Carolina', 'NC', '28801'],
  ['Aisha', 'Bello', '903 Sunset Blvd', 'Austin', 'Texas', 'TX', '78704'],
] as const;

/** Statuses an open order's fulfillment requests cycle through (canceled orders give Canceled ones). */
const OPEN_FR_STATUSES = [
  'Unprocessed',
  'Processing',
  'Processed',
  'Acknowledged',
  'Acknowledged',
  'Failed',
  'Voided',
  'Additional Info Required',
  'Acknowledged',
];
const ORDER_STATUSES = [
  'Open',
  'Closed',
  'Open',
  'Closed',
  'On Hold',
  'Open',
  'Canceled',
  'Open',
  'Draft',
  'Closed',
  'Failed',
  'Open',
  'No Shipping Method',
  'Closed',
  'Not Managed',
  'Open',
];
/** Order statuses whose orders were never routed to sources. */
const UNROUTED = ['Draft', 'No Shipping Method', 'Not Managed'];

function address(i: number): Address {
  const [firstName, lastName, addressLine1, city, state, stateCode, postal] = PEOPLE[i % PEOPLE.length];
  return {
    firstName,
    lastName,
    companyName: null,
    addressLine1,
    addressLine2: i % 4 === 0 ? 'Apt 3B' : null,
    city,
    state,
    stateCode,
    postal,
    country: 'United States',
    countryCode: 'US',
    phone: `+1-555-01${String(10 + (i % 80)).padStart(2, '0')}`,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
  };
}

function configDef(
  handle: string,
  name: string,
  dataType: string,
  sortOrder: number,
  extra: Partial<SimConfigDef> = {},
): SimConfigDef {
  return {
    handle,
    name,
    required: true,
    editable: true,
    dataType,
    defaultValue: null,
    options: [],
    advanced: false,
    hidden: false,
    description: `${name} of the remote system`,
    sortOrder,
    ...extra,
  };
}

function connectionType(id: number, handle: string, name: string, configs: SimConfigDef[]): SimConnectionType {
  return { id, handle, name, configs };
}

/** What every file-transfer connection asks for: host, port (with its default), username, password. */
function fileServerConfigs(defaultPort: string, passwordRequired: boolean): SimConfigDef[] {
  return [
    configDef('host', 'Host', 'STRING', 1),
    configDef('port', 'Port', 'INTEGER', 2, { defaultValue: defaultPort, required: false }),
    configDef('username', 'Username', 'STRING', 3),
    configDef('password', 'Password', 'PASSWORD', 4, { required: passwordRequired }),
  ];
}

/** Builds the workspace. */
export function seedFlxpoint(): FlxpointState {
  const rnd = prng(20240301);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

  const tokens = new Map<string, SimToken>([[SANDBOX_TOKENS.account, { type: 'Account' }]]);
  for (const [id, token] of Object.entries(SANDBOX_TOKENS.sources))
    tokens.set(token, { type: 'Source', id: Number(id) });
  for (const [id, token] of Object.entries(SANDBOX_TOKENS.channels))
    tokens.set(token, { type: 'Channel', id: Number(id) });

  const connectionTypes: SimConnectionType[] = [
    connectionType(11, 'ftp', 'FTP', [
      ...fileServerConfigs('21', true),
      configDef('path', 'Remote path', 'STRING', 5, { required: false, defaultValue: '/' }),
      configDef('passive', 'Passive mode', 'BOOLEAN', 6, { required: false, advanced: true, defaultValue: 'true' }),
    ]),
    connectionType(12, 'sftp', 'SFTP', [
      ...fileServerConfigs('22', false),
      configDef('privateKey', 'Private key', 'TEXT', 5, { required: false, advanced: true }),
    ]),
    connectionType(21, 'shopify', 'Shopify', [
      configDef('shopDomain', 'Shop domain', 'STRING', 1, { description: 'The myshopify.com domain of the store' }),
      configDef('accessToken', 'Admin API access token', 'PASSWORD', 2),
      configDef('apiVersion', 'API version', 'SELECT', 3, {
        required: false,
        defaultValue: '2024-01',
        options: [
          { value: '2023-10', label: '2023-10' },
          { value: '2024-01', label: '2024-01' },
          { value: '2024-04', label: '2024-04' },
        ],
      }),
    ]),
  ];

  const connections: SimConnection[] = [
    {
      id: 3101,
      typeHandle: 'ftp',
      name: 'Harbor Supply inventory feed',
      values: {
        host: 'ftp.harborsupply.example',
        port: '21',
        username: 'harborhome',
        password: 'hunter2-ftp',
        path: '/outbound/inventory',
        passive: 'true',
      },
    },
    {
      id: 3102,
      typeHandle: 'shopify',
      name: 'Harbor Home Shopify',
      values: { shopDomain: 'harbor-home.myshopify.com', accessToken: 'shpat_sandbox', apiVersion: '2024-01' },
    },
    {
      id: 3103,
      typeHandle: 'sftp',
      name: 'Midwest 3PL EDI',
      values: { host: 'edi.midwest3pl.example', port: '22', username: 'hh_edi', password: null, privateKey: null },
    },
  ];

  // Inventory: source 101 (a wholesaler) is large enough to page and batch through.
  const parents: SimParent[] = [];
  const variants: SimVariant[] = [];
  let parentId = 600001;
  let variantId = 700001;
  const addParents = (sourceId: number, count: number, perParent: number, prefix: string) => {
    for (let p = 0; p < count; p++) {
      const [title, brand, [optionName, values]] = PRODUCTS[p % PRODUCTS.length];
      const series = Math.floor(p / PRODUCTS.length) + 1;
      const sku = `${prefix}-${String(p + 1).padStart(4, '0')}`;
      const pid = parentId++;
      const created = BASE + p * 7 * HOUR;
      parents.push({
        id: pid,
        sourceId,
        sku,
        title: series > 1 ? `${title} (Series ${series})` : title,
        description: `${title} by ${brand}.`,
        manufacturer: `${brand} Manufacturing`,
        brand,
        archived: p % 29 === 28,
        images: [{ url: `https://cdn.example.com/${sku.toLowerCase()}/main.jpg`, position: 1 }],
        options: [{ name: optionName, value: null }],
        attributes: [{ name: 'Material', value: p % 2 ? 'Recycled' : 'Standard' }],
        customFields: [{ name: 'season', value: ['SS24', 'FW24'][p % 2] }],
        categories: [['Kitchen', 'Outdoor', 'Apparel', 'Electronics'][p % 4]],
      });
      for (let v = 0; v < perParent; v++) {
        const cost = money(4 + rnd() * 60);
        const updated = created + int(1, 60) * DAY + int(0, 23) * HOUR;
        variants.push({
          id: variantId++,
          sourceId,
          inventoryParentId: pid,
          sku: `${sku}-${String(values[v]).replace(/\W+/g, '').toUpperCase()}`,
          masterSku: `M-${sku}-${v + 1}`,
          title: `${title} - ${values[v]}`,
          upc: String(811000000000 + variantId),
          ean: null,
          mpn: `${brand.slice(0, 3).toUpperCase()}${p}${v}`,
          asin: p % 3 === 0 ? `B0${String(variantId).slice(-8)}` : null,
          quantity: int(0, 250),
          cost,
          msrp: money(cost * 2.2),
          map: money(cost * 1.8),
          shippingCost: money(3 + rnd() * 8),
          weight: money(0.2 + rnd() * 4),
          weightUnit: 'lb',
          archived: false,
          images: [{ url: `https://cdn.example.com/${sku.toLowerCase()}/${v + 1}.jpg`, position: 1 }],
          options: [{ name: optionName, value: String(values[v]) }],
          customFields: [],
          insertedAt: iso(created),
          updatedAt: iso(updated),
        });
      }
    }
  };
  addParents(101, 55, 3, 'HS');
  addParents(102, 15, 2, 'MW');
  parents.push(structuredClone(CUSTOMER_LIKE.parent));
  variants.push(...structuredClone(CUSTOMER_LIKE.variants));

  // Orders from the sales channel, each split into one fulfillment request per source.
  const orders: SimOrder[] = [];
  const frs: SimFr[] = [];
  const shipments: SimShipment[] = [];
  let itemId = 650001;
  let frItemId = 660001;
  let frId = 990001;
  let shipmentId = 770001;
  for (let o = 0; o < 40; o++) {
    const id = 880001 + o;
    const orderedAt = BASE + 20 * DAY + o * 9 * HOUR;
    const lines = [0, 1, 2].slice(0, 1 + (o % 3)).map((k) => {
      const v = k === 2 ? variants[165 + ((o * 3 + k) % 30)] : variants[(o * 7 + k * 13) % 165];
      return { v, quantity: 1 + ((o + k) % 3) };
    });
    const orderItems: SimOrderItem[] = lines.map(({ v, quantity }) => ({
      id: itemId++,
      sku: v.sku,
      title: v.title ?? v.sku,
      quantity,
      price: money((v.msrp ?? 10) * 0.95),
      productVariantId: v.id,
      listingVariantId: null,
    }));
    const order: SimOrder = {
      id,
      channelId: 201,
      orderNumber: `SO-${10400 + o}`,
      referenceNumber: `#${5200 + o}`,
      orderTotal: money(orderItems.reduce((s, i) => s + i.price * i.quantity, 0) + 7.95),
      note: o % 6 === 0 ? 'Gift wrap, please.' : null,
      importedFrom: 'Shopify',
      orderedAt: iso(orderedAt),
      insertedAt: iso(orderedAt + 5 * 60_000),
      updatedAt: iso(orderedAt + 2 * HOUR),
      shippingText: 'Standard Shipping',
      orderStatus: ORDER_STATUSES[o % ORDER_STATUSES.length],
      acknowledgedStatus: 'Not Started',
      shippedStatus: 'Not Started',
      shippingAddress: address(o),
      billingAddress: address(o),
      orderItems,
    };
    orders.push(order);
    if (UNROUTED.includes(order.orderStatus)) continue;
    for (const sourceId of [101, 102]) {
      const mine = lines.map((l, k) => ({ ...l, item: orderItems[k] })).filter((l) => l.v.sourceId === sourceId);
      if (mine.length === 0) continue;
      const closed = order.orderStatus === 'Closed';
      const status =
        order.orderStatus === 'Canceled'
          ? 'Canceled'
          : closed
            ? 'Acknowledged'
            : OPEN_FR_STATUSES[frs.length % OPEN_FR_STATUSES.length];
      const acknowledged = status === 'Acknowledged';
      const sentAt = status === 'Unprocessed' ? null : orderedAt + 3 * HOUR;
      const fulfillmentStatus =
        status === 'Canceled' || status === 'Voided'
          ? 'Canceled'
          : closed
            ? 'Shipped'
            : acknowledged
              ? ['Partially Shipped', 'Awaiting Shipment', 'Shipped'][frs.length % 3]
              : 'Awaiting Shipment';
      const fr: SimFr = {
        id: frId++,
        fulfillmentRequestNumber: `${order.orderNumber}-${sourceId === 101 ? 'HS' : 'MW'}`,
        orderId: id,
        sourceId,
        status,
        fulfillmentStatus,
        isAcknowledged: acknowledged,
        invoiced: acknowledged && fulfillmentStatus === 'Shipped',
        sentAt: sentAt ? iso(sentAt) : null,
        acknowledgedAt: acknowledged ? iso(orderedAt + 6 * HOUR) : null,
        insertedAt: iso(orderedAt + 2 * HOUR),
        updatedAt: iso(orderedAt + (acknowledged ? 30 : 3) * HOUR),
        fulfillmentRequestItems: mine.map(({ v, quantity, item }) => ({
          id: frItemId++,
          sku: v.sku,
          title: v.title ?? v.sku,
          quantity,
          acknowledgedQuantity: acknowledged ? quantity : 0,
          secondaryAcknowledgedQuantity: 0,
          cancelledQuantity: status === 'Canceled' || status === 'Voided' ? quantity : 0,
          shippedQuantity: 0,
          cost: v.cost ?? 0,
          orderItemId: item.id,
          inventoryVariantId: v.id,
        })),
      };
      frs.push(fr);
      if (fulfillmentStatus === 'Shipped' || fulfillmentStatus === 'Partially Shipped') {
        const [carrier, method, trackUrl] = CARRIERS[shipments.length % CARRIERS.length];
        const items =
          fulfillmentStatus === 'Shipped' ? fr.fulfillmentRequestItems : fr.fulfillmentRequestItems.slice(0, 1);
        const partialQty =
          fulfillmentStatus === 'Partially Shipped' && items.length === fr.fulfillmentRequestItems.length;
        const shipped = orderedAt + 40 * HOUR;
        const trackingNumber = `${carrier === 'UPS' ? '1Z' : ''}${String(9400100000 + shipmentId)}`;
        const shipmentItems = items.map((i) => {
          const quantity = partialQty ? Math.max(1, i.quantity - 1) : i.quantity;
          i.shippedQuantity = quantity;
          return {
            sku: i.sku,
            quantity,
            fulfillmentRequestItemId: i.id,
            orderItemId: i.orderItemId,
            inventoryVariantId: i.inventoryVariantId,
          };
        });
        if (partialQty && shipmentItems.every((s, k) => s.quantity === fr.fulfillmentRequestItems[k].quantity))
          fr.fulfillmentStatus = 'Shipped';
        shipments.push({
          id: shipmentId++,
          trackingNumber,
          trackingUrl: `${trackUrl}${trackingNumber}`,
          carrier,
          method,
          shippedAt: iso(shipped),
          insertedAt: iso(shipped + 15 * 60_000),
          updatedAt: iso(shipped + HOUR),
          shippingCost: money(6 + (shipmentId % 5)),
          orderId: id,
          fulfillmentRequestId: fr.id,
          sourceId,
          partial: fr.fulfillmentStatus === 'Partially Shipped',
          suppressed: false,
          syncedToChannel: shipments.length % 5 !== 4,
          syncError: null,
          shipmentItems,
          customFields: [],
        });
      }
    }
    rollUp(order, frs);
  }

  // The reseller (dealer) channel's catalogue: snake_case with naive timestamps.
  const resellerParents: SimResellerParent[] = [];
  const resellerVariants: SimResellerVariant[] = [];
  for (let p = 0; p < 12; p++) {
    const [title, brand, [optionName, values]] = PRODUCTS[p % PRODUCTS.length];
    const parent = {
      id: 410001 + p,
      sku: `DLR-${String(p + 1).padStart(3, '0')}`,
      title,
      description: `${title} for dealer resale.`,
      brand,
    };
    resellerParents.push(parent);
    for (let v = 0; v < 3; v++) {
      const price = money(8 + rnd() * 70);
      const inserted = BASE + p * DAY + v * HOUR;
      resellerVariants.push({
        id: 420001 + p * 3 + v,
        account_id: 4821,
        channel_id: 202,
        reseller_product_parent_id: parent.id,
        sku: `${parent.sku}-${v + 1}`,
        price: price.toFixed(2),
        sale_price: v === 2 ? money(price * 0.9).toFixed(2) : null,
        msrp: money(price * 1.6).toFixed(2),
        map: money(price * 1.4).toFixed(2),
        quantity: int(0, 400),
        title: `${title} - ${values[v]}`,
        upc: String(822000000000 + p * 3 + v),
        inserted_at: naive(inserted),
        updated_at: naive(inserted + int(1, 80) * DAY),
        option_values: [{ name: optionName, value: String(values[v]) }],
        images: [{ url: `https://cdn.example.com/dealer/${parent.sku.toLowerCase()}-${v + 1}.jpg`, position: 1 }],
      });
    }
  }

  return {
    tokens,
    arrivals: new Map(),
    ratePerSecond: 2,
    rateLimited: 0,
    fieldNames: 'documented',
    account: {
      id: 4821,
      subdomain: 'harborhome',
      brandName: 'Harbor Home',
      companyName: 'Harbor Home Goods LLC',
      productPriceWorkflowEventId: 90112,
      defaultOrderRoutingGroupId: 5003,
      orderRoutingWorkflowEventId: 90117,
    },
    sources: [
      { id: 101, name: 'Harbor Supply Co.' },
      { id: 102, name: 'Midwest 3PL' },
    ],
    channels: [
      channel(201, 'Harbor Home Shopify', 'flxpoint.api.custom', BASE),
      channel(202, 'Dealer Network', 'flxpoint.api.dealers', BASE + DAY),
    ],
    connectionTypes,
    connections,
    parents,
    variants,
    orders,
    frs,
    shipments,
    resellerParents,
    resellerVariants,
    nextId: 1_000_001,
  };
}

function channel(id: number, name: string, channelType: string, at: number): SimChannel {
  return {
    id,
    name,
    description: null,
    channelType,
    primary: id === 201,
    paymentCollection: true,
    channelInvoiceDefaultStatus: 'Paid',
    pricingWorkflowEventId: null,
    listingStatusWorkflowEventId: null,
    autoGeneratePoOnImport: false,
    allowBackorder: false,
    inStoreOrder: false,
    insertedAt: new Date(at).toISOString(),
  };
}

/** An order's acknowledged/shipped progress, derived from its fulfillment requests. */
export function rollUp(order: SimOrder, frs: SimFr[]): void {
  const mine = frs.filter((f) => f.orderId === order.id && f.status !== 'Canceled' && f.status !== 'Voided');
  const progress = (done: number, partial: number) =>
    mine.length > 0 && done === mine.length ? 'Completed' : done + partial > 0 ? 'Partially Completed' : 'Not Started';
  order.acknowledgedStatus = progress(mine.filter((f) => f.isAcknowledged).length, 0);
  order.shippedStatus = progress(
    mine.filter((f) => f.fulfillmentStatus === 'Shipped').length,
    mine.filter((f) => f.fulfillmentStatus === 'Partially Shipped').length,
  );
}
