/**
 * The Appmixer simulator's seeded data set: users, flows in both stages with components, a week of
 * run logs, connected accounts, apps with their components, people tasks, data stores, unprocessed
 * messages and files. Deterministic (a seeded PRNG); times are relative to the moment of seeding.
 */
import { createHash } from 'node:crypto';
import { prng } from '../random.js';

export interface SimUser {
  id: string;
  username: string;
  email: string;
  password: string;
  scope: string[];
  plan: string;
  isActive: boolean;
}

export interface SimComponent {
  type: string;
  label: string;
  source: Record<string, Record<string, string[]>>;
  x: number;
  y: number;
  config: Record<string, unknown>;
}

export interface SimFlow {
  flowId: string;
  userId: string;
  name: string;
  stage: 'running' | 'stopped';
  btime: string;
  mtime: string;
  sharedWith: { email: string; permissions: string[] }[];
  customFields: Record<string, unknown>;
  thumbnail: string;
  flow: Record<string, SimComponent>;
}

export interface SimLog {
  _id: string;
  _index: string;
  _source: {
    severity: 'info' | 'error';
    gridTimestamp: string;
    flowId: string;
    userId: string;
    componentId: string;
    componentType: string;
    portType: 'in' | 'out';
    port: string;
    correlationId: string;
    flowRunId: string;
    msg: unknown;
  };
}

export interface SimAccount {
  accountId: string;
  name: string;
  displayName: string;
  service: string;
  userId: string;
  profileInfo: Record<string, unknown>;
  icon: string;
  label: string;
}

export interface SimApp {
  name: string;
  label: string;
  category: string;
  description: string;
  icon: string;
  /** Hidden from non-admin users by the ACL. */
  restricted: boolean;
  components: {
    name: string;
    label: string;
    description: string;
    icon: string;
    auth?: unknown;
    inPorts: unknown[];
    outPorts: unknown[];
    properties: unknown;
  }[];
}

export interface SimTask {
  id: string;
  title: string;
  description: string;
  requester: string;
  approver: string;
  decisionBy: string;
  decisionMade?: string;
  status: 'pending' | 'approved' | 'rejected';
  public: boolean;
  created: string;
  mtime: string;
}

export interface SimStore {
  storeId: string;
  name: string;
  userId: string;
}

