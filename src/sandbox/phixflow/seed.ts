/**
 * The PhixFlow simulator's actionflows and seeded data: customers, a price list, recorded orders
 * and background processes. One fast endpoint (Customer Lookup), one slow (Revenue Report), one
 * that fails on bad input (Validate Order), one asynchronous (Bulk Import, by URL alias) and an
 * anonymous v10-style Ping.
 */

export const SANDBOX_API_KEY = 'sandbox-phixflow-api-key-0000000000000000';

export interface SimOutcome {
  status: 'Success' | 'Fail';
  message: string;
  data?: unknown;
}

export interface SimActionflow {
  application?: string;
  name: string;
  alias?: string;
  anonymous: boolean;
  mode: 'wait' | 'poll';
  methods: string[];
  /** How long the actionflow runs (wait mode). */
  durationMs(state: PhixflowState): number;
  run(input: unknown, state: PhixflowState): SimOutcome;
}

/** A customer as Customer Lookup returns it: the core fields plus whatever the tenant stores. */
export type PhixflowCustomer = {
  id: string;
  name: string;
  email: string | null;
  tier: string;
  balance: number;
} & Record<string, unknown>;

export interface PhixflowState {
  apiKey: string;
  /** The header the instance expects the token in (lower case). */
  authHeader: string;
  customers: PhixflowCustomer[];
  prices: Record<string, number>;
  orders: { orderId: string; sku: string; quantity: number; total: number }[];
  imported: unknown[];
  processes: Map<string, { endpoint: string; doneAt: number; result: SimOutcome }>;
  nextProcessId: number;
  /** Revenue Report's running time. */
  slowMs: number;
  /** How long a Bulk Import process runs. */
  asyncMs: number;
  /** Every trigger the instance accepted, in order. */
  calls: { endpoint: string; input: unknown }[];
}

