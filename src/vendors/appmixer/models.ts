/**
 * Appmixer wire shapes (what the client returns) and the one place they are mapped to the shapes
 * GraphQL resolvers serve. Codegen `mappers` point the Appmixer types at the `*Model` types here.
 */

// --- Auth ---------------------------------------------------------------------------------------

/** POST /user/auth answer. */
export interface AppmixerAuthResult {
  user: { id: string; username?: string; email?: string; isActive?: boolean; plan?: string; scope?: string[] };
  token: string;
}

/** GET /user answer. */
export interface AppmixerUser {
  id: string;
  username?: string;
  email?: string;
  scope?: string[];
  plan?: string;
}

// --- Flows --------------------------------------------------------------------------------------

/** One component of a flow descriptor, keyed by its component id in `flow`. */
export interface AppmixerComponentDescriptor {
  type: string;
  label?: string;
  /** Incoming links: `{ <inPort>: { <sourceComponentId>: [<outPort>, …] } }`. */
  source?: Record<string, Record<string, string[]>>;
  x?: number;
  y?: number;
  config?: unknown;
}

/** A flow as GET /flows lists it (without `flow` when projected out) or GET /flows/:id returns it. */
export interface AppmixerFlowResource {
  flowId: string;
  userId?: string;
  name?: string;
  stage?: 'running' | 'stopped' | string;
  btime?: string;
  mtime?: string;
  sharedWith?: { email?: string; permissions?: string[] }[];
  customFields?: Record<string, unknown>;
  thumbnail?: string;
  flow?: Record<string, AppmixerComponentDescriptor>;
}

/** Flow list parameters in Appmixer's own terms. */
export interface AppmixerFlowQuery {
  /** `prop:value` filters, repeatable. */
  filter: string[];
  pattern?: string;
  /** `field:1` or `field:-1`. */
  sort?: string;
  sharedWithPermissions?: string;
}

export interface AppmixerFlowWrite {
  name?: string;
  flow?: unknown;
  customFields?: unknown;
}

// --- Logs ---------------------------------------------------------------------------------------

/** One hit of GET /logs (an Elasticsearch hit). */
export interface AppmixerLogHit {
  _id: string;
  _index?: string;
  _source: {
    severity?: string;
    gridTimestamp?: string;
    '@timestamp'?: string;
    flowId?: string;
    userId?: string;
    componentId?: string;
    componentType?: string;
    portType?: string;
    port?: string;
    correlationId?: string;
    flowRunId?: string;
    msg?: unknown;
  };
  /** The sort values of this hit: what `searchAfter` continues from. */
  sort?: unknown[];
}

export interface AppmixerLogBucketResource {
  key_as_string?: string;
  key: number;
  doc_count: number;
}

/**
 * A log hit as some Appmixer installs send it: the log's fields at the top level (no `_source`),
 * the id as `_id` or `id`, and no `sort` values.
 */
export type AppmixerFlatLogHit = AppmixerLogHit['_source'] & {
  _id?: string;
  id?: string;
  timestamp?: string;
  sort?: unknown[];
};

/**
 * GET /logs answer: histogram buckets plus the hits, each in Elasticsearch form or flat; the hits
 * may also come as Elasticsearch's own `{hits: {hits: […]}}`.
 */
export interface AppmixerLogsResult {
  buckets?: AppmixerLogBucketResource[];
  hits?: (AppmixerLogHit | AppmixerFlatLogHit)[] | { hits?: (AppmixerLogHit | AppmixerFlatLogHit)[] };
}

/** Log search parameters in Appmixer's terms. */
export interface AppmixerLogQuery {
  flowIds?: string[];
  portTypes?: string[];
  /** Lucene query (`gridTimestamp:[… TO …]`). */
  query?: string;
  /** `field:asc|desc`, one per sort level. */
  sort: string[];
  size: number;
  searchAfter?: unknown[];
}

// --- Accounts, apps -------------------------------------------------------------------------------

export interface AppmixerAccountResource {
  accountId: string;
  name?: string;
  displayName?: string;
  service?: string;
  userId?: string;
  profileInfo?: unknown;
  icon?: string;
  label?: string;
}

/** One entry of GET /apps (an object keyed by app name). */
export interface AppmixerAppResource {
  name: string;
  label?: string;
  category?: string;
  description?: string;
  icon?: string;
}

/** A component manifest from GET /apps/components. */
export interface AppmixerComponentManifest {
  name: string;
  label?: string;
  description?: string;
  icon?: string;
  auth?: unknown;
  inPorts?: ({ name: string } | string)[];
  outPorts?: ({ name: string } | string)[];
  properties?: unknown;
  [key: string]: unknown;
}

// --- People tasks -----------------------------------------------------------------------------------

