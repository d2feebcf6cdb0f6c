/**
 * Flowize wire shapes (what the client returns) and the one place they are mapped to the shapes
 * GraphQL resolvers serve. Codegen `mappers` point the Flowize types at these models.
 */
import { randomUUID } from 'node:crypto';
import { parseVendorDate } from '../../dates.js';
import { isTimeZone } from '../../dates.js';
import { badUserInput } from '../../errors.js';
import { intOrNull, textOrNull } from '../../kit/values.js';

// --- Envelopes ---------------------------------------------------------------------------------

/** `{resource, message}`: auth, schema, records, webhook, flowdiagram. */
export interface ResourceEnvelope<T> {
  resource: T;
  message?: string;
  id?: string | number;
  code?: number;
  'request-ip'?: string;
  error?: { code?: number | string; message?: string } | null;
}

/** `{data, total, start_at, next_element, limit, offset, max_results}`: tables. */
export interface TableEnvelope<T> {
  data: T[];
  total?: number | string;
  start_at?: number | string;
  next_element?: number | string | null;
  limit?: number | string;
  offset?: number | string;
  max_results?: number | string;
}

/** `{code, data}`: environments. */
export interface DataEnvelope<T> {
  code?: number | string;
  data: T;
  message?: string;
}

// --- Auth ---------------------------------------------------------------------------------------

export interface FlowizeTokenResource {
  access_token: string;
  token_type?: string;
  refresh_token?: string;
  /** Unix timestamp (seconds) at which the token expires — not a duration. */
  expires_in?: number | string;
  /** Returned by /refreshtoken instead of expires_in. */
  expires_at?: number | string;
  scopes?: unknown;
}

// --- Records ------------------------------------------------------------------------------------

/** A record as GET /record/search lists it. */
export interface FlowizeSearchRecord {
  id?: string | number;
  uuid: string;
  flow_id?: string | number;
  flow_name?: string;
  flow_version?: string | number;
  date_created?: string;
  date_started?: string;
  date_last_run?: string;
  date_next_run?: string;
  queue_status?: string;
  dynamic_value?: string;
  current_step?: { type?: string; text?: string } | null;
  num_runs?: string | number;
  flow_status?: string | number;
  flow_status_name?: string;
}

export interface FlowizeRecordSearchResource {
  records: FlowizeSearchRecord[];
  total?: number | string;
  offset?: number | string;
  limit?: number | string;
}

/** A record as GET /record returns it. */
export interface FlowizeRecordDetail {
  info: { uuid: string; customer_id?: string; flow_id?: string | number; date_created?: string; status?: string };
  data_record?: unknown;
  flow_process?: { date_started?: string; date_last_run?: string };
  flow_objects_info?: unknown;
}

/** One entry of OPTIONS /options (the REST method list). */
export interface FlowizeApiMethod {
  method?: string;
  endpoint?: string;
  usage?: string;
}

/** A record creation's outcome, over REST (POST /record) or SOAP (insertRecord, postRecord). */
export interface CreateRecordsResult {
  uuid: string;
  created: FlowizeCreatedRecord | null;
  /** The uuid already existed: a retried create found its own earlier record. */
  alreadyExisted: boolean;
  message?: string;
}

/**
 * Where one record is created, over any transport. The uuid is chosen before sending (the
 * caller's, or a fresh one), so a retried create finds its own earlier record instead of making a
 * second one.
 */
export interface FlowizeRecordTarget {
  flowName: string;
  uuid: string;
  /** When Flowize should run the record (`X-Executiontime`, SOAP `ExecutionTime`); absent: now. */
  executeAt?: string;
}

/** Where one record goes: under the caller's uuid, or a fresh one chosen now. */
export function recordTarget(
  flowName: string,
  uuid: string | null | undefined,
  executeAt?: string,
): FlowizeRecordTarget {
  return { flowName, uuid: uuid ?? randomUUID(), executeAt };
}

/** The outcome of a create whose uuid Flowize already holds: an earlier attempt created it. */
export function alreadyCreated(uuid: string): CreateRecordsResult {
  return { uuid, created: null, alreadyExisted: true, message: 'Data record already exists' };
}

/** POST /record answer (`resource`). */
export interface FlowizeCreatedRecord {
  flow_id?: string | number;
  flow_name?: string;
  data_record_id?: string | number;
  data_record?: unknown;
}

export interface FlowizeFlowDiagramResource {
  customer?: string;
  flow_name?: string;
  description?: string;
  current_flow?: unknown;
  versions?: unknown;
}

/** Search filters in Flowize's own terms (X-* headers). */
export interface FlowizeRecordQuery {
  uuid?: string;
  flowName?: string;
  status?: number;
  dataFieldName?: string;
  dataFieldValue?: string;
  dateType?: 'date_created' | 'date_started' | 'date_last_run';
  dateFrom?: string;
  dateTo?: string;
}

// --- GraphQL-facing models ---------------------------------------------------------------------

export const RECORD_STATUSES = [
  'NEW',
  'PROCESSING',
  'FINISHED',
  'FINISHED_WITH_ERRORS',
  'SCHEDULED',
  'REVIEWED',
  'ERRORS_HANDLED',
] as const;
export type FlowizeRecordStatusName = (typeof RECORD_STATUSES)[number];

/** Status code (0–6) → enum value. */
export function recordStatusFromCode(code: unknown): FlowizeRecordStatusName | null {
  if (code === '' || code === null || code === undefined) return null;
  return RECORD_STATUSES[Number(code)] ?? null;
}

/** Enum value → status code for X-datarecord-status. */
export function recordStatusCode(status: FlowizeRecordStatusName): number {
  return RECORD_STATUSES.indexOf(status);
}

