/**
 * Appmixer simulator — unprocessed messages (list, read, retry back into the engine, delete) and
 * files (list with filter/sort/offset/limit, metadata).
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { applyFilters, applySort, authenticate, boom, paging, project, single } from './protocol.js';
import type { AppmixerState } from './seed.js';

export function registerMessageRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const s = () => ctx.state;
  const view = ({ userId: _u, ...message }: AppmixerState['unprocessed'][number]) => message;

  router.get('/unprocessed-messages', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    ctx.sendJson(
      req,
      res,
      200,
      s()
        .unprocessed.filter((m) => m.userId === user.id)
        .map(view),
    );
  });

  router.get('/unprocessed-messages/:messageId', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    const message = s().unprocessed.find((m) => m.messageId === req.params.messageId && m.userId === user.id);
    if (!message) return boom(res, 404, `Message ${req.params.messageId} not found.`);
    ctx.sendJson(req, res, 200, view(message));
  });

  router.post('/unprocessed-messages/:messageId', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    const message = s().unprocessed.find((m) => m.messageId === req.params.messageId && m.userId === user.id);
    if (!message) return boom(res, 404, `Message ${req.params.messageId} not found.`);
    s().unprocessed = s().unprocessed.filter((m) => m !== message);
    s().requeued.push(message.messageId);
    res.json({});
  });

  router.delete('/unprocessed-messages/:messageId', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    const message = s().unprocessed.find((m) => m.messageId === req.params.messageId && m.userId === user.id);
    if (!message) return boom(res, 404, `Message ${req.params.messageId} not found.`);
    s().unprocessed = s().unprocessed.filter((m) => m !== message);
    res.json({});
  });

  router.get('/files', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    const page = paging(req, res);
    if (!page) return;
    const includeSource = single(req.query.includeComponentSourceFiles) === 'true';
    const mine = s().files.filter((f) => f.metadata.userId === user.id && (includeSource || !f.metadata.isSourceFile));
    const filter = single(req.query.filter);
    const filtered = applyFilters(mine, filter ? [filter] : [], res);
    const sorted = filtered && applySort(filtered, single(req.query.sort), res);
    if (!sorted) return;
    const projection = single(req.query.projection);
    ctx.sendJson(
      req,
      res,
      200,
      sorted.slice(page.offset, page.offset + page.limit).map((f) => project(f, projection)),
    );
  });

  router.get('/files/metadata/:fileId', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    const file = s().files.find((f) => f.fileId === req.params.fileId && f.metadata.userId === user.id);
    if (!file) return boom(res, 404, `File ${req.params.fileId} not found.`);
    ctx.sendJson(req, res, 200, file);
  });
}
