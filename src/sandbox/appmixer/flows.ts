/**
 * Appmixer simulator — flows (list, count, read, create, update, delete, clone, coordinator) and
 * flow variables.
 */
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import {
  applyFilters,
  boom,
  isAdmin,
  jsonBody,
  list,
  project,
  refuse,
  sendCount,
  sendPage,
  single,
  userRoutes,
} from './protocol.js';
import { OUTPUT_FIELDS, uuidFrom, type AppmixerState, type SimComponent, type SimFlow, type SimUser } from './seed.js';

/** Flows a user may see: their own and those shared with them (an admin sees every flow). */
function visibleFlows(state: AppmixerState, user: SimUser, permissions?: string[]): SimFlow[] {
  return state.flows.filter((f) => {
    if (f.userId === user.id) return !permissions;
    const share = f.sharedWith.find((s) => s.email === user.email);
    if (share) return !permissions || permissions.every((p) => share.permissions.includes(p));
    return isAdmin(user) && !permissions;
  });
}

/** The flows matching a list request's filter, pattern and sharing parameters. */
function matchingFlows(state: AppmixerState, user: SimUser, req: Request, res: Response): SimFlow[] | undefined {
  const shared = single(req.query.sharedWithPermissions);
  let flows = visibleFlows(state, user, shared ? shared.split(',') : undefined);
  const filtered = applyFilters(flows, list(req.query.filter), res);
  if (!filtered) return undefined;
  flows = filtered;
  const pattern = single(req.query.pattern)?.toLowerCase();
  if (pattern) flows = flows.filter((f) => f.name.toLowerCase().includes(pattern) || f.flowId.includes(pattern));
  return flows;
}

/** The flow `:id` if the user may see it; answers 404 itself otherwise. */
function findFlow(state: AppmixerState, user: SimUser, id: string, res: Response, write = false): SimFlow | undefined {
  const flow = state.flows.find((f) => f.flowId === id);
  const share = flow?.sharedWith.find((s) => s.email === user.email);
  if (!flow || (flow.userId !== user.id && !share && !isAdmin(user))) {
    boom(res, 404, `Flow ${id} not found.`);
    return undefined;
  }
  if (write && flow.userId !== user.id && !isAdmin(user)) {
    boom(res, 403, 'You do not own this flow.');
    return undefined;
  }
  return flow;
}

/** Checks a flow descriptor: components keyed by id, each with a string `type`. */
function validDescriptor(value: unknown): value is Record<string, SimComponent> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((c) => c && typeof c === 'object' && typeof (c as SimComponent).type === 'string');
}

