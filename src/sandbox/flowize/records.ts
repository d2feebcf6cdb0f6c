/**
 * Flowize simulator — record writes and flow operations: PUT/DELETE /v1/record, PUT
 * /v1/record/changestatus (queue actions), PUT /v1/record/movetoflow, POST /v1/webhook/{uri} and
 * PUT /v1/changeflowstatus, with the documented envelopes: `{resource, message}` for record
 * writes and webhooks, `{id, code, request-ip, resource, message, error}` for the per-record
 * answers, `{id, resource: "", message}` for flow status.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { STATUS_NAMES, authorize, createRecord, flowizeError, param } from './common.js';
import { parseBody } from './protocol.js';
import type { FlowizeState, SimFlow, SimRecord } from './seed.js';

/** The scopes a call carries: X-Scopes, the `scopes` header of the delete example, or `scopes` in the URL. */
function scopesOf(req: Request): string[] {
  const q = req.query.scopes;
  const text = req.header('x-scopes') ?? req.header('scopes') ?? (typeof q === 'string' ? q : '');
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Answers 401 unless one of `accepted` is among the call's scopes. */
function requireScope(req: Request, res: Response, accepted: string[]): boolean {
  const given = scopesOf(req);
  if (accepted.some((s) => given.includes(s))) return true;
  flowizeError(res, 401, `The scope ${accepted[0]} is required for this request`);
  return false;
}

/** `{id, code, request-ip, resource, message, error}` with a 200. */
function listEnvelope(req: Request, res: Response, records: unknown[], message: string): void {
  res.status(200).json({
    id: 'ok',
    code: 200,
    'request-ip': req.ip,
    resource: { records, total: records.length },
    message,
    error: null,
  });
}

/** The uuids of a queue action or move: a JSON array body (or X-Queue-Uuids when allowed). */
function uuidsOf(req: Request, headerName?: string): string[] | undefined {
  const body = parseBody(req);
  if (!body.ok) return undefined;
  if (body.value === undefined && headerName) {
    const header = req.header(headerName);
    return header
      ? header
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean)
      : undefined;
  }
  if (
    !Array.isArray(body.value) ||
    body.value.length === 0 ||
    !body.value.every((u) => typeof u === 'string' && u !== '')
  )
    return undefined;
  return body.value as string[];
}

/** Whether a record waits in the queue (new, paused or scheduled) rather than being run or done. */
const queued = (r: SimRecord) => (r.status === 0 || r.status === 4) && r.queueStatus !== 'deleted';

interface QueueAction {
  /** Whether the action applies to the record in its current state. */
  applies(r: SimRecord): boolean;
  apply(r: SimRecord, now: Date): void;
  /** Flowize's summary for `n` changed records. */
  message(n: number): string;
}

/**
 * What each X-Queue-Status does (the docs name the actions only; these semantics are the
 * simulator's reading of them). Records an action does not apply to are left out of the answer.
 */
const QUEUE_ACTIONS: Record<string, QueueAction> = {
  'pause-queue': {
    applies: (r) => queued(r) || r.status === 1,
    apply: (r) => {
      r.status = 0;
      r.queueStatus = 'paused';
    },
    message: (n) => `${n} datarecords paused`,
  },
  'resume-queue': {
    applies: (r) => r.queueStatus === 'paused',
    apply: (r, now) => {
      r.queueStatus = '';
      r.status = r.nextRun && r.nextRun > now ? 4 : 0;
    },
    message: (n) => `${n} datarecords resumed`,
  },
  'execute-queue': {
    applies: queued,
    apply: (r, now) => {
      r.status = 1;
      r.queueStatus = '';
      r.started ??= now;
      r.lastRun = now;
      r.nextRun = null;
      r.runs += 1;
      r.currentStep = { type: 'action', text: 'validate input' };
    },
    message: (n) => `${n} datarecords sent to execution`,
  },
  'delete-from-queue': {
    applies: queued,
    apply: (r) => {
      r.queueStatus = 'deleted';
      r.nextRun = null;
    },
    message: (n) => `${n} datarecords deleted from queue`,
  },
  'resume-and-continue': {
    applies: (r) => r.status === 3,
    apply: (r) => {
      r.status = 0;
      r.queueStatus = '';
    },
    message: (n) => `${n} datarecords resumed from error status`,
  },
};