export interface SimStoreRecord {
  key: string;
  value: unknown;
  storeId: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimUnprocessed {
  messageId: string;
  flowId: string;
  componentId: string;
  userId: string;
  messages: Record<
    string,
    { properties: Record<string, unknown>; content: unknown; scope: unknown; originalContent: unknown }[]
  >;
  created: string;
  err: string;
}

export interface SimFile {
  fileId: string;
  filename: string;
  contentType: string;
  length: number;
  chunkSize: number;
  uploadDate: string;
  md5: string;
  metadata: { userId: string; isSourceFile?: boolean };
}

export interface AppmixerState {
  users: SimUser[];
  /** Issued tokens by jti-less token string: who, and until when (epoch seconds). */
  tokens: Map<string, { userId: string; exp: number }>;
  tokenTtlSeconds: number;
  flows: SimFlow[];
  logs: SimLog[];
  /**
   * How GET /logs sends its hits: Elasticsearch hits (`_id`, `_source`, `sort`), or flat (the
   * fields at the top level, no `sort`) as other Appmixer versions do. The docs show neither.
   */
  logShape: 'elasticsearch' | 'flat';
  accounts: SimAccount[];
  apps: SimApp[];
  tasks: SimTask[];
  stores: SimStore[];
  records: SimStoreRecord[];
  unprocessed: SimUnprocessed[];
  files: SimFile[];
  /** Messages put back into the engine by a retry. */
  requeued: string[];
  counters: { logins: number; ids: number };
}

/** The user the gateway signs in as in sandbox mode, and the others in the tenant. */
export const SANDBOX_USERS = {
  gateway: { username: 'gateway@sandbox.appmixer.test', password: 'sandbox-appmixer-pass-0000' },
  admin: { username: 'admin@sandbox.appmixer.test', password: 'sandbox-appmixer-admin-0000' },
};

/** Access tokens live 30 days, as the vendor's example token does. */
export const TOKEN_TTL_S = 30 * 24 * 3600;

/** A Mongo-like 24-hex id derived from a label (stable across seeds). */
export function objectId(label: string): string {
  return createHash('sha1').update(label).digest('hex').slice(0, 24);
}

/** A uuid-shaped id derived from a label. */
export function uuidFrom(label: string): string {
  const h = createHash('sha1').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Customer-like data-store records (issue 14) in the "Slack mentions" store: Polish, Greek,
 * Japanese and Arabic text with emoji, a null value and null fields, numeric strings, a numeric-key
 * object and a 2,000-character message. Written on the leap day 2024-02-29, so they sort after the
 * seeded mentions (which are relative to now).
 */
export const CUSTOMER_LIKE_STORE_RECORDS: { key: string; value: unknown; createdAt: string; updatedAt: string }[] = [
  {
    key: 'wzmianka-łódź-🚀',
    value: {
      channel: '#sprzedaż',
      user: 'Żaneta Wróbel',
      text: 'Zamówienie nr 000123 gotowe 🎉',
      ts: '1709164800.000100',
      thread: null,
    },
    createdAt: '2024-02-29T08:00:00.000Z',
    updatedAt: '2024-02-29T23:59:59.000Z',
  },
  {
    key: 'αναφορά-1',
    value: {
      channel: '#λογιστήριο',
      user: 'Νίκος Παπαδόπουλος',
      text: 'Τιμολόγιο 🧾 εγκρίθηκε',
      reactions: { '1': '👍', '2': '✅', '10': '🔥' },
    },
    createdAt: '2024-02-29T07:00:00.000Z',
    updatedAt: '2024-02-29T22:00:00.000Z',
  },
  {
    key: '言及-2',
    value: {
      channel: '#営業',
      user: '佐藤 花子',
      text: '請求書をご確認ください 🌸',
      due: '2024-02-29',
      amount: '０１２００',
    },
    createdAt: '2024-02-29T06:00:00.000Z',
    updatedAt: '2024-02-29T21:00:00.000Z',
  },
  {
    key: 'إشارة-3',
    value: { channel: '#المبيعات', user: 'فاطمة الزهراء', text: 'تم شحن الطلب 📦', phone: '0501234567' },
    createdAt: '2024-02-29T05:00:00.000Z',
    updatedAt: '2024-02-29T20:00:00.000Z',
  },
  { key: 'null-value', value: null, createdAt: '2024-02-29T04:00:00.000Z', updatedAt: '2024-02-29T19:00:00.000Z' },
  {
    key: 'long-message',
    value: { channel: '#eng', text: 'Zażółć gęślą jaźń — '.repeat(100) },
    createdAt: '2024-02-29T03:00:00.000Z',
    updatedAt: '2024-02-29T18:00:00.000Z',
  },
];

const ICON = 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=';

/** Output fields each component type offers to the components it links to. */
export const OUTPUT_FIELDS: Record<string, string[]> = {
  'appmixer.utils.controls.OnStart': ['started'],
  'appmixer.utils.timers.Timer': ['now', 'elapsed'],
  'appmixer.utils.http.Webhook': ['method', 'headers', 'body', 'query'],
  'appmixer.slack.list.NewChannelMessageRT': ['text', 'user', 'channel', 'ts'],
  'appmixer.google.gmail.NewEmail': ['id', 'from', 'subject', 'snippet'],
  'appmixer.salesforce.crm.NewObject': ['Id', 'Name', 'Email', 'Company'],
  'appmixer.utils.email.SendEmail': ['messageId'],
  'appmixer.slack.list.SendChannelMessage': ['ts', 'channel'],
  'appmixer.utils.storage.Set': ['key', 'value'],
  'appmixer.twilio.sms.SendSMS': ['sid', 'status'],
  'appmixer.utils.controls.Condition': ['true', 'false'],
  'appmixer.utils.tasks.RequestApproval': ['status', 'decisionBy'],
};

const FLOW_TEMPLATES: { name: string; category: string; chain: [string, string][] }[] = [
  {
    name: 'New Salesforce lead to Slack',
    category: 'sales',
    chain: [
      ['appmixer.salesforce.crm.NewObject', 'New lead'],
      ['appmixer.slack.list.SendChannelMessage', 'Post to #sales'],
    ],
  },
  {
    name: 'Gmail invoices to data store',
    category: 'finance',
    chain: [
      ['appmixer.google.gmail.NewEmail', 'New invoice email'],
      ['appmixer.utils.controls.Condition', 'Has attachment?'],
      ['appmixer.utils.storage.Set', 'Save invoice'],
    ],
  },
  {
    name: 'Daily standup reminder',
    category: 'team',
    chain: [
      ['appmixer.utils.timers.Timer', 'Every weekday 9:00'],
      ['appmixer.slack.list.SendChannelMessage', 'Remind #eng'],
    ],
  },
  {
    name: 'Webhook order to SMS',
    category: 'commerce',
    chain: [
      ['appmixer.utils.http.Webhook', 'Order webhook'],
      ['appmixer.twilio.sms.SendSMS', 'Text the customer'],
    ],
  },
  {
    name: 'Expense approval',
    category: 'finance',
    chain: [
      ['appmixer.utils.http.Webhook', 'Expense submitted'],
      ['appmixer.utils.tasks.RequestApproval', 'Manager approval'],
      ['appmixer.utils.email.SendEmail', 'Notify submitter'],
    ],
  },
  {
    name: 'Slack mentions digest',
    category: 'team',
    chain: [
      ['appmixer.slack.list.NewChannelMessageRT', 'New message'],
      ['appmixer.utils.storage.Set', 'Collect mention'],
      ['appmixer.utils.email.SendEmail', 'Send digest'],
    ],
  },
  {
    name: 'Lead scoring',
    category: 'sales',
    chain: [
      ['appmixer.salesforce.crm.NewObject', 'New lead'],
      ['appmixer.utils.controls.Condition', 'Enterprise?'],
      ['appmixer.slack.list.SendChannelMessage', 'Alert AE'],
    ],
  },
  {
    name: 'Support email triage',
    category: 'support',
    chain: [
      ['appmixer.google.gmail.NewEmail', 'Support inbox'],
      ['appmixer.utils.controls.Condition', 'Urgent?'],
      ['appmixer.twilio.sms.SendSMS', 'Page on-call'],
    ],
  },
  {
    name: 'Onboarding welcome',
    category: 'hr',
    chain: [
      ['appmixer.utils.controls.OnStart', 'On start'],
      ['appmixer.utils.email.SendEmail', 'Welcome email'],
    ],
  },
  {
    name: 'Inventory low alert',
    category: 'commerce',
    chain: [
      ['appmixer.utils.timers.Timer', 'Hourly'],
      ['appmixer.utils.controls.Condition', 'Below threshold?'],
      ['appmixer.slack.list.SendChannelMessage', 'Alert #ops'],
    ],
  },
  {
    name: 'Weekly KPI email',
    category: 'finance',
    chain: [
      ['appmixer.utils.timers.Timer', 'Mondays 8:00'],
      ['appmixer.utils.email.SendEmail', 'KPI report'],
    ],
  },
  { name: 'Draft: CRM sync', category: 'sales', chain: [] },
];

function descriptor(chain: [string, string][], prefix: string): Record<string, SimComponent> {
  const out: Record<string, SimComponent> = {};
  let previous: string | undefined;
  chain.forEach(([type, label], i) => {
    const id = uuidFrom(`${prefix}:component:${i}`);
    out[id] = {
      type,
      label,
      // A condition's "true" port feeds the next step; every other component links from "out".
      source: previous
        ? { in: { [previous]: [out[previous].type === 'appmixer.utils.controls.Condition' ? 'true' : 'out'] } }
        : {},
      x: 120 + i * 220,
      y: 90 + (i % 2) * 40,
      config: { transform: {} },
    };
    previous = id;
  });
  return out;
}

/** A seeded flow of a user other than the gateway's, its times in days before the seed. */
type OtherFlow = [
  key: string,
  owner: SimUser,
  name: string,
  stage: SimFlow['stage'],
  createdDaysAgo: number,
  changedDaysAgo: number,
  sharedWith: SimFlow['sharedWith'],
  customFields: Record<string, unknown>,
  template: number,
];

/** Fresh seeded state. */
export function seedAppmixer(): AppmixerState {
  const rand = prng(20240501);
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const hours = (h: number) => h * 3_600_000;

  const users: SimUser[] = (
    [
      ['gateway', SANDBOX_USERS.gateway.username, SANDBOX_USERS.gateway.password, ['user'], 'pro'],
      ['admin', SANDBOX_USERS.admin.username, SANDBOX_USERS.admin.password, ['user', 'admin'], 'enterprise'],
      ['alice', 'alice@acme.test', 'alice-secret-1', ['user'], 'pro'],
    ] as const
  ).map(([key, username, password, scope, plan]) => ({
    id: objectId(`user:${key}`),
    username,
    email: username,
    password,
    scope: [...scope],
    plan,
    isActive: true,
  }));
  const [me, admin, alice] = users;

  /** A flow whose ids derive from `flow:<key>`, created and last changed at the given times. */
  const seedFlow = (
    key: string,
    owner: SimUser,
    name: string,
    stage: SimFlow['stage'],
    [created, changed]: [number, number],
    sharedWith: SimFlow['sharedWith'],
    customFields: Record<string, unknown>,
    chain: [string, string][],
  ): SimFlow => ({
    flowId: uuidFrom(`flow:${key}`),
    userId: owner.id,
    name,
    stage,
    btime: iso(created),
    mtime: iso(changed),
    sharedWith,
    customFields,
    thumbnail: ICON,
    flow: descriptor(chain, `flow:${key}`),
  });

  const flows: SimFlow[] = FLOW_TEMPLATES.map((t, i) => {
    const created = now - hours(24 * (40 - i * 3));
    return seedFlow(
      String(i),
      me,
      t.name,
      t.chain.length > 0 && i % 3 !== 2 ? 'running' : 'stopped',
      [created, created + hours(5 + i)],
      i === 4 ? [{ email: alice.email, permissions: ['read', 'start', 'stop'] }] : [],
      { category: t.category, ...(i % 4 === 0 ? { template: true } : {}) },
      t.chain,
    );
  });
  // The other users' flows, each on the chain of a template: one shared with the gateway user, one
  // private, one of the admin's.
  const sharedWithMe = [{ email: me.email, permissions: ['read'] }];
  const others: OtherFlow[] = [
    ['alice:0', alice, 'Alice: shared reporting', 'running', 20, 2, sharedWithMe, { category: 'finance' }, 10],
    ['alice:1', alice, 'Alice: private sync', 'stopped', 12, 12, [], { category: 'sales' }, 0],
    ['admin:0', admin, 'Tenant health check', 'running', 60, 30, [], {}, 2],
  ];
  for (const [key, owner, name, stage, created, changed, sharedWith, customFields, template] of others) {
    const times: [number, number] = [now - hours(24 * created), now - hours(24 * changed)];
    flows.push(seedFlow(key, owner, name, stage, times, sharedWith, customFields, FLOW_TEMPLATES[template].chain));
  }

  // A week of runs of the running flows: every run logs each component's in and out ports.
  const logs: SimLog[] = [];
  const running = flows.filter((f) => f.userId === me.id && f.stage === 'running');
  running.forEach((flow, fi) => {
    const components = Object.entries(flow.flow);
    const runs = 3 + (fi % 4);
    for (let day = 0; day < 7; day++) {
      for (let r = 0; r < runs; r++) {
        if (rand() < 0.35) continue;
        const start = now - hours(24 * day) - Math.floor(rand() * hours(23)) - 60_000;
        const flowRunId = `${Math.floor(start / 1000)}${fi}${r}`;
        const correlationId = uuidFrom(`corr:${flow.flowId}:${day}:${r}`);
        const failed = rand() < 0.08;
        components.forEach(([componentId, c], ci) => {
          for (const portType of ci === 0 ? (['out'] as const) : (['in', 'out'] as const)) {
            const at = start + ci * 1500 + (portType === 'out' ? 700 : 0);
            const error = failed && ci === components.length - 1 && portType === 'out';
            const when = new Date(at);
            logs.push({
              _id: createHash('sha1')
                .update(`log:${flow.flowId}:${day}:${r}:${ci}:${portType}`)
                .digest('base64url')
                .slice(0, 20),
              _index: `appmixer-${when.toISOString().slice(0, 10).replace(/-/g, '')}`,
              _source: {
                severity: error ? 'error' : 'info',
                gridTimestamp: when.toISOString(),
                flowId: flow.flowId,
                userId: flow.userId,
                componentId,
                componentType: c.type,
                portType,
                port: portType === 'in' ? 'in' : 'out',
                correlationId,
                flowRunId,
                msg: error
                  ? { error: 'Request failed with status code 502', component: c.label }
                  : Object.fromEntries((OUTPUT_FIELDS[c.type] ?? ['value']).map((k) => [k, `${k}-${day}-${r}`])),
              },
            });
          }
        });
      }
    }
  });

  const account = (
    i: number,
    service: string,
    name: string,
    label: string,
    profileInfo: Record<string, unknown>,
    userId = me.id,
  ): SimAccount => ({
    accountId: objectId(`account:${i}`),
    name,
    displayName: '',
    service,
    userId,
    profileInfo,
    icon: ICON,
    label,
  });
  const accounts = [
    account(0, 'appmixer:slack', 'Acme workspace', 'Slack', { id: 'U024BE7LH', team: 'acme' }),
    account(1, 'appmixer:google', 'gateway@acme.test', 'Google', { email: 'gateway@acme.test' }),
    account(2, 'appmixer:salesforce', 'Acme Salesforce', 'Salesforce', { orgId: '00D5g000004fXyZ', instance: 'na139' }),
    account(3, 'appmixer:twilio', 'AC9f3c…', 'Twilio', { sid: 'AC9f3c2b7d' }),
    account(4, 'appmixer:aws', 'AWS prod', 'AWS', { region: 'eu-west-1' }),
    account(5, 'appmixer:slack', 'Partners workspace', 'Slack', { id: 'U09PARTNR', team: 'partners' }),
    account(6, 'appmixer:google', 'alice@acme.test', 'Google', { email: 'alice@acme.test' }, alice.id),
  ];
  accounts[5].displayName = 'Partner Slack';

  const port = (name: string) => ({ name });
  const app = (
    name: string,
    label: string,
    category: string,
    description: string,
    components: [string, string, boolean][],
    restricted = false,
  ): SimApp => ({
    name,
    label,
    category,
    description,
    icon: ICON,
    restricted,
    components: components.map(([c, l, trigger]) => ({
      name: `${name}.${c}`,
      label: l,
      description: `${l} (${label})`,
      icon: ICON,
      ...(name.startsWith('appmixer.utils') ? {} : { auth: { service: name.replace('appmixer.', 'appmixer:') } }),
      inPorts: trigger ? [] : [port('in')],
      outPorts: [port('out')],
      properties: { schema: { properties: {} } },
    })),
  });
  const apps = [
    app('appmixer.slack', 'Slack', 'applications', 'Team messaging.', [
      ['list.SendChannelMessage', 'Send Channel Message', false],
      ['list.NewChannelMessageRT', 'New Channel Message', true],
    ]),
    app('appmixer.google', 'Google', 'applications', 'Gmail, Calendar and Drive.', [
      ['gmail.NewEmail', 'New Email', true],
      ['gmail.SendEmail', 'Send Email', false],
      ['calendar.CreateEvent', 'Create Event', false],
    ]),
    app('appmixer.salesforce', 'Salesforce', 'applications', 'CRM.', [
      ['crm.NewObject', 'New Object', true],
      ['crm.UpdateObject', 'Update Object', false],
    ]),
    app('appmixer.twilio', 'Twilio', 'applications', 'SMS and voice.', [['sms.SendSMS', 'Send SMS', false]]),
    app('appmixer.utils', 'Utilities', 'utils', 'Timers, conditions, storage, HTTP and email.', [
      ['timers.Timer', 'Timer', true],
      ['controls.Condition', 'Condition', false],
      ['storage.Set', 'Set Value', false],
      ['http.Webhook', 'Webhook', true],
      ['email.SendEmail', 'Send Email', false],
      ['tasks.RequestApproval', 'Request Approval', false],
    ]),
    app(
      'appmixer.aws',
      'AWS',
      'applications',
      'S3, SQS and Lambda.',
      [
        ['s3.UploadFile', 'Upload File', false],
        ['sqs.NewMessage', 'New Message', true],
      ],
      true,
    ),
  ];

  const people = ['gateway@sandbox.appmixer.test', 'alice@acme.test', 'bob@acme.test', 'carol@acme.test'];
  const tasks: SimTask[] = Array.from({ length: 26 }, (_, i) => {
    const mine = i % 3 === 0 ? 'approver' : i % 3 === 1 ? 'requester' : 'none';
    const other = people[1 + (i % 3)];
    const status = i < 14 ? 'pending' : i % 2 === 0 ? 'approved' : 'rejected';
    const created = now - hours(24 * (i % 9) + i);
    return {
      id: objectId(`task:${i}`),
      title: `${['Expense', 'Vacation', 'Purchase', 'Contract', 'Refund'][i % 5]} request #${1000 + i}`,
      description: `Please review request #${1000 + i}.`,
      requester: mine === 'requester' ? me.email : other,
      approver: mine === 'approver' ? me.email : mine === 'requester' ? other : people[1 + ((i + 1) % 3)],
      decisionBy: iso(created + hours(24 * (3 + (i % 5)))),
      ...(status !== 'pending' && { decisionMade: iso(created + hours(6)) }),
      status,
      public: i % 7 === 0,
      created: iso(created),
      mtime: iso(created + (status === 'pending' ? 0 : hours(6))),
    } as SimTask;
  });

  const stores: SimStore[] = [
    { storeId: objectId('store:0'), name: 'Invoices', userId: me.id },
    { storeId: objectId('store:1'), name: 'Slack mentions', userId: me.id },
    { storeId: objectId('store:2'), name: 'Feature flags', userId: me.id },
    { storeId: objectId('store:alice'), name: 'Alice private', userId: alice.id },
  ];
  const records: SimStoreRecord[] = [];
  for (let i = 0; i < 130; i++) {
    const at = iso(now - hours(i * 3 + 1));
    records.push({
      key: `INV-${String(2024000 + i)}`,
      value: String((120 + i * 17.5).toFixed(2)),
      storeId: stores[0].storeId,
      userId: me.id,
      createdAt: at,
      updatedAt: at,
    });
  }
  for (let i = 0; i < 12; i++) {
    const at = iso(now - hours(i * 7 + 2));
    records.push({
      key: `mention-${i}`,
      value: { channel: '#eng', user: people[i % 4], text: `ping ${i}` },
      storeId: stores[1].storeId,
      userId: me.id,
      createdAt: at,
      updatedAt: at,
    });
  }
  for (const c of CUSTOMER_LIKE_STORE_RECORDS)
    records.push({ ...structuredClone(c), storeId: stores[1].storeId, userId: me.id });
  for (const [i, flag] of ['new-checkout', 'dark-mode', 'beta-search'].entries()) {
    const at = iso(now - hours(24 * (i + 1)));
    records.push({
      key: flag,
      value: i % 2 === 0 ? 'on' : 'off',
      storeId: stores[2].storeId,
      userId: me.id,
      createdAt: at,
      updatedAt: at,
    });
  }
  records.push({
    key: 'secret',
    value: 'x',
    storeId: stores[3].storeId,
    userId: alice.id,
    createdAt: iso(now),
    updatedAt: iso(now),
  });

  const failing = running.slice(0, 3);
  const unprocessed: SimUnprocessed[] = Array.from({ length: 7 }, (_, i) => {
    const flow = failing[i % failing.length];
    const [componentId] = Object.keys(flow.flow).slice(-1);
    const [sourceId] = Object.keys(flow.flow);
    const correlationId = uuidFrom(`unprocessed:${i}`);
    return {
      messageId: uuidFrom(`message:${i}`),
      flowId: flow.flowId,
      componentId,
      userId: me.id,
      messages: {
        in: [
          {
            properties: {
              correlationId,
              sender: { componentId: sourceId, type: flow.flow[sourceId].type, outputPort: 'out' },
              destination: { componentId, inputPort: 'in' },
              flowRunId: `${Math.floor(now / 1000) - i * 3600}`,
            },
            content: { id: `evt-${i}`, text: `payload ${i}` },
            scope: {},
            originalContent: { id: `evt-${i}` },
          },
        ],
      },
      created: iso(now - hours(i * 5 + 1)),
      err: JSON.stringify({
        message: i % 2 === 0 ? 'Request failed with status code 502' : 'channel_not_found',
        code: i % 2 === 0 ? 'ECONNRESET' : 'SLACK_API',
      }),
    };
  });

  const files: SimFile[] = [];
  for (let i = 0; i < 34; i++) {
    const kind = i % 4;
    const filename =
      kind === 0
        ? `invoice-${2024100 + i}.pdf`
        : kind === 1
          ? `export-${i}.csv`
          : kind === 2
            ? `photo-${i}.jpg`
            : `component-${i}.zip`;
    files.push({
      fileId: objectId(`file:${i}`),
      filename,
      contentType: ['application/pdf', 'text/csv', 'image/jpeg', 'application/zip'][kind],
      length: 1024 * (3 + ((i * 37) % 500)),
      chunkSize: 261120,
      uploadDate: iso(now - hours(i * 11 + 2)),
      md5: createHash('md5').update(filename).digest('hex'),
      metadata: { userId: me.id, ...(kind === 3 ? { isSourceFile: true } : {}) },
    });
  }

  return {
    users,
    tokens: new Map(),
    tokenTtlSeconds: TOKEN_TTL_S,
    flows,
    logs,
    logShape: 'elasticsearch',
    accounts,
    apps,
    tasks,
    stores,
    records,
    unprocessed,
    files,
    requeued: [],
    counters: { logins: 0, ids: 0 },
  };
}