/**
 * What FlowizeRecord resolves from: a record as far as the gateway knows it. A search gives the
 * processing state without data; GET /record gives data without the flow name. Field resolvers
 * load the other half only when a query asks for it.
 */
export interface FlowizeRecordModel {
  uuid: string;
  summary?: FlowizeSearchRecord;
  detail?: FlowizeRecordDetail;
  /** Data known without a read (just created). */
  data?: unknown;
  flowName?: string;
  timeZone: string;
}

/** Maps the fields a search result carries. */
export function summaryFields(s: FlowizeSearchRecord, zone: string) {
  return {
    id: textOrNull(s.id),
    flowId: textOrNull(s.flow_id),
    flowName: s.flow_name || null,
    flowVersion: intOrNull(s.flow_version),
    status: recordStatusFromCode(s.flow_status),
    statusName: s.flow_status_name || null,
    createdAt: parseVendorDate(s.date_created, zone),
    startedAt: parseVendorDate(s.date_started, zone),
    lastRunAt: parseVendorDate(s.date_last_run, zone),
    nextRunAt: parseVendorDate(s.date_next_run, zone),
    currentStep: s.current_step ? { type: s.current_step.type ?? null, text: s.current_step.text ?? null } : null,
    runCount: intOrNull(s.num_runs),
    queueStatus: s.queue_status || null,
  };
}

/** Maps the fields GET /record carries. */
export function detailFields(d: FlowizeRecordDetail, zone: string) {
  return {
    flowId: textOrNull(d.info.flow_id),
    statusName: d.info.status || null,
    createdAt: parseVendorDate(d.info.date_created, zone),
    startedAt: parseVendorDate(d.flow_process?.date_started, zone),
    lastRunAt: parseVendorDate(d.flow_process?.date_last_run, zone),
    data: d.data_record ?? null,
  };
}

export interface FlowizeFlowDiagramModel {
  flowName: string;
  customer: string | null;
  description: string | null;
  currentFlow: unknown;
  versions: unknown;
}

export function toFlowDiagram(r: FlowizeFlowDiagramResource, requestedName: string): FlowizeFlowDiagramModel {
  return {
    flowName: r.flow_name || requestedName,
    customer: r.customer ?? null,
    description: r.description ?? null,
    currentFlow: r.current_flow ?? null,
    versions: r.versions ?? null,
  };
}

// --- Record mutations: update, delete, queue actions, moves, webhooks, flow status ------------

/** PUT /record answer (`resource`). */
export interface FlowizeUpdatedRecord {
  flow_name?: string;
  customer_id?: string;
  uuid?: string;
  data_record?: unknown;
}

/** DELETE /record answer (`resource`). */
export interface FlowizeDeletedRecord {
  flow_name?: string;
  uuid?: string;
}

/** One record in a PUT /record/changestatus answer. */
export interface FlowizeQueueRecord {
  uuid: string;
  queue_status?: string | number | null;
  queue_status_key?: string | null;
}

/** One record in a PUT /record/movetoflow answer. */
export interface FlowizeMoveRecord {
  uuid: string;
  message?: string;
  movetoflow?: string;
}

/** `resource` of the changestatus and movetoflow answers. */
export interface FlowizeRecordListResource<T> {
  records: T[];
  /** Not reliable: the movetoflow example reports 1 for two moved records. */
  total?: number | string;
}

/** POST /webhook/{uri} answer (`resource`). */
export interface FlowizeWebhookResource {
  _id?: { $id?: string } | string;
  customer_id?: string;
  plugin_id?: string;
  application_id?: string;
  date_created?: string;
  data?: { flow_id?: string | number } & Record<string, unknown>;
}

/** A write's `resource` with the message Flowize sent beside it. */
export interface FlowizeWriteResult<T> {
  resource: T;
  message: string | null;
}

/** X-Queue-Status values, by GraphQL enum value. */
export const QUEUE_ACTIONS = {
  PAUSE_QUEUE: 'pause-queue',
  RESUME_QUEUE: 'resume-queue',
  EXECUTE_QUEUE: 'execute-queue',
  DELETE_FROM_QUEUE: 'delete-from-queue',
  RESUME_AND_CONTINUE: 'resume-and-continue',
} as const;
export type FlowizeQueueActionName = keyof typeof QUEUE_ACTIONS;
export type FlowizeQueueStatusValue = (typeof QUEUE_ACTIONS)[FlowizeQueueActionName];

/** X-Status values, by GraphQL enum value. */
export const FLOW_STATUSES = { PUBLIC: 'public', PAUSED: 'paused', RUNNING: 'running', INACTIVE: 'inactive' } as const;
export type FlowizeFlowStatusName = keyof typeof FLOW_STATUSES;
export type FlowizeFlowStatusValue = (typeof FLOW_STATUSES)[FlowizeFlowStatusName];

/** Requested uuids missing from a per-record answer, in request order. */
function notReported(requested: string[], reported: { uuid: string }[]): string[] {
  const seen = new Set(reported.map((r) => r.uuid));
  return [...new Set(requested)].filter((uuid) => !seen.has(uuid));
}

export function toUpdateRecordPayload(
  uuid: string,
  data: unknown,
  result: FlowizeWriteResult<FlowizeUpdatedRecord>,
  timeZone: string,
) {
  const flowName = result.resource?.flow_name || undefined;
  const record: FlowizeRecordModel = { uuid, flowName, data: result.resource?.data_record ?? data, timeZone };
  return { uuid, flowName: flowName ?? null, message: result.message, record };
}

export function toDeleteRecordPayload(uuid: string, result: FlowizeWriteResult<FlowizeDeletedRecord>) {
  return { uuid, flowName: result.resource?.flow_name || null, message: result.message };
}

