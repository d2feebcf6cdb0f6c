/**
 * Appmixer simulator — connected accounts (list with repeatable, negatable filters; rename) and
 * apps (an object keyed by app name, ACL-filtered; `ignoreACL` admin-only) with their components.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { applyFilters, boom, isAdmin, jsonBody, list, single, refuse, userRoutes } from './protocol.js';
import type { AppmixerState } from './seed.js';

export function registerAccountRoutes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const route = userRoutes(router, ctx);

  route.get('/accounts', (req, res, user, state) => {
    const accounts = applyFilters(
      state.accounts.filter((a) => a.userId === user.id),
      list(req.query.filter),
      res,
    );
    if (accounts) ctx.sendJson(req, res, 200, accounts);
  });

  route.put('/accounts/:accountId', (req, res, user, state) => {
    const account = state.accounts.find((a) => a.accountId === req.params.accountId && a.userId === user.id);
    if (!account) return boom(res, 404, `Account ${req.params.accountId} not found.`);
    const body = jsonBody(req, res);
    if (!body) return;
    const extra = Object.keys(body).filter((k) => k !== 'displayName');
    if (extra.length > 0)
      return refuse(res, 'body.shape', 400, `"${extra[0]}" is not allowed. Only displayName can be updated.`);
    if (typeof body.displayName !== 'string') return refuse(res, 'body.shape', 400, '"displayName" is required');
    account.displayName = body.displayName;
    res.json(account);
  });

  route.get('/apps', (req, res, user, state) => {
    const ignoreACL = single(req.query.ignoreACL) === 'true';
    if (ignoreACL && !isAdmin(user))
      return refuse(res, 'auth.scope', 400, 'ignoreACL can only be used by admin users.');
    const apps = state.apps.filter((a) => ignoreACL || isAdmin(user) || !a.restricted);
    ctx.sendJson(
      req,
      res,
      200,
      Object.fromEntries(
        apps.map(({ name, label, category, description, icon }) => [
          name,
          { name, label, category, description, icon },
        ]),
      ),
    );
  });

  route.get('/apps/components', (req, res, user, state) => {
    const name = single(req.query.app);
    if (!name) return refuse(res, 'query', 400, '"app" is required');
    const app = state.apps.find((a) => a.name === name && (isAdmin(user) || !a.restricted));
    if (!app) return boom(res, 404, `App ${name} not found.`);
    ctx.sendJson(req, res, 200, app.components);
  });
}
