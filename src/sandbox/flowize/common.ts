/**
 * What the Flowize simulator's route files share: the sandbox credentials, the error body, auth
 * checks and record creation. Kept apart from index.ts so route files never import the index back.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { violation, type SimulatorContext } from '../framework.js';
import type { FlowizeState, SimFlow, SimRecord } from './seed.js';

export const SANDBOX_CREDENTIALS = {
  clientId: 'sandbox-flowize-client',
  clientSecret: 'sandbox-flowize-secret-0000',
  apiKey: 'sandbox-flowize-apikey-0000',
  appKey: 'sandbox-app',
  orgApiKey: 'sandbox-flowize-org-key-0000',
};

/** Access tokens live this long in the simulator (seconds). */
export const TOKEN_TTL_S = 3600;

/** `{resource: [], error: {code, message}}` with the given status. */
export function flowizeError(res: Response, status: number, message: string, code: number = status): void {
  res.status(status).json({ resource: [], error: { code, message } });
}

/** Reads an X-* parameter from its header, or its URL twin (headers win, as documented). */
export function param(req: Request, header: string, query?: string): string | undefined {
  const h = req.header(header);
  if (h !== undefined && h !== '') return h;
  const q = query ? req.query[query] : undefined;
  return typeof q === 'string' && q !== '' ? q : undefined;
}

/**
 * Authenticates a request in any documented mode and checks the scope it needs. Answers the
 * error itself and returns false when the caller may not proceed.
 */
export function authorize(state: FlowizeState, req: Request, res: Response, scope?: string): boolean {
  const auth = req.header('authorization');
  let scopes: string | undefined;
  if (auth) {
    const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
    const entry = token ? state.tokens.get(token) : undefined;
    if (!entry || entry.expiresAt * 1000 <= Date.now()) {
      flowizeError(res, 403, 'Invalid Token Error', 436);
      return false;
    }
    scopes = req.header('x-scopes');
  } else if (req.header('x-apikey')) {
    if (req.header('x-apikey') !== SANDBOX_CREDENTIALS.apiKey || req.header('x-app') !== SANDBOX_CREDENTIALS.appKey) {
      flowizeError(res, 401, 'The API key or application is not valid');
      return false;
    }
    scopes = req.header('x-scopes');
  } else if (typeof req.query.api_key === 'string') {
    if (req.query.api_key !== SANDBOX_CREDENTIALS.apiKey || req.query.app_key !== SANDBOX_CREDENTIALS.appKey) {
      flowizeError(res, 401, 'The API key or application is not valid');
      return false;
    }
    scopes = typeof req.query.scopes === 'string' ? req.query.scopes : undefined;
  } else {
    flowizeError(res, 401, 'Missing credentials');
    return false;
  }
  if (state.blockedIp) {
    flowizeError(res, 403, 'Ip not valid', 437);
    return false;
  }
  if (scope && !hasScope(scopes, scope)) {
    violation(res, 'auth.scope', `X-Scopes "${scopes ?? ''}" does not grant ${scope}`, 401);
    flowizeError(res, 401, `The scope ${scope} is required for this request`);
    return false;
  }
  return true;
}

/**
 * Route registration for a collection of named entries (tables, keystores): each route is
 * authorised and its handler runs only when the path parameter `param` names an entry, else
 * Flowize's 404 `<label> <name> not found`.
 */
export function entryRoutes<Entry>(
  router: Router,
  ctx: SimulatorContext<FlowizeState>,
  collection: (state: FlowizeState) => Record<string, Entry>,
  [param, label]: [param: string, label: string],
) {
  return (
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    handler: (entry: Entry, req: Request, res: Response) => void,
  ) =>
    router[method](path, (req: Request, res: Response) => {
      if (!authorize(ctx.state, req, res)) return;
      const name = String(req.params[param]);
      const all = collection(ctx.state);
      const entry = Object.hasOwn(all, name) ? all[name] : undefined;
      if (!entry) return flowizeError(res, 404, `${label} ${name} not found`);
      handler(entry, req, res);
    });
}

/** A write scope (`record`) also grants its read scope (`record.read`), as the docs list "schema OR schema.read". */
function hasScope(given: string | undefined, needed: string): boolean {
  const list = (given ?? '').split(/[\s,]+/).filter(Boolean);
  return list.includes(needed) || (needed.endsWith('.read') && list.includes(needed.slice(0, -5)));
}

export function wall(date: Date | null): string {
  return date ? date.toISOString().replace('T', ' ').slice(0, 19) : '';
}

export const STATUS_NAMES = [
  'New',
  'Processing',
  'Finished',
  'Finished with errors',
  'Scheduled',
  'Reviewed',
  'Errors handled',
];