/**
 * A many-records write answer (queue actions, moves): what the call was (`head`: the action or the
 * target flow), the message, one row per record Flowize reported, and the uuids it did not report.
 */
export function toRecordListPayload<Head extends object, R extends { uuid: string }, Row>(
  head: Head,
  uuids: string[],
  result: FlowizeWriteResult<FlowizeRecordListResource<R>>,
  timeZone: string,
  toRow: (record: R, timeZone: string) => Row,
) {
  const reported = result.resource.records;
  return {
    ...head,
    message: result.message,
    records: reported.map((r) => toRow(r, timeZone)),
    notReported: notReported(uuids, reported),
  };
}

/** A record a queue action reported on. */
export function queueActionRow(r: FlowizeQueueRecord, timeZone: string) {
  return {
    uuid: r.uuid,
    queueStatus: textOrNull(r.queue_status),
    queueStatusKey: r.queue_status_key || null,
    record: { uuid: r.uuid, timeZone } satisfies FlowizeRecordModel,
  };
}

/** A record a move reported on. */
export function moveRecordRow(r: FlowizeMoveRecord, timeZone: string) {
  return {
    uuid: r.uuid,
    message: r.message || null,
    targetFlow: r.movetoflow || null,
    record: { uuid: r.uuid, flowName: r.movetoflow || undefined, timeZone } satisfies FlowizeRecordModel,
  };
}

export function toWebhookPayload(result: FlowizeWriteResult<FlowizeWebhookResource>, timeZone: string) {
  const r = result.resource ?? {};
  const id = typeof r._id === 'string' ? r._id : r._id?.$id;
  return {
    id: textOrNull(id),
    customerId: r.customer_id || null,
    pluginId: textOrNull(r.plugin_id),
    applicationId: textOrNull(r.application_id),
    receivedAt: parseVendorDate(r.date_created, timeZone),
    flowId: textOrNull(r.data?.flow_id),
    message: result.message,
  };
}

// --- Environments (organization API key) -------------------------------------------------------

/** `info` of an environment: its addresses (host names as Flowize gives them) and time zone. */
export interface FlowizeEnvironmentInfo {
  frontend_url?: string;
  api_url?: string;
  html_url?: string;
  timezone?: string;
}

/** An X.509 name as Flowize describes a certificate's subject or issuer. */
export interface FlowizeCertificateNameData {
  serial_number?: string | null;
  email_address?: string | null;
  common_name?: string | null;
  organization_name?: string | null;
  organizational_unit_name?: string | null;
  locality_name?: string | null;
  state_province_name?: string | null;
  country_name?: string | null;
}

/** `ssl_certificate` of an environment (GET /environment/{id} and the update answers only). */
export interface FlowizeSslCertificateData {
  name?: string;
  subject?: FlowizeCertificateNameData;
  hash?: string;
  issuer?: FlowizeCertificateNameData;
  version?: number;
  serial_number?: string;
  /** Unix timestamps (seconds). */
  valid_from?: number | string;
  valid_to?: number | string;
  signature_type_SN?: string;
  signature_type_LN?: string;
  signature_type_NID?: number;
  purposes?: unknown;
}

/** `environment_data`: one environment as the Environments API returns it. */
export interface FlowizeEnvironmentData {
  id: string | number;
  name?: string;
  description?: string;
  date_created?: string;
  date_updated?: string;
  info?: FlowizeEnvironmentInfo;
  status?: string;
  /** Ids of the hosted projects. */
  projects?: (string | number)[];
  package?: { name?: string; code?: string };
  software?: {
    current_version?: {
      version?: string;
      date_created?: string;
      blocking_update?: number | string | boolean;
      changelog?: string;
    };
  };
  base_storage?: number | string;
  total_storage?: number | string;
  storage_addons?: unknown[];
  storage_info?: {
    used?: number | string;
    total?: number | string;
    used_percentage?: number | string;
    available_percentage?: number | string;
  };
  active?: number | string | boolean;
  ip?: string;
  stats?: {
    status?: string;
    current_storage?: number | string;
    visits?: number | string;
    records?: number | string;
    batches?: number | string;
    webhooks?: number | string;
    tasks?: number | string;
    avg_performance?: number | string;
    peak_performance?: number | string;
  };
  ssl_certificate?: FlowizeSslCertificateData | null;
}

/** GET /environment/{id}/status answer (`data`). */
export interface FlowizeEnvironmentStatusData {
  id?: string | number;
  status?: string;
}

/** `project_data`: a project hosted in an environment. */
export interface FlowizeProjectData {
  id: string | number;
  name?: string;
  version?: number | string;
  date_created?: string;
  date_updated?: string;
}

/** POST /environment payload. */
export interface FlowizeNewEnvironment {
  name: string;
  description?: string;
  /** SS-A, SS-B, SS-C, SS-D */
  package: string;
  /** amsterdam, frankfurt, london, new york, san francisco, toronto, bangalore, singapore */
  region: string;
  timezone?: string;
}

/** The multipart fields of POST /environment/{id}; certificate files are given as their text. */
export interface FlowizeEnvironmentChanges {
  name?: string;
  description?: string;
  deleteCertificate?: boolean;
  /** A PEM bundle (certificate and private key); Flowize then ignores the other files. */
  pemFile?: string;
  privateKeyFile?: string;
  certificateFile?: string;
  chainFiles?: string[];
}

/** POST /environment/{id}/upgrade payload: a package, or storage to add (GB). */
export interface FlowizeEnvironmentUpgrade {
  package?: string;
  storage?: number;
}

/** `insert`, `insert or update` or `delete and insert`. */
export type FlowizeDataAction = 'insert' | 'insert or update' | 'delete and insert';