export function registerFlowRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const route = userRoutes(router, ctx);

  route.get('/flows', (req, res, user, state) =>
    sendPage(ctx, req, res, () => matchingFlows(state, user, req, res), true),
  );

  route.get('/flows/count', (req, res, user, state) => sendCount(ctx, req, res, matchingFlows(state, user, req, res)));

  route.get('/flows/:id', (req, res, user, state) => {
    const flow = findFlow(state, user, req.params.id, res);
    if (flow) ctx.sendJson(req, res, 200, project(flow, single(req.query.projection)));
  });

  route.post('/flows', (req, res, user, state) => {
    const body = jsonBody(req, res);
    if (!body) return;
    const descriptor = body.flow ?? {};
    if (!validDescriptor(descriptor)) return boom(res, 400, 'Invalid flow descriptor: every component needs a type.');
    if (body.name !== undefined && typeof body.name !== 'string') return boom(res, 400, '"name" must be a string');
    const now = new Date().toISOString();
    const flow: SimFlow = {
      flowId: uuidFrom(`flow:created:${++state.counters.ids}:${now}`),
      userId: user.id,
      name: (body.name as string | undefined) ?? 'New flow',
      stage: 'stopped',
      btime: now,
      mtime: now,
      sharedWith: [],
      customFields: (body.customFields as Record<string, unknown>) ?? {},
      thumbnail: typeof body.thumbnail === 'string' ? body.thumbnail : '',
      flow: descriptor,
    };
    state.flows.push(flow);
    res.status(200).json({ flowId: flow.flowId });
  });

  route.put('/flows/:id', (req, res, user, state) => {
    const flow = findFlow(state, user, req.params.id, res, true);
    if (!flow) return;
    const body = jsonBody(req, res);
    if (!body) return;
    if (body.flow !== undefined) {
      if (!validDescriptor(body.flow)) return boom(res, 400, 'Invalid flow descriptor: every component needs a type.');
      if (flow.stage === 'running')
        return boom(res, 400, 'Cannot update the descriptor of a running flow. Stop the flow first.');
      flow.flow = body.flow;
    }
    if (body.name !== undefined) {
      if (typeof body.name !== 'string' || !body.name) return boom(res, 400, '"name" must be a non-empty string');
      flow.name = body.name;
    }
    if (body.customFields !== undefined) flow.customFields = body.customFields as Record<string, unknown>;
    flow.mtime = new Date().toISOString();
    res.json({ flowId: flow.flowId });
  });

  route.delete('/flows/:id', (req, res, user, state) => {
    const flow = findFlow(state, user, req.params.id, res, true);
    if (!flow) return;
    state.flows = state.flows.filter((f) => f !== flow);
    res.json({ flowId: flow.flowId });
  });

  route.post('/flows/:id/clone', (req, res, user, state) => {
    const flow = findFlow(state, user, req.params.id, res);
    if (!flow) return;
    const now = new Date().toISOString();
    const clone: SimFlow = {
      ...structuredClone(flow),
      flowId: uuidFrom(`flow:clone:${++state.counters.ids}:${now}`),
      userId: user.id,
      name: `${flow.name} (copy)`,
      stage: 'stopped',
      btime: now,
      mtime: now,
      sharedWith: [],
    };
    state.flows.push(clone);
    res.json({ cloneId: clone.flowId });
  });

  route.post('/flows/:id/coordinator', (req, res, user, state) => {
    const flow = findFlow(state, user, req.params.id, res);
    if (!flow) return;
    const share = flow.sharedWith.find((x) => x.email === user.email);
    const body = jsonBody(req, res);
    if (!body) return;
    const command = body.command;
    if (command !== 'start' && command !== 'stop')
      return refuse(res, 'body.shape', 400, '"command" must be one of [start, stop]');
    if (share && flow.userId !== user.id && !share.permissions.includes(command))
      return boom(res, 403, `You are not allowed to ${command} this flow.`);
    if (command === 'start' && Object.keys(flow.flow).length === 0)
      return boom(res, 400, 'Flow has no components. Add at least one component before starting it.');
    flow.stage = command === 'start' ? 'running' : 'stopped';
    flow.mtime = new Date().toISOString();
    res.json({ flowId: flow.flowId });
  });

  route.post('/variables/:flowId/fetch', (req, res, user, state) => {
    const flow = findFlow(state, user, req.params.flowId, res);
    if (!flow) return;
    const body = jsonBody(req, res);
    if (!body) return;
    const wanted = (body.components as { IDs?: unknown } | undefined)?.IDs;
    if (wanted !== undefined && (!Array.isArray(wanted) || !wanted.every((x) => typeof x === 'string'))) {
      return refuse(res, 'body.shape', 400, '"components.IDs" must be an array of component ids');
    }
    const ids = (wanted as string[] | undefined) ?? Object.keys(flow.flow);
    const components: Record<string, unknown> = {};
    for (const id of ids) {
      const component = flow.flow[id];
      if (!component) continue;
      const variables = Object.values(component.source ?? {}).flatMap((sources) =>
        Object.entries(sources).flatMap(([srcId, ports]) =>
          ports.flatMap((port) =>
            (OUTPUT_FIELDS[flow.flow[srcId]?.type ?? ''] ?? []).map((field) => ({
              label: `${flow.flow[srcId]?.label ?? srcId}: ${field}`,
              value: `{{{$.${srcId}.${port}.${field}}}}`,
              componentId: srcId,
              port,
              schema: { type: 'string' },
            })),
          ),
        ),
      );
      components[id] = { label: component.label, type: component.type, variables };
    }
    res.json({ components });
  });
}
