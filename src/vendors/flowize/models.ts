/**
 * Flowize wire shapes (what the client returns) and the one place they are mapped to the shapes
 * GraphQL resolvers serve. Codegen `mappers` point the Flowize types at these models.
 */
import { parseVendorDate } from '../../dates.js';

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

export const RECORD_STATUSES = ['NEW', 'PROCESSING', 'FINISHED', 'FINISHED_WITH_ERRORS', 'SCHEDULED', 'REVIEWED', 'ERRORS_HANDLED'] as const;
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

function intOrNull(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

function idOrNull(value: unknown): string | null {
  return value === '' || value === null || value === undefined ? null : String(value);
}

/** Maps the fields a search result carries. */
export function summaryFields(s: FlowizeSearchRecord, zone: string) {
  return {
    id: idOrNull(s.id),
    flowId: idOrNull(s.flow_id),
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
  };
}

/** Maps the fields GET /record carries. */
export function detailFields(d: FlowizeRecordDetail, zone: string) {
  return {
    flowId: idOrNull(d.info.flow_id),
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