/** POST /environment/{id}/project/{project_id} payload. */
export interface FlowizeProjectDeployment {
  static_data?: 'yes' | 'no';
  file_manager?: 'yes' | 'no';
  source_environment?: number;
  all_keystores?: FlowizeDataAction;
  all_tables?: FlowizeDataAction;
  all_websites?: FlowizeDataAction;
  keystores?: { keystore_id: string; action: FlowizeDataAction }[];
  tables?: { name: string; action: FlowizeDataAction }[];
  websites?: { slug: string; action: FlowizeDataAction }[];
}

/** The documented environment statuses, by GraphQL enum value. */
export const ENVIRONMENT_STATUSES = {
  CREATING: 'creating',
  UPDATING: 'updating',
  DELETING: 'deleting',
  UPGRADING: 'upgrading',
  READY: 'ready',
  DELETED: 'deleted',
  ERROR: 'error',
  UPGRADED: 'upgraded',
} as const;
export type FlowizeEnvironmentStatusName = keyof typeof ENVIRONMENT_STATUSES;

/** The documented regions, by GraphQL enum value. */
export const ENVIRONMENT_REGIONS = {
  AMSTERDAM: 'amsterdam',
  FRANKFURT: 'frankfurt',
  LONDON: 'london',
  NEW_YORK: 'new york',
  SAN_FRANCISCO: 'san francisco',
  TORONTO: 'toronto',
  BANGALORE: 'bangalore',
  SINGAPORE: 'singapore',
} as const;
export type FlowizeRegionName = keyof typeof ENVIRONMENT_REGIONS;

/** Project data actions, by GraphQL enum value. */
export const DATA_ACTIONS: Record<'INSERT' | 'INSERT_OR_UPDATE' | 'DELETE_AND_INSERT', FlowizeDataAction> = {
  INSERT: 'insert',
  INSERT_OR_UPDATE: 'insert or update',
  DELETE_AND_INSERT: 'delete and insert',
};

/** A status string → enum value; an undocumented status gives null (its text stays in `statusName`). */
export function environmentStatusFromText(text: unknown): FlowizeEnvironmentStatusName | null {
  const value = String(text ?? '').toLowerCase();
  const entry = Object.entries(ENVIRONMENT_STATUSES).find(([, v]) => v === value);
  return entry ? (entry[0] as FlowizeEnvironmentStatusName) : null;
}

function numberOrNull(value: unknown): number | null {
  if (value === '' || value === null || value === undefined || typeof value === 'boolean') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function flag(value: unknown): boolean | null {
  if (value === null || value === undefined || value === '') return null;
  return value === true || Number(value) === 1;
}

/** The zone an environment's dates are written in: its own, else the configured Flowize zone. */
export function environmentZone(d: Pick<FlowizeEnvironmentData, 'info'>, fallback: string): string {
  const zone = d.info?.timezone;
  return zone && isTimeZone(zone) ? zone : fallback;
}

function certificateName(n: FlowizeCertificateNameData | undefined) {
  if (!n) return null;
  return {
    commonName: textOrNull(n.common_name),
    organizationName: textOrNull(n.organization_name),
    organizationalUnitName: textOrNull(n.organizational_unit_name),
    localityName: textOrNull(n.locality_name),
    stateOrProvinceName: textOrNull(n.state_province_name),
    countryName: textOrNull(n.country_name),
    emailAddress: textOrNull(n.email_address),
    serialNumber: textOrNull(n.serial_number),
  };
}

/** Maps `ssl_certificate`; its validity dates are unix timestamps. */
export function toSslCertificate(c: FlowizeSslCertificateData) {
  return {
    name: textOrNull(c.name),
    subject: certificateName(c.subject),
    issuer: certificateName(c.issuer),
    hash: textOrNull(c.hash),
    serialNumber: textOrNull(c.serial_number),
    version: numberOrNull(c.version),
    validFrom: parseVendorDate(numberOrNull(c.valid_from) ?? undefined),
    validTo: parseVendorDate(numberOrNull(c.valid_to) ?? undefined),
    signatureType: textOrNull(c.signature_type_LN ?? c.signature_type_SN),
    purposes: c.purposes ?? null,
  };
}

export type FlowizeSslCertificateModel = ReturnType<typeof toSslCertificate>;

/** What FlowizeEnvironment resolves from: the mapped answer; projects and live status load on demand. */
export interface FlowizeEnvironmentModel extends ReturnType<typeof environmentFields> {
  /** Known when the answer carried it (by-id read, update); undefined means "read GET /environment/{id}". */
  sslCertificate?: FlowizeSslCertificateModel | null;
}

function environmentFields(d: FlowizeEnvironmentData, fallbackZone: string) {
  const zone = environmentZone(d, fallbackZone);
  const version = d.software?.current_version;
  const stats = d.stats;
  return {
    id: String(d.id),
    name: textOrNull(d.name),
    description: d.description ?? null,
    status: environmentStatusFromText(d.status),
    statusName: textOrNull(d.status),
    package: d.package ? { code: textOrNull(d.package.code), name: textOrNull(d.package.name) } : null,
    softwareVersion: version
      ? {
          version: textOrNull(version.version),
          releasedAt: parseVendorDate(version.date_created, zone),
          blockingUpdate: flag(version.blocking_update),
          changelogUrl: textOrNull(version.changelog),
        }
      : null,
    storage: {
      baseGb: numberOrNull(d.base_storage),
      totalGb: numberOrNull(d.total_storage),
      addons: d.storage_addons ?? [],
      used: numberOrNull(d.storage_info?.used),
      total: numberOrNull(d.storage_info?.total),
      usedPercentage: numberOrNull(d.storage_info?.used_percentage),
      availablePercentage: numberOrNull(d.storage_info?.available_percentage),
    },
    stats: stats
      ? {
          status: textOrNull(stats.status),
          currentStorage: numberOrNull(stats.current_storage),
          visits: numberOrNull(stats.visits),
          records: numberOrNull(stats.records),
          batches: numberOrNull(stats.batches),
          webhooks: numberOrNull(stats.webhooks),
          tasks: numberOrNull(stats.tasks),
          avgPerformance: numberOrNull(stats.avg_performance),
          peakPerformance: numberOrNull(stats.peak_performance),
        }
      : null,
    urls: {
      frontend: textOrNull(d.info?.frontend_url),
      api: textOrNull(d.info?.api_url),
      html: textOrNull(d.info?.html_url),
    },
    timeZone: zone,
    active: flag(d.active),
    ip: textOrNull(d.ip),
    projectIds: (d.projects ?? []).map(String),
    createdAt: parseVendorDate(d.date_created, zone),
    updatedAt: parseVendorDate(d.date_updated, zone),
  };
}

/** Maps `environment_data`; dates are wall-clock strings in the environment's own time zone. */
export function toEnvironment(d: FlowizeEnvironmentData, fallbackZone: string): FlowizeEnvironmentModel {
  const model: FlowizeEnvironmentModel = environmentFields(d, fallbackZone);
  if (d.ssl_certificate !== undefined)
    model.sslCertificate = d.ssl_certificate ? toSslCertificate(d.ssl_certificate) : null;
  return model;
}

/** Maps `project_data`, its dates read in the hosting environment's time zone. */
export function toProject(p: FlowizeProjectData, zone: string) {
  return {
    id: String(p.id),
    name: textOrNull(p.name),
    version: numberOrNull(p.version),
    createdAt: parseVendorDate(p.date_created, zone),
    updatedAt: parseVendorDate(p.date_updated, zone),
  };
}

/** Looks like PEM text (`-----BEGIN …-----`). */
function isPem(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text);
}

