/**
 * Appmixer simulator — people tasks: list and count (role, status filter, title pattern,
 * offset/limit, sort), read, create, approve and reject (approver only, pending tasks only).
 */
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { applyFilters, boom, jsonBody, refuse, sendCount, sendPage, single, userRoutes } from './protocol.js';
import { objectId, type AppmixerState, type SimTask, type SimUser } from './seed.js';

function matching(state: AppmixerState, user: SimUser, req: Request, res: Response): SimTask[] | undefined {
  const role = single(req.query.role);
  if (role !== undefined && role !== 'approver' && role !== 'requester') {
    refuse(res, 'query', 400, '"role" must be one of [approver, requester]');
    return undefined;
  }
  let tasks = state.tasks.filter((t) =>
    role ? t[role] === user.email : t.approver === user.email || t.requester === user.email,
  );
  const filter = single(req.query.filter);
  const filtered = applyFilters(tasks, filter ? [filter] : [], res);
  if (!filtered) return undefined;
  tasks = filtered;
  const pattern = single(req.query.pattern)?.toLowerCase();
  if (pattern) tasks = tasks.filter((t) => t.title.toLowerCase().includes(pattern));
  return tasks;
}

export function registerTaskRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const route = userRoutes(router, ctx);

  route.get('/people-task/tasks', (req, res, user, state) =>
    sendPage(ctx, req, res, () => matching(state, user, req, res)),
  );

  route.get('/people-task/tasks-count', (req, res, user, state) =>
    sendCount(ctx, req, res, matching(state, user, req, res)),
  );

  route.get('/people-task/tasks/:id', (req, res, user, state) => {
    const task = state.tasks.find((t) => t.id === req.params.id);
    if (!task) return boom(res, 404, `Task ${req.params.id} not found.`);
    if (task.approver !== user.email && task.requester !== user.email && !task.public)
      return boom(res, 403, 'You are not allowed to see this task.');
    ctx.sendJson(req, res, 200, task);
  });

  route.post('/people-task/tasks', (req, res, user, state) => {
    const body = jsonBody(req, res);
    if (!body) return;
    for (const key of ['title', 'requester', 'approver', 'decisionBy'] as const) {
      if (typeof body[key] !== 'string' || !body[key]) return boom(res, 400, `"${key}" is required`);
    }
    if (Number.isNaN(Date.parse(body.decisionBy as string))) return boom(res, 400, '"decisionBy" must be a valid date');
    const now = new Date().toISOString();
    const task: SimTask = {
      id: objectId(`task:created:${++state.counters.ids}:${now}`),
      title: body.title as string,
      description: typeof body.description === 'string' ? body.description : '',
      requester: body.requester as string,
      approver: body.approver as string,
      decisionBy: new Date(body.decisionBy as string).toISOString(),
      status: 'pending',
      public: body.public === true,
      created: now,
      mtime: now,
    };
    state.tasks.unshift(task);
    res.json(task);
  });

  for (const decision of ['approve', 'reject'] as const) {
    route.put(`/people-task/tasks/:id/${decision}`, (req, res, user, state) => {
      const task = state.tasks.find((t) => t.id === req.params.id);
      if (!task) return boom(res, 404, `Task ${req.params.id} not found.`);
      if (task.approver !== user.email) return boom(res, 403, 'Only the approver can decide this task.');
      if (task.status !== 'pending') return boom(res, 400, `Task is already ${task.status}.`);
      task.status = decision === 'approve' ? 'approved' : 'rejected';
      task.decisionMade = new Date().toISOString();
      task.mtime = task.decisionMade;
      res.json(task);
    });
  }
}