export interface AppmixerTaskResource {
  id: string;
  title?: string;
  description?: string;
  requester?: string;
  approver?: string;
  decisionBy?: string;
  decisionMade?: string;
  status?: 'pending' | 'approved' | 'rejected' | string;
  public?: boolean;
  created?: string;
  mtime?: string;
}

export interface AppmixerTaskQuery {
  role?: 'approver' | 'requester';
  /** `status:pending` style filters. */
  filter?: string;
  pattern?: string;
}

export interface AppmixerTaskWrite {
  title: string;
  description?: string;
  requester: string;
  approver: string;
  decisionBy: string;
}

// --- Data stores ----------------------------------------------------------------------------------

export interface AppmixerStoreResource {
  storeId: string;
  name: string;
}

export interface AppmixerStoreRecordResource {
  key: string;
  value: unknown;
  storeId: string;
  userId?: string;
  createdAt?: string;
  updatedAt?: string;
}

// --- Unprocessed messages, variables, files -------------------------------------------------------

export interface AppmixerQueuedMessage {
  properties?: {
    correlationId?: string;
    sender?: unknown;
    destination?: unknown;
    flowRunId?: string;
    [k: string]: unknown;
  };
  content?: unknown;
  scope?: unknown;
  originalContent?: unknown;
}

export interface AppmixerUnprocessedMessageResource {
  messageId: string;
  flowId?: string;
  componentId?: string;
  messages?: Record<string, AppmixerQueuedMessage[]>;
  created?: string;
  /** Stringified error. */
  err?: string;
}

/** POST /variables/:flowId/fetch answer (shape assumed, see docs/vendors/appmixer.md). */
export interface AppmixerVariablesResult {
  components?: Record<string, { label?: string; type?: string; variables?: AppmixerVariableResource[] }>;
}

export interface AppmixerVariableResource {
  label?: string;
  value?: string;
  componentId?: string;
  port?: string;
  schema?: unknown;
}

export interface AppmixerFileResource {
  fileId: string;
  filename?: string;
  contentType?: string;
  length?: number;
  chunkSize?: number;
  uploadDate?: string;
  md5?: string;
  metadata?: unknown;
}

// --- GraphQL-facing models ------------------------------------------------------------------------

/** What AppmixerFlow resolves from: the flow as far as it is known (descriptor may be absent). */
export type AppmixerFlowModel = AppmixerFlowResource;
/** A log entry is mapped once, where the hits arrive (logFields). */
export type AppmixerLogEntryModel = ReturnType<typeof logFields>;
export type AppmixerAccountModel = AppmixerAccountResource;
export type AppmixerAppModel = AppmixerAppResource;
/** A task is mapped once, where it arrives (taskFields). */
export type AppmixerTaskModel = ReturnType<typeof taskFields>;
export type AppmixerStoreModel = AppmixerStoreResource;
export type AppmixerStoreRecordModel = AppmixerStoreRecordResource;
export type AppmixerUnprocessedMessageModel = AppmixerUnprocessedMessageResource;
export type AppmixerFileModel = AppmixerFileResource;

/** Maps a flow to the GraphQL scalar fields. */
export function flowFields(f: AppmixerFlowResource) {
  return {
    id: f.flowId,
    name: f.name ?? null,
    stage: f.stage === 'running' ? ('RUNNING' as const) : ('STOPPED' as const),
    userId: f.userId ?? null,
    createdAt: dateOrNull(f.btime),
    updatedAt: dateOrNull(f.mtime),
    customFields: f.customFields ?? null,
    sharedWith: (f.sharedWith ?? []).map((s) => ({ email: s.email ?? null, permissions: permissions(s.permissions) })),
  };
}

const PERMISSIONS = { read: 'READ', start: 'START', stop: 'STOP' } as const;

function permissions(list: string[] | undefined) {
  return (list ?? []).flatMap((p) => (p in PERMISSIONS ? [PERMISSIONS[p as keyof typeof PERMISSIONS]] : []));
}

/** The descriptor's components, with their incoming links flattened. */
export function flowComponents(descriptor: Record<string, AppmixerComponentDescriptor>) {
  return Object.entries(descriptor).map(([id, c]) => ({
    id,
    type: c.type,
    label: c.label ?? null,
    x: typeof c.x === 'number' ? c.x : null,
    y: typeof c.y === 'number' ? c.y : null,
    config: c.config ?? null,
    sources: Object.entries(c.source ?? {}).flatMap(([inPort, sources]) =>
      Object.entries(sources ?? {}).map(([componentId, outPorts]) => ({
        inPort,
        componentId,
        outPorts: Array.isArray(outPorts) ? outPorts : [],
      })),
    ),
  }));
}