function queueStatusKey(r: SimRecord): string {
  if (r.queueStatus === 'paused') return 'Paused';
  if (r.queueStatus === 'deleted') return 'Deleted from queue';
  return STATUS_NAMES[r.status];
}

/** X-Status transitions: the states a flow may be in for each target, and the verb of the message. */
export const FLOW_TRANSITIONS: Record<string, { from: SimFlow['status'][]; verb: string }> = {
  public: { from: ['draft', 'inactive'], verb: 'published' },
  paused: { from: ['running'], verb: 'stopped' },
  running: { from: ['paused', 'public'], verb: 'started' },
  inactive: { from: ['draft', 'public', 'running', 'paused'], verb: 'deactivated' },
};

export function registerRecordsRoutes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  const s = () => ctx.state;

  router.put('/v1/record', (req, res) => {
    if (!authorize(s(), req, res, 'record')) return;
    const uuid = param(req, 'x-uuid', 'uuid');
    if (!uuid) return flowizeError(res, 400, 'X-Uuid is required');
    const body = parseBody(req);
    if (!body.ok || body.value === undefined) return flowizeError(res, 400, 'The payload must be a JSON data record');
    const r = s().records.find((x) => x.uuid === uuid);
    if (!r) return flowizeError(res, 404, 'Data Record not found');
    r.data = body.value;
    r.modified = new Date();
    res.status(200).json({
      resource: { flow_name: r.flowName, customer_id: s().customerId, uuid: r.uuid, data_record: r.data },
      message: 'Data Record was updated successfully',
    });
  });

  router.delete('/v1/record', (req, res) => {
    if (!authorize(s(), req, res)) return;
    if (!requireScope(req, res, ['record.delete'])) return;
    const uuid = req.header('x-uuid') || req.header('uuid') || param(req, 'x-uuid', 'uuid');
    if (!uuid) return flowizeError(res, 400, 'uuid is required');
    const index = s().records.findIndex((x) => x.uuid === uuid);
    if (index < 0) return flowizeError(res, 404, 'Data Record not found');
    const [r] = s().records.splice(index, 1);
    res
      .status(200)
      .json({ resource: { flow_name: r.flowName, uuid: r.uuid }, message: 'Data Record was removed successfully' });
  });

  router.put('/v1/record/changestatus', (req, res) => {
    if (!authorize(s(), req, res)) return;
    const name = req.header('x-queue-status');
    if (!name) return flowizeError(res, 400, 'X-Queue-Status is required');
    const action = QUEUE_ACTIONS[name];
    if (!action)
      return flowizeError(res, 400, `X-Queue-Status must be one of ${Object.keys(QUEUE_ACTIONS).join(', ')}`);
    const uuids = uuidsOf(req, 'x-queue-uuids');
    if (!uuids) return flowizeError(res, 400, 'Send the uuids as a JSON array payload or in X-Queue-Uuids');
    const now = new Date();
    const changed: SimRecord[] = [];
    for (const uuid of new Set(uuids)) {
      const r = s().records.find((x) => x.uuid === uuid);
      if (!r || !action.applies(r)) continue;
      action.apply(r, now);
      r.modified = now;
      changed.push(r);
    }
    listEnvelope(
      req,
      res,
      changed.map((r) => ({ uuid: r.uuid, queue_status: String(r.status), queue_status_key: queueStatusKey(r) })),
      action.message(changed.length),
    );
  });

  router.put('/v1/record/movetoflow', (req, res) => {
    if (!authorize(s(), req, res)) return;
    const target = req.header('x-movetoflow-flow');
    if (!target) return flowizeError(res, 400, 'X-MoveToFlow-Flow is required');
    const uuids = uuidsOf(req);
    if (!uuids) return flowizeError(res, 400, 'The payload must be a JSON array of uuids');
    const flow = s().flows.find((f) => f.name === target);
    if (!flow) return flowizeError(res, 402, `Flow ${target} does not exist`);
    if (flow.status === 'inactive') return flowizeError(res, 402, `Flow ${target} is inactive`);
    const now = new Date();
    const moved: SimRecord[] = [];
    for (const uuid of new Set(uuids)) {
      const r = s().records.find((x) => x.uuid === uuid);
      if (!r) continue;
      Object.assign(r, {
        flowId: flow.id,
        flowName: flow.name,
        flowVersion: flow.version,
        status: 0,
        queueStatus: '',
        nextRun: null,
        currentStep: { type: 'start', text: 'start' },
        modified: now,
      } satisfies Partial<SimRecord>);
      moved.push(r);
    }
    listEnvelope(
      req,
      res,
      moved.map((r) => ({
        uuid: r.uuid,
        message: 'Data Record is moved to a new flow successfully and it is included in the queue.',
        movetoflow: flow.name,
      })),
      `${moved.length} flows moved to the new one`,
    );
  });

  // No credentials: the webhook uri, created in Flowize's front end, is what admits the caller.
  router.post('/v1/webhook/:uri', (req, res) => {
    const hook = s().webhooks[String(req.params.uri)];
    if (!hook) return flowizeError(res, 404, 'Webhook not found');
    const body = parseBody(req);
    if (!body.ok || body.value === undefined) return flowizeError(res, 400, 'The payload must be JSON');
    const flow = s().flows.find((f) => f.name === hook.flowName)!;
    if (flow.status === 'inactive') return flowizeError(res, 402, `Flow ${flow.name} is inactive`);
    // A webhook call feeds its flow: the payload becomes a new data record there.
    createRecord(s(), flow.name, body.value, undefined);
    hook.received.push(body.value);
    res.status(201).json({
      resource: {
        _id: { $id: randomBytes(12).toString('hex') },
        customer_id: s().customerId,
        plugin_id: 'webhook',
        application_id: String(req.params.uri),
        date_created: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
        data: { flow_id: String(flow.id) },
      },
      message: 'Data stored successfully',
    });
  });

  router.put('/v1/changeflowstatus', (req, res) => {
    if (!authorize(s(), req, res)) return;
    // The oauth2 example sends X-Scopes: flowdiagram, the parameter table says record: both pass.
    if (!requireScope(req, res, ['flowdiagram', 'record'])) return;
    const id = param(req, 'x-flow-id', 'flow_id');
    if (!id || !/^\d+$/.test(id)) return flowizeError(res, 400, 'X-Flow-Id must be the numeric flow id');
    const status = param(req, 'x-status', 'status');
    const transition = status ? FLOW_TRANSITIONS[status] : undefined;
    if (!status || !transition)
      return flowizeError(res, 400, `X-Status must be one of ${Object.keys(FLOW_TRANSITIONS).join(', ')}`);
    const flow = s().flows.find((f) => f.id === Number(id));
    if (!flow) return flowizeError(res, 404, 'Flow diagram not found');
    if (flow.status === status)
      return res.status(200).json({ id: 'ok', resource: '', message: `Flow diagram is already ${status}` });
    if (!transition.from.includes(flow.status))
      return flowizeError(res, 402, `Flow diagram ${flow.name} is ${flow.status} and cannot be ${transition.verb}`);
    flow.status = status as SimFlow['status'];
    flow.modified = new Date();
    res.status(200).json({ id: 'ok', resource: '', message: `Flow diagram has been ${transition.verb} successfully` });
  });
}
