/**
 * Appmixer simulator — unprocessed messages (list, read, retry back into the engine, delete) and
 * files (list with filter/sort/offset/limit, metadata).
 */
import type { Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { applyFilters, boom, sendPage, single, userRoutes } from './protocol.js';
import type { AppmixerState, SimUnprocessed, SimUser } from './seed.js';

/** The user's unprocessed message `id`; answers 404 itself otherwise. */
function findMessage(state: AppmixerState, user: SimUser, id: string, res: Response): SimUnprocessed | undefined {
  const message = state.unprocessed.find((m) => m.messageId === id && m.userId === user.id);
  if (!message) boom(res, 404, `Message ${id} not found.`);
  return message;
}

export function registerMessageRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const route = userRoutes(router, ctx);
  const view = ({ userId: _u, ...message }: SimUnprocessed) => message;

  route.get('/unprocessed-messages', (req, res, user, state) =>
    ctx.sendJson(req, res, 200, state.unprocessed.filter((m) => m.userId === user.id).map(view)),
  );

  route.get('/unprocessed-messages/:messageId', (req, res, user, state) => {
    const message = findMessage(state, user, req.params.messageId, res);
    if (message) ctx.sendJson(req, res, 200, view(message));
  });

  /** POST retries the message (back into the engine), DELETE drops it: both take it off the list. */
  for (const method of ['post', 'delete'] as const) {
    route[method]('/unprocessed-messages/:messageId', (req, res, user, state) => {
      const message = findMessage(state, user, req.params.messageId, res);
      if (!message) return;
      state.unprocessed = state.unprocessed.filter((m) => m !== message);
      if (method === 'post') state.requeued.push(message.messageId);
      res.json({});
    });
  }

  route.get('/files', (req, res, user, state) => {
    const includeSource = single(req.query.includeComponentSourceFiles) === 'true';
    const mine = state.files.filter(
      (f) => f.metadata.userId === user.id && (includeSource || !f.metadata.isSourceFile),
    );
    const filter = single(req.query.filter);
    sendPage(ctx, req, res, () => applyFilters(mine, filter ? [filter] : [], res), true);
  });

  route.get('/files/metadata/:fileId', (req, res, user, state) => {
    const file = state.files.find((f) => f.fileId === req.params.fileId && f.metadata.userId === user.id);
    if (!file) return boom(res, 404, `File ${req.params.fileId} not found.`);
    ctx.sendJson(req, res, 200, file);
  });
}
