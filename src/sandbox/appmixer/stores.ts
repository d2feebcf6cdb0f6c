/**
 * Appmixer simulator — data stores (list, read, create, rename, delete with their records) and
 * records (count, list with offset/limit/sort, set with a text/plain body, rename/update by PATCH).
 */
import type { Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { applySort, authenticate, boom, jsonBody, paging, refuse, single } from './protocol.js';
import { objectId, type AppmixerState, type SimStore, type SimUser } from './seed.js';

function findStore(state: AppmixerState, user: SimUser, id: string | undefined, res: Response): SimStore | undefined {
  if (!id) {
    refuse(res, 'query', 400, '"storeId" is required');
    return undefined;
  }
  const store = state.stores.find((x) => x.storeId === id && x.userId === user.id);
  if (!store) boom(res, 404, `Store ${id} not found.`);
  return store;
}

export function registerStoreRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const s = () => ctx.state;

  router.get('/stores', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    ctx.sendJson(
      req,
      res,
      200,
      s()
        .stores.filter((x) => x.userId === user.id)
        .map(({ name, storeId }) => ({ name, storeId })),
    );
  });

  router.get('/stores/:id', (req, res) => {
    const user = authenticate(s(), req, res);
    const store = user && findStore(s(), user, req.params.id, res);
    if (store) ctx.sendJson(req, res, 200, { name: store.name, storeId: store.storeId });
  });

  router.post('/stores', (req, res) => {
    const user = authenticate(s(), req, res);
    if (!user) return;
    const body = jsonBody(req, res);
    if (!body) return;
    if (typeof body.name !== 'string' || !body.name.trim()) return boom(res, 400, '"name" is required');
    const store: SimStore = {
      storeId: objectId(`store:created:${++s().counters.ids}:${Date.now()}`),
      name: body.name,
      userId: user.id,
    };
    s().stores.push(store);
    res.json({ storeId: store.storeId });
  });

  router.put('/stores/:id', (req, res) => {
    const user = authenticate(s(), req, res);
    const store = user && findStore(s(), user, req.params.id, res);
    if (!store) return;
    const body = jsonBody(req, res);
    if (!body) return;
    if (typeof body.name !== 'string' || !body.name.trim()) return boom(res, 400, '"name" is required');
    store.name = body.name;
    res.json({ name: store.name, storeId: store.storeId });
  });

  router.delete('/stores/:id', (req, res) => {
    const user = authenticate(s(), req, res);
    const store = user && findStore(s(), user, req.params.id, res);
    if (!store) return;
    s().stores = s().stores.filter((x) => x !== store);
    s().records = s().records.filter((r) => r.storeId !== store.storeId);
    res.json({});
  });

  router.get('/store/count', (req, res) => {
    const user = authenticate(s(), req, res);
    const store = user && findStore(s(), user, single(req.query.storeId), res);
    if (store) ctx.sendJson(req, res, 200, { count: s().records.filter((r) => r.storeId === store.storeId).length });
  });

  router.get('/store', (req, res) => {
    const user = authenticate(s(), req, res);
    const store = user && findStore(s(), user, single(req.query.storeId), res);
    if (!store) return;
    const page = paging(req, res);
    if (!page) return;
    const sorted = applySort(
      s().records.filter((r) => r.storeId === store.storeId),
      single(req.query.sort),
      res,
    );
    if (sorted) ctx.sendJson(req, res, 200, sorted.slice(page.offset, page.offset + page.limit));
  });

  router.post('/store/:storeId/:key', (req, res) => {
    const user = authenticate(s(), req, res);
    const store = user && findStore(s(), user, req.params.storeId, res);
    if (!user || !store) return;
    if (!/^text\/plain\b/i.test(req.header('content-type') ?? ''))
      return refuse(res, 'content-type', 415, 'The record value must be sent as text/plain.');
    const value = typeof req.body === 'string' ? req.body : '';
    const now = new Date().toISOString();
    let record = s().records.find((r) => r.storeId === store.storeId && r.key === req.params.key);
    if (record) {
      record.value = value;
      record.updatedAt = now;
    } else {
      record = { key: req.params.key, value, storeId: store.storeId, userId: user.id, createdAt: now, updatedAt: now };
      s().records.push(record);
    }
    res.json(record);
  });

  router.patch('/store/:storeId/:key', (req, res) => {
    const user = authenticate(s(), req, res);
    const store = user && findStore(s(), user, req.params.storeId, res);
    if (!store) return;
    const record = s().records.find((r) => r.storeId === store.storeId && r.key === req.params.key);
    if (!record) return boom(res, 404, `Key ${req.params.key} not found in store ${store.storeId}.`);
    const body = jsonBody(req, res);
    if (!body) return;
    if (body.key === undefined && body.value === undefined) return boom(res, 400, 'Provide "key" and/or "value".');
    if (body.key !== undefined) {
      if (typeof body.key !== 'string' || !body.key) return boom(res, 400, '"key" must be a non-empty string');
      if (body.key !== record.key && s().records.some((r) => r.storeId === store.storeId && r.key === body.key)) {
        return boom(res, 409, `Key ${body.key} already exists in store ${store.storeId}.`);
      }
      record.key = body.key;
    }
    if (body.value !== undefined) record.value = body.value;
    record.updatedAt = new Date().toISOString();
    res.json(record);
  });
}