function object(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

/** An actionflow with PhixFlow's usual settings (token required, wait mode, POST) unless it says otherwise. */
function actionflow(
  settings: Pick<SimActionflow, 'name' | 'durationMs' | 'run'> & Partial<SimActionflow>,
): SimActionflow {
  return { anonymous: false, mode: 'wait', methods: ['POST'], ...settings };
}

export const ACTIONFLOWS: SimActionflow[] = [
  actionflow({
    application: 'Sales Hub',
    name: 'Customer Lookup',
    durationMs: () => 5,
    run(input, state) {
      const id = object(input).customerId;
      if (typeof id !== 'string' || !id) return { status: 'Fail', message: 'customerId is required' };
      const customer = state.customers.find((c) => c.id === id);
      if (!customer) return { status: 'Fail', message: `No customer with id ${id}` };
      return { status: 'Success', message: 'Customer found', data: { Customer: customer } };
    },
  }),
  actionflow({
    application: 'Sales Hub',
    name: 'Revenue Report',
    durationMs: (state) => state.slowMs,
    run(input, state) {
      const period =
        typeof object(input).period === 'string'
          ? (object(input).period as string)
          : new Date().toISOString().slice(0, 7);
      if (!/^\d{4}-\d{2}$/.test(period)) return { status: 'Fail', message: 'period must look like YYYY-MM' };
      const lines = ['EMEA', 'AMER', 'APAC'].map((region, i) => ({
        region,
        total: Math.round(state.orders.reduce((t, o) => t + o.total, 0) / 3 + 10_000 * (i + 1)),
      }));
      return {
        status: 'Success',
        message: 'Report ready',
        data: { Report: { period, currency: 'GBP', total: lines.reduce((t, l) => t + l.total, 0), lines } },
      };
    },
  }),
  actionflow({
    application: 'Sales Hub',
    name: 'Validate Order',
    durationMs: () => 10,
    run(input, state) {
      const order = object(input);
      const orderId = typeof order.orderId === 'string' ? order.orderId : '(no id)';
      if (typeof order.sku !== 'string' || !(order.sku in state.prices))
        return { status: 'Fail', message: `Order ${orderId}: unknown SKU ${String(order.sku ?? '(none)')}` };
      if (typeof order.quantity !== 'number' || !Number.isInteger(order.quantity) || order.quantity <= 0) {
        return { status: 'Fail', message: `Order ${orderId}: quantity must be a positive integer` };
      }
      const accepted = {
        orderId,
        sku: order.sku,
        quantity: order.quantity,
        total: Math.round(state.prices[order.sku] * order.quantity * 100) / 100,
      };
      state.orders.push(accepted);
      return { status: 'Success', message: `Order ${orderId} accepted`, data: { Order: accepted } };
    },
  }),
  actionflow({
    application: 'Data Hub',
    name: 'Bulk Import',
    alias: 'bulk-import',
    mode: 'poll',
    durationMs: () => 0,
    run(input, state) {
      const records = object(input).records;
      if (!Array.isArray(records) || records.length === 0)
        return { status: 'Fail', message: 'Nothing to import: records is empty' };
      const valid = records.filter((r) => r && typeof r === 'object');
      state.imported.push(...valid);
      return {
        status: 'Success',
        message: `Imported ${valid.length} records`,
        data: { Result: { imported: valid.length, skipped: records.length - valid.length } },
      };
    },
  }),
  actionflow({
    name: 'Ping',
    anonymous: true,
    methods: ['POST', 'GET'],
    durationMs: () => 0,
    run: () => ({ status: 'Success', message: 'pong', data: { pong: true } }),
  }),
];

/**
 * Customer-like records (issue 14) that Customer Lookup returns as stored: Polish, Greek, Japanese
 * and Arabic names with emoji, numeric-string ids and account numbers with leading zeros, null
 * email and notes, a numeric-key contacts object, a leap-day date and a 2,000-character note.
 */
export const CUSTOMER_LIKE: PhixflowCustomer[] = [
  {
    id: '000731',
    name: 'Przedsiębiorstwo Łódzkie Sp. z o.o. 🏭',
    email: 'biuro@łódź.example',
    tier: 'gold',
    balance: 0,
    accountNumber: '0012345678',
    since: '2024-02-29',
    contacts: { '1': { name: 'Żaneta Wróbel', phone: '+48 042 000 00 00' }, '2': { name: 'Jerzy Ćwik', phone: null } },
    notes: 'Zamówienia tylko w dni robocze. '.repeat(64).slice(0, 2000),
  },
  {
    id: '0042',
    name: 'Ελληνικά Τρόφιμα Α.Ε. 🫒',
    email: null,
    tier: 'silver',
    balance: -12.5,
    accountNumber: '0000000042',
    since: '2024-02-29',
    contacts: {},
    notes: null,
  },
  {
    id: 'C-日本-1',
    name: '株式会社さくら商事 🌸',
    email: 'info@sakura.example',
    tier: 'bronze',
    balance: 1200,
    accountNumber: '０１２００',
    since: '2020-02-29',
    contacts: { '10': { name: '佐藤 花子', phone: '03-0000-0000' } },
    notes: '請求書は月末締め',
  },
  {
    id: 'C-عربي-1',
    name: 'شركة النخيل للتجارة 🌴',
    email: 'sales@nakheel.example',
    tier: 'gold',
    balance: 99999.99,
    accountNumber: '٠١٢٣٤',
    since: '2024-02-29',
    contacts: { '1': { name: 'فاطمة الزهراء', phone: null } },
    notes: null,
  },
];

/** Fresh seeded state. */
export function seedPhixflow(): PhixflowState {
  const names = [
    'Acme Ltd',
    'Globex',
    'Initech',
    'Umbrella plc',
    'Hooli',
    'Stark Industries',
    'Wayne Enterprises',
    'Wonka Foods',
    'Tyrell Corp',
    'Cyberdyne',
    'Soylent',
    'Vandelay Imports',
  ];
  return {
    apiKey: SANDBOX_API_KEY,
    authHeader: 'authorization',
    customers: names
      .map((name, i): PhixflowCustomer => ({
        id: `C-${1001 + i}`,
        name,
        email: `accounts@${name.toLowerCase().replace(/[^a-z]+/g, '')}.test`,
        tier: ['gold', 'silver', 'bronze'][i % 3],
        balance: Math.round((1500 + i * 733.25) * 100) / 100,
      }))
      .concat(structuredClone(CUSTOMER_LIKE)),
    prices: { 'SKU-100': 19.99, 'SKU-200': 4.5, 'SKU-300': 129, 'SKU-400': 0.99 },
    orders: [
      { orderId: 'SO-9001', sku: 'SKU-100', quantity: 3, total: 59.97 },
      { orderId: 'SO-9002', sku: 'SKU-300', quantity: 1, total: 129 },
    ],
    imported: [],
    processes: new Map(),
    nextProcessId: 48_210,
    slowMs: 1_500,
    asyncMs: 600,
    calls: [],
  };
}