/** flowizeCreateEnvironment input → POST /environment payload. */
export function toNewEnvironment(input: {
  name: string;
  description?: string | null;
  package: string;
  region: FlowizeRegionName;
  timeZone?: string | null;
}): FlowizeNewEnvironment {
  if (input.name.trim() === '') throw badUserInput('input.name must not be empty');
  if (input.package.trim() === '') throw badUserInput('input.package must not be empty (SS-A, SS-B, SS-C or SS-D)');
  if (input.timeZone != null && !isTimeZone(input.timeZone))
    throw badUserInput('input.timeZone must be an IANA time zone such as Europe/London');
  return {
    name: input.name.trim(),
    ...(input.description != null && { description: input.description }),
    package: input.package.trim(),
    region: ENVIRONMENT_REGIONS[input.region],
    ...(input.timeZone != null && { timezone: input.timeZone }),
  };
}

/**
 * flowizeUpdateEnvironment input → the multipart fields. Combinations Flowize would silently ignore
 * (a PEM bundle beside separate files) or refuse (a key without its certificate) are rejected here.
 */
export function toEnvironmentChanges(input: {
  name?: string | null;
  description?: string | null;
  deleteCertificate?: boolean | null;
  certificate?: {
    pem?: string | null;
    certificate?: string | null;
    privateKey?: string | null;
    chain?: string[] | null;
  } | null;
}): FlowizeEnvironmentChanges {
  const changes: FlowizeEnvironmentChanges = {};
  if (input.name != null) {
    if (input.name.trim() === '') throw badUserInput('input.name must not be empty');
    changes.name = input.name.trim();
  }
  if (input.description != null) changes.description = input.description;
  if (input.deleteCertificate != null) changes.deleteCertificate = input.deleteCertificate;
  const cert = input.certificate;
  if (cert) {
    if (input.deleteCertificate) throw badUserInput('input.deleteCertificate and input.certificate cannot be combined');
    const { pem, certificate, privateKey } = cert;
    const chain = cert.chain ?? [];
    if (pem != null) {
      if (certificate != null || privateKey != null || chain.length > 0) {
        throw badUserInput(
          'input.certificate.pem is a whole bundle: give it alone, or certificate and privateKey without pem',
        );
      }
      if (!isPem(pem)) throw badUserInput('input.certificate.pem must be PEM text (-----BEGIN …-----)');
      changes.pemFile = pem;
    } else {
      if (certificate == null || privateKey == null)
        throw badUserInput('input.certificate needs pem, or certificate and privateKey together');
      for (const [name, text] of [
        ['certificate', certificate],
        ['privateKey', privateKey],
        ...chain.map((c, i) => [`chain[${i}]`, c]),
      ]) {
        if (!isPem(text)) throw badUserInput(`input.certificate.${name} must be PEM text (-----BEGIN …-----)`);
      }
      changes.certificateFile = certificate;
      changes.privateKeyFile = privateKey;
      if (chain.length > 0) changes.chainFiles = chain;
    }
  }
  if (Object.keys(changes).length === 0)
    throw badUserInput('input changes nothing: give name, description, deleteCertificate or certificate');
  return changes;
}

/** flowizeUpgradeEnvironment input → POST /environment/{id}/upgrade payload (exactly one change). */
export function toEnvironmentUpgrade(input: {
  package?: string | null;
  addStorageGb?: number | null;
}): FlowizeEnvironmentUpgrade {
  const hasPackage = input.package != null;
  const hasStorage = input.addStorageGb != null;
  // Flowize ignores storage when a package is sent: asking for both is a mistake worth naming.
  if (hasPackage === hasStorage) throw badUserInput('give exactly one of input.package or input.addStorageGb');
  if (hasPackage) {
    if (input.package!.trim() === '') throw badUserInput('input.package must not be empty');
    return { package: input.package!.trim() };
  }
  if (!Number.isInteger(input.addStorageGb) || input.addStorageGb! <= 0)
    throw badUserInput('input.addStorageGb must be a positive number of GB');
  return { storage: input.addStorageGb! };
}

