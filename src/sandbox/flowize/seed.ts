/**
 * The Flowize simulator's seeded data set: deterministic, so tests and benchmarks see the same
 * believable world on every start.
 */
import { prng } from '../random.js';

export interface SimFlow {
  id: number;
  name: string;
  description: string;
  version: number;
  status: 'draft' | 'public' | 'running' | 'paused' | 'inactive';
  diagram: unknown;
  versions: unknown;
  /** Last status change through the API. */
  modified?: Date;
}

export interface SimRecord {
  id: number;
  uuid: string;
  flowId: number;
  flowName: string;
  flowVersion: number;
  created: Date;
  started: Date | null;
  lastRun: Date | null;
  nextRun: Date | null;
  queueStatus: string;
  currentStep: { type: string; text: string };
  runs: number;
  /** 0 new/paused … 6 errors handled */
  status: number;
  data: unknown;
  /** Last write through the API (update, queue action, move); Last-Modified falls back to the run dates. */
  modified?: Date;
}

export interface SimTableRow {
  id: number;
  [column: string]: unknown;
}

/** A project hosted in an environment (GET /environment/{id}/projects). */
export interface SimEnvironmentProject {
  id: number;
  name: string;
  version: number;
  date_created: string;
  date_updated: string;
}

/** An environment of the organization; dates are wall-clock strings in its own `timezone`. */
export interface SimEnvironment {
  id: number;
  name: string;
  description: string;
  /** creating, updating, deleting, upgrading, ready, deleted, error or upgraded. */
  status: string;
  /** An async operation in progress: at `readyAt` (epoch ms) the status becomes `then` (computed on read). */
  readyAt?: number;
  then?: string;
  region: string;
  timezone: string;
  /** SS-A … SS-D */
  packageCode: string;
  softwareVersion: string;
  storageAddons: { storage: number; date_created: string }[];
  host: string;
  ip: string;
  date_created: string;
  date_updated: string;
  projects: SimEnvironmentProject[];
  stats: {
    status: string;
    current_storage: number;
    visits: number;
    records: number;
    batches: number;
    webhooks: number;
    tasks: number;
    avg_performance: number;
    peak_performance: number;
  };
  /** The installed SSL certificate as GET /environment/{id} describes it. */
  ssl_certificate?: Record<string, unknown>;
  /** URLs mapped to the websites and hosted pages of its projects (GET /environment/{id}/urls). */
  urls: { url: string; project_id: number; name: string; type: string; date_created: string; date_updated: string }[];
}

