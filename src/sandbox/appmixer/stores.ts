/**
 * Appmixer simulator — data stores (list, read, create, rename, delete with their records) and
 * records (count, list with offset/limit/sort, set with a text/plain body, rename/update by PATCH).
 */
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { boom, jsonBody, refuse, sendCount, sendPage, single, userRoutes } from './protocol.js';
import { objectId, type AppmixerState, type SimStore, type SimStoreRecord, type SimUser } from './seed.js';

function findStore(state: AppmixerState, user: SimUser, id: string | undefined, res: Response): SimStore | undefined {
  if (!id) {
    refuse(res, 'query', 400, '"storeId" is required');
    return undefined;
  }
  const store = state.stores.find((x) => x.storeId === id && x.userId === user.id);
  if (!store) boom(res, 404, `Store ${id} not found.`);
  return store;
}

/** The `name` of a body creating or renaming a store; answers 400/415 itself when there is none. */
function storeName(req: Request, res: Response): string | undefined {
  const body = jsonBody(req, res);
  if (!body) return undefined;
  if (typeof body.name !== 'string' || !body.name.trim()) return void boom(res, 400, '"name" is required');
  return body.name;
}

/** What store reads answer: the name and id (not the owner). */
function storeView({ name, storeId }: SimStore): { name: string; storeId: string } {
  return { name, storeId };
}

function recordsOf(state: AppmixerState, store: SimStore): SimStoreRecord[] {
  return state.records.filter((r) => r.storeId === store.storeId);
}

export function registerStoreRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const route = userRoutes(router, ctx);

  route.get('/stores', (req, res, user, state) =>
    ctx.sendJson(req, res, 200, state.stores.filter((x) => x.userId === user.id).map(storeView)),
  );

  route.get('/stores/:id', (req, res, user, state) => {
    const store = findStore(state, user, req.params.id, res);
    if (store) ctx.sendJson(req, res, 200, storeView(store));
  });

  route.post('/stores', (req, res, user, state) => {
    const name = storeName(req, res);
    if (name === undefined) return;
    const store: SimStore = {
      storeId: objectId(`store:created:${++state.counters.ids}:${Date.now()}`),
      name,
      userId: user.id,
    };
    state.stores.push(store);
    res.json({ storeId: store.storeId });
  });

  route.put('/stores/:id', (req, res, user, state) => {
    const store = findStore(state, user, req.params.id, res);
    const name = store && storeName(req, res);
    if (!store || name === undefined) return;
    store.name = name;
    res.json(storeView(store));
  });

  route.delete('/stores/:id', (req, res, user, state) => {
    const store = findStore(state, user, req.params.id, res);
    if (!store) return;
    state.stores = state.stores.filter((x) => x !== store);
    state.records = state.records.filter((r) => r.storeId !== store.storeId);
    res.json({});
  });

  route.get('/store/count', (req, res, user, state) => {
    const store = findStore(state, user, single(req.query.storeId), res);
    if (store) sendCount(ctx, req, res, recordsOf(state, store));
  });

  route.get('/store', (req, res, user, state) => {
    const store = findStore(state, user, single(req.query.storeId), res);
    if (store) sendPage(ctx, req, res, () => recordsOf(state, store));
  });

  route.post('/store/:storeId/:key', (req, res, user, state) => {
    const store = findStore(state, user, req.params.storeId, res);
    if (!store) return;
    if (!/^text\/plain\b/i.test(req.header('content-type') ?? ''))
      return refuse(res, 'content-type', 415, 'The record value must be sent as text/plain.');
    const value = typeof req.body === 'string' ? req.body : '';
    const now = new Date().toISOString();
    let record = state.records.find((r) => r.storeId === store.storeId && r.key === req.params.key);
    if (record) {
      record.value = value;
      record.updatedAt = now;
    } else {
      record = { key: req.params.key, value, storeId: store.storeId, userId: user.id, createdAt: now, updatedAt: now };
      state.records.push(record);
    }
    res.json(record);
  });

  route.patch('/store/:storeId/:key', (req, res, user, state) => {
    const store = findStore(state, user, req.params.storeId, res);
    if (!store) return;
    const record = state.records.find((r) => r.storeId === store.storeId && r.key === req.params.key);
    if (!record) return boom(res, 404, `Key ${req.params.key} not found in store ${store.storeId}.`);
    const body = jsonBody(req, res);
    if (!body) return;
    if (body.key === undefined && body.value === undefined) return boom(res, 400, 'Provide "key" and/or "value".');
    if (body.key !== undefined) {
      if (typeof body.key !== 'string' || !body.key) return boom(res, 400, '"key" must be a non-empty string');
      if (body.key !== record.key && state.records.some((r) => r.storeId === store.storeId && r.key === body.key)) {
        return boom(res, 409, `Key ${body.key} already exists in store ${store.storeId}.`);
      }
      record.key = body.key;
    }
    if (body.value !== undefined) record.value = body.value;
    record.updatedAt = new Date().toISOString();
    res.json(record);
  });
}