type DataActionName = keyof typeof DATA_ACTIONS;

/** flowizeAddEnvironmentProject input → POST /environment/{id}/project/{project_id} payload. */
export function toProjectDeployment(
  input:
    | {
        staticData?: boolean | null;
        fileManager?: boolean | null;
        sourceEnvironmentId?: string | null;
        allKeystores?: DataActionName | null;
        allTables?: DataActionName | null;
        allWebsites?: DataActionName | null;
        keystores?: { keystoreId: string; action: DataActionName }[] | null;
        tables?: { name: string; action: DataActionName }[] | null;
        websites?: { slug: string; action: DataActionName }[] | null;
      }
    | null
    | undefined,
): FlowizeProjectDeployment {
  if (!input) return {};
  const out: FlowizeProjectDeployment = {};
  if (input.staticData != null) out.static_data = input.staticData ? 'yes' : 'no';
  if (input.fileManager != null) out.file_manager = input.fileManager ? 'yes' : 'no';
  if (input.sourceEnvironmentId != null) {
    if (!/^\d{1,18}$/.test(input.sourceEnvironmentId))
      throw badUserInput('input.sourceEnvironmentId must be a positive integer');
    out.source_environment = Number(input.sourceEnvironmentId);
  }
  // Flowize ignores a list when its `all_*` twin is present: reject the pair instead of dropping one.
  for (const [all, list] of [
    ['allKeystores', 'keystores'],
    ['allTables', 'tables'],
    ['allWebsites', 'websites'],
  ] as const) {
    if (input[all] != null && input[list] != null)
      throw badUserInput(`input.${all} applies to every item: omit input.${list}`);
  }
  if (input.allKeystores != null) out.all_keystores = DATA_ACTIONS[input.allKeystores];
  if (input.allTables != null) out.all_tables = DATA_ACTIONS[input.allTables];
  if (input.allWebsites != null) out.all_websites = DATA_ACTIONS[input.allWebsites];
  const named = (list: string, i: number, value: string) => {
    if (value.trim() === '') throw badUserInput(`input.${list}[${i}] must name its item`);
    return value;
  };
  if (input.keystores != null)
    out.keystores = input.keystores.map((k, i) => ({
      keystore_id: named('keystores', i, k.keystoreId),
      action: DATA_ACTIONS[k.action],
    }));
  if (input.tables != null)
    out.tables = input.tables.map((t, i) => ({ name: named('tables', i, t.name), action: DATA_ACTIONS[t.action] }));
  if (input.websites != null)
    out.websites = input.websites.map((w, i) => ({
      slug: named('websites', i, w.slug),
      action: DATA_ACTIONS[w.action],
    }));
  return out;
}

/** One entry of `urls_mapped`: a relative URL of the environment serving a project's website or hosted page. */
export interface FlowizeUrlMappingData {
  url: string;
  project_id?: number | string;
  name?: string;
  /** website or hostedpage */
  type?: string;
  date_created?: string;
  date_updated?: string;
}

/** POST /environment/{id}/urls item (DELETE takes the same without `name`). */
export interface FlowizeUrlMappingChange {
  project_id: number;
  url: string;
  name?: string;
  type: 'website' | 'hostedpage';
}

/** URL mapping types, by GraphQL enum value. */
export const URL_MAPPING_TYPES = { WEBSITE: 'website', HOSTED_PAGE: 'hostedpage' } as const;
type UrlMappingTypeName = keyof typeof URL_MAPPING_TYPES;

/** Maps `urls_mapped` entries, dates read in the environment's time zone. */
export function toUrlMapping(u: FlowizeUrlMappingData, zone: string) {
  const type = Object.entries(URL_MAPPING_TYPES).find(([, v]) => v === u.type)?.[0] as UrlMappingTypeName | undefined;
  return {
    url: u.url,
    projectId: textOrNull(u.project_id),
    name: textOrNull(u.name),
    type: type ?? null,
    createdAt: parseVendorDate(u.date_created, zone),
    updatedAt: parseVendorDate(u.date_updated, zone),
  };
}

/** URL mapping inputs → the POST/DELETE /environment/{id}/urls body. */
export function toUrlMappingChanges(
  mappings: { projectId: string; url: string; name?: string | null; type: UrlMappingTypeName }[],
  withName: boolean,
): FlowizeUrlMappingChange[] {
  if (mappings.length === 0) throw badUserInput('mappings must not be empty');
  return mappings.map((m, i) => {
    if (!/^\d{1,18}$/.test(m.projectId)) throw badUserInput(`mappings[${i}].projectId must be a positive integer`);
    if (!m.url.startsWith('/')) throw badUserInput(`mappings[${i}].url must be a relative URL starting with /`);
    if (withName && !m.name?.trim()) throw badUserInput(`mappings[${i}].name must not be empty`);
    return {
      project_id: Number(m.projectId),
      url: m.url,
      ...(withName && { name: m.name!.trim() }),
      type: URL_MAPPING_TYPES[m.type],
    };
  });
}

/** DELETE /environment/{id} answer → payload; the answer is undocumented, so only id and status are read. */
export function toDeleteEnvironmentPayload(id: string, data: Partial<FlowizeEnvironmentData> | null) {
  return {
    id: data?.id !== undefined ? String(data.id) : id,
    status: environmentStatusFromText(data?.status),
    statusName: textOrNull(data?.status),
  };
}

// --- Data schema, keystores, tables ------------------------------------------------------------