/** Maps a log hit. */
export function logFields(hit: AppmixerLogHit) {
  const s = hit._source ?? {};
  const portType = s.portType === 'in' ? ('IN' as const) : s.portType === 'out' ? ('OUT' as const) : null;
  return {
    id: hit._id,
    timestamp: dateOrNull(s.gridTimestamp ?? s['@timestamp']),
    severity: s.severity ?? null,
    flowId: s.flowId ?? null,
    flowRunId: s.flowRunId ?? null,
    componentId: s.componentId ?? null,
    componentType: s.componentType ?? null,
    portType,
    port: s.port ?? null,
    correlationId: s.correlationId ?? null,
    message: s.msg ?? null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One hit in Elasticsearch form (`_id`, `_source`, `sort`), whichever of the two forms it came in. */
export function normaliseLogHit(hit: AppmixerLogHit | AppmixerFlatLogHit): AppmixerLogHit {
  if (isObject((hit as AppmixerLogHit)._source)) return hit as AppmixerLogHit;
  const { _id, id, sort, timestamp, ...source } = hit as AppmixerFlatLogHit;
  return {
    _id: String(_id ?? id ?? ''),
    _source: { ...source, gridTimestamp: source.gridTimestamp ?? source['@timestamp'] ?? timestamp },
    ...(Array.isArray(sort) && { sort }),
  };
}

/** The hits of a GET /logs answer in Elasticsearch form, whatever form the vendor sent. */
export function logHits(result: AppmixerLogsResult): AppmixerLogHit[] {
  const hits = Array.isArray(result.hits)
    ? result.hits
    : isObject(result.hits) && Array.isArray(result.hits.hits)
      ? result.hits.hits
      : [];
  return hits.filter(isObject).map((h) => normaliseLogHit(h as AppmixerLogHit | AppmixerFlatLogHit));
}

/**
 * The `searchAfter` values that continue after `hit` under the gateway's sort (time, then `_id`):
 * the docs say "the sort values and `_id` of the last hit". Elasticsearch's `sort` is used when
 * it holds both; otherwise they are built from the hit's time and id, so a vendor that sends no
 * `sort` still pages forward instead of starting over. Undefined when the hit has neither.
 */
export function searchAfterOf(hit: AppmixerLogHit): (string | number)[] | undefined {
  const sort = (hit.sort ?? []).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  if (sort.length >= 2) return sort.slice(0, 2);
  const time = sort[0] ?? Date.parse(hit._source.gridTimestamp ?? hit._source['@timestamp'] ?? '');
  if (!hit._id || (typeof time === 'number' && Number.isNaN(time))) return undefined;
  return [time, hit._id];
}

/** Maps histogram buckets (`key` is epoch milliseconds). */
export function logBuckets(buckets: AppmixerLogBucketResource[] | undefined) {
  return (buckets ?? []).map((b) => ({
    date: new Date(b.key),
    label: b.key_as_string ?? new Date(b.key).toISOString(),
    count: b.doc_count,
  }));
}

/** A component manifest for a connector picker. */
export function componentFields(m: AppmixerComponentManifest) {
  const ports = (list: AppmixerComponentManifest['inPorts']) =>
    (list ?? []).map((p) => (typeof p === 'string' ? p : p.name));
  return {
    name: m.name,
    label: m.label ?? null,
    description: m.description ?? null,
    icon: m.icon ?? null,
    inPorts: ports(m.inPorts),
    outPorts: ports(m.outPorts),
    trigger: (m.inPorts ?? []).length === 0,
    manifest: m,
  };
}

const TASK_STATUS = { pending: 'PENDING', approved: 'APPROVED', rejected: 'REJECTED' } as const;

/** Maps a people task. */
export function taskFields(t: AppmixerTaskResource) {
  return {
    id: t.id,
    title: t.title ?? null,
    description: t.description ?? null,
    requester: t.requester ?? null,
    approver: t.approver ?? null,
    decisionBy: dateOrNull(t.decisionBy),
    decisionMadeAt: dateOrNull(t.decisionMade),
    status: TASK_STATUS[t.status as keyof typeof TASK_STATUS] ?? 'PENDING',
    public: t.public ?? false,
    createdAt: dateOrNull(t.created),
  };
}

/** Maps an unprocessed message's queued input messages. */
export function queuedMessages(m: AppmixerUnprocessedMessageResource) {
  return Object.entries(m.messages ?? {}).flatMap(([port, list]) =>
    (list ?? []).map((msg) => ({
      port,
      correlationId: msg.properties?.correlationId ?? null,
      flowRunId: msg.properties?.flowRunId ?? null,
      content: msg.content ?? null,
      properties: msg.properties ?? null,
    })),
  );
}

export function dateOrNull(value: string | number | undefined | null): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