export interface FlowizeState {
  customerId: string;
  customerName: string;
  tokenTtlSeconds: number;
  tokens: Map<string, { expiresAt: number }>;
  refreshTokens: Set<string>;
  counters: { logins: number; refreshes: number };
  blockedIp: boolean;
  flows: SimFlow[];
  records: SimRecord[];
  nextRecordId: number;
  schema?: { schema: string; data_record: string; url: string; creation_date: string; modified_date: string };
  tables: Record<string, { nextId: number; rows: SimTableRow[] }>;
  keystores: Record<string, { template: unknown; entries: Map<string, unknown> }>;
  environments: SimEnvironment[];
  nextEnvironmentId: number;
  /**
   * How long an asynchronous environment operation (create, upgrade, update-version, optimize,
   * delete) takes; tests make it endless and end it with the `finishEnvironmentOperations` action.
   */
  environmentOperationMs: number;
  webhooks: Record<string, { flowName: string; received: unknown[] }>;
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const FLOWS = [
  ['customer-onboarding', 'Validates new customers and opens their accounts'],
  ['invoice-reminders', 'Sends payment reminders for overdue invoices'],
  ['address-verification', 'Checks postcodes and house numbers against the registry'],
  ['payment-collection', 'Collects direct debits and reconciles bank statements'],
  ['dossier-archiving', 'Archives closed dossiers to long-term storage'],
] as const;

/**
 * Flows named outside Latin-1 (Polish, Greek, Japanese, an emoji): their names travel in X-Flow as
 * UTF-8 bytes. They start without records (the seeded records, and the counts tests rely on, are
 * the five flows' above); records created in them are searchable by their name.
 */
const UNICODE_FLOWS = [
  ['obsługa-zamówień', 'Przyjmuje zamówienia i sprawdza płatności'],
  ['έλεγχος-τιμολογίων', 'Ελέγχει τα τιμολόγια πριν από την πληρωμή'],
  ['請求書処理', '請求書を確認して支払いを予約します'],
  ['🚀 launch-checklist', 'Runs the launch checklist 🚀 before go-live'],
] as const;

/**
 * Customer-like records in the non-Latin flows (issue 14): Unicode and emoji values, nulls,
 * numeric strings with leading zeros, a numeric-key object, a leap day and a 2,000-character
 * note. Appended after the 300 generated records (created before them, so "newest first" holds).
 */
export const CUSTOMER_LIKE_RECORDS = [
  {
    id: 4990,
    uuid: 'c0ffee00-0000-4000-a000-00000000d001',
    flowName: 'obsługa-zamówień',
    created: '2023-12-31T22:15:00Z',
    nextRun: '2024-02-29T09:30:00Z',
    data: {
      name: 'Zażółć gęślą jaźń 🛒',
      city: 'Łódź',
      postcode: '00-950',
      customer_number: '000123',
      amount: '1234.50',
      delivery_date: '2024-02-29',
      discount: null,
      lines: { '1': { sku: '0042', qty: '2' }, '2': { sku: '0043', qty: '10' } },
      note: 'Ł'.repeat(1000) + '🚚'.repeat(500),
    },
  },
  {
    id: 4991,
    uuid: 'c0ffee00-0000-4000-a000-00000000d002',
    flowName: 'έλεγχος-τιμολογίων',
    created: '2023-12-31T21:00:00Z',
    nextRun: null,
    data: { name: 'Παπαδόπουλος Α.Ε. 🧾', city: 'Θεσσαλονίκη', invoice: '0000731', vat: null, issued: '2024-02-29' },
  },
  {
    id: 4992,
    uuid: 'c0ffee00-0000-4000-a000-00000000d003',
    flowName: '請求書処理',
    created: '2023-12-31T20:00:00Z',
    nextRun: null,
    data: {
      name: '株式会社さくら 🌸',
      city: '東京都',
      postcode: '100-0001',
      amount: '１２００',
      due: '2024-02-29',
      memo: null,
    },
  },
  {
    id: 4993,
    uuid: 'c0ffee00-0000-4000-a000-00000000d004',
    flowName: '🚀 launch-checklist',
    created: '2023-12-31T19:00:00Z',
    nextRun: null,
    data: {
      name: 'شركة النخيل 🌴',
      city: 'الرياض',
      phone: '0501234567',
      owner: null,
      steps: { '10': 'تم', '2': '✅' },
    },
  },
] as const;

const NAMES = [
  'Jansen',
  'de Vries',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
];
const CITIES = ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg'];
const STEPS = [
  { type: 'start', text: 'start' },
  { type: 'action', text: 'validate input' },
  { type: 'action', text: 'call registry' },
  { type: 'decision', text: 'check result' },
  { type: 'end', text: 'end' },
];

export function seedFlowize(): FlowizeState {
  const rand = prng(20240503);
  const base = Date.UTC(2024, 0, 1);
  const flows: SimFlow[] = FLOWS.map(([name, description], i) => ({
    id: 101 + i,
    name,
    description,
    version: 1 + (i % 3),
    status: i === 4 ? 'paused' : 'running',
    diagram: { steps: STEPS.map((s) => s.text), version: 1 + (i % 3) },
    versions: Array.from({ length: 1 + (i % 3) }, (_, v) => ({
      version: v + 1,
      published: `2023-0${v + 1}-15 09:00:00`,
    })),
  }));
  const seededFlows = flows.length;
  flows.push(
    ...UNICODE_FLOWS.map(([name, description], i): SimFlow => ({
      id: 101 + seededFlows + i,
      name,
      description,
      version: 1,
      status: 'running',
      diagram: { steps: STEPS.map((s) => s.text), version: 1 },
      versions: [{ version: 1, published: '2023-01-15 09:00:00' }],
    })),
  );
  const records: SimRecord[] = [];
  for (let i = 0; i < 300; i++) {
    const flow = flows[i % seededFlows];
    const status = i % 7;
    const created = new Date(base + Math.floor(i * 3.7 * 3600_000));
    const started =
      status === 0 || status === 4 ? null : new Date(created.getTime() + 60_000 * (1 + Math.floor(rand() * 30)));
    const name = NAMES[Math.floor(rand() * NAMES.length)];
    records.push({
      id: 5000 + i,
      uuid: uuidFrom(rand),
      flowId: flow.id,
      flowName: flow.name,
      flowVersion: flow.version,
      created,
      started,
      lastRun: started ? new Date(started.getTime() + 3600_000) : null,
      nextRun: status === 4 ? new Date(created.getTime() + 86_400_000) : null,
      queueStatus: status === 0 ? 'paused' : '',
      currentStep: status === 2 || status === 3 ? STEPS[4] : STEPS[Math.floor(rand() * 4)],
      runs: started ? 1 + Math.floor(rand() * 3) : 0,
      status,
      data: {
        name,
        city: CITIES[i % CITIES.length],
        postcode: `${1000 + Math.floor(rand() * 8999)}AB`,
        house_number: String(1 + Math.floor(rand() * 200)),
        customer_number: `C-${10000 + i}`,
        amount: Math.round(rand() * 100000) / 100,
      },
    });
  }
  records.reverse(); // newest first, as Flowize lists them
  for (const c of CUSTOMER_LIKE_RECORDS) {
    const flow = flows.find((f) => f.name === c.flowName)!;
    records.push({
      id: c.id,
      uuid: c.uuid,
      flowId: flow.id,
      flowName: flow.name,
      flowVersion: flow.version,
      created: new Date(c.created),
      started: null,
      lastRun: null,
      nextRun: c.nextRun ? new Date(c.nextRun) : null,
      queueStatus: c.nextRun ? '' : 'paused',
      currentStep: STEPS[0],
      runs: 0,
      status: c.nextRun ? 4 : 0,
      data: structuredClone(c.data) as unknown,
    });
  }

  const customers = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    name: `${NAMES[i % NAMES.length]} ${i + 1}`,
    email: `customer${i + 1}@example.nl`,
    city: CITIES[i % CITIES.length],
    credit_limit: 500 + (i % 10) * 250,
    active: i % 5 !== 0 ? 1 : 0,
    created_at: new Date(base + i * 86_400_000).toISOString().replace('T', ' ').slice(0, 19),
  }));
  const orders = Array.from({ length: 120 }, (_, i) => ({
    id: i + 1,
    customer_id: 1 + ((i * 7) % 300),
    reference: `ORD-${2024_0000 + i}`,
    total: Math.round((10 + i * 3.3) * 100) / 100,
    status: ['open', 'paid', 'shipped', 'cancelled'][i % 4],
  }));

  const environments: SimEnvironment[] = [
    {
      id: 1,
      name: 'production',
      description: 'Production environment',
      status: 'ready',
      region: 'amsterdam',
      timezone: 'Europe/Amsterdam',
      packageCode: 'SS-B',
      softwareVersion: 'v.8.3.0',
      storageAddons: [{ storage: 100, date_created: '2023-09-12 14:20:00' }],
      host: 'acme-prod-7c1e',
      ip: '203.0.113.21',
      date_created: '2022-03-01 10:00:00',
      date_updated: '2024-04-18 09:15:00',
      projects: [
        {
          id: 11,
          name: 'Customer portal',
          version: 2,
          date_created: '2022-03-02 12:00:00',
          date_updated: '2023-05-02 12:00:00',
        },
        {
          id: 12,
          name: 'Billing',
          version: 5,
          date_created: '2022-06-10 08:30:00',
          date_updated: '2024-02-01 17:05:00',
        },
      ],
      stats: {
        status: 'OBSERVE',
        current_storage: 41.2764,
        visits: 18230,
        records: 112408,
        batches: 314,
        webhooks: 5120,
        tasks: 96,
        avg_performance: 70.3117,
        peak_performance: 88.4,
      },
      urls: [
        {
          url: '/portal/',
          project_id: 11,
          name: 'customer-portal',
          type: 'website',
          date_created: '2023-05-02 12:10:00',
          date_updated: '2024-01-10 09:00:00',
        },
        {
          url: '/pay/',
          project_id: 12,
          name: 'Payment page',
          type: 'hostedpage',
          date_created: '2022-06-10 09:00:00',
          date_updated: '2022-06-10 09:00:00',
        },
      ],
      ssl_certificate: {
        name: '/CN=portal.acme-finance.example',
        subject: {
          serial_number: null,
          email_address: null,
          common_name: 'portal.acme-finance.example',
          organization_name: null,
          organizational_unit_name: null,
          locality_name: null,
          state_province_name: null,
          country_name: null,
        },
        hash: 'b128c3f7',
        issuer: {
          country_name: 'US',
          state_province_name: null,
          organization_name: "Let's Encrypt",
          organizational_unit_name: null,
          common_name: 'R3',
          email_address: null,
        },
        version: 2,
        serial_number: '0x031D48DED368727DA88D9B7FB85432B8699C3',
        valid_from: 1714000000,
        valid_to: 1721776000,
        signature_type_SN: 'RSA-SHA256',
        signature_type_LN: 'sha256WithRSAEncryption',
        signature_type_NID: 668,
        purposes: {
          '1': [true, false, 'SSL client'],
          '2': [true, false, 'SSL server'],
          '7': [true, true, 'Any Purpose'],
        },
      },
    },
    {
      id: 2,
      name: 'staging',
      description: 'Acceptance testing',
      status: 'ready',
      region: 'toronto',
      timezone: 'America/Toronto',
      packageCode: 'SS-A',
      softwareVersion: 'v.8.4.1',
      storageAddons: [],
      host: 'acme-stag-93ab',
      ip: '203.0.113.54',
      date_created: '2023-01-15 09:00:00',
      date_updated: '2024-01-08 16:45:00',
      projects: [
        {
          id: 11,
          name: 'Customer portal',
          version: 3,
          date_created: '2023-01-16 10:00:00',
          date_updated: '2024-01-08 16:45:00',
        },
      ],
      stats: {
        status: 'OBSERVE',
        current_storage: 3.1187,
        visits: 402,
        records: 2210,
        batches: 12,
        webhooks: 88,
        tasks: 14,
        avg_performance: 41.9,
        peak_performance: 57.25,
      },
      urls: [],
    },
  ];

  return {
    customerId: 'cust-7731',
    customerName: 'Acme Finance B.V.',
    tokenTtlSeconds: 3600,
    tokens: new Map(),
    refreshTokens: new Set(),
    counters: { logins: 0, refreshes: 0 },
    blockedIp: false,
    flows,
    records,
    nextRecordId: 9000,
    tables: {
      customers: { nextId: customers.length + 1, rows: customers },
      orders: { nextId: orders.length + 1, rows: orders },
    },
    keystores: {
      weather: {
        template: { temperature: null, condition: '', updated: '' },
        entries: new Map<string, unknown>([
          [
            'london',
            {
              temperature: 12,
              condition: 'rain',
              updated: '2024-05-03 11:00:00',
              forecast: { tomorrow: { temperature: 14 } },
            },
          ],
          [
            'amsterdam',
            {
              temperature: 15,
              condition: 'cloudy',
              updated: '2024-05-03 11:00:00',
              forecast: { tomorrow: { temperature: 16 } },
            },
          ],
          [
            'madrid',
            {
              temperature: 27,
              condition: 'sunny',
              updated: '2024-05-03 11:00:00',
              forecast: { tomorrow: { temperature: 29 } },
            },
          ],
        ]),
      },
      settings: {
        template: {},
        entries: new Map<string, unknown>([
          ['mail', { sender: 'noreply@example.nl', retries: 3 }],
          ['sms', { sender: 'ACME', enabled: false }],
        ]),
      },
    },
    environments,
    nextEnvironmentId: 3,
    environmentOperationMs: 300,
    webhooks: { 'lead-intake': { flowName: 'customer-onboarding', received: [] } },
  };
}
