/**
 * The Appmixer simulator: `POST /user/auth` issuing signed JWTs that expire, Bearer auth on every
 * other call, admin-only options, Boom error bodies, bare-array lists with sibling `/count`
 * endpoints, Insights logs with searchAfter, and a seeded tenant (users, flows in both stages,
 * a week of logs, accounts, apps, people tasks, data stores, unprocessed messages, files).
 */
import type { Router } from 'express';
import type { SimulatorContext, SimulatorDefinition } from '../framework.js';
import { registerAccountRoutes } from './accounts.js';
import { registerFlowRoutes } from './flows.js';
import { registerLogRoutes } from './logs.js';
import { registerMessageRoutes } from './messages.js';
import { boom, issueToken, jsonBody, refuse, userRoutes } from './protocol.js';
import { SANDBOX_USERS, seedAppmixer, type AppmixerState } from './seed.js';
import { registerStoreRoutes } from './stores.js';
import { registerTaskRoutes } from './tasks.js';

export { SANDBOX_USERS, type AppmixerState } from './seed.js';

function routes(router: Router, ctx: SimulatorContext<AppmixerState>): void {
  const s = () => ctx.state;

  router.post('/user/auth', (req, res) => {
    const body = jsonBody(req, res);
    if (!body) return;
    if (typeof body.password !== 'string' || !body.password)
      return refuse(res, 'body.shape', 400, 'child "password" fails because ["password" is required]');
    const login =
      typeof body.username === 'string' ? body.username : typeof body.email === 'string' ? body.email : undefined;
    if (!login) return refuse(res, 'body.shape', 400, '"value" must contain at least one of [username, email]');
    const user = s().users.find((u) => (typeof body.username === 'string' ? u.username === login : u.email === login));
    if (!user || user.password !== body.password || !user.isActive)
      return boom(res, 401, 'Invalid username or password.');
    s().counters.logins += 1;
    const { password: _p, ...view } = user;
    res.json({ user: view, token: issueToken(s(), user) });
  });

  userRoutes(router, ctx).get('/user', (req, res, user) => {
    const { password: _p, ...view } = user;
    ctx.sendJson(req, res, 200, view);
  });

  registerFlowRoutes(router, ctx);
  registerLogRoutes(router, ctx);
  registerAccountRoutes(router, ctx);
  registerTaskRoutes(router, ctx);
  registerStoreRoutes(router, ctx);
  registerMessageRoutes(router, ctx);
}

export const appmixerSimulator: SimulatorDefinition<AppmixerState> = {
  name: 'appmixer',
  seed: seedAppmixer,
  routes,
  env: (url) => ({
    APPMIXER_BASE_URL: url,
    APPMIXER_USERNAME: SANDBOX_USERS.gateway.username,
    APPMIXER_PASSWORD: SANDBOX_USERS.gateway.password,
  }),
  actions: {
    /** Every issued token expires now (the gateway only learns it from a 401). */
    expireTokens: (state) => {
      const past = Math.floor(Date.now() / 1000) - 1;
      for (const entry of state.tokens.values()) entry.exp = past;
    },
    /** GET /logs answers flat hits (fields at the top level, no `sort`) from now on. */
    flatLogs: (state) => {
      state.logShape = 'flat';
    },
    /** The gateway user's password changes: every sign-in with the old one fails. */
    changePassword: (state) => {
      state.users[0].password = `${state.users[0].password}-rotated`;
    },
  },
};