/** GET /schema answer (`resource`): the schema travels base64-encoded. */
export interface FlowizeDataSchemaResource {
  url?: string;
  schema?: string;
  creation_date?: string;
  modified_date?: string;
  customer?: string;
}

/** POST/PUT /schema answer: the schema's dates and Flowize's message. */
export interface FlowizeDataSchemaWrite {
  creation_date?: string;
  modified_date?: string;
  message: string | null;
}

/** What FlowizeDataSchemaPayload resolves from; `dataSchema` is read back only when asked for. */
export interface FlowizeDataSchemaPayloadModel {
  message: string | null;
  createdAt: Date | null;
  modifiedAt: Date | null;
}

/** Base64 of a value's JSON text, as POST/PUT /schema expect `schema` and `data_record`. */
export function toBase64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** The decoded schema: JSON when it parses, else the decoded text (never the base64). */
function decodeSchema(encoded: string | undefined): unknown {
  if (!encoded) return null;
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toDataSchema(r: FlowizeDataSchemaResource, zone: string) {
  return {
    schema: decodeSchema(r.schema),
    url: r.url ?? null,
    createdAt: parseVendorDate(r.creation_date, zone),
    modifiedAt: parseVendorDate(r.modified_date, zone),
    customer: r.customer ?? null,
  };
}

export function toDataSchemaPayload(w: FlowizeDataSchemaWrite, zone: string): FlowizeDataSchemaPayloadModel {
  return {
    message: w.message,
    createdAt: parseVendorDate(w.creation_date, zone),
    modifiedAt: parseVendorDate(w.modified_date, zone),
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Checks a data schema input: a JSON Schema object, a sample record, a URL. */
export function checkDataSchemaInput(input: { schema: unknown; sampleRecord: unknown; url: string }): void {
  if (!isPlainObject(input.schema)) throw badUserInput('input.schema must be a JSON Schema (version 4) object');
  if (!input.sampleRecord || typeof input.sampleRecord !== 'object')
    throw badUserInput('input.sampleRecord must be a JSON object or array');
  if (input.url.trim() === '') throw badUserInput('input.url must not be empty (Flowize requires it)');
}

/** How the rules of a search combine, in Flowize's terms. */
export type FlowizeCondition = 'AND' | 'OR';

/**
 * The comparison operators keystore and table searches share, by GraphQL enum value. For tables
 * the doc lists `=>`; `>=` is what its SQL backend understands (see docs/vendors/flowize.md).
 */
const COMPARISON_OPERATORS = {
  EQUAL: '=',
  NOT_EQUAL: '!=',
  LESS: '<',
  GREATER: '>',
  LESS_OR_EQUAL: '<=',
  GREATER_OR_EQUAL: '>=',
} as const;

/** The documented keystore operators, by GraphQL enum value. */
export const KEYSTORE_OPERATORS = { ...COMPARISON_OPERATORS, LIKE: 'LIKE' } as const;

/** POST /keystore/{id} body. */
export interface FlowizeKeystoreSearch {
  select: { field: string; alias: string }[];
  where?: { condition: FlowizeCondition; rules: { field: string; operator: string; value: string }[] };
}

/** A search row: select aliases → values (Flowize sends them as text). */
export type FlowizeKeystoreRow = Record<string, unknown>;

/** Without a select, each row is the entry's key and its whole value. */
const DEFAULT_KEYSTORE_SELECT = [
  { field: 'key', alias: 'key' },
  { field: '*', alias: 'value' },
];

/** GraphQL select/where → the keystore search body, checking what Flowize would reject. */
export function toKeystoreSearch(
  select: { field: string; alias?: string | null }[] | null | undefined,
  where:
    | {
        condition?: FlowizeCondition | null;
        rules: { field: string; operator: keyof typeof KEYSTORE_OPERATORS; value: string }[];
      }
    | null
    | undefined,
): FlowizeKeystoreSearch {
  const picked =
    select && select.length > 0
      ? select.map((s) => ({ field: s.field, alias: s.alias || s.field }))
      : DEFAULT_KEYSTORE_SELECT;
  for (const [i, s] of picked.entries())
    if (s.field.trim() === '') throw badUserInput(`select[${i}].field must not be empty`);
  const aliases = new Set(picked.map((s) => s.alias));
  if (aliases.size !== picked.length) throw badUserInput('select aliases must be unique');
  if (!where) return { select: picked };
  if (where.rules.length === 0) throw badUserInput('where.rules must not be empty');
  for (const [i, r] of where.rules.entries())
    if (r.field.trim() === '') throw badUserInput(`where.rules[${i}].field must not be empty`);
  return {
    select: picked,
    where: {
      condition: where.condition ?? 'AND',
      rules: where.rules.map((r) => ({ field: r.field, operator: KEYSTORE_OPERATORS[r.operator], value: r.value })),
    },
  };
}

/** Flowize sends a `*` select as JSON text: decoded back so clients get the value itself. */
export function decodeKeystoreRows(rows: FlowizeKeystoreRow[], search: FlowizeKeystoreSearch): FlowizeKeystoreRow[] {
  const whole = search.select.filter((s) => s.field === '*').map((s) => s.alias);
  if (whole.length === 0) return rows;
  return rows.map((row) => {
    const out = { ...row };
    for (const alias of whole) {
      const v = out[alias];
      if (typeof v !== 'string') continue;
      try {
        out[alias] = JSON.parse(v);
      } catch {
        // A RAW (plain text) keystore value: already what the client wants.
      }
    }
    return out;
  });
}

/** Every documented table operator, by GraphQL enum value. */
export const TABLE_OPERATORS = {
  ...COMPARISON_OPERATORS,
  BETWEEN: 'between',
  NOT_BETWEEN: 'not_between',
  IN: 'in',
  NOT_IN: 'not_in',
  BEGINS_WITH: 'begins_with',
  NOT_BEGINS_WITH: 'not_begins_with',
  ENDS_WITH: 'ends_with',
  NOT_ENDS_WITH: 'not_ends_with',
  CONTAINS: 'contains',
  NOT_CONTAINS: 'not_contains',
  IS_EMPTY: 'is_empty',
  IS_NOT_EMPTY: 'is_not_empty',
} as const;
export type FlowizeTableOperatorName = keyof typeof TABLE_OPERATORS;

/** A table `where` in Flowize's terms. */
export interface FlowizeTableWhere {
  condition: FlowizeCondition;
  rules: { field: string; operator: string; value: unknown }[];
}

/** POST /tables/{table}/search body. */
export interface FlowizeTableSearch {
  where?: FlowizeTableWhere;
  limit: number;
  offset: number;
  order_field?: string;
  order_type?: 'ASC' | 'DESC';
}

/** PUT /tables/{table}/{id} body (plus the optional id in the path). */
export interface FlowizeTableUpdate {
  id?: string;
  columns: Record<string, unknown>;
  where?: FlowizeTableWhere;
  limit?: number;
  offset?: number;
  order_field?: string;
  order_type?: 'ASC' | 'DESC';
}

/** A row as Flowize sends it: id and system dates beside the table's own columns. */
export interface FlowizeTableRowData {
  id?: string | number;
  date_created?: string;
  date_updated?: string;
  [column: string]: unknown;
}

/** The tables envelope, normalised: rows plus Flowize's max_results (all matches). */
export interface FlowizeTableSearchResult {
  rows: FlowizeTableRowData[];
  maxResults?: number;
}

/** What FlowizeTableRow resolves from. */
export interface FlowizeTableRowModel {
  table: string;
  row: FlowizeTableRowData;
  timeZone: string;
}

/** What FlowizeTableUpdatePayload resolves from; `row` is read back only when asked for. */
export interface FlowizeTableUpdatePayloadModel {
  table: string;
  updatedCount: number;
  id?: string;
}

/** Mapped rows, so that the four field resolvers of a row map it once (lists hold hundreds). */
const mappedRows = new WeakMap<FlowizeTableRowModel, ReturnType<typeof mapTableRow>>();

function mapTableRow(m: FlowizeTableRowModel) {
  const { id, date_created, date_updated, ...data } = m.row;
  return {
    id: String(id ?? ''),
    createdAt: parseVendorDate(date_created, m.timeZone),
    updatedAt: parseVendorDate(date_updated, m.timeZone),
    data,
  };
}

/** The row's own columns: everything but the id and the system dates. */
export function tableRowFields(m: FlowizeTableRowModel) {
  let mapped = mappedRows.get(m);
  if (!mapped) {
    mapped = mapTableRow(m);
    mappedRows.set(m, mapped);
  }
  return mapped;
}

/** GraphQL where → the table where body, checking each operator's value shape. */
export function toTableWhere(
  where:
    | {
        condition?: FlowizeCondition | null;
        rules: { field: string; operator: FlowizeTableOperatorName; value?: unknown }[];
      }
    | null
    | undefined,
  arg = 'where',
): FlowizeTableWhere | undefined {
  if (!where) return undefined;
  if (where.rules.length === 0) throw badUserInput(`${arg}.rules must not be empty`);
  const rules = where.rules.map((r, i) => {
    const at = `${arg}.rules[${i}]`;
    if (r.field.trim() === '') throw badUserInput(`${at}.field must not be empty`);
    const value = r.value ?? null;
    switch (r.operator) {
      case 'BETWEEN':
      case 'NOT_BETWEEN':
        if (!Array.isArray(value) || value.length !== 2 || !value.every(isScalar))
          throw badUserInput(`${at}.value must be [low, high] for ${r.operator}`);
        break;
      case 'IN':
      case 'NOT_IN':
        if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar))
          throw badUserInput(`${at}.value must be a non-empty list for ${r.operator}`);
        break;
      case 'IS_EMPTY':
      case 'IS_NOT_EMPTY':
        if (value !== null) throw badUserInput(`${at}.value must be omitted for ${r.operator}`);
        break;
      default:
        if (!isScalar(value)) throw badUserInput(`${at}.value must be a string, number or boolean for ${r.operator}`);
    }
    return { field: r.field, operator: TABLE_OPERATORS[r.operator], value };
  });
  return { condition: where.condition ?? 'AND', rules };
}

/** `row`/`values` (one object) or `columns` (a list): exactly one, as column → value. */
export function toTableColumns(
  object: unknown,
  columns: { name: string; value?: unknown }[] | null | undefined,
  names: { object: string; columns: string },
): Record<string, unknown> {
  if ((object === null || object === undefined) === (columns === null || columns === undefined)) {
    throw badUserInput(`give exactly one of ${names.object} and ${names.columns}`);
  }
  let values: Record<string, unknown>;
  if (columns) {
    values = {};
    for (const [i, c] of columns.entries()) {
      if (c.name.trim() === '') throw badUserInput(`${names.columns}[${i}].name must not be empty`);
      if (Object.hasOwn(values, c.name)) throw badUserInput(`${names.columns} names ${c.name} twice`);
      values[c.name] = c.value ?? null;
    }
  } else {
    if (!isPlainObject(object)) throw badUserInput(`${names.object} must be a JSON object of column → value`);
    values = { ...object };
  }
  if (Object.keys(values).length === 0)
    throw badUserInput(`${names.object} or ${names.columns} must name at least one column`);
  if ('id' in values) throw badUserInput('id is chosen by Flowize and cannot be written');
  return values;
}