export function searchView(r: SimRecord) {
  return {
    id: String(r.id),
    uuid: r.uuid,
    flow_id: String(r.flowId),
    flow_name: r.flowName,
    flow_version: String(r.flowVersion),
    date_created: wall(r.created),
    date_started: wall(r.started),
    date_last_run: wall(r.lastRun),
    date_next_run: wall(r.nextRun),
    queue_status: r.queueStatus,
    dynamic_value: '',
    current_step: r.currentStep,
    num_runs: String(r.runs),
    flow_status: String(r.status),
    flow_status_name: STATUS_NAMES[r.status],
  };
}

/** GET /record's answer (resource and message), shared so both transports (REST and SOAP) answer the same record. */
export function recordAnswer(state: FlowizeState, r: SimRecord) {
  const resource = {
    info: {
      uuid: r.uuid,
      customer_id: state.customerId,
      flow_id: String(r.flowId),
      date_created: wall(r.created),
      status: STATUS_NAMES[r.status],
    },
    data_record: r.data,
    flow_process: { date_started: wall(r.started), date_last_run: wall(r.lastRun) },
    flow_objects_info: [],
  };
  return { resource, message: 'Data Record structure was retrieving successfully' };
}

/** GET /flowdiagram's answer (resource and message), shared by both transports. */
export function flowDiagramAnswer(state: FlowizeState, flow: SimFlow) {
  const resource = {
    customer: state.customerName,
    flow_name: flow.name,
    description: flow.description,
    // current_flow is free-form in the doc ("{{flow_information}}"); the flow's status lives there.
    current_flow: { ...(flow.diagram as object), status: flow.status },
    versions: flow.versions,
  };
  return { resource, message: 'Flow diagram is retrieving successfully' };
}

/**
 * The item a required X-* parameter (or its URL twin) names, matched by `key`. Answers 400 when
 * the parameter is absent and 404 with `notFound` when nothing matches, and returns undefined then.
 */
export function named<T>(
  req: Request,
  res: Response,
  [header, query, label]: [header: string, query: string, label: string],
  items: T[],
  key: (item: T) => string,
  notFound: string,
): T | undefined {
  const value = param(req, header, query);
  if (!value) return void flowizeError(res, 400, `${label} is required`);
  const item = items.find((x) => key(x) === value);
  if (!item) return void flowizeError(res, 404, notFound);
  return item;
}

export function parseWall(text: unknown): number | undefined {
  if (typeof text !== 'string' || !text) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m) return Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5], +m[6]);
  return NaN;
}

/** When a record last changed, for Last-Modified. */
export function recordModified(r: SimRecord): Date {
  return [r.modified, r.lastRun, r.started, r.created].reduce<Date>((a, d) => (d && d > a ? d : a), r.created);
}

/** The seeded flows' publication date (Last-Modified until a status change). */
export const FLOWS_PUBLISHED = new Date(Date.UTC(2023, 2, 15, 9, 0, 0));

/** Creates a record in the state; returns undefined when the uuid is taken. */
export function createRecord(
  state: FlowizeState,
  flowName: string,
  data: unknown,
  uuid: string | undefined,
  executeAt?: string,
): SimRecord | undefined {
  const id = uuid ?? randomUUID();
  if (state.records.some((r) => r.uuid === id)) return undefined;
  const flow = state.flows.find((f) => f.name === flowName)!;
  const scheduled = executeAt ? new Date(executeAt) : null;
  const record: SimRecord = {
    id: state.nextRecordId++,
    uuid: id,
    flowId: flow.id,
    flowName: flow.name,
    flowVersion: flow.version,
    created: new Date(),
    started: null,
    lastRun: null,
    nextRun: scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : null,
    queueStatus: '',
    currentStep: { type: 'start', text: 'start' },
    runs: 0,
    status: scheduled ? 4 : 0,
    data,
  };
  state.records.unshift(record);
  return record;
}

/**
 * POST /record's work, shared by both transports: one record per entry when `data` is a list (the
 * uuid only applies to a single record). Returns the created resource, or undefined when the uuid
 * is taken (the records created before the clash stay).
 */
export function insertRecords(
  state: FlowizeState,
  flowName: string,
  data: unknown,
  uuid: string | undefined,
  executeAt: string | undefined,
) {
  const records = Array.isArray(data) ? data : [data];
  const created: SimRecord[] = [];
  for (const one of records) {
    const record = createRecord(state, flowName, one, records.length === 1 ? uuid : undefined, executeAt);
    if (!record) return undefined;
    created.push(record);
  }
  const flow = state.flows.find((f) => f.name === flowName)!;
  return {
    flow_id: String(flow.id),
    flow_name: flow.name,
    data_record_id: created.map((r) => String(r.id)).join(','),
    data_record: data,
  };
}

// DTDs are refused before parsing, so only the five predefined entities can appear.
